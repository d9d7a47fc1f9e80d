"""Verification of accel IR in the Python context, against the op definitions.

MLIR's own verifier cannot check accel ops in the pip build (they are unregistered
ops); `verify_accel` does, and the same definitions give the IRDL file with which
iree-opt checks them too.
"""

from __future__ import annotations

from accel.core.diagnostics import AccelError, Diagnostic
from accel.dialects.accel import ACCEL
from accel.dialects.ods import DIALECT, TOKEN_TEXT, VerifyError, verify_operation
from accel.core.mlir import ir

_PREFIX = DIALECT + "."


def accel_operations(root: ir.Operation) -> list[ir.Operation]:
    """Every accel op nested in `root`, in pre-order."""
    found = []

    def visit(op):
        if op.name.startswith(_PREFIX):
            found.append(op)
        return ir.WalkResult.ADVANCE

    root.walk(visit)
    return found


def _unknown_accel_type(types) -> str | None:
    for type_ in types:
        text = str(type_)
        if text.startswith("!" + DIALECT + ".") and text != TOKEN_TEXT:
            return text
    return None


def verify_accel(root: "ir.Operation | ir.Module") -> None:
    """Checks every accel op under `root`; raises AccelError listing each problem."""
    root = root.operation
    diagnostics: list[Diagnostic] = []

    def visit(op):
        unknown_type = _unknown_accel_type(list(op.result_types) if hasattr(op, "result_types") else [r.type for r in op.results])
        if unknown_type:
            diagnostics.append(Diagnostic(f"unknown type '{unknown_type}' in the accel dialect", op.location))
        # Block arguments (function arguments, loop-carried values) are defined by no op result.
        for region in op.regions:
            for block in region.blocks:
                for argument in block.arguments:
                    unknown_type = _unknown_accel_type([argument.type])
                    if unknown_type:
                        diagnostics.append(Diagnostic(f"unknown type '{unknown_type}' in the accel dialect", argument.location))
        if not op.name.startswith(_PREFIX):
            return ir.WalkResult.ADVANCE
        definition = ACCEL.lookup(op.name)
        if definition is None:
            diagnostics.append(Diagnostic(f"unknown operation '{op.name}' in the accel dialect", op.location))
            return ir.WalkResult.ADVANCE
        try:
            verify_operation(definition, op)
        except VerifyError as error:
            diagnostics.append(Diagnostic(error.message, (error.operation or op).location))
        return ir.WalkResult.ADVANCE

    root.walk(visit)
    if diagnostics:
        raise AccelError(diagnostics)
