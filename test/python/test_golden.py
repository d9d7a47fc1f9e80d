"""Tests of the golden semantics (accel.runtime.golden) and the quantizer (accel.runtime.quantization).

Exact cases are computed by hand (or by a naive Python-int loop) and compared with
`==`; float-activation results are compared with float64 references within the
bound the golden module states.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from accel.core.diagnostics import AccelError, format_location
from accel.dialects import ACCEL
from accel.core.mlir import make_context, parse_module
from accel.runtime.golden import (
    EPS_F32,
    HANDLERS,
    dequantize,
    dma_load,
    dma_store,
    evaluate,
    matmul_error_bound,
    mma,
    qmatmul,
    qmatmul_error_bound,
    quantize,
    rescale,
)
from accel.runtime.quantization import pack_int4, quantize_rows, quantize_weight, unpack_int4

F32 = np.float32
SMALLEST_SUBNORMAL = F32(2.0**-149)


def f32(values):
    return np.array(values, dtype=np.float32)


def i8(values):
    return np.array(values, dtype=np.int8)


def test_every_accel_op_has_exactly_one_handler():
    assert set(HANDLERS) == set(ACCEL.ops)


# ---------------------------------------------------------------------------
# quantize_rows / accel.quantize


def test_quantize_rows_rounds_half_to_even():
    # absmax 127 gives scale 1, so q = rint(x): ties go to the even neighbour.
    q, scale = quantize_rows(f32([[127, 0.5, 1.5, -2.5, 2.5, -0.5, -1.5, 0]]))
    assert scale.dtype == np.float32 and q.dtype == np.int8
    assert scale.tolist() == [1.0]
    assert q.tolist() == [[127, 0, 2, -2, 2, 0, -2, 0]]


def test_quantize_rows_symmetric_range_and_scale():
    # scale = 254 / 127 = 2; -254 -> -127 (never -128); 127 / 2 = 63.5 -> 64; 1 / 2 -> 0.
    q, scale = quantize_rows(f32([[-254, 127, 1]]))
    assert scale.tolist() == [2.0]
    assert q.tolist() == [[-127, 64, 0]]


def test_quantize_rows_scale_is_f32_absmax_over_127():
    x = np.random.default_rng(0).normal(size=(5, 33)).astype(np.float32)
    q, scale = quantize_rows(x)
    for r in range(5):
        expected_scale = F32(np.abs(x[r]).max()) / F32(127)
        assert scale[r] == expected_scale
        assert q[r].tolist() == [int(np.rint(F32(v) / expected_scale)) for v in x[r]]
        assert np.abs(q[r]).max() == 127


def test_quantize_rows_all_zero_row_gets_scale_one():
    q, scale = quantize_rows(f32([[0, 0, 0], [0, -3, 1.5]]))
    assert scale.tolist() == [1.0, np.float32(3) / np.float32(127)]
    assert q.tolist() == [[0, 0, 0], [0, -127, 64]]


def test_quantize_rows_scale_underflow_counts_as_zero():
    # 2^-149 / 127 underflows to 0: the row is treated like an all-zero row.
    q, scale = quantize_rows(np.array([[SMALLEST_SUBNORMAL, 0]], dtype=np.float32))
    assert scale.tolist() == [1.0]
    assert q.tolist() == [[0, 0]]


def test_quantize_rows_clamps_when_the_scale_lost_precision():
    # absmax = 190 * 2^-149; absmax / 127 = 1.496 * 2^-149 rounds to 2^-149, so
    # absmax / scale = 190: the clamp keeps it at +-127.
    x = np.array([[190 * SMALLEST_SUBNORMAL, -190 * SMALLEST_SUBNORMAL, 0]], dtype=np.float32)
    q, scale = quantize_rows(x)
    assert scale.tolist() == [float(SMALLEST_SUBNORMAL)]
    assert q.tolist() == [[127, -127, 0]]


def test_quantize_rows_higher_rank_and_f16():
    x = np.random.default_rng(1).normal(size=(2, 3, 8)).astype(np.float16)
    q, scale = quantize_rows(x)
    assert q.shape == (2, 3, 8) and scale.shape == (2, 3)
    flat_q, flat_scale = quantize_rows(x.astype(np.float32).reshape(6, 8))
    assert np.array_equal(q.reshape(6, 8), flat_q)
    assert np.array_equal(scale.reshape(6), flat_scale)


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_quantize_rows_rejects_non_finite(bad):
    with pytest.raises(ValueError, match="non-finite"):
        quantize_rows(f32([[1.0, bad]]))


def test_quantize_handler_is_quantize_rows():
    x = f32([[-254, 127, 1], [0, 0, 0]])
    q, scale = quantize(x)
    assert q.tolist() == [[-127, 64, 0], [0, 0, 0]]
    assert scale.tolist() == [2.0, 1.0]


# ---------------------------------------------------------------------------
# quantize_weight


def test_quantize_weight_int8_per_channel():
    w = f32([[127, 0.5, 1.5, -2.5], [0, 0, 0, 0], [-63.5, 12.7, 0.25, 0.75]])
    q, scale = quantize_weight(w, 8, 0)
    assert scale.dtype == np.float32 and scale.tolist() == [1.0, 1.0, 0.5]
    # Row 2: 12.7 / 0.5 = 25.4 -> 25; 0.25 / 0.5 = 0.5 -> 0 (even); 0.75 / 0.5 = 1.5 -> 2.
    assert q.dtype == np.int8
    assert q.tolist() == [[127, 0, 2, -2], [0, 0, 0, 0], [-127, 25, 0, 2]]


def test_quantize_weight_int4_groups_packed():
    # Group 0: absmax 7 -> scale 1: [7, 3.5 -> 4, -0.5 -> 0, 1.5 -> 2].
    # Group 1: absmax 14 -> scale 2: [-7, 3.5 -> 4, 0.5 -> 0, 1.5 -> 2].
    w = f32([[7, 3.5, -0.5, 1.5, -14, 7, 1, 3]])
    packed, scale = quantize_weight(w, 4, 4)
    assert scale.tolist() == [[1.0, 2.0]]
    assert unpack_int4(packed).tolist() == [[7, 4, 0, 2, -7, 4, 0, 2]]
    # Low nibble = even k: (7, 4) -> 0x47, (0, 2) -> 0x20, (-7 = 0x9, 4) -> 0x49.
    assert packed.dtype == np.int8
    assert packed.tolist() == [[0x47, 0x20, 0x49, 0x20]]


def test_quantize_weight_int4_per_channel():
    packed, scale = quantize_weight(f32([[-14, 7, 1, 3], [0, 0, 0, 0]]), 4, 0)
    assert scale.tolist() == [2.0, 1.0]
    assert unpack_int4(packed).tolist() == [[-7, 4, 0, 2], [0, 0, 0, 0]]


@pytest.mark.parametrize("bits", [8, 4])
@pytest.mark.parametrize("group_size", [32, 64, 128])
def test_quantize_weight_group_sizes(bits, group_size):
    qmax = {8: 127, 4: 7}[bits]
    n, k = 4, 256
    w = np.random.default_rng(group_size + bits).normal(size=(n, k)).astype(np.float32)
    w[1, group_size : 2 * group_size] = 0  # one all-zero group
    q, scale = quantize_weight(w, bits, group_size)
    values = unpack_int4(q) if bits == 4 else q
    assert q.shape == ((n, k // 2) if bits == 4 else (n, k))
    assert scale.shape == (n, k // group_size)
    for row in range(n):
        for g in range(k // group_size):
            block = w[row, g * group_size : (g + 1) * group_size]
            qblock = values[row, g * group_size : (g + 1) * group_size]
            if not block.any():
                assert scale[row, g] == 1.0 and not qblock.any()
                continue
            assert scale[row, g] == F32(np.abs(block).max()) / F32(qmax)
            assert np.abs(qblock).max() == qmax
            assert qblock.tolist() == [int(np.rint(v / scale[row, g])) for v in block]


def test_quantize_weight_scales_follow_groups():
    # Group j holds +-(j + 1): its scale is f32(j + 1) / 7 and every value is +-7.
    g, groups = 32, 4
    magnitude = np.repeat(np.arange(1, groups + 1, dtype=np.float32), g)
    signs = np.where(np.arange(g * groups) % 3 == 0, -1, 1).astype(np.float32)
    w = np.stack([magnitude * signs, 2 * magnitude * signs])
    packed, scale = quantize_weight(w, 4, g)
    assert scale.tolist() == [[F32(j + 1) / F32(7) for j in range(groups)], [F32(2 * (j + 1)) / F32(7) for j in range(groups)]]
    assert np.array_equal(unpack_int4(packed), np.broadcast_to(7 * signs.astype(np.int8), (2, g * groups)))


@pytest.mark.parametrize(
    "w, bits, group_size, message",
    [
        (np.ones((2, 8), np.float32), 3, 0, "8 or 4 bits"),
        (np.ones((2, 8), np.float32), 8, 3, "must divide K"),
        (np.ones((2, 7), np.float32), 4, 0, "must be even"),
        (np.ones(8, np.float32), 8, 0, r"\[N, K\]"),
        (f32([[1, np.nan]]), 8, 0, "non-finite"),
    ],
)
def test_quantize_weight_rejects(w, bits, group_size, message):
    with pytest.raises(ValueError, match=message):
        quantize_weight(w, bits, group_size)


# ---------------------------------------------------------------------------
# int4 packing


def test_int4_round_trip_over_all_sixteen_values():
    q = np.arange(-8, 8, dtype=np.int8).reshape(1, 16)
    packed = pack_int4(q)
    assert packed.shape == (1, 8)
    # (-8, -7) -> low 0x8, high 0x9 -> 0x98 = -104 as int8; (6, 7) -> 0x76 = 118.
    assert packed[0, 0] == np.int8(-104) and packed[0, 7] == 0x76
    assert np.array_equal(unpack_int4(packed), q)


def test_int4_nibble_order():
    assert pack_int4(i8([[-1, 0]])).tolist() == [[0x0F]]
    assert pack_int4(i8([[0, -1]])).tolist() == [[-16]]  # 0xF0
    assert pack_int4(i8([[-8, 7]])).tolist() == [[0x78]]
    assert pack_int4(i8([[7, -8]])).tolist() == [[-121]]  # 0x87


def test_int4_unpack_sign_extends():
    assert unpack_int4(i8([[-128]])).tolist() == [[0, -8]]  # 0x80
    assert unpack_int4(i8([[127]])).tolist() == [[-1, 7]]  # 0x7F
    assert unpack_int4(i8([[0x0F]])).tolist() == [[-1, 0]]
    assert unpack_int4(np.array([[0xF8]], dtype=np.uint8)).tolist() == [[-8, -1]]


def test_int4_every_byte_round_trips():
    every_byte = np.arange(-128, 128).astype(np.int8).reshape(2, 128)
    assert np.array_equal(pack_int4(unpack_int4(every_byte)), every_byte)


def test_int4_pack_rejects():
    with pytest.raises(ValueError, match=r"\[-8, 7\]"):
        pack_int4(i8([[8, 0]]))
    with pytest.raises(ValueError, match="pairs"):
        pack_int4(i8([[1, 2, 3]]))


# ---------------------------------------------------------------------------
# accel.dequantize


def test_dequantize_int8_per_channel():
    out = dequantize(i8([[1, -2], [127, 0]]), f32([0.5, 2.0]), bits=8, group_size=0)
    assert out.dtype == np.float32
    assert out.tolist() == [[0.5, -1.0], [254.0, 0.0]]


def test_dequantize_int4_grouped():
    packed = i8([[0x47, 0x20, 0x49, 0x20]])  # [7, 4, 0, 2, -7, 4, 0, 2]
    out = dequantize(packed, f32([[1.0, 2.0]]), bits=4, group_size=4)
    assert out.tolist() == [[7, 4, 0, 2, -14, 8, 0, 4]]
    out2 = dequantize(packed, f32([[1, 2, 3, 4]]), bits=4, group_size=2)
    assert out2.tolist() == [[7, 4, 0, 4, -21, 12, 0, 8]]


def test_dequantize_rejects_bad_scale_shape():
    with pytest.raises(ValueError, match="per-group scales"):
        dequantize(i8([[1, 2, 3, 4]]), f32([[1.0]]), bits=8, group_size=2)


# ---------------------------------------------------------------------------
# accel.mma


def test_mma_int8_accumulates_past_int16():
    lhs = np.full((2, 4), 127, np.int8)
    rhs = i8([[-128] * 4, [127] * 4, [1, -1, 1, -1]])
    acc = mma(lhs, rhs, np.zeros((2, 3), np.int32), accumulate=False)
    assert acc.dtype == np.int32
    assert acc.tolist() == [[-65024, 64516, 0]] * 2
    both_min = mma(np.full((1, 4), -128, np.int8), np.full((1, 4), -128, np.int8), np.zeros((1, 1), np.int32), accumulate=False)
    assert both_min.tolist() == [[65536]]


def test_mma_accumulate_flag():
    lhs, rhs = i8([[1, 2]]), i8([[3, 4], [-5, 6]])
    acc = np.array([[100, -100]], np.int32)
    assert mma(lhs, rhs, acc, accumulate=True).tolist() == [[111, -93]]
    assert mma(lhs, rhs, acc, accumulate=False).tolist() == [[11, 7]]
    assert acc.tolist() == [[100, -100]]  # the handler returns a new buffer


def test_mma_int32_wraps():
    acc = np.array([[2**31 - 1]], np.int32)
    assert mma(i8([[1]]), i8([[1]]), acc, accumulate=True).tolist() == [[-(2**31)]]


def test_mma_int8_matches_integer_matmul():
    rng = np.random.default_rng(2)
    lhs = rng.integers(-128, 128, size=(7, 1000), dtype=np.int8)
    rhs = rng.integers(-128, 128, size=(5, 1000), dtype=np.int8)
    acc = rng.integers(-(10**6), 10**6, size=(7, 5)).astype(np.int32)
    expected = acc.astype(np.int64) + lhs.astype(np.int64) @ rhs.astype(np.int64).T
    assert np.array_equal(mma(lhs, rhs, acc, accumulate=True), expected)


def test_mma_float_within_bound():
    rng = np.random.default_rng(3)
    lhs = rng.normal(size=(8, 300)).astype(np.float16)
    rhs = rng.normal(size=(6, 300)).astype(np.float32)
    acc = rng.normal(size=(8, 6)).astype(np.float32)
    out = mma(lhs, rhs, acc, accumulate=False)
    assert out.dtype == np.float32
    exact = lhs.astype(np.float64) @ rhs.astype(np.float64).T
    assert np.all(np.abs(out - exact) <= matmul_error_bound(lhs, rhs))
    accumulated = mma(lhs, rhs, acc, accumulate=True)
    assert np.all(np.abs(accumulated - (exact + acc)) <= matmul_error_bound(lhs, rhs, acc=acc))


def test_mma_rejects_mixed_operands():
    with pytest.raises(ValueError, match="both operands int8"):
        mma(i8([[1]]), f32([[1]]), np.zeros((1, 1), np.int32), accumulate=False)
    with pytest.raises(ValueError, match="accumulate in int32"):
        mma(i8([[1]]), i8([[1]]), np.zeros((1, 1), np.float32), accumulate=False)


# ---------------------------------------------------------------------------
# accel.rescale, DMA


def test_rescale_hand_computed():
    out = rescale(np.array([[2, -3]], np.int32), f32([0.5]), f32([4, 0.25]), np.empty((1, 2), np.float32))
    assert out.dtype == np.float32
    assert out.tolist() == [[4.0, -0.375]]


def test_rescale_converts_acc_to_f32_first():
    # 2^24 + 1 is not an f32: it rounds (to even) to 2^24 before scaling.
    out = rescale(np.array([[2**24 + 1]], np.int32), f32([1.0]), f32([1.0]), np.empty((1, 1), np.float32))
    assert out.tolist() == [[2.0**24]]


def test_rescale_order_is_row_scale_first():
    rng = np.random.default_rng(4)
    acc = rng.integers(-(10**6), 10**6, size=(64, 64)).astype(np.int32)
    rows = rng.uniform(1e-3, 1, size=64).astype(np.float32)
    cols = rng.uniform(1e-3, 1, size=64).astype(np.float32)
    row_first = (acc.astype(np.float32) * rows[:, None]) * cols[None, :]
    col_first = acc.astype(np.float32) * (rows[:, None] * cols[None, :])
    assert np.any(row_first != col_first)  # the order is observable on this data
    out = rescale(acc, rows, cols, np.empty(acc.shape, np.float32))
    assert np.array_equal(out, row_first)
    for m, n in zip(*np.nonzero(row_first != col_first)):
        assert out[m, n] == F32(F32(acc[m, n]) * rows[m]) * cols[n]


def test_dma_load_zero_pads_edge_tiles_and_store_takes_the_corner():
    window = np.arange(6, dtype=np.int8).reshape(2, 3)
    buffer = np.full((3, 4), 9, np.int8)
    loaded = dma_load(window, buffer)
    assert loaded.tolist() == [[0, 1, 2, 0], [3, 4, 5, 0], [0, 0, 0, 0]]
    assert dma_store(loaded, np.zeros((2, 3), np.int8)).tolist() == window.tolist()
    with pytest.raises(ValueError, match="does not fit"):
        dma_load(buffer, window)


def test_alloc_and_wait():
    buffer = HANDLERS["accel.alloc"]((2, 3), np.int32, offset=64)
    assert buffer.dtype == np.int32 and buffer.shape == (2, 3) and not buffer.any()
    assert HANDLERS["accel.wait"]() is None


# ---------------------------------------------------------------------------
# accel.qmatmul


def _naive_w8a8(lhs, weight, weight_scale, lhs_scale):
    m, k = lhs.shape
    n = weight.shape[0]
    out = np.empty((m, n), np.float32)
    for i in range(m):
        for j in range(n):
            acc = 0
            for p in range(k):
                acc += int(lhs[i, p]) * int(weight[j, p])
            out[i, j] = F32(F32(acc) * lhs_scale[i]) * weight_scale[j]
    return out


def test_qmatmul_w8a8_equals_naive_loop():
    rng = np.random.default_rng(5)
    lhs = rng.integers(-127, 128, size=(3, 37), dtype=np.int8)
    weight = rng.integers(-127, 128, size=(4, 37), dtype=np.int8)
    weight_scale = rng.uniform(1e-3, 1e-1, size=4).astype(np.float32)
    lhs_scale = rng.uniform(1e-3, 1e-1, size=3).astype(np.float32)
    out = qmatmul(lhs, weight, weight_scale, lhs_scale, scheme="w8a8", group_size=0)
    assert out.dtype == np.float32
    assert np.array_equal(out, _naive_w8a8(lhs, weight, weight_scale, lhs_scale))
    assert not qmatmul_error_bound(lhs, weight, weight_scale, lhs_scale, scheme="w8a8", group_size=0).any()


def test_qmatmul_w8a8_accumulates_past_int16():
    lhs, weight = np.full((1, 4), 127, np.int8), np.full((2, 4), 127, np.int8)
    out = qmatmul(lhs, weight, f32([1.0, 0.5]), f32([2.0]), scheme="w8a8", group_size=0)
    assert out.tolist() == [[129032.0, 64516.0]]


def test_qmatmul_w8a8_is_tiled_mma_then_rescale():
    # What the scheduled program computes: mma over K tiles into i32, then rescale.
    rng = np.random.default_rng(6)
    lhs = rng.integers(-127, 128, size=(4, 96), dtype=np.int8)
    weight = rng.integers(-127, 128, size=(5, 96), dtype=np.int8)
    ws, ls = rng.uniform(0, 1, 5).astype(np.float32), rng.uniform(0, 1, 4).astype(np.float32)
    acc = np.zeros((4, 5), np.int32)
    for start in range(0, 96, 32):
        acc = mma(lhs[:, start : start + 32], weight[:, start : start + 32], acc, accumulate=start > 0)
    tiled = rescale(acc, ls, ws, np.empty((4, 5), np.float32))
    assert np.array_equal(tiled, qmatmul(lhs, weight, ws, ls, scheme="w8a8", group_size=0))


def test_qmatmul_w8a16_within_bound():
    rng = np.random.default_rng(7)
    lhs = rng.normal(size=(5, 64)).astype(np.float32)
    weight = rng.integers(-127, 128, size=(6, 64), dtype=np.int8)
    scale = rng.uniform(1e-3, 1e-1, size=6).astype(np.float32)
    out = qmatmul(lhs, weight, scale, scheme="w8a16", group_size=0)
    exact = (lhs.astype(np.float64) @ weight.astype(np.float64).T) * scale.astype(np.float64)
    bound = qmatmul_error_bound(lhs, weight, scale, scheme="w8a16", group_size=0)
    assert np.all(np.abs(out - exact) <= bound)
    expected_bound = 65 * EPS_F32 * (np.abs(lhs.astype(np.float64)) @ np.abs(weight.astype(np.float64)).T) * scale
    assert np.allclose(bound, expected_bound, rtol=1e-12, atol=0)
    # The bound is tight enough to catch a result off by one part in 10^4.
    assert not np.all(np.abs(out * (1 + 1e-4) - exact) <= bound)


def test_qmatmul_w4a16_within_bound():
    rng = np.random.default_rng(8)
    lhs = rng.normal(size=(3, 128)).astype(np.float16)
    packed, scale = quantize_weight(rng.normal(size=(4, 128)), 4, 32)
    out = qmatmul(lhs, packed, scale, scheme="w4a16", group_size=32)
    dequantized = unpack_int4(packed).astype(np.float64) * np.repeat(scale.astype(np.float64), 32, axis=1)
    exact = lhs.astype(np.float64) @ dequantized.T
    bound = qmatmul_error_bound(lhs, packed, scale, scheme="w4a16", group_size=32)
    assert np.all(np.abs(out - exact) <= bound)
    assert not np.all(np.abs(out * (1 + 1e-4) - exact) <= bound)


def test_qmatmul_rejects_bad_arguments():
    with pytest.raises(ValueError, match="needs lhs_scale"):
        qmatmul(i8([[1]]), i8([[1]]), f32([1]), scheme="w8a8", group_size=0)
    with pytest.raises(ValueError, match="only for w8a8"):
        qmatmul(f32([[1]]), i8([[1]]), f32([1]), f32([1]), scheme="w8a16", group_size=0)
    with pytest.raises(ValueError, match="must be float"):
        qmatmul(i8([[1, 2]]), i8([[1]]), f32([[1]]), scheme="w4a16", group_size=2)


# ---------------------------------------------------------------------------
# Properties

_finite = st.floats(min_value=-2.0**100, max_value=2.0**100, width=32, allow_nan=False, allow_infinity=False, allow_subnormal=False).map(
    lambda v: 0.0 if abs(v) < 1e-30 else v  # keep scales normal: subnormals lose precision (see the clamp test)
)


@st.composite
def _weights(draw):
    bits = draw(st.sampled_from([8, 4]))
    group_size = draw(st.sampled_from([0, 2, 4, 8]))
    groups = draw(st.integers(1, 4))
    k = (group_size or 2) * groups
    n = draw(st.integers(1, 4))
    w = draw(hnp.arrays(np.float32, (n, k), elements=_finite))
    return w, bits, group_size


@settings(max_examples=200, deadline=None)
@given(_weights())
def test_quantize_then_dequantize_is_within_half_a_scale(case):
    w, bits, group_size = case
    q, scale = quantize_weight(w, bits, group_size)
    back = dequantize(q, scale, bits=bits, group_size=group_size)
    per_element = np.repeat(scale, group_size, axis=1) if group_size else np.broadcast_to(scale[:, None], w.shape)
    # Half a step, plus the f32 roundings of w / scale and q * scale (< 256 * 2^-24 steps).
    assert np.all(np.abs(back.astype(np.float64) - w) <= per_element.astype(np.float64) * (0.5 + 2.0**-15))


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.float32, hnp.array_shapes(min_dims=1, max_dims=3, max_side=6), elements=_finite))
def test_quantize_rows_reconstructs_within_half_a_scale(x):
    q, scale = quantize_rows(x)
    assert np.abs(q.astype(np.int32)).max(initial=0) <= 127
    error = np.abs(q.astype(np.float64) * scale[..., None] - x)
    assert np.all(error <= scale[..., None].astype(np.float64) * (0.5 + 2.0**-15))


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.int8, st.tuples(st.integers(1, 4), st.integers(1, 8).map(lambda h: 2 * h)), elements=st.integers(-8, 7)))
def test_pack_unpack_are_inverse(q):
    packed = pack_int4(q)
    assert packed.shape == (q.shape[0], q.shape[1] // 2)
    assert np.array_equal(unpack_int4(packed), q)
    assert np.array_equal(pack_int4(unpack_int4(packed)), packed)


# ---------------------------------------------------------------------------
# evaluate()

L2_W8A8 = """\
func.func @gemm(%x: tensor<2x8xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1, -2, 3, 4, 1, 1, 1, 1], [5, 6, 7, 8, 1, 1, 1, 1], [1, 2, 3, 4, 1, 1, 1, 1]]> : tensor<3x8xi8>
  %ws = arith.constant dense<[0.5, 0.25, 2.0]> : tensor<3xf32>
  %q, %s = "accel.quantize"(%x) : (tensor<2x8xf32>) -> (tensor<2x8xi8>, tensor<2xf32>)
  %y = "accel.qmatmul"(%q, %w, %ws, %s) {scheme = "w8a8", group_size = 0 : i64} : (tensor<2x8xi8>, tensor<3x8xi8>, tensor<3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
"""


def _parse(text):
    return parse_module(text, make_context())


def test_evaluate_quantize_and_qmatmul_hand_computed():
    # Row 0: absmax 127 -> scale 1, q = x; acc = [128, 636, 128].
    # Row 1: absmax 254 -> scale 2, q = [0 x6, 2 (1.5 -> 2), -127]; acc = -125 for each row.
    x = f32([[127, 0, 1, -1, 2, 0, 0, 0], [0, 0, 0, 0, 0, 0, 3, -254]])
    (y,) = evaluate(_parse(L2_W8A8), "gemm", [x])
    assert y.dtype == np.float32
    assert y.tolist() == [[64.0, 159.0, 256.0], [-125.0, -62.5, -500.0]]


def test_evaluate_agrees_with_the_handlers():
    x = np.random.default_rng(9).normal(size=(2, 8)).astype(np.float32)
    (y,) = evaluate(_parse(L2_W8A8), "gemm", [x])
    q, s = quantize(x)
    w = i8([[1, -2, 3, 4, 1, 1, 1, 1], [5, 6, 7, 8, 1, 1, 1, 1], [1, 2, 3, 4, 1, 1, 1, 1]])
    assert np.array_equal(y, qmatmul(q, w, f32([0.5, 0.25, 2.0]), s, scheme="w8a8", group_size=0))


L2_FLOAT = """\
func.func @mixed(%x: tensor<2x4xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %w4 = arith.constant dense<[[0x47, 0x20], [0x0F, 0x78], [0, 0]]> : tensor<3x2xi8>
  %s4 = arith.constant dense<[[1.0, 2.0], [0.5, 0.5], [1.0, 1.0]]> : tensor<3x2xf32>
  %a = "accel.qmatmul"(%x, %w4, %s4) {scheme = "w4a16", group_size = 2 : i64} : (tensor<2x4xf32>, tensor<3x2xi8>, tensor<3x2xf32>) -> tensor<2x3xf32>
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<2x3xf32>
  %init = linalg.fill ins(%one : f32) outs(%e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %wt = arith.constant dense<[[1.0, 0.0, 0.0, 2.0], [0.0, 1.0, 0.0, 0.0], [0.5, 0.5, 0.5, 0.5]]> : tensor<3x4xf32>
  %b = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%x, %wt : tensor<2x4xf32>, tensor<3x4xf32>) outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  %w = arith.constant dense<2.0> : tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<2x3xf32>
  %init2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x3xf32>) -> tensor<2x3xf32>
  %c = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%init2 : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %a, %b, %c : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
"""


def test_evaluate_w4a16_fill_and_matmuls():
    x = f32([[1, 2, 3, 4], [-1, 0, 1, 0]])
    a, b, c = evaluate(_parse(L2_FLOAT), "mixed", [x])
    # w4 rows unpack to [7, 4, 0, 2], [-1, 0, -8, 7], [0, 0, 0, 0]; dequantized per group of 2:
    # [7, 4, 0, 4], [-0.5, 0, -4, 3.5], [0, 0, 0, 0].
    assert a.tolist() == [[31.0, 1.5, 0.0], [-7.0, -3.5, 0.0]]
    # transposed B plus the fill value 1.
    assert b.tolist() == [[10.0, 3.0, 6.0], [0.0, 1.0, 1.0]]
    # plain B (splat 2.0): 2 * row sums.
    assert c.tolist() == [[20.0] * 3, [0.0] * 3]


def _error(text, name, inputs) -> AccelError:
    with pytest.raises(AccelError) as caught:
        evaluate(_parse(text), name, inputs)
    return caught.value


def test_evaluate_unknown_op_is_located():
    text = """\
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %y = math.exp %x : tensor<2xf32>
  return %y : tensor<2xf32>
}
"""
    error = _error(text, "f", [f32([1, 2])])
    [diagnostic] = error.diagnostics
    assert diagnostic.message == "the golden interpreter has no semantics for 'math.exp'"
    assert format_location(diagnostic.location) == "-:2:8"


def test_evaluate_handler_errors_are_located_at_the_op():
    text = L2_W8A8
    error = _error(text, "gemm", [f32([[np.inf] + [0] * 7, [0] * 8])])
    assert "non-finite" in error.diagnostics[0].message
    assert format_location(error.diagnostics[0].location) == "-:4:12"


def test_evaluate_rejects_scheduled_ops():
    text = """\
