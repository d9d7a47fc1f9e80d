"""`accel.compile`: the compiler driver behind `accelc` and the Python API.

    artifact = accel.compile(text_or_module, target="sim", hw="edge-npu", quant="w8a8")
    outputs = artifact.run(x)          # numpy arrays in, numpy arrays out
    artifact.report                    # the last run's report (sim: cycles, energy, ...)
    artifact.ir["scheduled"]           # the MLIR text after each stage
    artifact.warnings                  # located warnings of the compile (tiles that waste the array, ...)

Nothing is printed: `progress=` callbacks report long work (`compile`: a message per
stage and tuning candidate; `Artifact.run`: (done, total) counts of a simulation),
and warnings stay on the artifact (accelc prints them and draws the progress bars).

The stages and their pipelines are defined once in accel.compiler.stages. The cpu
target compiles in the context of an IREE compiler session (CpuCompiler), so the
module accel's passes produced is handed to IREE in-process, without a copy; the sim
target keeps the scheduled module and simulates it on each run.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from accel.compiler import stages
from accel.compiler.frontend.turbine_export import from_turbine_export, is_turbine_export
from accel.core.diagnostics import SOURCE_NAME, AccelError, Diagnostic, format_location, from_mlir_error
from accel.dialects import verify_accel
from accel.core.mlir import find_function, ir, move_to_context, parse_module, symbol_name
from accel.options import CompileOptions
from accel.runtime.golden import numpy_dtype
from accel.targets import Program



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

    options: CompileOptions
    signature: Signature
    ir: dict[str, str] = field(default_factory=dict)
    report: dict | None = None
    tuning: list[dict] = field(default_factory=list)  # with `tune`: the candidates simulated, fastest first
    program: Program | None = None  # the target's compiled program
    # Located warnings of the passes (Diagnostics of severity "warning"): once each.
    warnings: list[Diagnostic] = field(default_factory=list)
    _last_result: object = None

    @property
    def target(self) -> str:
        return self.options.target

    @property
    def hw(self) -> str:
        return self.options.hw_name

    @property
    def quant(self) -> str:
        return self.options.quant

    def run(self, *arrays: np.ndarray, timing_only: bool = False,
            progress: Callable[[int, int | None], None] | None = None) -> list[np.ndarray]:
        """Runs the program on `arrays` (one per input); returns the outputs. A long run
        (a simulation) calls `progress(done, total)` now and then (total: None while
        unknown), if given."""
        if timing_only and not self.options.target_object.has_timing:
            raise AccelError(f"timing-only runs need a target with timing (--target {self.target} has none)", f"--target {self.target}")
        if not timing_only:
            _check_inputs(self.signature, arrays)
        outputs, self.report, self._last_result = self.program.run(list(arrays), timing_only, progress)
        return outputs

    def save(self, path: str | Path) -> None:
        """Writes the compiled artifact: a .vmfb (cpu) or the scheduled MLIR (sim)."""
        data = self.program.payload
        Path(path).write_bytes(data if isinstance(data, bytes) else data.encode())

    def write_trace(self, path: str | Path, filename: str | None = None) -> None:
        if self._last_result is None or not hasattr(self._last_result, "write_trace"):
            raise AccelError("a trace comes from a run on a target with timing (--target sim)", str(path))
        self._last_result.write_trace(path, filename)

    def summary_rows(self) -> list[tuple[str, str]]:
        """The headline of the last run's report, as (name, value) rows."""
        return self.options.target_object.report_rows(self.report) if self.report else []


def compile(  # noqa: A001 - the API's name, as in iree.compiler
    source: "str | ir.Module",
    options: CompileOptions | None = None,
    *,
    filename: str = "<input>",
    progress: Callable[[str], None] | None = None,
    **option_values,
) -> Artifact:
    """Compiles MLIR text (or a module, or an iree-turbine export) for a target.

    The options are a `CompileOptions` or its fields as keywords (accel.options):
    `target` ("cpu" | "sim" | any registered target), `hw` (a preset name, a .toml
    path or a Hardware: the machine of targets that use one), `quant` ("none" |
    "w8a8" | "w8a16" | "w4a16"), `function`, `tile_sizes` (tiling targets: (tm, tn,
    tk) for every qmatmul, or {(m, n, k): (tm, tn, tk)}) and `tune` (simulate the
    cost model's `tune` best tile sizes per matmul shape and keep the fastest;
    `artifact.tuning` lists what was tried; None: the target's default, 0: the
    model's choice). `filename` names text sources in diagnostics. Raises AccelError
    with located diagnostics."""
    source_name = SOURCE_NAME.set(filename)
    try:
        if options is None:
            options = CompileOptions(**option_values)
        elif option_values:
            options = options.replace(**option_values)
        artifact = _compile(source, options, progress)
        count = options.tune_count
        if not count:
            return artifact

        def compile_with(text, sizes):
            """The program (`text`: another program) compiled with tile sizes `sizes`."""
            if text is None:
                return _compile(source, options.replace(tile_sizes=sizes, tune=None))
            name = SOURCE_NAME.set("<tuning>")
            try:
                return _compile(text, options.replace(tile_sizes=sizes, tune=None, function=None))
            finally:
                SOURCE_NAME.reset(name)

        return options.target_object.tune(artifact, compile_with, options, count, progress or (lambda message: None))
    except AccelError as error:
        raise error.named(filename) from None
    finally:
        SOURCE_NAME.reset(source_name)


def _compile(source, options: CompileOptions, progress: Callable[[str], None] | None = None) -> Artifact:
    """`compile` without tuning."""
    report_progress = progress or (lambda message: None)
    target = options.target_object
    session = target.begin()
    with session.context as context:
        module = _as_module(source, context)
        verify_accel(module)
        signature = signature_of(module, options.function, source if isinstance(source, str) else None)
        options = options.replace(function=signature.function)
        texts = {"input": str(module)}
        warnings: list[Diagnostic] = []
        for stage, pipeline in [stages.graph(options.quant), *target.lowering(options)]:
            started = time.perf_counter()
            pipeline.run(module)
            texts[stage] = str(module)
            warnings += [Diagnostic(w.message, format_location(w.location) or None, "warning") for w in pipeline.warnings]
            if stage == "graph":
                target.check_graph(module)
            report_progress(f"{stage}: {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        program = target.finish(module, options, texts, session)
        report_progress(f"{target.finish_label}: {time.perf_counter() - started:.2f} s")
    return Artifact(options, signature, texts, program=program, warnings=warnings)


def _as_module(source, context: ir.Context) -> ir.Module:
    if is_turbine_export(source):  # iree-turbine's aot.export(...): its torch IR, converted to linalg
        return from_turbine_export(source, context)
    if isinstance(source, str):
        try:
            return parse_module(source, context)
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None
    return move_to_context(source, context)


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
    op = find_function(module, function, option="--function")
    function_type = ir.TypeAttr(op.attributes["function_type"]).value
    lines = source.splitlines() if source is not None else None
    arguments = op.regions[0].blocks[0].arguments
    inputs = [
        _argument(_source_name(arguments[i].location, lines, f"arg{i}"), t)
        for i, t in enumerate(function_type.inputs)
    ]
    outputs = [_argument(f"result{i}", t) for i, t in enumerate(function_type.results)]
    return Signature(symbol_name(op), inputs, outputs)


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
