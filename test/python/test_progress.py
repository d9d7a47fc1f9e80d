"""Long compiles and simulations are not silent (issue 9): warnings for tile sizes that
waste the matrix array or make a simulation of minutes (accel-tile), progress callbacks
of the simulator and of tuning, and accelc's progress bar (on a terminal only)."""

from __future__ import annotations

import io
import json
import math

import pytest

import accel
from accel.compiler.passes.accel_tile import MANY_TILE_STEPS, tiling_warnings
from accel.compiler.cost_model import TileSizes
from accel.targets.hardware import load_hardware
from accel.targets.sim import simulator
from accel.targets.sim.simulator import simulate
from accel.targets.timing import MatrixTiming
from accel.tools import accelc
from accel.workloads import int8_gemm

EDGE = load_hardware("edge-npu")  # one 32x32 weight-stationary array
SOURCE = int8_gemm(64, 128, 256)


def qmatmul_location(text: str, filename: str) -> str:
    """FILE:LINE:COL of the (first) qmatmul of `text`: where MLIR locates it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if '"accel.qmatmul"' in line:
            column = line.index('"accel.qmatmul"') + 1
            return f"{filename}:{number}:{column}"
    raise AssertionError("no qmatmul")


# ---------------------------------------------------------------------------
# Warnings (accel-tile)


def test_fill_follows_the_dataflow():
    timing = MatrixTiming(EDGE)
    assert timing.held(8, 16, 24) == (("K", 24), ("N", 16))  # weight-stationary: K x N held, M streams
    assert timing.fill(1, 32, 32) == 1.0 and timing.fill(64, 64, 64) == 1.0
    assert timing.fill(64, 16, 16) == 0.25
    assert timing.fill(64, 48, 32) == 48 / 64  # 2 blocks of columns, the second half empty


def test_underfilled_tiles_are_warned_at_the_qmatmul_once_per_shape():
    twice = SOURCE.replace("  return %y", '  %z = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : '
                           "(tensor<64x256xi8>, tensor<128x256xi8>, tensor<128xf32>, tensor<64xf32>) -> tensor<64x128xf32>\n  return %y")
    artifact = accel.compile(twice, target="sim", hw=EDGE, tile_sizes=(16, 16, 16), filename="g.mlir")
    (warning,) = artifact.warnings
    assert warning.severity == "warning" and warning.location == qmatmul_location(twice, "g.mlir")
    assert warning.format() == (
        f"{qmatmul_location(twice, 'g.mlir')}: warning: tiles 16,16,16 use 25% of the 32x32 matrix array (K 16 of its 32 rows, "
        "N 16 of its 32 columns): the other PEs idle; tiles 16,32,32 would use 100% (--tile-sizes)"
    )


def test_tiles_that_fill_the_array_or_the_matmul_are_not_warned():
    assert accel.compile(SOURCE, target="sim", hw=EDGE, tune=0).warnings == []  # the model's choice
    assert accel.compile(SOURCE, target="sim", hw=EDGE, tile_sizes=(8, 32, 32)).warnings == []  # M streams
    # A matmul narrower than the array: its tiles cannot fill it, no fault of theirs.
    narrow = int8_gemm(16, 8, 16)
    assert accel.compile(narrow, target="sim", hw=EDGE, tile_sizes=(16, 8, 16)).warnings == []
    # ... but tiles narrower than it are.
    (warning,) = accel.compile(narrow, target="sim", hw=EDGE, tile_sizes=(16, 4, 16)).warnings
    assert "use 6.25% of the 32x32" in warning.message and "tiles 16,8,16 would use 12.5%" in warning.message


def test_many_tile_steps_are_warned():
    sizes = TileSizes(8, 8, 8)
    steps = math.ceil(384 / 8) * math.ceil(2304 / 8) * math.ceil(768 / 8)
    assert steps > MANY_TILE_STEPS
    underfill, many = tiling_warnings((384, 2304, 768), sizes, EDGE, given=True)
    assert underfill.startswith("tiles 8,8,8 use 6.25% of the 32x32 matrix array")
    assert many == (f"tiles 8,8,8 cut this 384x2304x768 matmul into {steps:,} tile steps (13,824 tiles of 96 K steps): "
                    "simulating them takes long; larger tiles make fewer (--tile-sizes)")
    # The model's own choice names no option.
    assert not tiling_warnings((384, 2304, 768), sizes, EDGE, given=False)[0].endswith("(--tile-sizes)")
    assert tiling_warnings((384, 2304, 768), TileSizes(32, 32, 32), EDGE, given=True) == []


def test_accelc_prints_warnings_before_running_even_when_quiet(tmp_path, capsys):
    path = tmp_path / "g.mlir"
    path.write_text(SOURCE)
    status = accelc.main(["run", str(path), "--target", "sim", "--tile-sizes", "16,16,16", "--timing-only", "-q"])
    captured = capsys.readouterr()
    assert status == 0 and captured.out.startswith("@gemm on sim")
    assert captured.err.splitlines() == [
        f"{qmatmul_location(SOURCE, str(path))}: warning: tiles 16,16,16 use 25% of the 32x32 matrix array (K 16 of its 32 "
        "rows, N 16 of its 32 columns): the other PEs idle; tiles 16,32,32 would use 100% (--tile-sizes)"
    ]


def test_the_python_api_prints_nothing(capsys):
    artifact = accel.compile(SOURCE, target="sim", hw=EDGE, tile_sizes=(16, 16, 16))
    artifact.run(timing_only=True)
    assert artifact.warnings and capsys.readouterr() == ("", "")


# ---------------------------------------------------------------------------
# The simulator's progress


def test_simulation_progress_counts_two_steps_per_op_and_changes_nothing(monkeypatch):
    every = 64  # a report every 64 steps: several in this small program
    monkeypatch.setattr(simulator, "PROGRESS_EVERY", every)
    artifact = accel.compile(SOURCE, target="sim", hw=EDGE, tile_sizes=(16, 16, 16))
    artifact.run(timing_only=True)
    quiet = artifact.report
    calls = []
    artifact.run(timing_only=True, progress=lambda done, total: calls.append((done, total)))
    assert json.dumps(artifact.report, sort_keys=True) == json.dumps(quiet, sort_keys=True)
    ops = sum(quiet["ops"].values())
    # The translator counted the ops before the run (constant loop bounds): every call
    # has the exact total; `done` rises to it, every PROGRESS_EVERY steps.
    assert ops > 4 * every
    assert {total for _, total in calls} == {2 * ops}
    assert [done for done, _ in calls] == sorted(done for done, _ in calls) and calls[-1] == (2 * ops, 2 * ops)
    assert (every, 2 * ops) in calls and (ops, 2 * ops) in calls and (ops + every, 2 * ops) in calls  # issue, then timing
    assert len(calls) == 2 * (ops // every) + 2
    assert artifact._last_result is not None and artifact.program._program.op_count == ops


def test_simulate_reports_progress_of_a_translated_program():
    artifact = accel.compile(SOURCE, target="sim", hw=EDGE, tile_sizes=(16, 16, 16))
    artifact.run(timing_only=True)
    program = artifact.program._program
    calls = []
    result = simulate(program, EDGE, timing_only=True, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (2 * program.op_count, 2 * program.op_count)
    assert result.report == artifact.report


# ---------------------------------------------------------------------------
# Tuning's progress and accelc's bar


class Recorder:
    """A progress callback of `accel.compile` that also counts (as accelc's does)."""

    def __init__(self):
        self.messages, self.counts = [], []

    def __call__(self, message):
        self.messages.append(message)

    def advance(self, label, done, total):
        self.counts.append((label, done, total))


def test_tuning_counts_its_candidates():
    recorder = Recorder()
    accel.compile(SOURCE, target="sim", hw=EDGE, tune=3, progress=recorder)
    assert recorder.counts == [("tune 64x128x256", i, 3) for i in range(4)]
    assert [m.split(":")[0] for m in recorder.messages][4:] == [*(f"tune 64x128x256 {i}/3" for i in (1, 2, 3)), "tuned"]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_accelc_draws_a_bar_only_on_a_terminal():
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = accelc.Progress(stream)
        progress("graph: 0.01 s")
        for done in (0, 500, 1000):
            progress.simulation(done, 1000)
        progress.close()
    assert pipe.getvalue() == "accelc: graph: 0.01 s\n"
    drawn = terminal.getvalue()
    assert drawn.startswith("accelc: graph: 0.01 s\n\raccelc: simulate:   0%|") and "/1.00k [" in drawn
    assert drawn.endswith("\r") and drawn.rsplit("\r", 2)[1].strip() == ""  # the bar is gone once closed


def test_accelc_passes_its_bar_to_the_run_unless_quiet(tmp_path, monkeypatch, capsys):
    path = tmp_path / "g.mlir"
    path.write_text(SOURCE)
    seen = []
    original = accelc.Progress.advance

    def advance(self, label, done, total, unit="it"):
        seen.append(label)
        return original(self, label, done, total, unit)

    monkeypatch.setattr(accelc.Progress, "advance", advance)
    assert accelc.main(["run", str(path), "--target", "sim", "--tile-sizes", "32,32,32", "--timing-only"]) == 0
    assert "simulate" in seen
    seen.clear()
    assert accelc.main(["run", str(path), "--target", "sim", "--tile-sizes", "32,32,32", "--timing-only", "-q"]) == 0
    assert seen == []
    capsys.readouterr()
