"""Shared helpers of accel's pytest suite: an MLIR context, parsing, and turning an
op's docstring example into a function that parses on its own.

An op example is one or more generic-form op lines whose operands are free SSA
values (`%x`); `wrap_example` makes those the arguments of a function, typed from the
op's own generic type signature, so the example parses, verifies and runs through
iree-opt exactly as written.
"""

from __future__ import annotations

import re

import pytest

from accel.core.mlir import ir, make_context, parse_module

# `%q, %s = "accel.quantize"(%x) <rest>`: results, op name, operand list, the rest.
_GENERIC_OP = re.compile(
    r'^\s*(?:(?P<results>%[\w$.]+(?:\s*,\s*%[\w$.]+)*)\s*=\s*)?"(?P<name>[\w$.]+)"\((?P<operands>[^)]*)\)(?P<rest>.*)$'
)
_OPENERS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _top_level_colon(text: str) -> int:
    """Index of the ':' that starts the function type, skipping attribute dicts,
    properties and regions (nested brackets, quoted strings, '->' arrows)."""
    depth = 0
    quoted = False
    i = 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == "\\":
                i += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif text.startswith("->", i):
            i += 1
        elif char in _OPENERS:
            depth += 1
        elif char in _OPENERS.values():
            depth -= 1
        elif char == ":" and depth == 0:
            return i
        i += 1
    raise ValueError(f"no function type in generic op text: {text!r}")


def _ssa_names(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def wrap_example(example: str, name: str = "example") -> str:
    """A `func.func @name` whose body is `example` (generic-form op lines); values the
    example uses but does not define become arguments, typed from the op's signature."""
    context = make_context()
    defined: set[str] = set()
    arguments: dict[str, str] = {}
    for line in example.splitlines():
        match = _GENERIC_OP.match(line)
        if not match:
            raise ValueError(f"not a generic-form op: {line!r}")
        rest = match.group("rest")
        function_type = ir.Type.parse(rest[_top_level_colon(rest) + 1 :].strip(), context=context)
        operands = _ssa_names(match.group("operands"))
        if len(operands) != len(function_type.inputs):
            raise ValueError(f"{len(operands)} operands but {len(function_type.inputs)} operand types: {line!r}")
        for operand, type_ in zip(operands, function_type.inputs):
            if operand not in defined and operand not in arguments:
                arguments[operand] = str(type_)
        defined.update(_ssa_names(match.group("results") or ""))
    signature = ", ".join(f"{value}: {type_}" for value, type_ in arguments.items())
    body = "\n".join("  " + line.strip() for line in example.splitlines())
    return f"func.func @{name}({signature}) {{\n{body}\n  return\n}}\n"


def op_position(text: str, op_name: str) -> tuple[int, int]:
    """(line, column), 1-based, of the first `"op_name"` in `text`: where MLIR
    locates that op (its name, not its results)."""
    needle = f'"{op_name}"'
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(needle)
        if column >= 0:
            return number, column + 1
    raise ValueError(f"{op_name} not in text")


@pytest.fixture
def context():
    """A context made by accel (unregistered accel ops allowed), entered with an
    unknown location so builders can create ops."""
    ctx = make_context()
    with ctx, ir.Location.unknown():
        yield ctx


@pytest.fixture
def parse(context):
    """Parses module text in the test's context."""

    def parse_text(text: str) -> ir.Module:
        return parse_module(text, context)

    return parse_text
