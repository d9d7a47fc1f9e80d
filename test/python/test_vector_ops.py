"""Tests of the vector unit's ops (accel.vunary, vbinary, vreduce, gather): their golden
semantics against numpy, hand-written scheduled programs on the simulator checked bit
for bit against the golden handlers, their timing against the formula of
accel.targets.timing, their energy, the hardware file's vector tables, and an injected
race caught at the op."""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
import scipy.special

from accel.core.diagnostics import AccelError, format_location
from accel.runtime.golden import EPS_F32, HANDLERS
from accel.runtime.quantization import quantize_rows
from accel.targets.hardware import load_hardware
from accel.targets.sim.simulator import simulate
from accel.targets.timing import VECTOR_KIND_OPS, dma_channel_bytes_per_cycle, dma_latency_cycles, vector_cycles

EDGE = load_hardware("edge-npu")
VUNARY, VBINARY, VREDUCE, GATHER = (HANDLERS[f"accel.{n}"] for n in ("vunary", "vbinary", "vreduce", "gather"))
SRAM = '#accel.memspace<"sram">'
RNG = np.random.default_rng(7)


# ---------------------------------------------------------------------------
# Golden semantics against numpy (f64 references: the f32 result is within a few ulps)


def _f32(shape, scale=3.0):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


def _within_ulps(got: np.ndarray, exact: np.ndarray, ulps: float, scale: np.ndarray | None = None) -> bool:
    """|got - exact| <= ulps * eps_f32 * scale (|exact| unless given)."""
    scale = np.abs(exact) if scale is None else scale
    return bool(np.all(np.abs(got.astype(np.float64) - exact) <= ulps * EPS_F32 * scale + 1e-38))


@pytest.mark.parametrize(
    "kind, reference, ulps",
    [
        ("exp", np.exp, 4),
        ("rsqrt", lambda x: 1 / np.sqrt(np.abs(x)), 2),
        ("sqrt", lambda x: np.sqrt(np.abs(x)), 1),
        ("recip", lambda x: 1 / x, 1),
        ("silu", lambda x: x / (1 + np.exp(-x)), 8),
        ("erf", scipy.special.erf, 1),
        ("gelu", lambda x: 0.5 * x * (1 + scipy.special.erf(x / math.sqrt(2))), 8),
        ("neg", np.negative, 0),
        ("abs", np.abs, 0),
    ],
)
def test_vunary_math_against_f64(kind, reference, ulps):
    x = _f32((8, 32))
    if kind in ("rsqrt", "sqrt"):
        x = np.abs(x)
    got = VUNARY(x, np.zeros_like(x), kind=kind)
    assert got.dtype == np.float32
    # gelu's 1 + erf(.) cancels for negative x: its rounding errors are relative to |x|.
    scale = np.abs(x.astype(np.float64)) if kind == "gelu" else None
    assert _within_ulps(got, reference(x.astype(np.float64)), ulps, scale)


def test_vunary_round_clamp_cast_are_exact():
    x = np.array([[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 300.0, -300.0]], np.float32)
    # Round half to even (numpy's rint), in float.
    assert VUNARY(x, np.zeros_like(x), kind="round").tolist() == [[-2, -2, -0, 0, 2, 2, 300, -300]]
    clamped = VUNARY(x, np.zeros_like(x), kind="clamp", min=-127.0, max=127.0)
    assert clamped.tolist() == [[-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 127, -127]]
    # cast to int8: half to even, then saturation to [-128, 127].
    assert VUNARY(x, np.zeros(x.shape, np.int8), kind="cast").tolist() == [[-2, -2, 0, 0, 2, 2, 127, -128]]
    # int32 -> int8 saturates; int8 -> f32 is exact; f32 -> f16 rounds to nearest even.
    wide = np.array([[1000, -1000, 5]], np.int32)
    assert VUNARY(wide, np.zeros(wide.shape, np.int8), kind="cast").tolist() == [[127, -128, 5]]
    assert VUNARY(np.array([[-127, 3]], np.int8), np.zeros((1, 2), np.float32), kind="cast").tolist() == [[-127.0, 3.0]]
    half = VUNARY(np.array([[1 + 2**-11]], np.float32), np.zeros((1, 1), np.float16), kind="cast")
    assert half.tolist() == [[1.0]]
    with pytest.raises(ValueError, match="cannot cast NaN to int8"):
        VUNARY(np.array([[np.nan]], np.float32), np.zeros((1, 1), np.int8), kind="cast")


