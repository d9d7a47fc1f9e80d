"""PyTorch -> L1 (linalg on tensors), in-process.

    module = from_torch(model, (input_ids,), context=compiler.context)

The path, and why each step is there:

1. `torch.export.export(model, args, strict=False).run_decompositions()`: the
   non-strict exporter runs the model's Python as written (transformers 5.x models
   do not trace under the strict one) and the core-ATen decompositions leave only ops
   IREE's torch lowering handles.
2. Every tensor the program reads (parameters, buffers persistent or not, lifted
   constants) is marked as an external parameter named by its fully qualified name,
   then iree-turbine's `aot.export(program)` runs the fx importer. Each weight becomes
   `util.global private @NAME = #flow.parameter.named<"model"::"NAME">`. This is
   what makes the import generic: non-persistent buffers (rotary `inv_freq`), which
   the fx importer would otherwise inline as literals, are named globals like the
   rest; weights on the meta device are never read; and the torch-level module is
   small, so moving it into accel's context is cheap.
3. The module moves into the caller's context (a `CpuCompiler`'s, to compile without
   a copy); the globals lose turbine's `__auto.` prefix.
4. `weights="inline"` binds each global to the tensor's memory as a `dense_resource`
   blob (no copy: the module keeps the tensor alive and sees its current values);
   `weights="external"` leaves the named references, optionally writing the values
   to an IREE parameter archive (.irpa; `iree-run-module --parameters=model=FILE`).
5. IREE's `torch-to-iree` (see mlir_import) lowers the torch dialect to linalg.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import numpy as np

from accel.compiler.frontend.mlir_import import convert_to_linalg, rename_symbols
from accel.compiler.frontend.parameters import PARAMETER_SCOPE, bind_parameters, check_weights, parameter_globals, save_parameters
from accel.compiler.frontend.requirements import require
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir, make_context, move_to_context

_PURPOSE = "the PyTorch frontend"
torch = require("torch", _PURPOSE)
aot = require("iree.turbine.aot", _PURPOSE)
from iree.turbine.aot.tensor_traits import ExternalTensorTrait  # noqa: E402  (after the check above)

EXAMPLE_INPUTS = "example inputs"
# turbine's symbol for the global of an external tensor: this prefix + its name.
_TURBINE_PREFIX = "__auto."


@contextlib.contextmanager
def _quiet_libraries():
    """torch.export and turbine warn about their own API churn (pytree, deprecated
    spellings), and torch logs the traceback of a failed trace before raising:
    nothing for the user of accel, who gets the error itself as an AccelError."""
    disabled = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", DeprecationWarning)
            yield
    finally:
        logging.disable(disabled)


def error_summary(error: BaseException, limit: int = 300) -> str:
    """An exception from torch or transformers in one line: its first lines (the
    cause usually follows a heading line; tracebacks of traced code run to pages)."""
    text = " ".join(line.strip() for line in str(error).splitlines()[:3] if line.strip())
    if len(text) > limit:
        text = text[: limit - 3].rstrip() + "..."
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def export_program(model, example_args: Sequence = (), example_kwargs: Mapping[str, Any] | None = None):
    """`torch.export.export(model, args, kwargs, strict=False).run_decompositions()`.

    Tracing runs the model on the example inputs; any failure there (shapes that do
    not fit, a wrong dtype) is an AccelError located at the example inputs.
    """
    try:
        with _quiet_libraries(), torch.no_grad():
            program = torch.export.export(model, tuple(example_args), kwargs=dict(example_kwargs or {}), strict=False)
            program = program.run_decompositions()
    except Exception as error:  # noqa: BLE001 - the model's own code raised: report it, located
        raise AccelError(f"the model does not run on the example inputs: {error_summary(error)}", EXAMPLE_INPUTS) from None
    _meta_to_cpu(program)
    return program


def _meta_to_cpu(program) -> None:
    """Makes the tensors a program creates (masks, `full`, `scalar_tensor`) CPU tensors
    where the trace recorded the meta device. A model on the meta device (to import
    it without weight memory) records it, and torch-mlir cannot lower tensor creation
    on the meta device; the device plays no part in the computation."""
    meta, cpu = torch.device("meta"), torch.device("cpu")

    def retarget(value):
        if isinstance(value, torch.device):
            return cpu if value == meta else value
        if isinstance(value, (list, tuple)):
            return type(value)(retarget(item) for item in value)
        if isinstance(value, dict):
            return {key: retarget(item) for key, item in value.items()}
        return value

    changed = False
    for node in program.graph.nodes:
        args, kwargs = retarget(node.args), retarget(node.kwargs)
        if args != node.args or kwargs != node.kwargs:
            node.args, node.kwargs = args, kwargs
            changed = True
    if changed:
        program.graph_module.recompile()


def program_tensors(program) -> dict[str, Any]:
    """Name -> tensor of everything `program` reads besides its inputs: parameters,
    buffers (persistent or not) and lifted constants."""
    tensors = dict(program.state_dict)
    tensors.update((name, value) for name, value in program.constants.items() if isinstance(value, torch.Tensor))
    return tensors


@contextlib.contextmanager
def _externalized(tensors: Mapping[str, Any]) -> Iterator[None]:
    """Marks each tensor as an external parameter named after it, for turbine, and
    removes the marks after. A tensor the caller marked already keeps its mark."""
    marked = []
    for name, tensor in tensors.items():
        if ExternalTensorTrait.get(tensor) is None:
            ExternalTensorTrait(external_scope=PARAMETER_SCOPE, external_name=name).set(tensor)
            marked.append(tensor)
    try:
        yield
    finally:
        for tensor in marked:
            if ExternalTensorTrait.get(tensor) is not None:
                del tensor._turbine_external_tensor_trait


def host_arrays(tensors: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """Each tensor's memory as a numpy array (no copy for contiguous CPU tensors;
    dtypes numpy lacks, bfloat16 and float8, as raw bytes). AccelError for a tensor on
    the meta device: it has no values."""
    arrays = {}
    for name, tensor in tensors.items():
        if tensor.device.type == "meta":
            raise AccelError(f"weight '{name}' is on the meta device and has no values: import it with weights='external'", "--weights")
        host = tensor.detach().cpu().contiguous()
        try:
            arrays[name] = host.numpy()
        except TypeError:
            arrays[name] = host.view(torch.uint8).numpy()
    return arrays


def import_program(
    program,
    *,
    context: ir.Context | None = None,
    function_name: str = "main",
    weights: str = "inline",
    parameters_path: str | Path | None = None,
) -> ir.Module:
    """An exported program (see `export_program`) as linalg on tensors; see the module docstring."""
    check_weights(weights, parameters_path)
    context = context if context is not None else make_context()
    tensors = program_tensors(program)
    with _externalized(tensors):
        try:
            with _quiet_libraries():
                exported = aot.export(program, function_name=function_name)
        except Exception as error:  # noqa: BLE001 - the fx importer's failures are about the model
            raise AccelError(f"the fx importer cannot import the exported program: {error_summary(error)}") from None
        module = move_to_context(exported.mlir_module, context)
    named = parameter_globals(module)
    rename_symbols(module, {symbol: symbol[len(_TURBINE_PREFIX) :] for symbol in named if symbol.startswith(_TURBINE_PREFIX)})
    used = {name: tensors[name] for scope, name in named.values() if scope == PARAMETER_SCOPE and name in tensors}
    if weights == "inline":
        bind_parameters(module, host_arrays(used))
    elif parameters_path is not None:
        save_parameters(parameters_path, host_arrays(used))
    convert_to_linalg(module, "torch")
    return module


def from_torch(
    model,
    example_args: Sequence = (),
    *,
    example_kwargs: Mapping[str, Any] | None = None,
    context: ir.Context | None = None,
    function_name: str = "main",
    weights: str = "inline",
    parameters_path: str | Path | None = None,
) -> ir.Module:
    """Imports `model` (a torch.nn.Module, in the mode it is in: call .eval() for
    inference) traced on `example_args` / `example_kwargs` as linalg on tensors, in
    `context` (a new accel context if None). The module has one public function,
    `function_name`, with static shapes taken from the example inputs, and each
    weight as a `util.global` named after the parameter (`@model.layers.0.mlp.up_proj.weight`).

    `weights`: "inline" (values as dense_resource blobs sharing the model's memory) or
    "external" (references `#flow.parameter.named<"model"::NAME>`; meta-device
    models import this way without any weight memory), with `parameters_path` an
    .irpa file to write the values to.
    """
    program = export_program(model, example_args, example_kwargs)
    return import_program(program, context=context, function_name=function_name, weights=weights, parameters_path=parameters_path)
