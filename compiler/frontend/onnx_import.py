"""ONNX -> L1: IREE's ONNX importer (what `iree-import-onnx` runs), in-process.

    module = from_onnx("model.onnx", context=compiler.context)

The model is loaded, checked and shape-inferred by the same code as
`iree-import-onnx` (external data next to the file is read; models over protobuf's
2 GB limit go through ONNX's file-based shape inference), then imported straight
into the caller's context as ONNX ops in the torch dialect (`torch.operator
"onnx.Gemm"`) by the importer of `iree-import-onnx --externalize-params`: each
initializer of at least 100 elements (the tool's threshold; smaller ones, shape
operands among them, must stay constants for shape inference) becomes a
`util.global` named after the initializer that references parameter
`"model"::NAME`. As with the PyTorch frontend, `weights="inline"` binds those to
the initializers' bytes (parameters.bind_parameters), `weights="external"` leaves the
references (and `parameters_path` writes an .irpa). Then
`torch-onnx-to-torch-backend-pipeline` and `torch-to-iree` lower it (mlir_import).
"""

from __future__ import annotations

from pathlib import Path

from accel.compiler.frontend.mlir_import import convert_to_linalg
from accel.compiler.frontend.parameters import bind_parameters, check_weights, save_parameters
from accel.compiler.frontend.requirements import require
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir, make_context

_PURPOSE = "the ONNX frontend"
onnx = require("onnx", _PURPOSE)
from iree.compiler.extras import onnx_importer  # noqa: E402  (needs onnx, checked above)
from iree.compiler.tools.import_onnx.__main__ import load_onnx_model, parse_arguments  # noqa: E402
from iree.compiler.tools.import_onnx.importer_externalization_overrides import IREENodeImporter, ParamData  # noqa: E402


def _tool_arguments(path: Path):
    """iree-import-onnx's options for `path` with parameters externalized, its defaults
    otherwise (the loader and the importer read them)."""
    return parse_arguments([str(path), "--externalize-params"])


def load_onnx(path: str | Path):
    """The checked, shape-inferred ModelProto of `path`; AccelError if it is not one."""
    path = Path(path)
    if not path.is_file():
        raise AccelError("cannot read input: " + ("Is a directory" if path.is_dir() else "No such file or directory"), str(path))
    try:
        return load_onnx_model(_tool_arguments(path))
    except Exception as error:  # noqa: BLE001 - protobuf, checker and inference errors all mean "not a valid model"
        lines = [line.strip() for line in str(error).splitlines() if line.strip()]
        detail = lines[0] if lines else type(error).__name__
        raise AccelError(f"not a valid ONNX model: {detail}", str(path)) from None


def from_onnx(
    path: str | Path,
    *,
    context: ir.Context | None = None,
    weights: str = "inline",
    parameters_path: str | Path | None = None,
) -> ir.Module:
    """Imports the ONNX model at `path` as linalg on tensors, in `context` (a new accel
    context if None). Its function is the graph's, named after it, with the graph's
    input and output shapes; initializers are named `util.global`s (see the module
    docstring for `weights` and `parameters_path`)."""
    check_weights(weights, parameters_path)
    path = Path(path)
    model = load_onnx(path)
    arguments = _tool_arguments(path)
    context = context if context is not None else make_context()
    info = onnx_importer.ModelInfo(model)
    settings = ParamData(
        param_bit_threshold=None,
        num_elements_threshold=arguments.num_elements_threshold,
        params_scope=arguments.params_scope,
        data_dir=str(path.parent),
        param_path=None,  # the importer's own archive writer is not used
        input_index_threshold=None,
    )
    try:
        module = info.create_module(context=context)
        importer = IREENodeImporter.define_function(info.main_graph, module.operation, settings)
        importer.import_all()
    except onnx_importer.OnnxImportError as error:
        raise AccelError(f"cannot import the ONNX model: {error}", str(path)) from None
    if weights == "inline" or parameters_path is not None:
        arrays = {
            importer.sanitize_name(name): onnx.numpy_helper.to_array(info.main_graph.initializer_map[name], base_dir=str(path.parent))
            for name, _ in importer.globals
        }
        if weights == "inline":
            bind_parameters(module, arrays, scope=arguments.params_scope)
        else:
            save_parameters(parameters_path, arrays)
    convert_to_linalg(module, "onnx")
    return module