def test_vunary_copy_broadcasts():
    column = np.arange(4, dtype=np.float32).reshape(4, 1)
    got = VUNARY(column, np.zeros((4, 3), np.float32), kind="copy")
    assert np.array_equal(got, np.broadcast_to(column, (4, 3)))
    with pytest.raises(ValueError, match=r"input \(4, 2\) does not broadcast to out \(4, 3\)"):
        VUNARY(np.zeros((4, 2), np.float32), np.zeros((4, 3), np.float32), kind="copy")


@pytest.mark.parametrize("kind, function", [("add", np.add), ("sub", np.subtract), ("mul", np.multiply),
                                            ("div", np.divide), ("max", np.maximum), ("min", np.minimum)])
def test_vbinary_is_one_f32_operation_with_broadcast(kind, function):
    x, row, col = _f32((8, 16)), _f32((8, 1)), _f32((1, 16))
    assert np.array_equal(VBINARY(x, row, np.zeros_like(x), kind=kind), function(x, row))
    assert np.array_equal(VBINARY(col, x, np.zeros_like(x), kind=kind), function(col, x))
    # Rounded once more to a narrower out.
    assert np.array_equal(VBINARY(x, row, np.zeros(x.shape, np.float16), kind=kind), function(x, row).astype(np.float16))


def test_vreduce_sum_is_sequential_and_max_exact():
    x = _f32((4, 100))
    expected = np.zeros((4, 1), np.float32)
    for j in range(100):  # the defined order: j = 0, 1, ..., N - 1, f32 each step
        expected[:, 0] = expected[:, 0] + x[:, j]
    assert np.array_equal(VREDUCE(x, np.zeros((4, 1), np.float32), kind="sum"), expected)
    assert np.array_equal(VREDUCE(x, np.zeros((4, 1), np.float32), kind="max"), x.max(axis=1, keepdims=True))


def test_gather_rows_and_bad_index():
    table = _f32((10, 6))
    ids = np.array([3, 0, 9, 3], np.int32)
    assert np.array_equal(GATHER(table, ids, np.zeros((4, 6), np.float32)), table[ids])
    with pytest.raises(ValueError, match=r"index 10 \(row 1 of the indices\) is outside the table's rows \[0, 10\)"):
        GATHER(table, np.array([1, 10], np.int32), np.zeros((2, 6), np.float32))


# ---------------------------------------------------------------------------
# Hand-written scheduled programs


