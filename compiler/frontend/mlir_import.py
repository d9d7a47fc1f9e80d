"""L0 -> L1: IREE's input conversion, in-process, for every dialect a frontend emits.

`convert_to_linalg(module, dialect)` runs IREE's own input pipeline for `dialect`
(the pipelines `iree-compile` runs for `--iree-input-type=...`) through accel's
pass-pipeline driver, in the module's context; `detect_input_dialect` decides the
dialect the way IREE's auto input conversion does; `from_mlir` is both for MLIR text.

Two deliberate differences from `iree-compile`'s input phase:

- `torch-to-iree{emit-async-entry-points=false}`: public functions keep their tensor
  signatures (`util.func @main(%arg0: tensor<1x16xi64>) -> tensor<...>`) instead of
  IREE's `!hal.buffer_view` + fences ABI, which is added later by IREE's own pipeline
  when the CPU target compiles the module. The IR stays at the tensor level for
  accel's passes, and `accel.compile` reads argument shapes from it.
- StableHLO and TOSA, whose weights are tensor constants, get
  `iree-flow-outline-constants`: every non-splat tensor constant becomes a
  `util.global` (`@__constant_tensor_4x8xf32`), as weights are in the PyTorch and
  ONNX frontends' output (there named after the parameter, see parameters.py).
"""

from __future__ import annotations

from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import AccelError, Diagnostic, from_mlir_error
from accel.core.mlir import functions, ir, make_context, parse_module

# The ops IREE keeps whole through torch's decompositions (IREE's BackendLegalOps):
# their decompositions lose structure that IREE's lowerings use.
BACKEND_LEGAL_OPS = (
    "aten.flatten.using_ints",
    "aten.unflatten.int",
    "aten.adaptive_avg_pool1d",
    "aten.adaptive_avg_pool2d",
    "aten.adaptive_max_pool1d",
    "aten.fft_rfft",
    "aten.convolution_backward",
    "aten.scaled_dot_product_attention",
)
TORCH_TO_IREE = "torch-to-iree{emit-async-entry-points=false}"
OUTLINE_CONSTANTS = "iree-flow-outline-constants"
CLEANUP = "canonicalize, cse"

# Input dialect -> the pipeline that takes it to linalg on tensors (L1).
INPUT_PIPELINES = {
    "torch": f"{TORCH_TO_IREE}, {CLEANUP}",
    "onnx": (
        f"torch-onnx-to-torch-backend-pipeline{{backend-legal-ops={','.join(BACKEND_LEGAL_OPS)}}}, "
        f"{TORCH_TO_IREE}, {CLEANUP}"
    ),
    "stablehlo": f"iree-stablehlo-input-transformation-pipeline, {OUTLINE_CONSTANTS}, {CLEANUP}",
    "tosa": f"iree-tosa-input-transformation-pipeline, {OUTLINE_CONSTANTS}, {CLEANUP}",
    "linalg": "",
}

# Op namespace -> the input dialect it belongs to.
_NAMESPACES = {"torch": "torch", "torch_c": "torch", "stablehlo": "stablehlo", "chlo": "stablehlo", "tosa": "tosa"}
_ONNX_OPSET = "torch.onnx_meta.opset_version"


def detect_input_dialect(module: ir.Module) -> str:
    """"torch", "onnx", "stablehlo", "tosa" or "linalg" (nothing to convert).

    ONNX is torch ops in a function marked with an ONNX opset. Raises AccelError at
    the first op of a second input dialect (IREE converts one per module), at a
    VHLO op (a serialized portable artifact: deserialize it first), and at ops of
    no registered dialect other than accel's own (which are already past import).
    """
    found: dict[str, ir.Operation] = {}
    problems: list[Diagnostic] = []
    context = module.context

    def visit(op):
        namespace = op.name.split(".", 1)[0]
        if namespace == "vhlo":
            problems.append(Diagnostic(f"'{op.name}' is VHLO (a portable StableHLO artifact): deserialize it to StableHLO first (stablehlo-translate --deserialize)", op.location))
        elif namespace != "accel" and not context.is_registered_operation(op.name):
            problems.append(Diagnostic(f"'{op.name}' is not an operation of an input dialect accel imports (torch, ONNX, StableHLO, TOSA, linalg)", op.location))
        elif namespace in _NAMESPACES:
            found.setdefault(_NAMESPACES[namespace], op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if problems:
        raise AccelError(problems[:5])
    if len(found) > 1:
        (first, _), (second, op) = list(found.items())[:2]
        raise AccelError(f"the module mixes {first} and {second} operations: IREE converts one input dialect per module", op.location)
    if not found:
        return "linalg"
    dialect = next(iter(found))
    if dialect == "torch" and any(_ONNX_OPSET in op.attributes for op in functions(module)):
        return "onnx"
    return dialect


def convert_to_linalg(module: ir.Module, dialect: str | None = None) -> str:
    """Runs the input pipeline of `dialect` (detected if None) on `module` in place;
    returns the dialect. AccelError with IREE's located diagnostics on failure."""
    dialect = dialect or detect_input_dialect(module)
    if dialect not in INPUT_PIPELINES:
        raise AccelError(f"no input conversion for '{dialect}' (known: {', '.join(INPUT_PIPELINES)})")
    if INPUT_PIPELINES[dialect]:
        Pipeline.parse(INPUT_PIPELINES[dialect]).run(module)
    return dialect


def from_mlir(text: str | bytes, *, context: ir.Context | None = None, filename: str = "<input>") -> ir.Module:
    """Parses MLIR (text, or bytecode as bytes) in torch (fx importer), ONNX-as-torch
    (iree-import-onnx), StableHLO, TOSA or linalg form and returns it as linalg on
    tensors (L1), in `context` (a new accel context if None). `filename` names the
    input in errors."""
    context = context if context is not None else make_context()
    try:
        module = parse_module(text, context) if isinstance(text, str) else ir.Module.parse(text, context=context)
    except ir.MLIRError as error:
        raise from_mlir_error(error) from None
    if not functions(module):
        raise AccelError("the module has no function to import (func.func or util.func)", filename)
    convert_to_linalg(module)
    return module


def rename_symbols(module: ir.Module, names: dict[str, str]) -> None:
    """Renames top-level symbols (old -> new) and every reference to them. A new name
    already taken keeps the old one: names are a convenience, never a reason to fail."""
    with module.context:
        table = ir.SymbolTable(module.operation)
        # The table is a snapshot: track the names taken as renaming goes on.
        taken = {ir.StringAttr(op.attributes["sym_name"]).value for op in module.body.operations if "sym_name" in op.attributes}
        for old, new in names.items():
            if old == new or old not in taken or new in taken:
                continue
            ir.SymbolTable.set_symbol_name(table[old], new)
            ir.SymbolTable.replace_all_symbol_uses(old, new, module.operation)
            taken.discard(old)
            taken.add(new)
