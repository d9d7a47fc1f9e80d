"""`accel.compile`: the compiler driver behind `accelc` and the Python API.

    artifact = accel.compile(text_or_module, target="sim", hw="edge-npu", quant="w8a8")
    outputs = artifact.run(x)          # numpy arrays in, numpy arrays out
    artifact.report                    # the last run's report (sim: cycles, energy, ...)
    artifact.ir["scheduled"]           # the MLIR text after each stage

The stages and their pipelines are defined once in accel.compiler.stages. The cpu
target compiles in the context of an IREE compiler session (CpuCompiler), so the
module accel's passes produced is handed to IREE in-process, without a copy; the sim
target keeps the scheduled module and simulates it on each run.
"""

from __future__ import annotations

import operator
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from accel.compiler.passes import int_list
from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.stages import QUANT_SCHEMES, TARGETS, stages
from accel.core.diagnostics import AccelError, Diagnostic, from_mlir_error
from accel.dialects import verify_accel
from accel.core.mlir import find_function, functions, ir, make_context, move_to_context, parse_module
from accel.runtime.golden import numpy_dtype



@dataclass
class Argument:
    """One function argument or result: its name (from the source when known), shape, dtype."""

    name: str
    shape: tuple[int, ...]
    dtype: np.dtype
    type_text: str

    def describe(self) -> str:
        return f"{self.name}: {self.type_text}"


@dataclass
class Signature:
    function: str
    inputs: list[Argument]
    outputs: list[Argument]


@dataclass
class Artifact:
    """A compiled program: run it, read its report, look at its IR, save it."""

    target: str
    hw: str
    quant: str
    signature: Signature
    ir: dict[str, str] = field(default_factory=dict)
    report: dict | None = None
    tuning: list[dict] = field(default_factory=list)  # with `tune`: the candidates simulated, fastest first
    _runner: Callable | None = None
    _payload: bytes | str = b""
    _last_result: object = None

    def run(self, *arrays: np.ndarray, timing_only: bool = False) -> list[np.ndarray]:
        """Runs the program on `arrays` (one per input); returns the outputs."""
        if timing_only and self.target != "sim":
            raise AccelError("timing-only runs are a feature of the sim target", f"--target {self.target}")
        if not timing_only:
            _check_inputs(self.signature, arrays)
        return self._runner(self, list(arrays), timing_only)

    def save(self, path: str | Path) -> None:
        """Writes the compiled artifact: a .vmfb (cpu) or the scheduled MLIR (sim)."""
        data = self._payload
        Path(path).write_bytes(data if isinstance(data, bytes) else data.encode())

    def write_trace(self, path: str | Path, filename: str | None = None) -> None:
        if self._last_result is None or not hasattr(self._last_result, "write_trace"):
            raise AccelError("a trace comes from a run on the sim target", str(path))
        self._last_result.write_trace(path, filename)


def compile(  # noqa: A001 - the API's name, as in iree.compiler
    source: "str | ir.Module",
    *,
    target: str = "cpu",
    hw: str = "edge-npu",
    quant: str = "none",
    function: str | None = None,
    filename: str = "<input>",
    progress: Callable[[str], None] | None = None,
    tile_sizes: "Sequence[int] | str | None" = None,
    tune: int | None = None,
) -> Artifact:
    """Compiles MLIR text (or a module) for `target` ("cpu" | "sim") on hardware `hw`
    (a preset name or a .toml path; the sim target's machine, and the cpu target's
    tile-size model has no use for it) with quantization `quant` ("none" | "w8a8" |
    "w8a16" | "w4a16"). `tile_sizes` (sim target: (tm, tn, tk) or "tm,tn,tk" for
    every qmatmul, or {(m, n, k): (tm, tn, tk)} for the qmatmuls of those shapes)
    replaces the tile sizes accel-tile would choose for `hw`. `tune` (sim target):
    simulate the tile-size model's `tune` best choices per matmul shape and keep the
    fastest (accel.targets.sim.tuning); `artifact.tuning` lists what was tried. By default (None)
    the sim target tunes DEFAULT_TUNE choices when no `tile_sizes` are given; 0 keeps
    the model's choices. Raises AccelError with located diagnostics."""
    count = _tune_count(tune, target, tile_sizes)
    artifact = _compile(source, target=target, hw=hw, quant=quant, function=function, filename=filename,
                        progress=progress, tile_sizes=tile_sizes)
    if not count:
        return artifact
    from accel.targets.sim.tuning import tune as tune_tiles

    program = artifact.ir["input"]

    def compile_with(text, sizes):
        return _compile(text or program, target=target, hw=hw, quant=quant, function=None if text else function,
                        filename=filename, tile_sizes=sizes)

    return tune_tiles(artifact, compile_with, str(hw), count, progress or (lambda message: None), strict=tune is not None)


