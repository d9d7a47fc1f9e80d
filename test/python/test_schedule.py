"""Tests of accel-schedule and its SRAM address planner (accel.compiler.sram_plan).

The planner: offsets, alignment, peak, the located overflow error, and agreement
with the working set accel-tile budgets for. The pass, end to end: the golden
qmatmul equals, exactly, what the simulator computes when it runs
accel-schedule(bufferize(accel-tile(L2))) on shapes with edge tiles in M, N and K;
the simulator also checks that tokens and waits order every access to an SRAM buffer,
so a missing dependency fails these tests as a race. And the schedule's timing
shows what double buffering is for: the matrix unit never waits for a K step's loads,
and between tiles only for the rescale (ACC is single-buffered), not for the store.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accel.compiler.passes.accel_schedule import BUFFERIZE_PIPELINE, sram_buffers
from accel.compiler.pipeline import Pipeline
from accel.compiler.sram_plan import ALIGNMENT, SramBuffer, align_up, plan_sram
from accel.compiler.tile_sizes import working_set_bytes
from accel.diagnostics import AccelError
from accel.dialects import verify_accel
from accel.mlir import ir, make_context, parse_module
from accel.runtime.golden import qmatmul
from accel.targets.sim.simulator import simulate

# ---------------------------------------------------------------------------
# The address planner


def test_plan_packs_buffers_in_order_on_aligned_offsets():
    buffers = [SramBuffer("a", (3, 5), "i8"), SramBuffer("b", (10,), "f32"), SramBuffer("c", (64,), "i8"), SramBuffer("d", (2,), "i32")]
    plan = plan_sram(buffers, 1024)
    assert [p.offset for p in plan.placements] == [0, 64, 128, 192]
    assert [p.buffer for p in plan.placements] == buffers
    assert plan.offset("c") == 128
    assert plan.peak == 192 + 8
    assert plan_sram(buffers, 1024, alignment=16).peak == 16 + 48 + 64 + 8


def test_plan_of_one_tile_schedule():
    plan = plan_sram(sram_buffers(64, 32, 32), 1 << 21)
    offsets = {p.buffer.name: p.offset for p in plan.placements}
    assert offsets == {"A0": 0, "W0": 2048, "A1": 3072, "W1": 5120, "ACC": 6144, "OUT": 14336, "RS": 22528, "CS": 22784}
    assert plan.peak == 22912 == working_set_bytes(64, 32, 32)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 300), st.integers(1, 300), st.integers(1, 300))
def test_plan_peak_is_the_working_set_accel_tile_budgets_plus_alignment(tm, tn, tk):
    """accel-tile picks tiles whose working set fits SRAM; the plan needs that much
    plus at most the padding that aligns each of the 7 buffers after the first."""
    peak = plan_sram(sram_buffers(tm, tn, tk), 1 << 40).peak
    budget = working_set_bytes(tm, tn, tk)
    assert budget <= peak <= budget + 7 * (ALIGNMENT - 1)


def test_plan_never_overlaps_buffers():
    buffers = [SramBuffer(f"b{i}", (i * 7 + 1,), "f32") for i in range(20)]
    placements = sorted(plan_sram(buffers, 1 << 20).placements, key=lambda p: p.offset)
    for before, after in zip(placements, placements[1:]):
        assert before.end <= after.offset and after.offset % ALIGNMENT == 0


def test_plan_overflow_is_located_and_names_every_buffer():
    with pytest.raises(AccelError) as info:
        plan_sram(sram_buffers(64, 32, 32), 4096, hardware="hardware 'tiny'", location="tiny.toml")
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.location == "tiny.toml"
    assert diagnostic.message.startswith("the SRAM plan needs 22912 bytes but hardware 'tiny' has 4096 (buffers, each aligned to 64 B: A0 64x32xi8 (2048 B), W0 32x32xi8 (1024 B)")
    assert "ACC 64x32xi32 (8192 B)" in diagnostic.message and diagnostic.message.endswith("CS 32xf32 (128 B))")


def test_plan_fits_exactly_at_capacity():
    assert plan_sram(sram_buffers(64, 32, 32), 22912).peak == 22912
    assert plan_sram([], 0).peak == 0


@pytest.mark.parametrize(
    "buffers, alignment, message",
    [
        ([SramBuffer("a", (4,), "i8"), SramBuffer("a", (4,), "i8")], 64, "names must be unique"),
        ([SramBuffer("a", (4,), "i8")], 48, "power of two"),
        ([SramBuffer("a", (0, 4), "i8")], 64, "positive size"),
        ([SramBuffer("a", (4,), "i4")], 64, "no byte size for element type i4"),
    ],
)
def test_plan_rejects_bad_requests(buffers, alignment, message):
    with pytest.raises(ValueError, match=message):
        plan_sram(buffers, 1024, alignment=alignment)


def test_align_up():
    assert [align_up(v, 64) for v in (0, 1, 63, 64, 65)] == [0, 64, 64, 64, 128]


# ---------------------------------------------------------------------------
# The pass, through the simulator


def _qmatmul_function(name: str, m: int, n: int, k: int) -> str:
    return f"""func.func @{name}(%x: tensor<{m}x{k}xi8>, %w: tensor<{n}x{k}xi8>, %ws: tensor<{n}xf32>, %xs: tensor<{m}xf32>) -> tensor<{m}x{n}xf32> {{
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {{scheme = "w8a8", group_size = 0 : i64}} : (tensor<{m}x{k}xi8>, tensor<{n}x{k}xi8>, tensor<{n}xf32>, tensor<{m}xf32>) -> tensor<{m}x{n}xf32>
  return %y : tensor<{m}x{n}xf32>
}}
"""


def _schedule(text: str, tile_sizes: str | None = None, hw: str = "edge-npu") -> ir.Module:
    """L2 text -> scheduled L4 module: accel-tile, MLIR's bufferization, accel-schedule."""
    tile = f"accel-tile{{tile-sizes={tile_sizes}}}" if tile_sizes else f"accel-tile{{hw={hw}}}"
    module = parse_module(text, make_context())
    with module.context:
        Pipeline.parse(f"builtin.module({tile}, canonicalize, cse, {BUFFERIZE_PIPELINE}, accel-schedule{{hw={hw}}})").run(module)
    return module


