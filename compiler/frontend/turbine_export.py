"""iree-turbine's `aot.export(...)` result (an ExportOutput) as an input of accel.

    exported = aot.export(model, args=(x,))       # from iree.turbine import aot
    artifact = accel.compile(exported, target="cpu")

An ExportOutput holds the program in torch dialect (`exported.mlir_module`, in the
context of its own IREE session). `from_turbine_export` copies it into the caller's
context and converts it to linalg on tensors with the torch input pipeline of
accel's frontends (mlir_import.INPUT_PIPELINES["torch"]); `accel.iree` instead hands
the torch IR to IREE's own input phase. Recognizing an ExportOutput imports nothing,
so accel does not load torch for other inputs.
"""

from __future__ import annotations

from accel.core.mlir import ir, move_to_context


def is_turbine_export(source) -> bool:
    """True for an iree-turbine ExportOutput (recognized by its class, without
    importing iree.turbine and torch)."""
    kind = type(source)
    return kind.__name__ == "ExportOutput" and kind.__module__.startswith("iree.turbine")


def turbine_module(exported, context: ir.Context) -> ir.Module:
    """A copy of the ExportOutput's module (torch dialect) in `context`."""
    return move_to_context(exported.mlir_module, context)


def from_turbine_export(exported, context: ir.Context) -> ir.Module:
    """The ExportOutput's program as linalg on tensors (L1) in `context`, the form
    `accel.compile` takes; AccelError with IREE's located diagnostics on failure."""
    from accel.compiler.frontend.mlir_import import convert_to_linalg

    module = turbine_module(exported, context)
    convert_to_linalg(module, "torch")
    return module


__all__ = ["from_turbine_export", "is_turbine_export", "turbine_module"]