# How many of the tile-size model's choices the sim target simulates by default
# (accel.targets.sim.tuning): enough that every shape of benchmarks/sim_gemm_efficiency.py meets
# its goal; about half a second for a GEMM.
DEFAULT_TUNE = 8


def _tune_count(tune: int | None, target: str, tile_sizes) -> int:
    """How many tile-size choices to simulate: `tune`, or the default (see `compile`)."""
    if tune is None:
        return DEFAULT_TUNE if target == "sim" and tile_sizes is None else 0
    if isinstance(tune, bool) or not isinstance(tune, int) or tune < 0:
        raise AccelError(f"--tune takes how many tile sizes to try (0: the model's choice), got {tune!r}", "--tune")
    if tune and target != "sim":
        raise AccelError("tuning simulates candidate schedules: an option of the sim target", "--tune")
    if tune and tile_sizes is not None:
        raise AccelError("tuning chooses the tile sizes itself: drop --tile-sizes", "--tune")
    return tune


def _compile(
    source: "str | ir.Module",
    *,
    target: str,
    hw: str,
    quant: str,
    function: str | None,
    filename: str,
    progress: Callable[[str], None] | None = None,
    tile_sizes: "Sequence[int] | str | None" = None,
) -> Artifact:
    """`compile` without tuning."""
    if target not in TARGETS:
        raise AccelError(f"unknown target '{target}' (targets: {', '.join(TARGETS)})", "--target")
    if quant not in QUANT_SCHEMES:
        raise AccelError(f"unknown quantization '{quant}' (schemes: {', '.join(QUANT_SCHEMES)})", "--quant")
    tile_sizes = _tile_sizes(tile_sizes)
    if tile_sizes is not None and target != "sim":
        raise AccelError("tile sizes are an option of the sim target's tiling (the cpu target lets IREE tile)", "--tile-sizes")
    report_progress = progress or (lambda message: None)
    hw_spec = str(hw)
    if target == "sim":
        from accel.targets.hardware import load_hardware

        try:
            load_hardware(hw_spec)  # a bad hardware file fails before any compilation
        except AccelError as error:
            # A file's errors name the file; an unknown preset names nothing: it is --hw's.
            raise AccelError([replace(d, location=d.location or "--hw") for d in error.diagnostics]) from None

    compiler = None
    if target == "cpu":
        from accel.targets.cpu.iree_backend import CpuCompiler

        compiler = CpuCompiler()
        context = compiler.context
    else:
        context = make_context()
    with context:
        module = _as_module(source, context)
        verify_accel(module)
        signature = signature_of(module, function, source if isinstance(source, str) else None)
        texts = {"input": str(module)}
        for stage, pipeline_text in stages(target, quant, hw_spec, tile_sizes):
            started = time.perf_counter()
            Pipeline.parse(pipeline_text).run(module)
            texts[stage] = str(module)
            if target == "sim" and stage == "graph":
                _require_schedulable(module)
            report_progress(f"{stage}: {time.perf_counter() - started:.2f} s")
        artifact = Artifact(target, hw_spec, quant, signature, texts)
        if target == "cpu":
            started = time.perf_counter()
            artifact._payload = compiler.compile(module)
            report_progress(f"iree (llvm-cpu): {time.perf_counter() - started:.2f} s")
            artifact._runner = _run_cpu
        else:
            _require_scheduled(module)
            artifact._payload = texts["scheduled"]
            artifact._runner = _run_sim
            artifact._module = module
            artifact._context = context
    return artifact