def _inputs(m: int, n: int, k: int, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.integers(-127, 128, (m, k), dtype=np.int8)
    w = rng.integers(-127, 128, (n, k), dtype=np.int8)
    # Scales spanning magnitudes, so a wrong element or rounding order shows.
    ws = (rng.random(n, dtype=np.float32) + 0.5) * np.float32(2.0) ** rng.integers(-12, 4, n).astype(np.float32)
    xs = (rng.random(m, dtype=np.float32) + 0.5) * np.float32(2.0) ** rng.integers(-12, 4, m).astype(np.float32)
    return x, w, ws.astype(np.float32), xs.astype(np.float32)


def _check_numerics(m: int, n: int, k: int, tile_sizes: str | None, seed: int = 0, hw: str = "edge-npu"):
    module = _schedule(_qmatmul_function("f", m, n, k), tile_sizes, hw)
    x, w, ws, xs = _inputs(m, n, k, seed)
    result = simulate(module, hw, inputs=[x, w, ws, xs, np.zeros((m, n), np.float32)])
    expected = qmatmul(x, w, ws, xs, scheme="w8a8", group_size=0)
    np.testing.assert_array_equal(result.outputs[4], expected)
    return module, result


@pytest.mark.parametrize(
    "m, n, k, tile_sizes",
    [
        (100, 72, 64, "64,32,32"),  # edges in M and N; two K steps, no K loop
        (100, 72, 100, "64,32,32"),  # and in K: four steps, a loop of two, a 4-wide last step
        (70, 40, 96, "32,16,32"),  # three steps, K exact
        (33, 17, 129, "16,16,16"),  # nine steps, the last one 1 wide
        (100, 32, 32, "64,32,32"),  # one K step: tiles alternate pairs
        (8, 8, 8, "16,16,16"),  # one tile, smaller than its buffers in every dim
        (100, 72, 64, None),  # the sizes accel-tile chooses for edge-npu
    ],
)
def test_schedule_matches_golden_exactly(m, n, k, tile_sizes):
    module, result = _check_numerics(m, n, k, tile_sizes)
    assert result.report["macs"] == m * n * k


@settings(max_examples=8, deadline=None)
@given(
    st.integers(1, 80), st.integers(1, 80), st.integers(1, 160),
    st.sampled_from(["16,16,16", "32,16,48", "16,32,8", "64,64,64"]), st.integers(0, 2**16),
)
def test_schedule_matches_golden_on_random_shapes(m, n, k, tile_sizes, seed):
    _check_numerics(m, n, k, tile_sizes, seed)


def test_two_matmuls_share_buffers_and_tokens():
    text = """func.func @two(%x: tensor<100x96xi8>, %w1: tensor<40x96xi8>, %w2: tensor<40x96xi8>, %ws: tensor<40xf32>, %xs: tensor<100xf32>) -> (tensor<100x40xf32>, tensor<100x40xf32>) {
  %y1 = "accel.qmatmul"(%x, %w1, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<100x96xi8>, tensor<40x96xi8>, tensor<40xf32>, tensor<100xf32>) -> tensor<100x40xf32>
  %y2 = "accel.qmatmul"(%x, %w2, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<100x96xi8>, tensor<40x96xi8>, tensor<40xf32>, tensor<100xf32>) -> tensor<100x40xf32>
  return %y1, %y2 : tensor<100x40xf32>, tensor<100x40xf32>
}
"""
    module = _schedule(text, "64,32,32")
    x, w1, ws, xs = _inputs(100, 40, 96, 1)
    w2 = np.flip(w1, 0).copy()
    result = simulate(module, "edge-npu", inputs=[x, w1, w2, ws, xs, np.zeros((100, 40), np.float32), np.zeros((100, 40), np.float32)])
    np.testing.assert_array_equal(result.outputs[5], qmatmul(x, w1, ws, xs, scheme="w8a8", group_size=0))
    np.testing.assert_array_equal(result.outputs[6], qmatmul(x, w2, ws, xs, scheme="w8a8", group_size=0))
    names = [op.name for op in module.body.operations[0].regions[0].blocks[0].operations]
    assert names.count("accel.alloc") == 8  # one set of buffers for both
    assert names.count("accel.wait") == 1 and names[-2:] == ["accel.wait", "func.return"]


def test_scheduled_program_is_pure_l4():
    module = _schedule(_qmatmul_function("f", 100, 72, 100), "64,32,32")
    verify_accel(module)
    names = []

    def visit(op):
        names.append(op.name)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    allowed_dialects = {"builtin", "func", "scf", "arith", "affine", "accel"}
    assert {name.split(".")[0] for name in names} <= allowed_dialects | {"memref"}
    assert {name for name in names if name.startswith("memref.")} == {"memref.subview"}


def test_double_buffering_hides_the_loads():
    """Compute-bound tiles (128^3 MACs per mma against 2 x 16 KiB of loads): the matrix
    unit never waits within a tile, and between tiles only for the rescale that reads
    ACC before the next tile overwrites it, not for the store or the next tile's loads."""
    _, result = _check_numerics(256, 256, 512, "128,128,128")
    events = [e for e in result.trace["traceEvents"] if e.get("ph") == "X"]

    def intervals(category):
        return sorted((e["ts"], e["ts"] + e["dur"]) for e in events if e["cat"] == category)

    mmas = intervals("accel.mma")
    tiles, steps = 4, 4
    assert len(mmas) == tiles * steps
    gaps = [later[0] - earlier[1] for earlier, later in zip(mmas, mmas[1:])]
    epsilon = 1e-6
    assert sum(gap > epsilon for gap in gaps) <= tiles - 1
    rescale = max(end - start for start, end in intervals("accel.rescale"))
    store = min(end - start for start, end in intervals("accel.dma_store"))
    load = min(end - start for start, end in intervals("accel.dma_load"))
    assert max(gaps) < rescale + min(store, load)


def test_sram_overflow_from_a_hardware_file(tmp_path):
    from accel.targets.hardware import load_hardware

    edge = load_hardware("edge-npu")
    small = tmp_path / "small.toml"
    text = open(edge.source).read()
    small.write_text(text.replace('name = "edge-npu"', 'name = "edge-16k"').replace("bytes = 2097152", "bytes = 16384"))
    with pytest.raises(AccelError) as info:
        _schedule(_qmatmul_function("f", 64, 32, 64), "64,32,32", hw=str(small))
    (diagnostic,) = info.value.diagnostics
    assert "the w8a8 tile 64x32x32 does not fit in SRAM: the SRAM plan needs 22912 bytes but hardware 'edge-16k' has 16384" in diagnostic.message
    assert ":2:8" in str(diagnostic.location)  # the qmatmul
