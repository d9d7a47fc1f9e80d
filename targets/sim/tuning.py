"""Measured tuning for the sim target: simulate the tile-size model's best few choices.

`choose_tile_sizes` ranks tile sizes by `estimated_cycles`, a first-order model of the
schedule; its ranking of candidates within a few percent of each other is not
reliable. Tuning compiles the model's first `count` candidates
(compiler/cost_model.ranked_tile_sizes), simulates each in timing-only mode and keeps
the fastest: autotuning with the simulator as the measurement, as one tunes against
real hardware. The simulator's timing is deterministic, so one run per candidate is
the measurement. `accel.compile` tunes by default on the sim target
(DEFAULT_TUNE choices, accel.targets.sim).

- A program whose qmatmuls have one shape: each candidate is the whole program
  compiled with those tile sizes (accel-tile's `tile-sizes` override).
- Several shapes: each shape is tuned alone, as a w8a8 GEMM of that shape
  (accel.workloads.int8_gemm; the sim target runs w8a8 only). The program compiled
  with every shape's fastest sizes is kept if it is faster than with the model's
  choices (a GEMM alone does not share the DMA queues and buffers with the others,
  so the whole program has the last word).

    artifact = accel.compile(text, target="sim", hw="datacenter", tune=8)
    artifact.tuning   # one row per candidate: shape, tile_sizes, model_choice, cycles, efficiency

Rows are grouped by shape, fastest first; `model_choice` marks the model's own choice;
cycles and efficiency are the program's (one shape) or the shape's GEMM's (several).
"""

from __future__ import annotations

from typing import Callable

from accel.core.diagnostics import AccelError


def _qmatmul_shapes(graph_text: str) -> list[tuple[int, int, int]]:
    """The (m, n, k) shapes of the program's qmatmuls, in order of first use."""
    from accel.dialects.accel import QMatmulOp, static_shape
    from accel.core.mlir import ir, make_context, parse_module

    shapes = []
    with make_context() as context:
        module = parse_module(graph_text, context)

        def collect(op):
            if op.name == QMatmulOp.op_name():
                qmatmul = QMatmulOp(op)
                m, k = static_shape(qmatmul.lhs)
                shape = (m, static_shape(qmatmul.result)[1], k)
                if shape not in shapes:
                    shapes.append(shape)
            return ir.WalkResult.ADVANCE

        module.operation.walk(collect)
    return shapes


def tune(baseline, compile_with: Callable, hw, count: int, progress: Callable[[str], None], strict: bool = True):
    """The fastest program found from the model's `count` best tile sizes per shape,
    for the program of `baseline` (the artifact of the model's choices), with
    `.tuning` set. `compile_with(text, tile_sizes)` compiles MLIR text with an
    override for accel-tile (None: the program's text). A program without a
    qmatmul is an error when `strict`, else `baseline` as it is.

    `progress(message)` tells each candidate's result; when `progress` also has an
    `advance(label, done, total)` method (accelc's progress bar), that counts the
    candidates as they start and end."""
    from accel.compiler.cost_model import ranked_tile_sizes
    from accel.workloads import int8_gemm

    shapes = _qmatmul_shapes(baseline.ir["graph"])
    if not shapes:
        if strict:
            raise AccelError("tuning chooses the tile sizes of qmatmuls: the program has none", "--tune")
        return baseline
    alone = len(shapes) == 1
    advance = getattr(progress, "advance", None) or (lambda label, done, total: None)
    rows, best_sizes = [], {}
    best = None
    for shape in shapes:
        options = [tuple(t.as_list()) for t in ranked_tile_sizes(*shape, hw, "w8a8")[:count]]
        shape_rows = []
        for index, sizes in enumerate(options):
            advance(f"tune {_name(shape)}", index, len(options))
            if alone:
                # The first is the model's choice: what `baseline` was compiled with.
                artifact = baseline if index == 0 else compile_with(None, {shape: sizes})
            else:
                artifact = compile_with(int8_gemm(*shape), {shape: sizes})
            artifact.run(timing_only=True)
            report = artifact.report
            shape_rows.append({"shape": list(shape), "tile_sizes": list(sizes), "model_choice": index == 0,
                               "cycles": report["cycles"], "efficiency": report["efficiency"]})
            progress(f"tune {_name(shape)} {index + 1}/{len(options)}: tiles {_name(sizes, ',')}: "
                     f"{report['cycles']:.0f} cycles, efficiency {report['efficiency']:.3f}")
            if alone and (best is None or report["cycles"] < best.report["cycles"]):
                best = artifact
        advance(f"tune {_name(shape)}", len(options), len(options))
        shape_rows.sort(key=lambda row: row["cycles"])  # stable: ties keep the model's order
        rows += shape_rows
        best_sizes[shape] = tuple(shape_rows[0]["tile_sizes"])
    chosen = "; ".join(f"{_name(shape)} tiles {_name(sizes, ',')}" for shape, sizes in best_sizes.items())
    if alone:
        model_cycles = next(row["cycles"] for row in rows if row["model_choice"])
        progress(f"tuned: {chosen}: {best.report['cycles']:.0f} cycles (the model's choice: {model_cycles:.0f})")
    else:
        baseline.run(timing_only=True)
        tuned = compile_with(None, best_sizes)
        tuned.run(timing_only=True)
        best = tuned if tuned.report["cycles"] < baseline.report["cycles"] else baseline
        if best is tuned:
            progress(f"tuned: {chosen}: {tuned.report['cycles']:.0f} cycles (the model's choices: {baseline.report['cycles']:.0f})")
        else:
            progress(f"tuned: the model's choices kept: {baseline.report['cycles']:.0f} cycles ({chosen}: {tuned.report['cycles']:.0f})")
    best.tuning = rows
    return best


def _name(sizes, separator: str = "x") -> str:
    return separator.join(map(str, sizes))
