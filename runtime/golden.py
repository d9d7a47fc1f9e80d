"""The golden semantics of accel: what every accel op means, in numpy, one handler per op.

This is the definition of meaning. The dialect (accel.dialects.accel) says what IR is
well formed; this module says what it computes. Both targets are checked against it:
the CPU reference (accel IR lowered to linalg, compiled and run by IREE) and the
simulator (which executes the scheduled L4 program, buffer by buffer, with these
same handlers). When they disagree with this file, they are wrong.

The order of float operations is part of the definition. Wherever a result can be
reproduced bit for bit it is specified to the last rounding, and implementations
are compared with `==`:

- quantization (accel.quantize, weights): see accel.runtime.quantization;
- integer products (w8a8, int8 mma): exact, accumulated in i32, which wraps modulo
  2^32 like `arith.addi` (only reachable past K = 2^31 / 128^2 = 131072);
- rescaling: `(f32(acc) * lhs_scale[m]) * weight_scale[n]`, two f32 roundings in
  that order; dequantization: `f32(q) * scale`, one rounding;
- the vector unit's ops (accel.vunary, vbinary, vreduce, gather): each f32 step as
  its handler states (numpy's f32 functions; sums in a fixed sequential order;
  round and cast half to even; gather a copy), so the simulator, which runs these
  handlers, equals them bit for bit; another implementation of exp or erf is
  within a few ulps of them.

Float dot products (accel.mma on floats; qmatmul w8a16 and w4a16) are not
reproducible across implementations: the summation order is free (BLAS blocking,
vector lanes, tiling). For those the definition is the exact real-valued result of
the stated f32 operands, and any f32 implementation must lie within

    |computed - exact| <= (K + 1) * eps_f32 * sum_k |a[m, k] * w[n, k]| * |scale[n]|

per element, eps_f32 = 2^-23 (`matmul_error_bound`, `qmatmul_error_bound`). This is
Higham's gamma_K bound for a K-term dot product in any order plus the final scaling,
with a factor of 2 to spare; it assumes no overflow or underflow. Two implementations
that both satisfy it agree within twice the bound. The transformer ops (attention,
rmsnorm, rope, silu_mul, softmax) sum and exponentiate too; each states its own
bound the same way (`attention_error_bound`, ...: see "Graph level (L2): transformer
ops" below); the KV cache ops are copies, exact.

Calling convention of `HANDLERS[op_name]`:
- graph ops (L2, on tensors) take their operands as numpy arrays (an integer for an
  index operand: a KV cache position), positionally in definition order (None for an
  absent optional operand), and their attributes as keywords named as in the
  definition; they return the result array, or a tuple of arrays for several results;
- scheduled ops (L4, on memrefs) take the contents of their memref operands
  (tokens omitted: ordering is the simulator's business) and attributes as keywords,
  and return the new contents of the one buffer they write (None if they write none).
Domain errors (shapes that do not fit, non-finite values to quantize) raise
ValueError; `evaluate` reports them located at the op.

`evaluate(module, name, inputs)` interprets a graph-level function: accel graph ops
plus the few upstream ops that surround them after accel-quantize.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np

from accel.core.diagnostics import AccelError, Diagnostic
from accel.dialects import verify_accel
from accel.dialects.accel import (
    ACCEL,
    AllocOp,
    AttentionOp,
    DequantizeOp,
    DmaLoadOp,
    DmaStoreOp,
    GatherOp,
    KvAppendOp,
    KvReadOp,
    MmaOp,
    QMatmulOp,
    QuantizeOp,
    ReadyOp,
    RescaleOp,
    RmsNormOp,
    RopeOp,
    SiluMulOp,
    SoftmaxOp,
    VBinaryOp,
    VReduceOp,
    VUnaryOp,
    WaitOp,
    is_graph_level,
)
from accel.dialects.ods import OpDef
from accel.core.mlir import find_function, ir
from accel.runtime.quantization import quantize_rows, unpack_int4

EPS_F32 = 2.0**-23

# Every product of two int8 values is at most 128 * 128 = 2^14 in magnitude, so a sum
# of up to 2^39 of them is an integer below 2^53: float64 holds every partial sum
# exactly, whatever order BLAS adds them in.
_EXACT_F64_K = 2**53 // (128 * 128)

HANDLERS: dict[str, Callable] = {}


def handler(definition: type[OpDef]):
    """Registers the decorated function as the meaning of `definition`'s op."""

    def register(function: Callable) -> Callable:
        name = definition.op_name()
        if ACCEL.lookup(name) is not definition:
            raise TypeError(f"{name} is not an op of the accel dialect")
        if name in HANDLERS:
            raise TypeError(f"two golden handlers for {name}")
        HANDLERS[name] = function
        return function

    return register


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


# ---------------------------------------------------------------------------
# Shared numerics


