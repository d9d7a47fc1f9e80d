"""The one place accel takes MLIR and IREE's Python bindings from.

Every other module imports `ir`, `passmanager`, `rewrite` and the upstream dialect
modules from here, so the binding package can change in one place, and every MLIR
context accel uses is made by `make_context` (accel ops are unregistered ops in the
pip build of IREE: the context must allow unregistered dialects).
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile

from iree.compiler import ir, passmanager, rewrite  # noqa: F401  (re-exported)
from iree.compiler.dialects import (  # noqa: F401  (re-exported)
    arith,
    builtin,
    func,
    linalg,
    math,
    memref,
    scf,
    tensor,
)
from iree.compiler.dialects.transform import interpreter as transform_interpreter  # noqa: F401

__all__ = [
    "ir",
    "passmanager",
    "rewrite",
    "arith",
    "builtin",
    "func",
    "linalg",
    "math",
    "memref",
    "scf",
    "tensor",
    "transform_interpreter",
    "FUNCTION_OPS",
    "functions",
    "find_function",
    "symbol_name",
    "make_context",
    "parse_module",
    "move_to_context",
    "captured_native_stderr",
]


def make_context(context: ir.Context | None = None) -> ir.Context:
    """Returns `context` (or a new context) set up for accel IR.

    Pass the context of an `iree.compiler.api.Session` to compile in-process in the
    same context IREE's pipeline runs in.
    """
    context = context if context is not None else ir.Context()
    context.allow_unregistered_dialects = True
    # A Session's context has IREE's dialects registered but not loaded. An op built
    # from Python in an unloaded dialect (linalg.generic) becomes an unregistered op
    # (allowed above) with a region, and printing it crashes. The parser loads
    # dialects on demand; builders do not.
    context.load_all_available_dialects()
    return context


# The ops a function can be: func.func, and util.func after IREE's input conversion.
FUNCTION_OPS = ("func.func", "util.func")


def _operation(op) -> ir.Operation:
    return op.operation if hasattr(op, "operation") else op


def symbol_name(op) -> str:
    """The `sym_name` of a symbol op (a function, a global)."""
    return ir.StringAttr(_operation(op).attributes["sym_name"]).value


def functions(module) -> list[ir.Operation]:
    """The top-level functions (FUNCTION_OPS) of a module (an ir.Module or its op), in order."""
    operation = _operation(module)
    return [op.operation for op in operation.regions[0].blocks[0].operations if op.operation.name in FUNCTION_OPS]


def _is_public(op: ir.Operation) -> bool:
    return "sym_visibility" not in op.attributes or ir.StringAttr(op.attributes["sym_visibility"]).value == "public"


def find_function(module, name: str | None = None, *, option: str | None = None) -> ir.Operation:
    """The function `name` of `module`, or (no name) its only public function; a
    function given for `module` is returned as is (if it has that name). Raises a located AccelError when
    there is no such function or the choice is ambiguous: at `option` (the option that
    names the function, e.g. "--function", which the message then suggests) if given;
    an ambiguity at the second public function. A parsed module has no location of
    its own ("-":0:0): other errors are left unlocated (the caller's file)."""
    from accel.core.diagnostics import AccelError, Diagnostic  # diagnostics imports this module

    operation = _operation(module)
    given = operation.name in FUNCTION_OPS
    found = [operation] if given else functions(operation)
    if name is not None:
        for op in found:
            if symbol_name(op) == name:
                return op
        names = ", ".join("@" + symbol_name(f) for f in found) or "none"
        raise AccelError([Diagnostic(f"no function @{name} in the module (it has: {names})", option)])
    public = [op for op in found if given or _is_public(op)]
    if len(public) != 1:
        names = ", ".join("@" + symbol_name(f) for f in public) or "none"
        hint = f": name one with {option}" if option else ": name one"
        raise AccelError([Diagnostic(f"the module has {len(public)} public functions ({names}){hint}", public[1].location if public else None)])
    return public[0]

# The parser names its buffer "-" when parsing from a string; diagnostics map it back.
PARSER_BUFFER_NAME = "-"


def parse_module(text: str, context: ir.Context, *, line_offset: int = 0) -> ir.Module:
    """Parses `text` as a module (wrapping top-level ops as mlir-opt does).

    `line_offset` shifts reported lines, for chunks of a file split with
    `--split-input-file`: blank lines are prepended so positions match the file.
    Raises ir.MLIRError with located diagnostics on malformed input.
    """
    return ir.Module.parse("\n" * line_offset + text, context=context)


def move_to_context(operation: "ir.Operation | ir.Module", context: ir.Context) -> ir.Module:
    """A copy of `operation` (a module) in `context`. Bytecode is the cheapest way
    across contexts, and keeps locations."""
    buffer = io.BytesIO()
    operation.operation.write_bytecode(buffer)
    return ir.Module.parse(buffer.getvalue(), context=context)


@contextlib.contextmanager
def captured_native_stderr():
    """Captures what native code (LLVM's option parser) writes to fd 2.

    Yields a list that receives the captured text on exit, so a caller can put it
    into a diagnostic instead of letting it reach the user's terminal unannounced.
    """
    captured: list[str] = []
    with tempfile.TemporaryFile(mode="w+b") as sink:
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield captured
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read().decode(errors="replace"))
