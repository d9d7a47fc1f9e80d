"""The estimate target: the sim target's time from the cost model, without simulating.

For screening many (hardware, software) points quickly: each accel.qmatmul of the
graph IR is costed by compiler/cost_model.estimated_cycles with the tile sizes the
sim target's model would choose (or `tile_sizes`), and the program's time is the sum
(the qmatmuls run one after another). No tiling, scheduling or simulation runs, so a
point costs milliseconds; it computes no values (runs are timing-only).

It is an approximation, and says so in its report (`"approximate": true`): the model
is first-order (test_schedule keeps it within a margin of the simulator), and it
never reports a time below the roofline of the program's MACs and compulsory DRAM
bytes (no model may beat physics), so `efficiency` is at most 1. Only w8a8 qmatmuls
are costed, as only they are scheduled on the sim target; anything else is refused,
located.

This module is also the worked example of the Target protocol (accel.targets): it is
the whole of the target; nothing else names it.
"""

from __future__ import annotations

import math

from accel.compiler.cost_model import TileSizes, choose_tile_sizes, estimated_cycles
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir
from accel.dialects.accel import QMatmulOp, static_shape
from accel.targets import Target, refuse_ops

# Ops of a graph-level program that cost nothing on their own: structure and views.
_FREE = ("func.", "util.func", "util.return", "builtin.module")


def _not_costed(op: ir.Operation) -> str | None:
    """Why the estimate target cannot cost `op` (None: it can)."""
    if op.name == QMatmulOp.op_name():
        scheme = QMatmulOp(op).scheme
        return None if scheme == "w8a8" else f"the estimate target costs w8a8 qmatmuls only, not {scheme}"
    if op.name.startswith(_FREE):
        return None
    return f"the estimate target cannot cost '{op.name}' (it costs w8a8 qmatmuls only)"


def _qmatmuls(module: ir.Module) -> list[QMatmulOp]:
    found = []

    def visit(op):
        if op.name == QMatmulOp.op_name():
            found.append(QMatmulOp(op))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return found


class EstimateProgram:
    """The costed qmatmuls of a program: (m, n, k, tile sizes) each."""

    payload = ""

    def __init__(self, matmuls: list[tuple[int, int, int, TileSizes]], hw, function: str):
        self.matmuls = matmuls
        self.hw = hw
        self.function = function
        self.payload = "".join(f"{m}x{n}x{k} tiles {t.tm},{t.tn},{t.tk}\n" for m, n, k, t in matmuls)

    def run(self, arrays, timing_only: bool, progress=None):
        if not timing_only:
            raise AccelError("the estimate target computes no values: run it timing-only (--timing-only)", "--target estimate")
        hw = self.hw
        cycles = sum(estimated_cycles(m, n, k, tiles, hw, "w8a8") for m, n, k, tiles in self.matmuls)
        macs = sum(m * n * k for m, n, k, _ in self.matmuls)
        # Compulsory DRAM bytes: int8 operands, f32 scales and f32 results, each once.
        compulsory = sum(m * k + n * k + 4 * (m + n) + 4 * m * n for m, n, k, _ in self.matmuls) if hw.has_dram else 0
        roofline = hw.roofline_seconds(macs, compulsory, "int8")
        seconds = max(cycles / hw.clock_hz, roofline)
        report = {
            "target": EstimateTarget.name,
            "approximate": True,
            "hardware": hw.name,
            "function": self.function,
            "cycles": math.ceil(seconds * hw.clock_hz),
            "seconds": seconds,
            "macs": macs,
            "compulsory_dram_bytes": compulsory,
            "roofline_seconds": roofline,
            "efficiency": roofline / seconds if seconds > 0 else 0.0,
            "matmuls": [{"shape": [m, n, k], "tile_sizes": t.as_list()} for m, n, k, t in self.matmuls],
        }
        return [], report, None


class EstimateTarget(Target):
    name = "estimate"
    summary = "the cost model's estimate of the sim target's time on --hw, without simulating (timing-only, approximate)"
    finish_label = "estimate"
    uses_hardware = True
    has_timing = True
    accepts = frozenset({"tile_sizes"})

    def lowering(self, options):
        return []

    def finish(self, module, options, texts, session):
        refuse_ops(module, _not_costed)
        override = options.tile_sizes
        matmuls = []
        for op in _qmatmuls(module):
            m, k = static_shape(op.lhs)
            n = static_shape(op.result)[1]
            sizes = override.get((m, n, k)) if isinstance(override, dict) else override
            tiles = TileSizes(*(min(s, d) for s, d in zip(sizes, (m, n, k)))) if sizes else choose_tile_sizes(m, n, k, options.hardware)
            matmuls.append((m, n, k, tiles))
        return EstimateProgram(matmuls, options.hardware, options.function)

    def report_rows(self, report):
        return [
            ("cycles (est.)", f"{report['cycles']:,}"),
            ("time (est.)", f"{report['seconds'] * 1e6:.2f} us"),
            ("roofline", f"{report['roofline_seconds'] * 1e6:.2f} us"),
            ("efficiency", f"{report['efficiency']:.3f}"),
            ("MACs", f"{report['macs']:,}"),
        ]
