"""Measured tuning for the sim target: simulate the tile-size model's best few choices.

`choose_tile_sizes` ranks tile sizes by `estimated_cycles`, a first-order model of the
schedule; its ranking of candidates within a few percent of each other is not
reliable. Tuning compiles the model's first `count` candidates
(compiler/tile_sizes.ranked_tile_sizes), simulates each in timing-only mode and keeps
the fastest: autotuning with the simulator as the measurement, as one tunes against
real hardware. The simulator's timing is deterministic, so one run per candidate is
the measurement.

Tuning sets the tile sizes of every qmatmul at once (accel-tile's `tile-sizes`
override), so it needs a program whose qmatmuls all have one shape.

    artifact = accel.compile(text, target="sim", hw="datacenter", tune=8)
    artifact.tuning   # one row per candidate, fastest first

Each row: tile_sizes, model_choice (what compiling without `tune` gives: the model's
best tile sizes), cycles, efficiency.
"""

from __future__ import annotations

from typing import Callable

from accel.diagnostics import AccelError


def candidates(graph_text: str, hw_spec: str, count: int) -> list[tuple[int, int, int]]:
    """The tile sizes to simulate for the graph-level program `graph_text`: the
    model's `count` best."""
    from accel.compiler.tile_sizes import ranked_tile_sizes
    from accel.targets.hardware import load_hardware

    (m, n, k), scheme = _qmatmul_shape(graph_text)
    return [tuple(tiles.as_list()) for tiles in ranked_tile_sizes(m, n, k, load_hardware(hw_spec), scheme)[:count]]


def _qmatmul_shape(graph_text: str) -> tuple[tuple[int, int, int], str]:
    """The one (m, n, k) of the program's qmatmuls, and their scheme."""
    from accel.dialects.accel import QMatmulOp, static_shape
    from accel.mlir import ir, make_context, parse_module

    shapes = set()
    with make_context() as context:
        module = parse_module(graph_text, context)

        def collect(op):
            if op.name == QMatmulOp.op_name():
                qmatmul = QMatmulOp(op)
                m, k = static_shape(qmatmul.lhs)
                shapes.add(((m, static_shape(qmatmul.result)[1], k), qmatmul.scheme))
            return ir.WalkResult.ADVANCE

        module.operation.walk(collect)
    if len(shapes) != 1:
        found = ", ".join(f"{m}x{n}x{k}" for (m, n, k), _ in sorted(shapes)) or "none"
        raise AccelError(f"tuning needs a program whose qmatmuls all have one shape (it sets one tile size for all); found {found}", "--tune")
    return shapes.pop()


def tune(compile_candidate: Callable, baseline, hw_spec: str, count: int, progress: Callable[[str], None]):
    """The fastest of the candidates for the program of `baseline` (the artifact the
    model's choice gives), with `.tuning` set: a row per candidate, fastest first.
    `compile_candidate(tile_sizes)` compiles one candidate."""
    if count <= 0:
        raise AccelError(f"--tune takes how many tile sizes to try (at least 1), got {count}", "--tune")
    options = candidates(baseline.ir["graph"], hw_spec, count)
    best, rows = None, []
    for index, tile_sizes in enumerate(options):
        artifact = compile_candidate(tile_sizes)
        artifact.run(timing_only=True)
        report = artifact.report
        rows.append({"tile_sizes": list(tile_sizes), "model_choice": index == 0, "cycles": report["cycles"], "efficiency": report["efficiency"]})
        progress(f"tune {index + 1}/{len(options)}: tiles {','.join(map(str, tile_sizes))}: "
                 f"{report['cycles']:.0f} cycles, efficiency {report['efficiency']:.3f}")
        if best is None or report["cycles"] < best.report["cycles"]:
            best = artifact
    # Ties keep the model's order: sorted() is stable.
    best.tuning = sorted(rows, key=lambda row: row["cycles"])
    return best