def program(args: dict[str, str], buffers: dict[str, str], body: list[str]) -> str:
    """A scheduled function: DRAM arguments `args` (name -> type), SRAM buffers
    `buffers` (name -> type, allocated one after the other) and `body` lines, where
    `{name}` in a line is replaced by that value's type."""
    types = {**args, **{name: f"memref<{shape}, {SRAM}>" for name, shape in buffers.items()}}
    lines = [f"func.func @f({', '.join(f'%{n}: {t}' for n, t in args.items())}) {{"]
    offset = 0
    for name, shape in buffers.items():
        lines.append(f'  %{name} = "accel.alloc"() {{offset = {offset} : i64}} : () -> {types[name]}')
        dims, element = shape.rsplit("x", 1)
        count = math.prod(int(d) for d in dims.split("x"))
        offset += count * {"f32": 4, "i32": 4, "i8": 1, "f16": 2}[element]
        offset = -(-offset // 64) * 64
    for line in body:
        lines.append("  " + re.sub(r"\{(\w+)\}", lambda m: types[m.group(1)], line))
    lines.append("  return\n}")
    return "\n".join(lines)


def op(result: str, name: str, operands: list[str], attrs: str = "", types: dict | None = None) -> str:
    """One generic accel op returning a token; operand types are written `{name}`."""
    listed = ", ".join(f"%{o}" for o in operands)
    signature = ", ".join("!accel.token" if re.fullmatch(r"t\d+|tt", o) else f"{{{o}}}" for o in operands)
    attr_text = f" {{{attrs}}}" if attrs else ""
    return f'%{result} = "accel.{name}"({listed}){attr_text} : ({signature}) -> !accel.token'


def softmax_program(rows: int, cols: int) -> str:
    """y = softmax(x) over rows, on one SRAM tile: max, subtract, exp, sum, divide."""
    tile, column = f"{rows}x{cols}xf32", f"{rows}x1xf32"
    return program(
        {"x": f"memref<{tile}>", "y": f"memref<{tile}>"},
        {"bx": tile, "bm": column, "be": tile, "bs": column},
        [
            op("t0", "dma_load", ["x", "bx"]),
            op("t1", "vreduce", ["bx", "bm", "t0"], 'kind = "max"'),
            op("t2", "vbinary", ["bx", "bm", "be", "t1"], 'kind = "sub"'),
            op("t3", "vunary", ["be", "be", "t2"], 'kind = "exp"'),
            op("t4", "vreduce", ["be", "bs", "t3"], 'kind = "sum"'),
            op("t5", "vbinary", ["be", "bs", "be", "t4"], 'kind = "div"'),
            op("t6", "dma_store", ["be", "y", "t5"]),
            '"accel.wait"(%t6) : (!accel.token) -> ()',
        ],
    )


def test_softmax_tile_on_the_sim_equals_golden(parse):
    x = _f32((16, 64))
    result = simulate(parse(softmax_program(16, 64)), EDGE, inputs=[x, np.zeros_like(x)])
    # The same steps through the golden handlers, bit for bit.
    m = VREDUCE(x, np.zeros((16, 1), np.float32), kind="max")
    e = VUNARY(VBINARY(x, m, np.zeros_like(x), kind="sub"), np.zeros_like(x), kind="exp")
    s = VREDUCE(e, np.zeros((16, 1), np.float32), kind="sum")
    expected = VBINARY(e, s, np.zeros_like(x), kind="div")
    assert np.array_equal(result.outputs[1], expected)
    exact = np.exp(x - x.max(axis=1, keepdims=True)).astype(np.float64)
    assert np.allclose(result.outputs[1], exact / exact.sum(axis=1, keepdims=True), rtol=1e-5)
    assert result.report["ops"]["vreduce"] == 2 and result.report["ops"]["vbinary"] == 2 and result.report["ops"]["vunary"] == 1


def test_softmax_tile_timing_energy_and_counts(parse):
    rows, cols = 16, 64
    n = rows * cols
    report = simulate(parse(softmax_program(rows, cols)), EDGE, timing_only=True).report
    # Lane operations by class, from VECTOR_KIND_OPS: max and sum over the input, sub
    # (simple), exp (transcendental), div (divide) per element.
    assert VECTOR_KIND_OPS["exp"] == (0, 0, 1) and VECTOR_KIND_OPS["div"] == (0, 1, 0)
    assert report["vector_ops_by_class"] == {"simple": 3 * n, "transcendental": n, "divide": n}
    assert report["vector_ops"] == 5 * n
    # Energy: simple 1, divide 4, transcendental 8 times vector_op_pj (edge-npu's 3.7 pJ).
    assert report["energy_breakdown_pj"]["vector"] == pytest.approx(3.7 * (3 * n + 4 * n + 8 * n))
    # The vector unit's busy cycles: each op is max(lanes bound, SRAM port bound), by hand.
    lanes, port = 32, 512  # edge-npu: 32 lanes, 512 GB/s at 1 GHz
    tile, column = 4 * n, 4 * rows
    by_hand = [
        max(math.ceil(n * 1 / lanes), math.ceil((tile + column) / port)),  # max
        max(math.ceil(n * 1 / lanes), math.ceil((tile + column + tile) / port)),  # sub
        max(math.ceil(n * 4 / lanes), math.ceil((tile + tile) / port)),  # exp
        max(math.ceil(n * 1 / lanes), math.ceil((tile + column) / port)),  # sum
        max(math.ceil(n * 4 / lanes), math.ceil((tile + column + tile) / port)),  # div
    ]
    assert by_hand == [32, 32, 128, 32, 128]
    assert report["busy_cycles"]["vector"] == sum(by_hand)
    assert vector_cycles(EDGE, "exp", n, 2 * tile) == 128


def test_vector_op_bound_by_the_sram_port(parse):
    # A copy does one lane op per element: with many lanes the SRAM port bounds it.
    wide = dataclasses.replace(EDGE, vector=dataclasses.replace(EDGE.vector, lanes=4096))
    text = program(
        {"x": "memref<64x64xf32>"},
        {"a": "64x64xf32", "b": "64x64xf32"},
        [op("t0", "vunary", ["a", "b"], 'kind = "copy"'), '"accel.wait"(%t0) : (!accel.token) -> ()'],
    )
    report = simulate(parse(text), wide, timing_only=True).report
    port_bytes = 2 * 64 * 64 * 4
    assert report["busy_cycles"]["vector"] == math.ceil(port_bytes / wide.sram_bytes_per_cycle) == 64
    assert math.ceil(64 * 64 / 4096) == 1  # the lanes alone would take 1 cycle


def quantize_program(rows: int, cols: int) -> str:
    """accel.quantize's meaning on the vector unit: scale = max|x| / 127 per row,
    q = cast(clamp(round(x / scale), -127, 127)) to int8."""
    tile, column = f"{rows}x{cols}xf32", f"{rows}x1xf32"
    return program(
        {"x": f"memref<{tile}>", "qmax": "memref<1x1xf32>", "q": f"memref<{rows}x{cols}xi8>", "s": f"memref<{column}>"},
        {"bx": tile, "bk": "1x1xf32", "ba": tile, "bm": column, "bq": f"{rows}x{cols}xi8"},
        [
            op("t0", "dma_load", ["x", "bx"]),
            op("t1", "dma_load", ["qmax", "bk"]),
            op("t2", "vunary", ["bx", "ba", "t0"], 'kind = "abs"'),
            op("t3", "vreduce", ["ba", "bm", "t2"], 'kind = "max"'),
            op("t4", "vbinary", ["bm", "bk", "bm", "t3", "t1"], 'kind = "div"'),
            op("t5", "vbinary", ["bx", "bm", "ba", "t4"], 'kind = "div"'),
            op("t6", "vunary", ["ba", "ba", "t5"], 'kind = "round"'),
            op("t7", "vunary", ["ba", "ba", "t6"], 'kind = "clamp", min = -127.0 : f64, max = 127.0 : f64'),
            op("t8", "vunary", ["ba", "bq", "t7"], 'kind = "cast"'),
            op("t9", "dma_store", ["bq", "q", "t8"]),
            op("t10", "dma_store", ["bm", "s", "t4"]),
            '"accel.wait"(%t9, %t10) : (!accel.token, !accel.token) -> ()',
        ],
    )


def test_quantize_on_the_vector_unit_equals_accel_quantize(parse):
    x = _f32((8, 64))
    inputs = [x, np.full((1, 1), 127, np.float32), np.zeros((8, 64), np.int8), np.zeros((8, 1), np.float32)]
    result = simulate(parse(quantize_program(8, 64)), EDGE, inputs=inputs)
    q, scale = quantize_rows(x)
    assert np.array_equal(result.outputs[3][:, 0], scale)
    assert np.array_equal(result.outputs[2], q)


def gather_program(vocab: int, dim: int, rows: int, table_in_sram: bool) -> str:
    table = f"{vocab}x{dim}xf32"
    buffers = {"bi": f"{rows}xi32", "bo": f"{rows}x{dim}xf32"}
    body = [op("t0", "dma_load", ["ids", "bi"])]
    source = "table"
    if table_in_sram:
        buffers = {"bt": table, **buffers}
        body.append(op("tt", "dma_load", ["table", "bt"]))
        source = "bt"
    deps = ["t0"] + (["tt"] if table_in_sram else [])
    attrs = "" if table_in_sram else "queue = 0 : i64"
    body += [
        op("t1", "gather", [source, "bi", "bo", *deps], attrs),
        op("t2", "dma_store", ["bo", "out", "t1"]),
        '"accel.wait"(%t2) : (!accel.token) -> ()',
    ]
    return program({"table": f"memref<{table}>", "ids": f"memref<{rows}xi32>", "out": f"memref<{rows}x{dim}xf32>"}, buffers, body)


@pytest.mark.parametrize("table_in_sram", [False, True], ids=["dram", "sram"])
def test_gather_embedding_rows(parse, table_in_sram):
    table = _f32((50, 32))
    ids = np.array([7, 0, 49, 7, 12, 3, 3, 20], np.int32)
    result = simulate(parse(gather_program(50, 32, 8, table_in_sram)), EDGE, inputs=[table, ids, np.zeros((8, 32), np.float32)])
    assert np.array_equal(result.outputs[2], table[ids])
    report = result.report
    assert report["ops"]["gather"] == 1
    if table_in_sram:
        assert report["vector_ops_by_class"] == {"simple": 8 * 32}
    else:
        # The rows come from DRAM (8 rows x 128 B), not the whole table; no lane operations.
        assert report["dram_read_bytes"] == 8 * 32 * 4 + 8 * 4
        assert report["vector_ops"] == 0


def test_gather_from_dram_is_timed_as_one_transfer(parse):
    # The rows move as one transfer on DMA queue 0: behind the indices' load, which
    # pays the DRAM latency, then the store of the rows (on the pool engine).
    result = simulate(parse(gather_program(50, 32, 8, False)), EDGE, timing_only=True)
    [event] = [e for e in result.trace["traceEvents"] if e.get("name") == "gather"]
    channel, latency = dma_channel_bytes_per_cycle(EDGE), dma_latency_cycles(EDGE)
    # The trace shows a queued transfer moving its bytes (its latency overlaps).
    assert event["dur"] * 1e-6 * EDGE.clock_hz == pytest.approx(8 * 32 * 4 / channel)
    load, gather, store = latency + 8 * 4 / channel, latency + 8 * 32 * 4 / channel, latency + 8 * 32 * 4 / channel
    assert result.report["cycles"] == math.ceil(load + gather + store)


def test_gather_index_out_of_range_is_located(parse):
    text = gather_program(50, 32, 8, False)
    ids = np.array([0, 1, 2, 50, 4, 5, 6, 7], np.int32)
    with pytest.raises(AccelError) as caught:
        simulate(parse(text), EDGE, inputs=[_f32((50, 32)), ids, np.zeros((8, 32), np.float32)])
    message = caught.value.diagnostics[0].message
    assert message == "'accel.gather' op index 50 (row 3 of the indices) is outside the table's rows [0, 50)"
    line = next(n for n, t in enumerate(text.splitlines(), 1) if '"accel.gather"' in t)
    assert format_location(caught.value.diagnostics[0].location) == f"-:{line}:9"


def test_gather_queue_must_exist(parse):
    text = gather_program(50, 32, 8, False).replace("queue = 0 : i64", "queue = 5 : i64")
    with pytest.raises(AccelError, match=r"'accel.gather' op uses DMA queue 5, but hardware 'edge-npu' has 2 DMA engine\(s\) \(queues 0 .. 1\)"):
        simulate(parse(text), EDGE, timing_only=True)


def test_vector_op_before_its_load_is_a_located_race(parse):
    # The first reduction reads %bx without waiting for the load that fills it.
    text = softmax_program(16, 64).replace('"accel.vreduce"(%bx, %bm, %t0)', '"accel.vreduce"(%bx, %bm)')
    text = text.replace("(memref<16x64xf32, #accel.memspace<\"sram\">>, memref<16x1xf32, #accel.memspace<\"sram\">>, !accel.token) -> !accel.token\n  %t2",
                        "(memref<16x64xf32, #accel.memspace<\"sram\">>, memref<16x1xf32, #accel.memspace<\"sram\">>) -> !accel.token\n  %t2", 1)
    with pytest.raises(AccelError) as caught:
        simulate(parse(text), EDGE, timing_only=True)
    diagnostic = caught.value.diagnostics[0]
    assert re.fullmatch(r"'accel.vreduce' op reads SRAM buffer @0 \(16x64xf32\) while 'accel.dma_load' that writes it may still be running: .*", diagnostic.message)
    lines = text.splitlines()
    vreduce = next(n for n, t in enumerate(lines, 1) if '"accel.vreduce"' in t)
    load = next(n for n, t in enumerate(lines, 1) if '"accel.dma_load"' in t)
    assert format_location(diagnostic.location) == f"-:{vreduce}:9"
    assert format_location(diagnostic.notes[0].location) == f"-:{load}:9"


def test_vector_op_overwriting_a_buffer_being_stored_is_a_race(parse):
    # A second exp into %be while the store of %be may still be reading it.
    text = softmax_program(16, 64).replace(
        '  "accel.wait"(%t6)',
        '  %t7 = "accel.vunary"(%bx, %be, %t5) {kind = "exp"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token\n  "accel.wait"(%t6)',
    )
    with pytest.raises(AccelError, match=r"'accel.vunary' op overwrites SRAM buffer @\d+ \(16x64xf32\) while 'accel.dma_store' that reads it may still be running"):
        simulate(parse(text), EDGE, timing_only=True)


# ---------------------------------------------------------------------------
# The hardware file's vector tables


def _edited_preset(tmp_path, old: str, new: str):
    from accel.targets.hardware import _preset_files

    text = _preset_files()["edge-npu"].read_text()
    assert old in text
    path = tmp_path / "hw.toml"
    path.write_text(text.replace(old, new))
    return path


def test_vector_tables_in_the_presets():
    for name in ("edge-npu", "datacenter", "sram-only"):
        hw = load_hardware(name)
        assert (hw.vector.cycles_per_op.simple, hw.vector.cycles_per_op.divide, hw.vector.cycles_per_op.transcendental) == (1, 4, 4)
        assert (hw.energy.vector_op_ratio.divide, hw.energy.vector_op_ratio.transcendental) == (4, 8)
        assert hw.energy.vector_op_pj == 3.7


def test_vector_tables_are_optional_and_checked(tmp_path):
    line = "cycles_per_op = { simple = 1, divide = 4, transcendental = 4 }"
    absent = load_hardware(_edited_preset(tmp_path, line, ""))
    assert absent.vector == EDGE.vector  # the defaults are the presets' figures
    slow = load_hardware(_edited_preset(tmp_path, line, "cycles_per_op = { simple = 1, divide = 20, transcendental = 16 }"))
    assert vector_cycles(slow, "exp", 1024, 0) == 1024 * 16 // 32
    with pytest.raises(AccelError, match=r"unknown field 'vector.cycles_per_op.exp' \(fields of \[vector.cycles_per_op\]: simple, divide, transcendental\)"):
        load_hardware(_edited_preset(tmp_path, line, "cycles_per_op = { exp = 4 }"))
    with pytest.raises(AccelError, match=r"field 'energy.vector_op_ratio.divide' must be > 0, got 0"):
        load_hardware(_edited_preset(tmp_path, "vector_op_ratio = { divide = 4,", "vector_op_ratio = { divide = 0,"))
    with pytest.raises(AccelError, match=r"field 'vector.cycles_per_op.transcendental' must be <= 1000"):
        load_hardware(_edited_preset(tmp_path, line, "cycles_per_op = { transcendental = 4000 }"))