func.func @f() {
  %b = "accel.alloc"() {offset = 0 : i64} : () -> memref<4xi8, #accel.memspace<"sram">>
  return
}
"""
    error = _error(text, "f", [])
    assert "scheduled-level" in error.diagnostics[0].message
    assert format_location(error.diagnostics[0].location) == "-:2:8"


def test_evaluate_checks_inputs_and_function():
    module_text = L2_W8A8
    assert "expected a float32 array, got float64" in str(_error(module_text, "gemm", [np.zeros((2, 8))]))
    assert "shape (2, 7)" in str(_error(module_text, "gemm", [np.zeros((2, 7), np.float32)]))
    assert "takes 1 inputs, got 0" in str(_error(module_text, "gemm", []))
    assert "no function @nope" in str(_error(module_text, "nope", []))


def test_evaluate_verifies_accel_ops_first():
    text = """\
func.func @f(%q: tensor<2x8xi8>, %w: tensor<3x8xi8>, %ws: tensor<3xf32>) -> tensor<2x3xf32> {
  %y = "accel.qmatmul"(%q, %w, %ws) {scheme = "w8a8", group_size = 0 : i64} : (tensor<2x8xi8>, tensor<3x8xi8>, tensor<3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
"""
    error = _error(text, "f", [np.zeros((2, 8), np.int8), np.zeros((3, 8), np.int8), np.ones(3, np.float32)])
    assert "lhs_scale is required" in str(error)
    assert format_location(error.diagnostics[0].location) == "-:2:8"


def test_evaluate_reads_unsupported_constants_as_located_errors():
    text = """\
func.func @f() -> tensor<2xbf16> {
  %c = arith.constant dense<[1.0, 2.0]> : tensor<2xbf16>
  return %c : tensor<2xbf16>
}
"""
    error = _error(text, "f", [])
    assert "bf16" in error.diagnostics[0].message
    assert format_location(error.diagnostics[0].location) == "-:2:8"


L2_DYNAMIC = """\
func.func @dyn(%x: tensor<?x4xf32>, %w: tensor<3x4xi8>, %ws: tensor<3xf32>) -> (tensor<?x3xf32>, tensor<3x4xf16>) {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x4xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty(%m) : tensor<?x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<?x3xf32>) -> tensor<?x3xf32>
  %wf = "accel.dequantize"(%w, %ws) {bits = 8 : i64, group_size = 0 : i64} : (tensor<3x4xi8>, tensor<3xf32>) -> tensor<3x4xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>] ins(%x, %wf : tensor<?x4xf32>, tensor<3x4xf32>) outs(%init : tensor<?x3xf32>) -> tensor<?x3xf32>
  %h = "accel.dequantize"(%w, %ws) {bits = 8 : i64, group_size = 0 : i64} : (tensor<3x4xi8>, tensor<3xf32>) -> tensor<3x4xf16>
  return %y, %h : tensor<?x3xf32>, tensor<3x4xf16>
}
"""


def test_evaluate_dynamic_batch_and_f16_result():
    module = _parse(L2_DYNAMIC)
    w, ws = i8([[1, 2, 3, 4], [-1, 0, 0, 0], [0, 0, 0, 127]]), f32([0.5, 2.0, 1.0])
    for m in (1, 3):
        x = np.arange(4 * m, dtype=np.float32).reshape(m, 4)
        y, h = evaluate(module, "dyn", [x, w, ws])
        assert y.shape == (m, 3)
        assert y.tolist() == [[0.5 * (r[0] + 2 * r[1] + 3 * r[2] + 4 * r[3]), -2.0 * r[0], 127.0 * r[3]] for r in x.tolist()]
        assert h.dtype == np.float16 and h.tolist() == [[0.5, 1, 1.5, 2], [-2, 0, 0, 0], [0, 0, 0, 127]]


def test_evaluate_integer_linalg_matmul_wraps_in_the_accumulator_type():
    text = """\
func.func @imm(%a: tensor<1x4xi8>, %b: tensor<4x2xi8>, %c: tensor<1x2xi16>) -> tensor<1x2xi16> {
  %y = linalg.matmul ins(%a, %b : tensor<1x4xi8>, tensor<4x2xi8>) outs(%c : tensor<1x2xi16>) -> tensor<1x2xi16>
  return %y : tensor<1x2xi16>
}
"""
    a = np.full((1, 4), 127, np.int8)
    b = i8([[127, 1], [127, 1], [127, 1], [127, 1]])
    (y,) = evaluate(_parse(text), "imm", [a, b, np.array([[0, 5]], np.int16)])
    # 4 * 127 * 127 = 64516 wraps to 64516 - 65536 = -1020 in i16.
    assert y.dtype == np.int16 and y.tolist() == [[-1020, 513]]
