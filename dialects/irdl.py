"""Emits the accel dialect as IRDL, from the same definitions the Python verifier uses.

`iree-opt --irdl-file=dialects/accel.irdl.mlir` then knows the accel ops: it rejects
unknown accel ops, wrong operand/result counts, missing attributes and attribute
values outside their enums. Element types, shapes and memory spaces are checked by
the Python verifier only (IRDL cannot constrain the parameters of builtin types).

Regenerate the checked-in file with:

    python -m accel.dialects.irdl -o dialects/accel.irdl.mlir
"""

from __future__ import annotations

import argparse
import sys

from accel.dialects.accel import ACCEL
from accel.dialects.ods import Dialect, OpDef

HEADER = (
    "// Generated from dialects/accel.py by `python -m accel.dialects.irdl -o dialects/accel.irdl.mlir`.\n"
    "// Do not edit: a test fails when this file and the definitions disagree.\n"
)


class _Body:
    """Collects the IRDL ops of one definition, numbering SSA values."""

    def __init__(self, indent: str):
        self.indent = indent
        self.lines: list[str] = []

    def value(self, op_text: str) -> str:
        name = f"%{len(self.lines)}"
        self.lines.append(f"{self.indent}{name} = {op_text}")
        return name

    def add(self, text: str) -> None:
        self.lines.append(self.indent + text)


def _operation(op: type[OpDef]) -> list[str]:
    body = _Body("    ")
    # Each use gets its own constraint value: IRDL binds a value to one type, so a
    # shared value would force two operands to have the same type.
    operands = []
    for operand in op.OPERANDS:
        name = body.value(operand.constraint.irdl_text)
        kind = "variadic " if operand.variadic else "optional " if operand.optional else ""
        operands.append(f"{operand.name}: {kind}{name}")
    # IRDL has no optional attributes (irdl.attributes requires each it lists).
    attributes = [f'"{attr.name}" = {attr.constraint.irdl_lines(body.value)}' for attr in op.ATTRIBUTES if not attr.optional]
    results = [f"{result.name}: {body.value(result.constraint.irdl_text)}" for result in op.RESULTS]
    if operands:
        body.add(f"irdl.operands({', '.join(operands)})")
    if attributes:
        body.add(f"irdl.attributes {{{', '.join(attributes)}}}")
    if results:
        body.add(f"irdl.results({', '.join(results)})")
    return [f"  // {op.summary()}", f"  irdl.operation @{op.NAME} {{", *body.lines, "  }"]


def emit_irdl(dialect: Dialect = ACCEL) -> str:
    lines = [HEADER.rstrip("\n"), f"irdl.dialect @{dialect.name} {{"]
    for type_def in dialect.types:
        lines += [f"  // {type_def.summary}", f"  irdl.type @{type_def.name} {{", "  }"]
    for attr_def in dialect.attributes:
        body = _Body("    ")
        values = [body.value(f'irdl.is "{v}"') for v in attr_def.values]
        choice = body.value(f"irdl.any_of({', '.join(values)})")
        body.add(f"irdl.parameters({attr_def.parameter}: {choice})")
        lines += [f"  // {attr_def.summary}", f"  irdl.attribute @{attr_def.name} {{", *body.lines, "  }"]
    for op in dialect.ops.values():
        lines += _operation(op)
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accel.dialects.irdl", description="Emit the accel dialect as IRDL.")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    args = parser.parse_args(argv)
    text = emit_irdl()
    if args.output:
        with open(args.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