def _tile_sizes(value: "Sequence[int] | str | Mapping | None"):
    """`value` checked: three positive ints (a sequence of ints, or "tm,tn,tk" text as
    accelc passes it), or a mapping from (m, n, k) shapes to such triples."""
    if isinstance(value, Mapping):
        return {_triple(shape, "matmul shapes are three positive integers M,N,K"): _tile_sizes(sizes) for shape, sizes in value.items()}
    return None if value is None else _triple(value, "tile sizes are three positive integers TM,TN,TK")


def _triple(value, message: str) -> tuple[int, int, int]:
    try:
        sizes = int_list(value) if isinstance(value, str) else [operator.index(size) for size in value]
    except (TypeError, ValueError):
        sizes = []
    if len(sizes) != 3 or min(sizes) <= 0:
        raise AccelError(f"{message}, got {value!r}", "--tile-sizes")
    return tuple(sizes)


def _as_module(source, context: ir.Context) -> ir.Module:
    if isinstance(source, str):
        try:
            return parse_module(source, context)
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None
    return move_to_context(source, context)


def _functions(module: ir.Module) -> list[ir.Operation]:
    return functions(module)


def _symbol(op: ir.Operation) -> str:
    return ir.StringAttr(op.attributes["sym_name"]).value


def _is_public(op: ir.Operation) -> bool:
    return "sym_visibility" not in op.attributes or ir.StringAttr(op.attributes["sym_visibility"]).value == "public"


def select_function(module: ir.Module, name: str | None) -> ir.Operation:
    """The function to run: `name`, or the module's only public function."""
    return find_function(module, name, option="--function")


_ARGUMENT_NAME = re.compile(r"%([A-Za-z_$.\-][\w$.\-]*)")


def _source_name(location: ir.Location, source_lines: list[str] | None, fallback: str) -> str:
    """The SSA name an argument had in the source text (MLIR keeps only its position)."""
    if source_lines is None:
        return fallback
    match = re.search(r'"[^"]*":(\d+):(\d+)', str(location))
    if not match:
        return fallback
    line, column = int(match.group(1)), int(match.group(2))
    if line - 1 >= len(source_lines):
        return fallback
    found = _ARGUMENT_NAME.match(source_lines[line - 1][column - 1 :])
    return found.group(1) if found else fallback


def _argument(name: str, type_: ir.Type) -> Argument:
    if not isinstance(type_, (ir.RankedTensorType, ir.MemRefType)):
        raise AccelError(f"argument {name} has type {type_}: accel runs functions of tensors")
    shape = tuple(type_.shape)
    if any(type_.is_dynamic_dim(i) for i in range(type_.rank)):
        raise AccelError(f"argument {name} has a dynamic shape ({type_}): give static shapes to run it")
    return Argument(name, shape, numpy_dtype(str(type_.element_type)), str(type_))


def signature_of(module: ir.Module, function: str | None, source: str | None = None) -> Signature:
    op = select_function(module, function)
    function_type = ir.TypeAttr(op.attributes["function_type"]).value
    lines = source.splitlines() if source is not None else None
    arguments = op.regions[0].blocks[0].arguments
    inputs = [
        _argument(_source_name(arguments[i].location, lines, f"arg{i}"), t)
        for i, t in enumerate(function_type.inputs)
    ]
    outputs = [_argument(f"result{i}", t) for i, t in enumerate(function_type.results)]
    return Signature(_symbol(op), inputs, outputs)


def _check_inputs(signature: Signature, arrays: Sequence[np.ndarray]) -> None:
    if len(arrays) != len(signature.inputs):
        raise AccelError(f"@{signature.function} takes {len(signature.inputs)} inputs, got {len(arrays)}", f"@{signature.function}")
    for index, (spec, array) in enumerate(zip(signature.inputs, arrays)):
        array = np.asarray(array)
        if array.shape != spec.shape or array.dtype != spec.dtype:
            raise AccelError(
                f"input {index} ({spec.describe()}) needs a {spec.dtype} array of shape {spec.shape}, got {array.dtype} {array.shape}",
                f"@{signature.function}",
            )


