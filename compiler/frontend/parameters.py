"""Named weights: the `util.global`s the frontends create, and their values.

The PyTorch and ONNX frontends import every weight as an external parameter
reference, `util.global private @NAME = #flow.parameter.named<"model"::"NAME">`
(ONNX: `#stream.parameter.named`, the same attribute's newer spelling), whatever
their size or device. From there a weight is either

- bound (`weights="inline"`): `bind_parameters` makes the initial value a
  `dense_resource` blob over the caller's array, without a copy, so the module is
  self-contained and the CPU target compiles and runs it; or
- left external (`weights="external"`): the module names its weights, and the values
  live in an IREE parameter archive (`save_parameters`, .irpa; run with
  `iree-run-module --parameters=model=FILE.irpa`) or nowhere (a meta-device model).
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np

from accel.compiler.frontend.options import WEIGHTS
from accel.compiler.weights import named_parameter
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir

PARAMETER_SCOPE = "model"


def check_weights(weights: str, parameters_path: "str | Path | None" = None) -> None:
    """AccelError unless `weights` is a mode and an archive comes only with external weights."""
    if weights not in WEIGHTS:
        raise AccelError(f"unknown weights mode '{weights}' (modes: {', '.join(WEIGHTS)})", "--weights")
    if parameters_path is not None and weights != "external":
        raise AccelError("a parameter archive holds external weights: use weights='external'", str(parameters_path))


def parameter_globals(module: ir.Module) -> dict[str, tuple[str, str]]:
    """Symbol -> (scope, name) of each `util.global` initialized from a named parameter."""
    found = {}
    for op in module.body.operations:
        if op.operation.name == "util.global" and "initial_value" in op.attributes:
            reference = named_parameter(op.attributes["initial_value"])
            if reference is not None:
                found[ir.StringAttr(op.attributes["sym_name"]).value] = reference
    return found


def parameter_sizes(module: ir.Module) -> dict[str, int]:
    """Parameter name -> bytes of its global's tensor, for the globals that reference
    a named parameter (what an archive for the module must hold)."""
    sizes = {}
    with module.context:
        symbols = ir.SymbolTable(module.operation)
        for symbol, (_, name) in parameter_globals(module).items():
            sizes[name] = _byte_size(ir.TypeAttr(symbols[symbol].attributes["type"]).value) or 0
    return sizes


def bind_parameters(module: ir.Module, arrays: Mapping[str, np.ndarray], scope: str = PARAMETER_SCOPE) -> int:
    """Gives each global that references parameter `scope::NAME`, NAME in `arrays`,
    the array's bytes as a `dense_resource` blob (sharing the array's memory, which the
    module keeps alive). An array's dtype need not match the global's element type,
    only its size in bytes (bfloat16 weights come as raw bytes). Returns the number of
    globals bound."""
    bound = 0
    with module.context:
        symbols = ir.SymbolTable(module.operation)
        for symbol, (parameter_scope, name) in parameter_globals(module).items():
            if parameter_scope != scope or name not in arrays:
                continue
            op = symbols[symbol]
            tensor_type = ir.TypeAttr(op.attributes["type"]).value
            array = np.ascontiguousarray(arrays[name])
            expected = _byte_size(tensor_type)
            if expected is not None and array.nbytes != expected:
                raise AccelError(f"weight '{name}' has {array.nbytes} bytes, but its global (@{symbol}: {tensor_type}) holds {expected}", op.location)
            op.attributes["initial_value"] = ir.DenseResourceElementsAttr.get_from_buffer(array, name, tensor_type)
            bound += 1
    return bound


def _byte_size(tensor_type: ir.RankedTensorType) -> int | None:
    """Bytes of a dense blob of `tensor_type` (elements narrower than a byte take a
    byte each, as in numpy); None for element types without a width."""
    element = tensor_type.element_type
    if isinstance(element, ir.ComplexType):
        element = element.element_type
        lanes = 2
    else:
        lanes = 1
    width = getattr(element, "width", None)
    if width is None:
        return None
    return int(np.prod(tensor_type.shape, dtype=np.int64)) * lanes * max(width, 8) // 8


def save_parameters(path: "str | Path", arrays: Mapping[str, np.ndarray]) -> None:
    """Writes `arrays` to an IREE parameter archive (.irpa), keyed by name."""
    import iree.runtime

    index = iree.runtime.ParameterIndex()
    for name, array in arrays.items():
        index.add_buffer(name, np.ascontiguousarray(array))
    try:
        index.create_archive_file(str(path))
    except (OSError, RuntimeError, ValueError) as error:
        raise AccelError(f"cannot write the parameter archive: {error}", str(path)) from None
