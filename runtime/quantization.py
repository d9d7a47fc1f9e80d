"""Symmetric quantization: the one definition of how accel turns floats into int8/int4.

Used by the accel-quantize pass (weights, at compile time), by the golden semantics
of `accel.quantize` (activations, at run time) and by the tests. Part of the golden
definition (see accel.runtime.golden): every step is float32, in the order written
here, so the linalg lowering of `accel.quantize` can reproduce it bit for bit and be
compared with `==`:

    absmax = max |x| over the row (or group)             f32
    scale  = absmax / qmax                               f32 division
    scale  = 1.0 where scale == 0                        all-zero rows; also rows so tiny that
                                                         absmax / qmax underflows to 0
    q      = clamp(round_half_even(x / scale), -qmax, qmax)   f32 division, then rint

qmax is 127 for int8 and 7 for int4: symmetric, so -128 / -8 are never produced. The
clamp only bites when the scale itself lost precision (a subnormal absmax); for
normal inputs |x / scale| <= qmax + 1 ulp already.

int4 values are stored two per byte along the last dim: the even k in the low nibble,
the odd k in the high nibble, each a 4-bit two's-complement value (so unpacking
sign-extends).

Invalid arguments (bad bit width, a group size that does not divide K, non-finite
values) raise ValueError; callers that know the IR location (passes, the golden
interpreter) turn it into a located AccelError.
"""

from __future__ import annotations

import numpy as np

INT8_QMAX = 127
INT4_QMAX = 7
QMAX = {8: INT8_QMAX, 4: INT4_QMAX}


def _absmax_scale(x32: np.ndarray, qmax: int) -> np.ndarray:
    """f32 scales over the last axis: absmax / qmax, and 1.0 where that is 0."""
    absmax = np.max(np.abs(x32), axis=-1, initial=np.float32(0))
    scale = absmax / np.float32(qmax)
    # Compare the scale, not absmax: a subnormal absmax can give a zero scale too,
    # and dividing by it would make inf/nan instead of 0.
    return np.where(scale == 0, np.float32(1.0), scale).astype(np.float32)


def _round_clamp(x32: np.ndarray, scale: np.ndarray, qmax: int) -> np.ndarray:
    """int8 clamp(rint(x / scale), -qmax, qmax); `scale` broadcasts over the last axis."""
    scaled = x32 / scale[..., None]
    return np.clip(np.rint(scaled), -qmax, qmax).astype(np.int8)


def _as_finite_f32(x: np.ndarray, what: str) -> np.ndarray:
    x = np.asarray(x)
    if not (np.issubdtype(x.dtype, np.floating) or np.issubdtype(x.dtype, np.integer)):
        raise ValueError(f"{what} must be a float array, got dtype {x.dtype}")
    x32 = x.astype(np.float32)
    if not np.all(np.isfinite(x32)):
        raise ValueError(f"{what} holds non-finite values (inf or nan as float32); symmetric quantization has no scale for them")
    return x32


def quantize_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dynamic int8 quantization over the last dim: the meaning of `accel.quantize`.

    x: float [..., K] (converted to float32 first). Returns (q int8 [..., K] in
    [-127, 127], scale f32 [...]) with `x ~= q * scale[..., None]`.
    """
    x32 = _as_finite_f32(x, "the input of accel.quantize")
    if x32.ndim < 1:
        raise ValueError("accel.quantize needs an input of rank >= 1")
    scale = _absmax_scale(x32, INT8_QMAX)
    return _round_clamp(x32, scale, INT8_QMAX), scale


def quantize_weight(w: np.ndarray, bits: int, group_size: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric weight quantization, per output channel or per group of k.

    w: float [N, K] (output channels first). bits: 8 or 4. group_size: 0 for one
    scale per row, else the number of consecutive k sharing a scale (must divide K).

    Returns (q, scale): q is int8 [N, K] in [-127, 127] for 8 bits, or int4 in
    [-7, 7] packed two per byte, int8 [N, K / 2], for 4 bits; scale is f32 [N]
    (group_size 0) or [N, K / group_size]. Dequantized: `q * scale` (per element).
    """
    if bits not in QMAX:
        raise ValueError(f"weights quantize to 8 or 4 bits, got {bits}")
    w32 = _as_finite_f32(w, "the weight")
    if w32.ndim != 2:
        raise ValueError(f"the weight must be [N, K], got shape {w32.shape}")
    n, k = w32.shape
    if group_size < 0:
        raise ValueError(f"group_size must be >= 0, got {group_size}")
    if group_size and k % group_size:
        raise ValueError(f"group_size {group_size} must divide K = {k}")
    if bits == 4 and k % 2:
        raise ValueError(f"int4 weights pack two values per byte along K: K = {k} must be even")
    qmax = QMAX[bits]
    # Groups become the last axis, so per-row and per-group are the same computation.
    grouped = w32.reshape(n, k // group_size, group_size) if group_size else w32
    scale = _absmax_scale(grouped, qmax)
    q = _round_clamp(grouped, scale, qmax).reshape(n, k)
    return (pack_int4(q) if bits == 4 else q), scale


def pack_int4(q: np.ndarray) -> np.ndarray:
    """Packs int4 values ([-8, 7], last dim even) two per byte: int8 [..., K / 2].

    Element 2j goes to the low nibble of byte j, element 2j + 1 to the high nibble.
    """
    q = np.asarray(q)
    if not np.issubdtype(q.dtype, np.integer):
        raise ValueError(f"int4 values must be integers, got dtype {q.dtype}")
    if q.ndim < 1 or q.shape[-1] % 2:
        raise ValueError(f"int4 values pack in pairs along the last dim, got shape {q.shape}")
    if q.size and (q.min() < -8 or q.max() > 7):
        raise ValueError(f"int4 values must lie in [-8, 7], got [{q.min()}, {q.max()}]")
    nibbles = q.astype(np.uint8) & np.uint8(0x0F)
    packed = nibbles[..., 0::2] | (nibbles[..., 1::2] << np.uint8(4))
    return packed.view(np.int8)


def unpack_int4(packed: np.ndarray) -> np.ndarray:
    """Inverse of `pack_int4`: int8 [..., K / 2] -> int8 [..., K], sign-extended."""
    packed = np.asarray(packed)
    if packed.dtype not in (np.int8, np.uint8):
        raise ValueError(f"packed int4 data must be int8 bytes, got dtype {packed.dtype}")
    if packed.ndim < 1:
        raise ValueError("packed int4 data must have rank >= 1")
    byte = packed.view(np.int8)
    # Arithmetic right shifts of int8 sign-extend each nibble.
    low = (byte << np.int8(4)) >> np.int8(4)
    high = byte >> np.int8(4)
    out = np.empty(byte.shape[:-1] + (byte.shape[-1] * 2,), dtype=np.int8)
    out[..., 0::2] = low
    out[..., 1::2] = high
    return out


__all__ = ["INT8_QMAX", "INT4_QMAX", "QMAX", "quantize_rows", "quantize_weight", "pack_int4", "unpack_int4"]