# Graph ops accel-schedule has no schedule for: quantization at run time.
_UNSCHEDULED_GRAPH_OPS = ("accel.quantize", "accel.dequantize")


def _refuse(module: ir.Module, unsupported: Callable[[str], bool], why: str) -> None:
    """Raises, located at each op (its nested ops left out), for the ops named
    `unsupported` in `module`: at most five of them."""
    found = []

    def visit(op):
        if unsupported(op.name):
            found.append(Diagnostic(f"the sim target cannot run '{op.name}': {why}", op.location))
            return ir.WalkResult.SKIP
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    if found:
        raise AccelError(found[:5])


def _require_schedulable(module: ir.Module) -> None:
    """Before tiling: what the sim target will not schedule, told as the driver's
    user sees it (accel-schedule's own message is about its input form)."""
    _refuse(module, lambda name: name in _UNSCHEDULED_GRAPH_OPS, "activations quantized at run time are not scheduled, so far; use --target cpu")


def _require_scheduled(module: ir.Module) -> None:
    _refuse(
        module,
        lambda name: name.startswith(("tensor.", "bufferization.", "linalg.")) or name in ("accel.qmatmul", *_UNSCHEDULED_GRAPH_OPS),
        "it is not scheduled (only quantized matmuls are, so far)",
    )


def _run_cpu(artifact: Artifact, arrays: list[np.ndarray], timing_only: bool) -> list[np.ndarray]:
    from accel.targets.cpu.iree_backend import CpuModule

    if not hasattr(artifact, "_loaded"):
        artifact._loaded = CpuModule(artifact._payload)
    started = time.perf_counter()
    outputs = artifact._loaded(artifact.signature.function, *arrays)
    artifact.report = {"target": "cpu", "function": artifact.signature.function, "wall_seconds": time.perf_counter() - started}
    return outputs


def _run_sim(artifact: Artifact, arrays: list[np.ndarray], timing_only: bool) -> list[np.ndarray]:
    from accel.targets.sim.simulator import simulate

    with artifact._context:
        scheduled = select_function(artifact._module, artifact.signature.function)
        function_type = ir.TypeAttr(scheduled.attributes["function_type"]).value
        out_types = list(function_type.inputs)[len(artifact.signature.inputs) :]
        outputs = [np.zeros(tuple(t.shape), numpy_dtype(str(t.element_type))) for t in out_types]
        result = simulate(
            artifact._module,
            artifact.hw,
            function=artifact.signature.function,
            inputs=None if timing_only else [*arrays, *outputs],
            timing_only=timing_only,
        )
    artifact._last_result = result
    artifact.report = result.report
    if timing_only:
        return []
    return list(result.outputs[len(artifact.signature.inputs) :])


def random_inputs(signature: Signature, seed: int = 0) -> list[np.ndarray]:
    """Seeded random inputs: int8 in [-127, 127], wider integers (ids) in [0, 127],
    floats N(0, 1); f32 vectors (scales, by the convention of quantized programs) positive."""
    rng = np.random.default_rng(seed)
    arrays = []
    for spec in signature.inputs:
        if spec.dtype == np.int8:
            arrays.append(rng.integers(-127, 128, size=spec.shape).astype(spec.dtype))
        elif np.issubdtype(spec.dtype, np.integer):
            # Wider integers are ids and positions (token ids, cache positions): non-negative.
            arrays.append(rng.integers(0, 128, size=spec.shape).astype(spec.dtype))
        elif spec.dtype == np.bool_:
            arrays.append(rng.integers(0, 2, size=spec.shape).astype(np.bool_))
        elif len(spec.shape) == 1:
            arrays.append(rng.uniform(0.001, 0.02, size=spec.shape).astype(spec.dtype))
        else:
            arrays.append(rng.standard_normal(spec.shape).astype(spec.dtype))
    return arrays


def stderr_progress(message: str) -> None:
    print(f"accelc: {message}", file=sys.stderr, flush=True)
