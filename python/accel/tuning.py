"""Measured tuning for the sim target: simulate the tile-size model's best few choices.

`choose_tile_sizes` ranks tile sizes by `estimated_cycles`, a first-order model of the
schedule; its ranking of candidates within a few percent of each other is not
reliable. Tuning compiles the model's first `count` candidates
(compiler/tile_sizes.ranked_tile_sizes), simulates each in timing-only mode and keeps
the fastest: autotuning with the simulator as the measurement, as one tunes against
real hardware. The simulator's timing is deterministic, so one run per candidate is
the measurement.

Tuning sets the tile sizes of every qmatmul at once (accel-tile's `tile-sizes`
override), so it needs a program whose qmatmuls all have one shape. `accel.compile`
tunes by default on the sim target (driver.DEFAULT_TUNE choices) when that holds.

    artifact = accel.compile(text, target="sim", hw="datacenter", tune=8)
    artifact.tuning   # one row per candidate, fastest first

Each row: tile_sizes, model_choice (what compiling without `tune` gives: the model's
best tile sizes), cycles, efficiency.
"""

from __future__ import annotations

from typing import Callable

from accel.diagnostics import AccelError


def _qmatmul_shapes(graph_text: str) -> set[tuple[tuple[int, int, int], str]]:
    """The (m, n, k) and scheme of the program's qmatmuls."""
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
    return shapes


def tune(baseline, compile_candidate: Callable, hw_spec: str, count: int, progress: Callable[[str], None], strict: bool = True):
    """The fastest of the model's `count` best tile sizes for the program of
    `baseline` (the artifact of the model's choice), with `.tuning` set: a row per
    candidate, fastest first. `compile_candidate(tile_sizes)` compiles one. A program
    whose qmatmuls have several shapes (or none) is an error when `strict`, else
    `baseline` as it is."""
    from accel.compiler.tile_sizes import ranked_tile_sizes
    from accel.targets.hardware import load_hardware

    shapes = _qmatmul_shapes(baseline.ir["graph"])
    if len(shapes) != 1:
        if not strict:
            return baseline
        found = ", ".join(f"{m}x{n}x{k}" for (m, n, k), _ in sorted(shapes)) or "none"
        raise AccelError(f"tuning needs a program whose qmatmuls all have one shape (it sets one tile size for all); found {found}", "--tune")
    (m, n, k), scheme = shapes.pop()
    options = [tuple(tiles.as_list()) for tiles in ranked_tile_sizes(m, n, k, load_hardware(hw_spec), scheme)[:count]]
    best, rows = None, []
    for index, tile_sizes in enumerate(options):
        # The first is the model's choice: what `baseline` was compiled with.
        artifact = baseline if index == 0 else compile_candidate(tile_sizes)
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
