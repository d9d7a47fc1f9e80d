"""The sim target: a simulated accelerator described by a hardware file, which
executes scheduled (L4) accel programs for numerics and timing.

- program.py: translates the scheduled function once into a Python program;
- engines.py: the timing model (DMA engines sharing bandwidth, matrix and vector units);
- hazards.py: happens-before between ops (vector clocks), for schedule-bug detection;
- simulator.py: `simulate(module, hw)`, the report and the Chrome trace;
- tuning.py: measured tuning (simulate the cost model's best tile sizes, keep the fastest).

`SimTarget` is the target of `--target sim`: stages `tiled` and `scheduled`, then each
run simulates the scheduled program on the options' Hardware.
"""

from __future__ import annotations

import numpy as np

from accel.compiler import stages
from accel.core.mlir import ir
from accel.runtime.golden import numpy_dtype
from accel.targets import Target, refuse_ops
from accel.targets.sim.program import Program, translate
from accel.targets.sim.simulator import SimResult, simulate

__all__ = ["Program", "SimProgram", "SimResult", "SimTarget", "simulate", "translate"]

# How many of the cost model's tile-size choices the sim target simulates by default
# (tuning.py): enough that every shape of benchmarks/sim_gemm_efficiency.py meets
# its goal; about half a second for a GEMM.
DEFAULT_TUNE = 8

# Graph ops no schedule exists for yet: weights dequantized at run time.
_UNSCHEDULED_GRAPH_OPS = ("accel.dequantize",)


class SimProgram:
    """A scheduled module, translated once (at its first run), simulated on each run on `hw`."""

    def __init__(self, module: ir.Module, function: str, hw, payload: str):
        self.payload = payload
        self.hw = hw
        self.function = function
        self._module = module  # keeps alive the context of the ops the program's errors name
        self._program: Program | None = None

    def run(self, arrays, timing_only: bool, progress=None):
        """`arrays` are the inputs; the trailing arguments (bufferization made the
        results output arguments) start as zeros and are returned. `progress`: see
        `simulate`."""
        if self._program is None:  # translated at the first run: what it cannot execute is a run's error
            with self._module.context:
                self._program = translate(self._module, self.function)
        inputs = None
        if not timing_only:
            outputs = [np.zeros(spec.shape, numpy_dtype(spec.element)) for spec in self._program.arguments[len(arrays):]]
            inputs = [*arrays, *outputs]
        result = simulate(self._program, self.hw, inputs=inputs, timing_only=timing_only, progress=progress)
        return ([] if timing_only else list(result.outputs[len(arrays):])), result.report, result


def _refuse(module: ir.Module, unsupported, why: str) -> None:
    """Raises, located at each op named `unsupported` (nested ops left out)."""
    refuse_ops(module, lambda op: f"the sim target cannot run '{op.name}': {why}" if unsupported(op.name) else None)


def _format_bytes(count: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(count) < 1024 or unit == "GiB":
            return f"{count:.1f} {unit}" if unit != "B" else f"{int(count)} B"
        count /= 1024
    return str(count)


class SimTarget(Target):
    name = "sim"
    finish_label = "translate"
    summary = "the simulated accelerator of --hw: tiled, scheduled and simulated (cycles, bytes, energy)"
    uses_hardware = True
    has_timing = True
    accepts = frozenset({"tile_sizes", "tune"})

    def default_tune(self, options) -> int:
        return DEFAULT_TUNE

    def lowering(self, options):
        return [stages.tiled(options.hardware, options.tile_sizes), stages.scheduled(options.hardware)]

    def check_graph(self, module):
        # Before tiling: what the sim target will not schedule, told as the user sees
        # it (accel-schedule's own message is about its input form).
        _refuse(module, lambda name: name in _UNSCHEDULED_GRAPH_OPS,
                "weights dequantized at run time are not scheduled, so far; use --target cpu")

    def finish(self, module, options, texts, session):
        _refuse(
            module,
            lambda name: name.startswith(("tensor.", "bufferization.", "linalg.")) or name in ("accel.qmatmul", "accel.quantize", *_UNSCHEDULED_GRAPH_OPS),
            "it is not scheduled (only quantized matmuls and activation quantization are, so far)",
        )
        return SimProgram(module, options.function, options.hardware, texts["scheduled"])

    def tune(self, artifact, compile_with, options, count, progress):
        from accel.targets.sim.tuning import tune

        return tune(artifact, compile_with, options.hardware, count, progress, strict=options.tune is not None)

    def report_rows(self, report):
        return [
            ("cycles", f"{report['cycles']:,}"),
            ("time", f"{report['seconds'] * 1e6:.2f} us"),
            ("roofline", f"{report['roofline_seconds'] * 1e6:.2f} us"),
            ("efficiency", f"{report['efficiency']:.3f}"),
            ("MACs (useful)", f"{report['macs']:,}"),
            ("DRAM traffic", _format_bytes(report["dram_bytes"])),
            ("SRAM traffic", _format_bytes(report["sram_bytes"])),
            ("energy", f"{report['energy_pj'] / 1e6:.3f} uJ"),
            ("utilization", "  ".join(f"{k} {v:.2f}" for k, v in report["utilization"].items())),
        ]