def int8_matmul_exact(lhs: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """Exact `lhs @ rhs.T` of int8 matrices ([M, K] x [N, K]) as int64.

    float64 BLAS instead of numpy's integer matmul, which has no BLAS (about 5x
    slower at 256x2048x256): exact because every partial sum is an integer below 2^53.
    """
    k = lhs.shape[1]
    total = np.zeros((lhs.shape[0], rhs.shape[0]), dtype=np.int64)
    for start in range(0, max(k, 1), _EXACT_F64_K):
        a = lhs[:, start : start + _EXACT_F64_K].astype(np.float64)
        b = rhs[:, start : start + _EXACT_F64_K].astype(np.float64)
        total += (a @ b.T).astype(np.int64)
    return total


def _wrap_i32(values: np.ndarray) -> np.ndarray:
    """Two's-complement wrap of int64 values to int32 (what i32 adds do)."""
    return values.astype(np.int32)


def _float32(x: np.ndarray, what: str) -> np.ndarray:
    x = np.asarray(x)
    _require(np.issubdtype(x.dtype, np.floating), f"{what} must be float, got dtype {x.dtype}")
    return x.astype(np.float32)


def _int8(x: np.ndarray, what: str) -> np.ndarray:
    x = np.asarray(x)
    _require(x.dtype == np.int8, f"{what} must be int8, got dtype {x.dtype}")
    return x


def _scale_per_element(scale: np.ndarray, n: int, k: int, group_size: int) -> np.ndarray:
    """f32 [N, K] scales from per-row [N] or per-group [N, K / group_size] scales."""
    scale = np.asarray(scale, dtype=np.float32)
    if group_size == 0:
        _require(scale.shape == (n,), f"per-channel scales must have shape ({n},), got {scale.shape}")
        return np.broadcast_to(scale[:, None], (n, k))
    _require(k % group_size == 0, f"group_size {group_size} must divide K = {k}")
    groups = k // group_size
    _require(scale.shape == (n, groups), f"per-group scales must have shape ({n}, {groups}), got {scale.shape}")
    return np.repeat(scale, group_size, axis=1)


def matmul_error_bound(lhs: np.ndarray, rhs: np.ndarray, scale: np.ndarray | None = None, acc: np.ndarray | None = None) -> np.ndarray:
    """Per-element bound on |f32 result - exact| for `(lhs @ rhs.T) * scale[None, :]`,
    or for `acc + lhs @ rhs.T` (an accumulating mma: acc is one more term).

    lhs [M, K], rhs [N, K], scale [N] or None: `(terms + 1) * eps_f32 * (|lhs| @
    |rhs|.T + |acc|) * |scale|`, valid for any summation order (see the module
    docstring).
    """
    terms = lhs.shape[-1]
    magnitude = np.abs(np.asarray(lhs, np.float64)) @ np.abs(np.asarray(rhs, np.float64)).T
    if acc is not None:
        terms += 1
        magnitude = magnitude + np.abs(np.asarray(acc, np.float64))
    if scale is not None:
        magnitude = magnitude * np.abs(np.asarray(scale, np.float64))[None, :]
    return (terms + 1) * EPS_F32 * magnitude


def qmatmul_error_bound(lhs, weight, weight_scale, lhs_scale=None, *, scheme: str, group_size: int) -> np.ndarray:
    """How far a correct implementation of `accel.qmatmul` may be from `qmatmul(...)`'s
    exact real value: 0 for w8a8 (bit-exact), `matmul_error_bound` of the f32 operands
    the definition names for w8a16 and w4a16."""
    m, n = np.shape(lhs)[0], np.shape(weight)[0]
    if scheme == "w8a8":
        return np.zeros((m, n))
    if scheme == "w8a16":
        return matmul_error_bound(_float32(lhs, "lhs"), _int8(weight, "weight").astype(np.float32), weight_scale)
    return matmul_error_bound(_float32(lhs, "lhs"), dequantize(weight, weight_scale, bits=4, group_size=group_size))


# ---------------------------------------------------------------------------
# Graph level (L2)


@handler(QuantizeOp)
def quantize(input: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(output int8, scale f32): per-row symmetric int8, see quantization.quantize_rows."""
    return quantize_rows(_float32(input, "the input of accel.quantize"))


@handler(DequantizeOp)
def dequantize(input: np.ndarray, scale: np.ndarray, *, bits: int, group_size: int) -> np.ndarray:
    """f32 [N, K]: `f32(q) * scale` per element; bits = 4 unpacks [N, K / 2] first."""
    _require(bits in (4, 8), f"bits must be 4 or 8, got {bits}")
    q = _int8(input, "quantized weights")
    _require(q.ndim == 2, f"quantized weights must be [N, K], got shape {q.shape}")
    if bits == 4:
        q = unpack_int4(q)
    n, k = q.shape
    return q.astype(np.float32) * _scale_per_element(scale, n, k, group_size)


@handler(QMatmulOp)
def qmatmul(lhs, weight, weight_scale, lhs_scale=None, *, scheme: str, group_size: int) -> np.ndarray:
    """f32 [M, N] = sum_k lhs[m, k] * weight[n, k], scaled as `scheme` defines.

    w8a8: exact i32 accumulation, then `(f32(acc) * lhs_scale[m]) * weight_scale[n]`
    (bit-exact). w8a16: `(lhs_f32 @ f32(weight).T) * weight_scale[n]`. w4a16:
    `lhs_f32 @ dequantize(weight).T` with the per-group scales applied to the weight
    before the sum. The float schemes are defined up to `qmatmul_error_bound`.
    """
    weight = _int8(weight, "weight")
    if scheme == "w8a8":
        lhs = _int8(lhs, "w8a8 activations")
        _require(lhs_scale is not None, "w8a8 needs lhs_scale")
        _require(group_size == 0, f"w8a8 uses per-channel scales, got group_size {group_size}")
        acc = mma(lhs, weight, np.zeros((lhs.shape[0], weight.shape[0]), np.int32), accumulate=False)
        return rescale(acc, lhs_scale, weight_scale, np.empty(acc.shape, np.float32))
    _require(lhs_scale is None, f"lhs_scale is only for w8a8, not {scheme}")
    lhs32 = _float32(lhs, f"{scheme} activations")
    if scheme == "w8a16":
        _require(group_size == 0, f"w8a16 uses per-channel scales, got group_size {group_size}")
        _require(lhs32.shape[1] == weight.shape[1], f"lhs K {lhs32.shape[1]} != weight K {weight.shape[1]}")
        scale = np.asarray(weight_scale, np.float32)
        _require(scale.shape == (weight.shape[0],), f"weight_scale must have shape ({weight.shape[0]},), got {scale.shape}")
        return (lhs32 @ weight.astype(np.float32).T) * scale[None, :]
    if scheme == "w4a16":
        _require(group_size > 0, "w4a16 needs group_size > 0")
        rhs = dequantize(weight, weight_scale, bits=4, group_size=group_size)
        _require(lhs32.shape[1] == rhs.shape[1], f"lhs K {lhs32.shape[1]} != weight K {rhs.shape[1]}")
        return lhs32 @ rhs.T
    raise ValueError(f"unknown quantization scheme '{scheme}'")


# ---------------------------------------------------------------------------
# Graph level (L2): transformer ops
#
# exp, and the sums of softmax, RMSNorm and attention, are not bit-reproducible (exp
# is a polynomial in IREE's CPU code and a different SIMD routine in numpy). Each op
# below states a per-element bound on |computed - exact| for any implementation that
# follows its definition; two such implementations differ by at most twice the bound.
# The bounds are first-order error analyses (Higham) with a factor of 2 to spare,
# computed in float64 from the operands:
# - every f32 rounding is at most EPS_F32 relative (twice the unit roundoff: spare);
# - exp is within EXP_ULPS ulps (test_golden_transformer measures IREE's and numpy's);
# - IREE's CPU runtime flushes subnormals to zero, so each result element may also
#   be off by FLT_MIN_NORMAL (times |v| where weights multiply values).

EXP_ULPS = 4
FLT_MIN_NORMAL = float(np.finfo(np.float32).tiny)


def _softmax(x: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """(softmax of f32 `x` along `axis`, the max) in f32: exp(x - max) / sum. A slice
    that is all -inf has max -inf and gives NaN (x - max is NaN), as in PyTorch."""
    peak = np.max(x, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        p = np.exp(x - peak)
        return p / np.sum(p, axis=axis, keepdims=True, dtype=np.float32), peak


def _softmax_weight_error(x64: np.ndarray, shift_error: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """(exact softmax weights w, relative error bound of each computed weight) for
    exact logits `x64` known to within `shift_error` (absolute, per element).

    p_j = exp(x_j - m) is off by rho_j = shift_error_j + err(m) + |x_j - m| * eps
    (the subtraction) + EXP_ULPS * eps (exp) relative; the sum by sum_k w_k rho_k +
    T * eps; the division by eps. Weights that are exactly 0 (-inf logits, rows with
    no finite logit) carry no error."""
    peak = np.max(x64, axis=axis, keepdims=True)
    with np.errstate(invalid="ignore", over="ignore"):
        w = np.exp(x64 - peak)
        w = np.nan_to_num(w / np.sum(w, axis=axis, keepdims=True))
        # The computed max is one of the logits near the exact one.
        near = np.where(x64 >= peak - 1.0, shift_error, 0.0)
        rho = shift_error + np.max(near, axis=axis, keepdims=True) + np.abs(x64 - peak) * EPS_F32 + EXP_ULPS * EPS_F32
    rho = np.where(w > 0, rho, 0.0)
    terms = x64.shape[axis]
    total = np.sum(w * rho, axis=axis, keepdims=True) + terms * EPS_F32
    return w, np.where(w > 0, rho + total + EPS_F32, 0.0)


@handler(SoftmaxOp)
def softmax(input: np.ndarray, *, axis: int) -> np.ndarray:
    """f32 `exp(x - max) / sum(exp(x - max))` along `axis` (NaN for an all -inf slice)."""
    x = _float32(input, "the input of accel.softmax")
    _require(0 <= axis < x.ndim, f"axis {axis} is out of range for rank {x.ndim}")
    return _softmax(x, axis)[0]


def softmax_error_bound(input: np.ndarray, *, axis: int) -> np.ndarray:
    """Per-element bound on |computed - exact| of `accel.softmax` (finite inputs)."""
    x = _float32(input, "input").astype(np.float64)
    w, relative = _softmax_weight_error(x, np.zeros_like(x), axis)
    return 2 * w * relative + FLT_MIN_NORMAL


def _check_attention_shapes(q, k, v, mask, num_heads: int, num_kv_heads: int) -> None:
    _require(q.ndim == k.ndim == v.ndim == 4, f"query, key and value must be rank 4, got {q.shape}, {k.shape}, {v.shape}")
    b, hq, s, d = q.shape
    _require(hq == num_heads and k.shape[1] == num_kv_heads and v.shape[1] == num_kv_heads and hq % num_kv_heads == 0,
             f"heads: query {hq}, key {k.shape[1]}, value {v.shape[1]}; num_heads {num_heads}, num_kv_heads {num_kv_heads}")
    _require(k.shape[0] == b and v.shape[0] == b and k.shape[3] == d and v.shape[2] == k.shape[2],
             f"query {q.shape}, key {k.shape} and value {v.shape} must be [B, Hq, S, D], [B, Hkv, T, D], [B, Hkv, T, Dv]")
    if mask is not None:
        full = (b, hq, s, k.shape[2])
        _require(mask.ndim == 4 and all(m == f or (i < 3 and m == 1) for i, (m, f) in enumerate(zip(mask.shape, full))),
                 f"mask {mask.shape} must be [B or 1, Hq or 1, S or 1, T] for {full}")


def _grouped(x: np.ndarray, num_kv_heads: int) -> np.ndarray:
    """[B, Hq, ...] as [B, Hkv, G, ...]: query head h = kv * G + g reads KV head kv."""
    return x.reshape(x.shape[0], num_kv_heads, x.shape[1] // num_kv_heads, *x.shape[2:])


def causal_keys(s: int, t: int, window: int | None = None) -> np.ndarray:
    """[S, T] True where query i may see key j: j <= i + T - S (aligned to the end),
    and with a sliding `window` also j > i + T - S - window."""
    last = np.arange(s)[:, None] + (t - s)
    keys = np.arange(t)[None, :]
    return (keys <= last) & (keys > last - window) if window is not None else keys <= last


@handler(AttentionOp)
def attention(query, key, value, mask=None, *, num_heads: int, num_kv_heads: int, causal: bool, scale: float, window: int | None = None) -> np.ndarray:
    """f32 [B, Hq, S, Dv]: `softmax(q k^T * scale + mask) v` per query head, head h
    reading KV head h / (Hq / Hkv), in f32 in the order the op defines; causal keys
    aligned to the end (the last `window` of them with a sliding window); a query
    that sees no key gets zeros."""
    q, k, v = _float32(query, "query"), _float32(key, "key"), _float32(value, "value")
    m = None if mask is None else _float32(mask, "mask")
    _check_attention_shapes(q, k, v, m, num_heads, num_kv_heads)
    b, hq, s, _ = q.shape
    t = k.shape[2]
    # K and V keep their Hkv heads: a new axis broadcasts them over each group.
    scores = np.matmul(_grouped(q, num_kv_heads), k[:, :, None].swapaxes(-1, -2)).reshape(b, hq, s, t)
    scores = scores * np.float32(scale)
    if m is not None:
        scores = scores + m
    if causal:
        scores = np.where(causal_keys(s, t, window), scores, np.float32(-np.inf))
    weights, peak = _softmax(scores, axis=-1)
    weights = np.where(peak == -np.inf, np.float32(0), weights)
    return np.matmul(_grouped(weights, num_kv_heads), v[:, :, None]).reshape(b, hq, s, v.shape[3])


def attention_error_bound(query, key, value, mask=None, *, num_heads: int, num_kv_heads: int, causal: bool, scale: float, window: int | None = None) -> np.ndarray:
    """Per-element bound on |computed - exact| of `accel.attention` (finite q, k, v;
    the mask may hold -inf).

    Each score is off by (D + 2) * eps * (sum_d |q k| * |scale| + |mask|) (the dot
    product, the scale, the mask add); the softmax weights then as in
    `softmax_error_bound`; the product with V adds its own sum error."""
    q, k, v = (_float32(a, n).astype(np.float64) for a, n in ((query, "query"), (key, "key"), (value, "value")))
    m = None if mask is None else _float32(mask, "mask").astype(np.float64)
    _check_attention_shapes(q, k, v, m, num_heads, num_kv_heads)
    b, hq, s, d = q.shape
    t = k.shape[2]
    scale64 = float(np.float32(scale))
    kt = k[:, :, None].swapaxes(-1, -2)
    scores = (np.matmul(_grouped(q, num_kv_heads), kt) * scale64).reshape(b, hq, s, t)
    magnitude = (np.matmul(np.abs(_grouped(q, num_kv_heads)), np.abs(kt)) * abs(scale64)).reshape(b, hq, s, t)
    if m is not None:
        scores = scores + m
        magnitude = magnitude + np.abs(m)
    if causal:
        scores = np.where(causal_keys(s, t, window), scores, -np.inf)
    weights, relative = _softmax_weight_error(scores, (d + 2) * EPS_F32 * magnitude, axis=-1)
    vg, ag = np.abs(v[:, :, None]), lambda x: _grouped(x, num_kv_heads)
    spread = np.matmul(ag(weights * (relative + (t + 2) * EPS_F32)), vg) + np.matmul(ag(np.ones_like(weights)), vg) * FLT_MIN_NORMAL
    return 2 * spread.reshape(b, hq, s, v.shape[3])


@handler(RmsNormOp)
def rmsnorm(input, weight, *, epsilon: float) -> np.ndarray:
    """f32: `x * (1 / sqrt(sum(x * x) / H + eps))`, cast to the input's dtype (as
    LlamaRMSNorm casts back), then times f32(weight)."""
    x = _float32(input, "the input of accel.rmsnorm")
    w = _float32(weight, "weight")
    _require(x.ndim >= 1 and w.shape == (x.shape[-1],), f"weight {w.shape} must be [H] for input {x.shape}")
    h = np.float32(x.shape[-1])
    with np.errstate(divide="ignore"):
        r = np.float32(1) / np.sqrt(np.sum(x * x, axis=-1, keepdims=True, dtype=np.float32) / h + np.float32(epsilon))
    y = (x * r).astype(np.asarray(input).dtype).astype(np.float32)
    return w * y


def rmsnorm_error_bound(input, weight, *, epsilon: float) -> np.ndarray:
    """Per-element bound on |computed - exact| of `accel.rmsnorm` (finite input, not all
    zero with epsilon 0): the sum of squares is off by H * eps relative (positive
    terms), the mean and the epsilon add by eps each, sqrt halves the relative error
    and adds eps, the reciprocal and the two products eps each; plus the rounding of
    the cast to a narrower input type."""
    x = _float32(input, "input").astype(np.float64)
    w = _float32(weight, "weight").astype(np.float64)
    exact = x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + float(np.float32(epsilon))) * w
    cast = np.finfo(np.asarray(input).dtype).eps if np.finfo(np.asarray(input).dtype).bits < 32 else 0.0
    relative = ((x.shape[-1] + 2) / 2 + 4) * EPS_F32 + cast
    return 2 * relative * np.abs(exact) + FLT_MIN_NORMAL


def _rotate_half(x: np.ndarray) -> np.ndarray:
    half = x.shape[-1] // 2
    return np.concatenate([-x[..., half:], x[..., :half]], axis=-1)


def _check_rope_shapes(x, cos, sin) -> None:
    _require(x.ndim == 4 and x.shape[3] % 2 == 0, f"input must be [B, H, S, D] with D even, got {x.shape}")
    _require(cos.shape == sin.shape and 2 <= cos.ndim <= 4, f"cos {cos.shape} and sin {sin.shape} must have one shape of rank 2 to 4")
    aligned = x.shape[4 - cos.ndim:]
    _require(cos.shape[-2:] == aligned[-2:] and all(c in (1, a) for c, a in zip(cos.shape[:-2], aligned[:-2])),
             f"cos {cos.shape} does not broadcast to the input {x.shape}")


@handler(RopeOp)
def rope(input, cos, sin) -> np.ndarray:
    """f32 `x * cos + rotate_half(x) * sin` (transformers' rotate_half; numpy broadcasting)."""
    x, c, s = _float32(input, "input"), _float32(cos, "cos"), _float32(sin, "sin")
    _check_rope_shapes(x, c, s)
    return x * c + _rotate_half(x) * s


def rope_error_bound(input, cos, sin) -> np.ndarray:
    """Per-element bound on |computed - exact| of `accel.rope`: two products and a sum,
    eps each (an FMA only removes one rounding)."""
    x, c, s = (_float32(a, n).astype(np.float64) for a, n in ((input, "input"), (cos, "cos"), (sin, "sin")))
    _check_rope_shapes(x, c, s)
    return 2 * 2 * EPS_F32 * (np.abs(x * c) + np.abs(_rotate_half(x) * s)) + FLT_MIN_NORMAL


@handler(SiluMulOp)
def silu_mul(gate, up) -> np.ndarray:
    """f32 `g / (1 + exp(-g)) * up`."""
    g, u = _float32(gate, "gate"), _float32(up, "up")
    _require(g.shape == u.shape, f"gate {g.shape} and up {u.shape} must have one shape")
    with np.errstate(over="ignore"):
        return g / (np.float32(1) + np.exp(-g)) * u


def silu_mul_error_bound(gate, up) -> np.ndarray:
    """Per-element bound on |computed - exact| of `accel.silu_mul`: exp's EXP_ULPS, then
    the add, the division and the product eps each, and one more rounding for the
    equivalent `g * (1 / (1 + exp(-g)))` that imported models compute."""
    g, u = _float32(gate, "gate").astype(np.float64), _float32(up, "up").astype(np.float64)
    with np.errstate(over="ignore"):
        exact = g / (1.0 + np.exp(-g)) * u
    return 2 * (EXP_ULPS + 4) * EPS_F32 * np.abs(exact) + FLT_MIN_NORMAL


def _kv_block_table(block_table, batch: int | None = None) -> np.ndarray:
    """The int32 [B, max_blocks] table of a paged cache (B = `batch` when given)."""
    _require(block_table is not None, "a paged cache needs a block table")
    table = np.asarray(block_table)
    _require(table.dtype == np.int32 and table.ndim == 2 and batch in (None, table.shape[0]),
             f"block_table must be int32 [B, max_blocks]{'' if batch is None else f' with B = {batch}'}, got {table.dtype} {table.shape}")
    return table


def _kv_blocks(table: np.ndarray, positions: np.ndarray, block_size: int, num_blocks: int) -> np.ndarray:
    """[B, n] pool block of each position of each sequence; ValueError outside the pool."""
    blocks = table[:, positions // block_size]
    bad = (blocks < 0) | (blocks >= num_blocks)
    _require(not bad.any(), f"block_table entries must be in [0, {num_blocks}), got {blocks[bad][:1].tolist()} for a used position")
    return blocks


@handler(KvAppendOp)
def kv_append(cache, new, pos, block_table=None, *, layout: str) -> np.ndarray:
    """The cache with `new` [B, Hkv, S, D] written at positions [pos, pos + S) of every
    sequence (contiguous: `cache[b, :, t]`; paged: `cache[table[b, t / bs], :, t % bs]`)."""
    cache, new, pos = np.asarray(cache), np.asarray(new), int(pos)
    _require(cache.ndim == 4 and new.ndim == 4 and cache.dtype == new.dtype, f"cache {cache.dtype} {cache.shape} and new {new.dtype} {new.shape} must be rank-4 of one dtype")
    b, hkv, s, d = new.shape
    _require(cache.shape[1] == hkv and cache.shape[3] == d, f"new {new.shape} does not match the cache {cache.shape} (heads, head dim)")
    out = cache.copy()
    if layout == "contiguous":
        _require(block_table is None, "a contiguous cache takes no block table")
        _require(cache.shape[0] == b and 0 <= pos and pos + s <= cache.shape[2], f"positions [{pos}, {pos + s}) of {b} sequences do not fit the cache {cache.shape}")
        out[:, :, pos : pos + s] = new
        return out
    _require(layout == "paged", f"unknown KV cache layout '{layout}'")
    table = _kv_block_table(block_table, b)
    block_size = cache.shape[2]
    _require(0 <= pos and pos + s <= table.shape[1] * block_size, f"positions [{pos}, {pos + s}) exceed {table.shape[1]} blocks of {block_size}")
    positions = np.arange(pos, pos + s)
    blocks = _kv_blocks(table, positions, block_size, cache.shape[0])
    slots = blocks.astype(np.int64) * block_size + positions[None, :] % block_size
    _require(len(np.unique(slots)) == slots.size, "two written positions share one slot of the pool")
    out[blocks, :, positions[None, :] % block_size] = new.transpose(0, 2, 1, 3)
    return out


@handler(KvReadOp)
def kv_read(cache, length, block_table=None, *, layout: str) -> np.ndarray:
    """[B, Hkv, length, D]: positions [0, length) of every sequence, in the layout of
    `kv_append`."""
    cache, n = np.asarray(cache), int(length)
    _require(cache.ndim == 4, f"the cache must be rank 4, got {cache.shape}")
    if layout == "contiguous":
        _require(block_table is None, "a contiguous cache takes no block table")
        _require(0 <= n <= cache.shape[2], f"length {n} is outside the cache's {cache.shape[2]} positions")
        return cache[:, :, :n].copy()
    _require(layout == "paged", f"unknown KV cache layout '{layout}'")
    table = _kv_block_table(block_table)
    block_size = cache.shape[2]
    _require(0 <= n <= table.shape[1] * block_size, f"length {n} exceeds {table.shape[1]} blocks of {block_size}")
    positions = np.arange(n)
    blocks = _kv_blocks(table, positions, block_size, cache.shape[0])
    # cache[blocks[b, t], :, t % bs] gathered as [B, T, Hkv, D].
    return cache[blocks, :, positions[None, :] % block_size].transpose(0, 2, 1, 3).copy()


# ---------------------------------------------------------------------------
# Scheduled level (L4): handlers see SRAM/DRAM buffer contents


@handler(AllocOp)
def alloc(shape: Sequence[int], dtype, *, offset: int) -> np.ndarray:
    """A new SRAM buffer of `shape` and `dtype` (the result type's).

    Hardware leaves it holding whatever was there; the golden defines it as zeros,
    so a program that reads a buffer before writing it reads zeros everywhere.
    """
    _require(offset >= 0, f"SRAM offset must be >= 0, got {offset}")
    return np.zeros(tuple(shape), dtype=dtype)


@handler(DmaLoadOp)
def dma_load(source: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """New contents of the SRAM buffer: the DRAM window at its origin, zeros elsewhere
    (an edge tile smaller than the buffer is zero-padded, so it adds nothing to an mma)."""
    _require(source.dtype == dest.dtype, f"element types differ: {source.dtype} vs {dest.dtype}")
    _require(source.ndim == dest.ndim and all(s <= d for s, d in zip(source.shape, dest.shape)),
             f"the DRAM window {source.shape} does not fit the SRAM buffer {dest.shape}")
    out = np.zeros_like(dest)
    out[tuple(slice(0, s) for s in source.shape)] = source
    return out


@handler(DmaStoreOp)
def dma_store(source: np.ndarray, dest: np.ndarray) -> np.ndarray:
    """New contents of the DRAM window: the origin corner of the SRAM buffer, of the
    window's shape."""
    _require(source.dtype == dest.dtype, f"element types differ: {source.dtype} vs {dest.dtype}")
    _require(source.ndim == dest.ndim and all(s >= d for s, d in zip(source.shape, dest.shape)),
             f"the DRAM window {dest.shape} is larger than the SRAM buffer {source.shape}")
    return source[tuple(slice(0, d) for d in dest.shape)].copy()


@handler(MmaOp)
def mma(lhs: np.ndarray, rhs: np.ndarray, acc: np.ndarray, *, accumulate: bool) -> np.ndarray:
    """New accumulator: `acc + lhs @ rhs.T` (accumulate) or `lhs @ rhs.T`.

    int8 x int8: exact products and sums, into i32 wrapping modulo 2^32. Float
    operands: converted to f32, accumulated in f32 (order free: within
    `matmul_error_bound(lhs, rhs, acc=acc if accumulate else None)`).
    """
    _require(lhs.ndim == 2 and rhs.ndim == 2 and lhs.shape[1] == rhs.shape[1],
             f"lhs {lhs.shape} and rhs {rhs.shape} must be [TM, TK] and [TN, TK]")
    _require(acc.shape == (lhs.shape[0], rhs.shape[0]), f"acc {acc.shape} must be [TM, TN] = {(lhs.shape[0], rhs.shape[0])}")
    if lhs.dtype == np.int8 or rhs.dtype == np.int8:
        _require(lhs.dtype == rhs.dtype == np.int8, f"int8 mma needs both operands int8, got {lhs.dtype} and {rhs.dtype}")
        _require(acc.dtype == np.int32, f"int8 operands accumulate in int32, got {acc.dtype}")
        product = int8_matmul_exact(lhs, rhs)
        return _wrap_i32(acc.astype(np.int64) + product if accumulate else product)
    _require(acc.dtype == np.float32, f"float operands accumulate in float32, got {acc.dtype}")
    product = _float32(lhs, "lhs") @ _float32(rhs, "rhs").T
    return acc + product if accumulate else product


@handler(RescaleOp)
def rescale(acc: np.ndarray, row_scale: np.ndarray, col_scale: np.ndarray, out: np.ndarray) -> np.ndarray:
    """New contents of `out`: `(f32(acc) * row_scale[m]) * col_scale[n]`, f32, in that order."""
    _require(acc.dtype == np.int32, f"the accumulator must be int32, got {acc.dtype}")
    _require(out.shape == acc.shape, f"out {out.shape} must have the accumulator's shape {acc.shape}")
    rows = np.asarray(row_scale, np.float32)
    cols = np.asarray(col_scale, np.float32)
    _require(rows.shape == (acc.shape[0],) and cols.shape == (acc.shape[1],),
             f"scales {rows.shape} x {cols.shape} must match the tile {acc.shape}")
    return (acc.astype(np.float32) * rows[:, None]) * cols[None, :]


# ---------------------------------------------------------------------------
# Scheduled level (L4): the vector unit. Compute in f32, round once to out's type.


def _broadcast(x: np.ndarray, shape: tuple, what: str) -> np.ndarray:
    _require(x.ndim == len(shape) and all(d in (1, s) for d, s in zip(x.shape, shape)),
             f"{what} {x.shape} does not broadcast to out {shape} (same rank, each dim equal or 1)")
    return np.broadcast_to(x, shape)


def _to_float_out(values: np.ndarray, out: np.ndarray) -> np.ndarray:
    _require(np.issubdtype(out.dtype, np.floating), f"out must be float, got dtype {out.dtype}")
    return values.astype(out.dtype)


def _erf(x: np.ndarray) -> np.ndarray:
    """f32 erf: the f64 erf (C's erf via math.erf) of the f32 argument, rounded to f32."""
    return np.vectorize(math.erf, otypes=[np.float64])(x.astype(np.float64)).astype(np.float32)


def _cast(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """Conversion of `accel.vunary` kind cast (see its definition)."""
    if np.issubdtype(dtype, np.floating):
        return x.astype(dtype)
    info = np.iinfo(dtype)
    if np.issubdtype(x.dtype, np.floating):
        _require(not np.isnan(x).any(), f"cannot cast NaN to {dtype}")
        x = np.rint(x.astype(np.float64))  # f64 holds every f32/f16 value: rint is exact
        return np.clip(x, info.min, info.max).astype(dtype)
    return np.clip(x.astype(np.int64), info.min, info.max).astype(dtype)


_ONE = np.float32(1)
_UNARY: dict[str, Callable] = {
    "neg": np.negative,
    "abs": np.abs,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "rsqrt": lambda x: _ONE / np.sqrt(x),
    "recip": lambda x: _ONE / x,
    "silu": lambda x: x / (_ONE + np.exp(-x)),
    "erf": _erf,
    "gelu": lambda x: x * np.float32(0.5) * (_ONE + _erf(x * np.float32(1 / math.sqrt(2)))),
    "round": np.rint,
}


@handler(VUnaryOp)
def vunary(input: np.ndarray, out: np.ndarray, *, kind: str, min: float | None = None, max: float | None = None) -> np.ndarray:
    """New contents of `out`: `kind(input)`, input broadcast to out's shape.

    f32 numpy on the f32 input: `exp`, `sqrt`, `silu` as `x / (1 + exp(-x))` are
    numpy's f32 functions; `rsqrt` = `1 / sqrt(x)` and `recip` = `1 / x`, correctly
    rounded f32 steps; `erf` is the f64 erf rounded to f32 (within one f32 ulp of the
    exact value); `gelu` = `x * 0.5 * (1 + erf(x * f32(1 / sqrt 2)))` in that order;
    `round` is np.rint (half to even); `clamp` = minimum(maximum(x, f32(min)), f32(max)).
    `copy` keeps the bits; `cast` converts as the op's definition says.
    """
    x = _broadcast(np.asarray(input), out.shape, "input")
    if kind == "copy":
        _require(x.dtype == out.dtype, f"copy keeps the element type: input {x.dtype}, out {out.dtype}")
        return x.copy()
    if kind == "cast":
        return _cast(x, out.dtype)
    x = _float32(x, f"the input of kind {kind}")
    with np.errstate(all="ignore"):
        if kind == "clamp":
            _require(min is not None and max is not None and min <= max, f"clamp needs bounds min <= max, got {min}, {max}")
            values = np.minimum(np.maximum(x, np.float32(min)), np.float32(max))
        else:
            _require(kind in _UNARY, f"unknown vunary kind {kind!r}")
            values = _UNARY[kind](x).astype(np.float32)
        return _to_float_out(values, out)


_BINARY: dict[str, Callable] = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "max": np.maximum,
    "min": np.minimum,
}


@handler(VBinaryOp)
def vbinary(lhs: np.ndarray, rhs: np.ndarray, out: np.ndarray, *, kind: str) -> np.ndarray:
    """New contents of `out`: one f32 operation of the broadcast operands, rounded to out's type."""
    _require(kind in _BINARY, f"unknown vbinary kind {kind!r}")
    a = _float32(_broadcast(np.asarray(lhs), out.shape, "lhs"), "lhs")
    b = _float32(_broadcast(np.asarray(rhs), out.shape, "rhs"), "rhs")
    with np.errstate(all="ignore"):
        return _to_float_out(_BINARY[kind](a, b), out)


@handler(VReduceOp)
def vreduce(input: np.ndarray, out: np.ndarray, *, kind: str) -> np.ndarray:
    """New contents of `out` ([..., 1]): the f32 row sums (added in order j = 0 .. N-1:
    np.cumsum, whose additions are sequential) or row maxima of `input` ([..., N])."""
    x = _float32(input, "the input of accel.vreduce")
    _require(x.ndim >= 1 and x.shape[-1] > 0, f"the input must have a non-empty last dim, got {x.shape}")
    _require(out.shape == x.shape[:-1] + (1,), f"out {out.shape} must be the input shape with the last dim 1: {x.shape[:-1] + (1,)}")
    with np.errstate(all="ignore"):
        if kind == "sum":
            values = np.cumsum(x, axis=-1, dtype=np.float32)[..., -1:]
        else:
            _require(kind == "max", f"unknown vreduce kind {kind!r}")
            values = np.max(x, axis=-1, keepdims=True)
    return _to_float_out(values, out)


@handler(GatherOp)
def gather(table: np.ndarray, indices: np.ndarray, out: np.ndarray) -> np.ndarray:
    """New contents of `out` [R, D]: `table[indices[r], :]` for each r, bit for bit."""
    table, ids = np.asarray(table), np.asarray(indices)
    _require(table.ndim == 2 and ids.ndim == 1 and out.shape == (ids.shape[0], table.shape[1]),
             f"out {out.shape} must be [R, D] for indices {ids.shape} and table {table.shape}")
    _require(table.dtype == out.dtype, f"element types differ: table {table.dtype} vs out {out.dtype}")
    bad = np.flatnonzero((ids < 0) | (ids >= table.shape[0]))
    _require(bad.size == 0, f"index {ids[bad[0]] if bad.size else 0} (row {bad[0] if bad.size else 0} of the indices) is outside the table's rows [0, {table.shape[0]})")
    return table[ids].copy()


@handler(WaitOp)
def wait() -> None:
    """No effect on data: waiting orders the program, it computes nothing."""
    return None


@handler(ReadyOp)
def ready() -> None:
    """No effect on data: an already-completed token orders nothing."""
    return None


# ---------------------------------------------------------------------------
# The interpreter of graph-level functions

_NUMPY_DTYPES = {
    "f16": np.float16,
    "f32": np.float32,
    "f64": np.float64,
    "i1": np.bool_,
    "i8": np.int8,
    "i16": np.int16,
    "i32": np.int32,
    "i64": np.int64,
    "index": np.int64,
}


def numpy_dtype(element_type: ir.Type) -> np.dtype:
    """The numpy dtype of an MLIR scalar type; ValueError for one numpy lacks (bf16, i4)."""
    name = str(element_type)
    if name not in _NUMPY_DTYPES:
        raise ValueError(f"no numpy dtype for element type {name}")
    return np.dtype(_NUMPY_DTYPES[name])


def _located(message: str, op) -> AccelError:
    return AccelError([Diagnostic(message, op.location)])


def _conform(value, type_: ir.Type, op, what: str):
    """`value` as the IR declares it: checked shape; floats rounded to the declared type."""
    if not isinstance(type_, ir.ShapedType):
        dtype = numpy_dtype(type_)
        return dtype.type(value)
    dtype = numpy_dtype(type_.element_type)
    value = np.asarray(value)
    expected = [None if type_.is_dynamic_dim(i) else type_.shape[i] for i in range(type_.rank)]
    if value.ndim != type_.rank or any(e is not None and e != v for e, v in zip(expected, value.shape)):
        raise _located(f"{what} has type {type_}, but its value has shape {value.shape}", op)
    if value.dtype != dtype:
        if not (np.issubdtype(value.dtype, np.floating) and np.issubdtype(dtype, np.floating)):
            raise _located(f"{what} has type {type_}, but its value is {value.dtype}", op)
        value = value.astype(dtype)
    return value


def _eval_accel(op, operands: list) -> tuple:
    definition = ACCEL.lookup(op.name)
    if definition is None or op.name not in HANDLERS:
        raise _located(f"the golden interpreter has no semantics for '{op.name}'", op)
    if not is_graph_level(definition):
        raise _located(f"'{op.name}' is a scheduled-level (L4) op: evaluate() interprets graph-level functions (the simulator runs L4)", op)
    view = definition(op)
    args = []
    for operand in definition.OPERANDS:
        value = getattr(view, operand.name)
        args.append(None if value is None else operands[value])
    attributes = {attr.name: getattr(view, attr.name) for attr in definition.ATTRIBUTES}
    try:
        results = HANDLERS[op.name](*args, **attributes)
    except ValueError as error:
        raise _located(f"'{op.name}': {error}", op) from None
    return results if isinstance(results, tuple) else (results,)


def _eval_constant(op, operands) -> tuple:
    attr = op.attributes["value"]
    try:
        if isinstance(attr, ir.DenseElementsAttr):
            # The bindings' buffer protocol expands splats and decodes i1 as bool.
            dtype = numpy_dtype(attr.type.element_type)
            return (np.array(attr).astype(dtype, copy=False).reshape(attr.type.shape),)
        if isinstance(attr, ir.BoolAttr):
            return (np.bool_(attr.value),)
        if isinstance(attr, (ir.IntegerAttr, ir.FloatAttr)):
            return (numpy_dtype(attr.type).type(attr.value),)
    except ValueError as error:
        raise _located(f"cannot read the constant: {error}", op) from None
    raise _located(f"the golden interpreter cannot read constants of the form {attr}", op)


def _eval_empty(op, operands) -> tuple:
    # tensor.empty's contents are undefined; zeros make a read of them deterministic.
    type_ = op.results[0].type
    sizes = iter(int(operands[v]) for v in op.operands)
    shape = tuple(next(sizes) if type_.is_dynamic_dim(i) else type_.shape[i] for i in range(type_.rank))
    return (np.zeros(shape, dtype=numpy_dtype(type_.element_type)),)


def _eval_dim(op, operands) -> tuple:
    source, index = (operands[v] for v in op.operands)
    return (np.int64(np.shape(source)[int(index)]),)


def _eval_fill(op, operands) -> tuple:
    value, init = (operands[v] for v in op.operands)
    return (np.full(init.shape, value, dtype=init.dtype),)


_MATMUL_DIMS = "mnk"


def _eval_matmul(op, operands) -> tuple:
    """linalg.matmul with any projection maps (plain, transposed A or B): `C + A B`."""
    if "cast" in op.attributes and "cast_signed" not in str(op.attributes["cast"]):
        raise _located(f"the golden interpreter supports only signed-extension matmuls, not {op.attributes['cast']}", op)
    lhs, rhs, init = (operands[v] for v in op.operands)
    subscripts = []
    for map_attr in op.attributes["indexing_maps"]:
        affine = map_attr.value
        if affine.n_dims != 3 or not all(isinstance(e, ir.AffineDimExpr) for e in affine.results):
            raise _located(f"the golden interpreter supports matmul maps that are projections, not {affine}", op)
        subscripts.append("".join(_MATMUL_DIMS[e.position] for e in affine.results))
    spec = f"{subscripts[0]},{subscripts[1]}->{subscripts[2]}"
    if np.issubdtype(init.dtype, np.floating):
        # Operands are converted to the accumulator type, then summed in it (order free).
        product = np.einsum(spec, lhs.astype(init.dtype), rhs.astype(init.dtype), optimize=True)
        return (init + product,)
    if not (np.issubdtype(lhs.dtype, np.integer) and np.issubdtype(rhs.dtype, np.integer)):
        raise _located(f"the golden interpreter has no integer matmul of {lhs.dtype} x {rhs.dtype}", op)
    # Sign-extended products summed exactly in int64, then wrapped: modular arithmetic,
    # so the same as adding in the narrower accumulator type.
    product = np.einsum(spec, lhs.astype(np.int64), rhs.astype(np.int64))
    return ((init.astype(np.int64) + product).astype(init.dtype),)


_UPSTREAM: dict[str, Callable] = {
    "arith.constant": _eval_constant,
    "tensor.empty": _eval_empty,
    "tensor.dim": _eval_dim,
    "linalg.fill": _eval_fill,
    "linalg.matmul": _eval_matmul,
}
_RETURNS = ("func.return", "util.return")


def _bind_arguments(function, block, inputs: list) -> dict:
    if len(inputs) != len(block.arguments):
        raise _located(f"@{ir.StringAttr(function.attributes['sym_name']).value} takes {len(block.arguments)} inputs, got {len(inputs)}", function)
    values = {}
    for index, (argument, given) in enumerate(zip(block.arguments, inputs)):
        type_ = argument.type
        array = np.asarray(given)
        try:
            dtype = numpy_dtype(type_.element_type if isinstance(type_, ir.ShapedType) else type_)
        except ValueError as error:
            raise _located(f"argument #{index}: {error}", function) from None
        if array.dtype != dtype:
            raise _located(f"argument #{index} is {type_}: expected a {dtype} array, got {array.dtype}", function)
        values[argument] = _conform(array, type_, function, f"argument #{index}")
    return values


def evaluate(module, function_name: str, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Runs the graph-level function `@function_name` of `module` on `inputs`.

    Interprets accel graph ops (through HANDLERS) and arith.constant (dense and
    scalar), tensor.empty, tensor.dim (dynamic sizes), linalg.fill, linalg.matmul
    (any projection maps, e.g. transposed B) and func.return / util.return. Inputs
    must match the argument types exactly (shape and dtype). Raises AccelError
    located at the offending op for anything else.
    """
    function = find_function(module, function_name)
    verify_accel(function)
    region = function.regions[0]
    blocks = list(region.blocks)
    if len(blocks) != 1:
        raise _located("the golden interpreter runs single-block functions only (no control flow)", function)
    values = _bind_arguments(function, blocks[0], list(inputs))
    for op in blocks[0].operations:
        op = op.operation
        if op.name in _RETURNS:
            # Copies: a returned argument or constant must not alias the caller's data.
            return [np.array(values[v]) for v in op.operands]
        if op.name.startswith(ACCEL.name + "."):
            results = _eval_accel(op, values)
        elif op.name in _UPSTREAM:
            results = _UPSTREAM[op.name](op, values)
        else:
            raise _located(f"the golden interpreter has no semantics for '{op.name}'", op)
        if len(results) != len(op.results):
            raise _located(f"'{op.name}' gave {len(results)} values for {len(op.results)} results", op)
        for index, (result, value) in enumerate(zip(op.results, results)):
            values[result] = _conform(value, result.type, op, f"result #{index} of '{op.name}'")
    raise _located("the function has no return", function)


__all__ = [
    "EPS_F32",
    "EXP_ULPS",
    "FLT_MIN_NORMAL",
    "HANDLERS",
    "attention_error_bound",
    "evaluate",
    "handler",
    "int8_matmul_exact",
    "matmul_error_bound",
    "numpy_dtype",
    "qmatmul_error_bound",
    "rmsnorm_error_bound",
    "rope_error_bound",
    "silu_mul_error_bound",
    "softmax_error_bound",
] + [f.__name__ for f in HANDLERS.values()]
