"""The accel dialect: every accel op, type and attribute, defined once.

Graph level (L2, on tensors): quantize, dequantize, qmatmul; the transformer ops
attention, rmsnorm, rope, silu_mul, softmax, kv_append and kv_read.
Scheduled level (L4, on memrefs in DRAM or SRAM, asynchronous with tokens):
alloc, dma_load, dma_store, mma, rescale, ready, wait; the vector unit's vunary,
vbinary, vreduce and gather.

Types and attributes:
- `!accel.token`: completion of an asynchronous op (DMA or tile compute).
- `#accel.memspace<"sram">` / `#accel.memspace<"dram">`: the memory space of a memref.
  A memref without a memory space lives in DRAM.

Quantization conventions (the numeric meaning is in accel.runtime.golden):
weights are [N, K] (output channels first, as torch.nn.Linear stores them), symmetric,
int8 in [-127, 127] or int4 in [-7, 7]; int4 is packed two per byte along K, the even k
in the low nibble. Scales are f32: one per output channel ([N]) or one per group of
`group_size` consecutive k ([N, K / group_size]).
"""

from __future__ import annotations

from accel.dialects.ods import (
    FLOAT_TYPES,
    Attr,
    AttrDef,
    BoolAttr,
    Dialect,
    EnumAttr,
    FloatAttr,
    Index,
    IntAttr,
    MemRefOf,
    OpDef,
    Operand,
    Result,
    TensorOf,
    Token,
    TokenConstraint,
    TypeDef,
    VerifyError,
    memory_space_of,
)
from accel.core.mlir import ir

ACCEL = Dialect(
    "accel",
    types=[TypeDef("token", "Completion of an asynchronous accel op; consumed by ops that depend on it.")],
    attributes=[AttrDef("memspace", "Memory space of a memref: DRAM (off chip) or SRAM (on chip).", "kind", ("dram", "sram"))],
)

QUANT_SCHEMES = ("w8a8", "w8a16", "w4a16")


def static_shape(value: ir.Value) -> list[int | None]:
    """The dims of a shaped value, None for a dynamic dim."""
    shaped = value.type
    return [None if shaped.is_dynamic_dim(i) else shaped.shape[i] for i in range(shaped.rank)]


def _dims_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _shape_text(shape) -> str:
    """A shape (list) or one dim for a message, a dynamic dim written '?' as MLIR does."""
    if isinstance(shape, (list, tuple)):
        return "[" + ", ".join(_shape_text(d) for d in shape) + "]"
    return "?" if shape is None else str(shape)


def _element(value: ir.Value) -> str:
    return str(value.type.element_type)


# ---------------------------------------------------------------------------
# Graph level


@ACCEL.op
class QuantizeOp(OpDef):
    """Dynamic symmetric int8 quantization, one scale per row (over the last dim).

    `scale[r] = max(|input[r, :]|) / 127` (1.0 for an all-zero row) and
    `output = clamp(round_half_even(input / scale), -127, 127)`. Used for the
    activations of the w8a8 scheme.

    Example:
        %q, %scale = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
    """

    NAME = "quantize"
    OPERANDS = [Operand("input", TensorOf("float"), "values to quantize")]
    RESULTS = [
        Result("output", TensorOf("i8"), "quantized values, same shape as input"),
        Result("scale", TensorOf("f32"), "one scale per row: the input shape without its last dim"),
    ]

    def verify_op(self):
        shape = static_shape(self.input)
        if len(shape) < 1:
            raise self.error("'accel.quantize' op input must have rank >= 1")
        out = static_shape(self.output)
        if len(out) != len(shape) or not all(map(_dims_agree, out, shape)):
            raise self.error(f"'accel.quantize' op output shape {_shape_text(out)} must equal input shape {_shape_text(shape)}")
        scale = static_shape(self.scale)
        if len(scale) != len(shape) - 1 or not all(map(_dims_agree, scale, shape[:-1])):
            raise self.error(f"'accel.quantize' op scale shape {_shape_text(scale)} must be the input shape without its last dim {_shape_text(shape[:-1])}")


def _check_weight_scales(op: OpDef, weight_shape, scale_shape, bits: int, group_size: int, k: int | None, what: str) -> None:
    """Shared by dequantize and qmatmul: packing, group size and scale shapes agree."""
    n = weight_shape[0]
    stored_k = weight_shape[1]
    if bits == 4 and stored_k is not None and k is not None and stored_k * 2 != k:
        raise op.error(f"'{what}' op int4 weights pack two values per byte along K: expected {k // 2 if k else '?'} bytes per row for K = {k}, got {stored_k}")
    if group_size == 0:
        if len(scale_shape) != 1 or not _dims_agree(scale_shape[0], n):
            raise op.error(f"'{what}' op per-channel scales must have shape {_shape_text([n])}, got {_shape_text(scale_shape)}")
        return
    if k is not None and k % group_size != 0:
        raise op.error(f"'{what}' op group_size {group_size} must divide K = {k}")
    groups = None if k is None else k // group_size
    if len(scale_shape) != 2 or not _dims_agree(scale_shape[0], n) or not _dims_agree(scale_shape[1], groups):
        raise op.error(f"'{what}' op per-group scales must have shape {_shape_text([n, groups])} (K / group_size), got {_shape_text(scale_shape)}")


@ACCEL.op
class DequantizeOp(OpDef):
    """Symmetric dequantization of a [N, K] weight: `output = f32(input) * scale`.

    `bits = 8`: input is int8 [N, K]. `bits = 4`: input packs two int4 per byte along K
    ([N, K / 2], even k in the low nibble). Scales are per row ([N], `group_size = 0`)
    or per group of `group_size` consecutive k ([N, K / group_size]).

    Example:
        %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
    """

    NAME = "dequantize"
    OPERANDS = [
        Operand("input", TensorOf("i8", rank=2), "quantized values"),
        Operand("scale", TensorOf("f32"), "scales, per row or per group"),
    ]
    ATTRIBUTES = [
        Attr("bits", IntAttr(min_value=1), "4 or 8"),
        Attr("group_size", IntAttr(min_value=0), "0: one scale per row; else k values per scale"),
    ]
    RESULTS = [Result("output", TensorOf("float", rank=2), "dequantized values [N, K]")]

    def verify_op(self):
        if self.bits not in (4, 8):
            raise self.error(f"'accel.dequantize' op bits must be 4 or 8, got {self.bits}")
        out = static_shape(self.output)
        inp = static_shape(self.input)
        if not _dims_agree(out[0], inp[0]):
            raise self.error(f"'accel.dequantize' op output rows {out[0]} must equal input rows {inp[0]}")
        if self.bits == 8 and not _dims_agree(out[1], inp[1]):
            raise self.error(f"'accel.dequantize' op output shape {_shape_text(out)} must equal input shape {_shape_text(inp)} for 8-bit values")
        _check_weight_scales(self, inp, static_shape(self.scale), self.bits, self.group_size, out[1], "accel.dequantize")


@ACCEL.op
class QMatmulOp(OpDef):
    """Matmul with quantized weights: `result[m, n] = sum_k lhs[m, k] * weight[n, k]`.

    Schemes (`scheme`):
    - `w8a8`: lhs int8 [M, K] with per-row `lhs_scale` [M]; weight int8 [N, K] with
      per-channel `weight_scale` [N]; products accumulate in i32, then
      `result = (f32(acc) * lhs_scale[m]) * weight_scale[n]`, in that order.
    - `w8a16`: lhs float [M, K]; weight int8 [N, K], scale [N]:
      `result = (sum_k lhs * f32(weight)) * weight_scale[n]`.
    - `w4a16`: lhs float [M, K]; weight int4 packed [N, K / 2], scale
      [N, K / group_size]: `result = sum_k lhs * (f32(weight) * weight_scale[n, k / g])`.

    Example:
        %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
    """

    NAME = "qmatmul"
    OPERANDS = [
        Operand("lhs", TensorOf("i8", "float", rank=2), "activations [M, K]"),
        Operand("weight", TensorOf("i8", rank=2), "quantized weights [N, K] (int4: [N, K / 2])"),
        Operand("weight_scale", TensorOf("f32"), "[N] per channel or [N, K / group_size]"),
        Operand("lhs_scale", TensorOf("f32", rank=1), "[M] per-row activation scales (w8a8 only)", optional=True),
    ]
    ATTRIBUTES = [
        Attr("scheme", EnumAttr(*QUANT_SCHEMES), "quantization scheme"),
        Attr("group_size", IntAttr(min_value=0), "0: per-channel scales; else k values per scale"),
    ]
    RESULTS = [Result("result", TensorOf("f32", rank=2), "[M, N]")]

    def verify_op(self):
        scheme = self.scheme
        lhs = static_shape(self.lhs)
        result = static_shape(self.result)
        weight = static_shape(self.weight)
        integer_lhs = _element(self.lhs) == "i8"
        if (scheme == "w8a8") != integer_lhs:
            want = "int8" if scheme == "w8a8" else "float"
            raise self.error(f"'accel.qmatmul' op scheme {scheme} takes {want} activations, got {self.lhs.type}")
        if (scheme == "w8a8") != (self.lhs_scale is not None):
            raise self.error(f"'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme {scheme})")
        if self.lhs_scale is not None and not _dims_agree(static_shape(self.lhs_scale)[0], lhs[0]):
            raise self.error(f"'accel.qmatmul' op lhs_scale shape {static_shape(self.lhs_scale)} must be [M] = [{lhs[0]}]")
        if scheme == "w4a16" and self.group_size == 0:
            raise self.error("'accel.qmatmul' op w4a16 needs group_size > 0 (per-group scales)")
        if scheme != "w4a16" and self.group_size != 0:
            raise self.error(f"'accel.qmatmul' op {scheme} uses per-channel scales: group_size must be 0, got {self.group_size}")
        if not _dims_agree(result[0], lhs[0]) or not _dims_agree(result[1], weight[0]):
            raise self.error(f"'accel.qmatmul' op result shape {_shape_text(result)} must be [M, N] = {_shape_text([lhs[0], weight[0]])}")
        bits = 4 if scheme == "w4a16" else 8
        if bits == 8 and not _dims_agree(weight[1], lhs[1]):
            raise self.error(f"'accel.qmatmul' op weight K {weight[1]} must equal lhs K {lhs[1]}")
        _check_weight_scales(self, weight, static_shape(self.weight_scale), bits, self.group_size, lhs[1], "accel.qmatmul")


# ---------------------------------------------------------------------------
# Graph level: transformer ops (found in imported models by the accel-raise-* passes)


def _check_same_shape(op: OpDef, what: str, reference: ir.Value, reference_name: str, *others: tuple[str, ir.Value]) -> None:
    """Each of `others` (name, value) has the shape of `reference` (dynamic dims agree)."""
    expected = static_shape(reference)
    for name, value in others:
        shape = static_shape(value)
        if len(shape) != len(expected) or not all(map(_dims_agree, shape, expected)):
            raise op.error(f"'{what}' op {name} shape {_shape_text(shape)} must equal the {reference_name} shape {_shape_text(expected)}")


@ACCEL.op
class AttentionOp(OpDef):
    """Scaled dot-product attention with grouped KV heads: `softmax(q k^T * scale + mask) v`.

    query [B, Hq, S, D], key [B, Hkv, T, D], value [B, Hkv, T, Dv], optional additive
    mask [B or 1, Hq or 1, S or 1, T]; result [B, Hq, S, Dv]. Hq = `num_heads` is a multiple
    of Hkv = `num_kv_heads`, and query head h reads KV head h / (Hq / Hkv) (grouped-query
    attention; multi-query when Hkv = 1; multi-head when Hkv = Hq). K and V are not
    repeated per query head: a model's `repeat_kv` is what raising removes.

    Numerics, for each batch b, head h and query i, in f32 (operands converted to f32):
    1. `s[j] = (sum_d q[i, d] * k[j, d]) * f32(scale)`: the dot product (summation
       order free), then one multiply;
    2. with `mask`: `s[j] = s[j] + f32(mask[b, h, i, j])`; a mask dim of static size 1
       broadcasts over B, Hq or S (a padding mask is [B, 1, 1, T]), any other size is
       the full dim;
    3. `causal = true`: `s[j] = -inf` where `j > i + T - S`: the causal mask aligned
       to the end (the S queries are the last S of T positions, as when decoding with
       a KV cache; T = S is plain causal self-attention); with `window = W` (sliding-
       window attention, as Mistral's; needs `causal`) also where `j <= i + T - S - W`:
       each query sees its last W positions, itself included;
    4. the max-subtracted softmax `m = max_j s[j]`, `p[j] = exp(s[j] - m)`,
       `w[j] = p[j] / sum_j p[j]`;
    5. `result[e] = sum_j w[j] * v[j, e]`, converted to the result element type.
    A query that sees no key (every score -inf: masked, or causal with j > i + T - S
    for all j) gets a zero row, as PyTorch's scaled_dot_product_attention gives it.
    This is transformers' eager attention (scores, mask add, float32 softmax, then the
    product with V) and the math of its sdpa one. Sums and exp are not bit-reproducible:
    implementations agree within `accel.runtime.golden.attention_error_bound`.

    Example:
        %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 1.250000e-01 : f64} : (tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32>
    """

    NAME = "attention"
    OPERANDS = [
        Operand("query", TensorOf("float", rank=4), "[B, Hq, S, D]"),
        Operand("key", TensorOf("float", rank=4), "[B, Hkv, T, D], not repeated per query head"),
        Operand("value", TensorOf("float", rank=4), "[B, Hkv, T, Dv]"),
        Operand("mask", TensorOf("float", rank=4), "additive [B or 1, Hq or 1, S or 1, T]", optional=True),
    ]
    ATTRIBUTES = [
        Attr("num_heads", IntAttr(min_value=1), "Hq, query heads"),
        Attr("num_kv_heads", IntAttr(min_value=1), "Hkv, key/value heads; divides num_heads"),
        Attr("causal", BoolAttr(), "mask keys after each query (aligned to the end of the keys)"),
        Attr("scale", FloatAttr(), "multiplies q k^T (usually 1 / sqrt(D))"),
        Attr("window", IntAttr(min_value=1), "sliding window: each query sees its last `window` positions (with causal)", optional=True),
    ]
    RESULTS = [Result("result", TensorOf("float", rank=4), "[B, Hq, S, Dv]")]

    def verify_op(self):
        what = "'accel.attention' op"
        heads, kv_heads = self.num_heads, self.num_kv_heads
        q, k, v = static_shape(self.query), static_shape(self.key), static_shape(self.value)
        if heads % kv_heads:
            raise self.error(f"{what} num_heads ({heads}) must be a multiple of num_kv_heads ({kv_heads})")
        if self.window is not None and not self.causal:
            raise self.error(f"{what} a sliding window ({self.window}) needs causal = true")
        if not _dims_agree(q[1], heads):
            raise self.error(f"{what} query has {_shape_text(q[1])} heads (dim 1) but num_heads is {heads}")
        for name, shape in (("key", k), ("value", v)):
            if not _dims_agree(shape[1], kv_heads):
                raise self.error(f"{what} {name} has {_shape_text(shape[1])} heads (dim 1) but num_kv_heads is {kv_heads}")
        if not (_dims_agree(k[0], q[0]) and _dims_agree(v[0], q[0])):
            raise self.error(f"{what} batch sizes differ: query {_shape_text(q[0])}, key {_shape_text(k[0])}, value {_shape_text(v[0])}")
        if not _dims_agree(k[3], q[3]):
            raise self.error(f"{what} key head dim {_shape_text(k[3])} must equal the query head dim {_shape_text(q[3])}")
        if not _dims_agree(v[2], k[2]):
            raise self.error(f"{what} value length {_shape_text(v[2])} must equal the key length {_shape_text(k[2])}")
        result, expected = static_shape(self.result), [q[0], heads, q[2], v[3]]
        if not all(map(_dims_agree, result, expected)):
            raise self.error(f"{what} result shape {_shape_text(result)} must be [B, Hq, S, Dv] = {_shape_text(expected)}")
        if self.mask is not None:
            mask, full = static_shape(self.mask), [q[0], heads, q[2], k[2]]
            broadcast_ok = all(mask[d] == 1 or _dims_agree(mask[d], full[d]) for d in (0, 1, 2))
            if not (broadcast_ok and _dims_agree(mask[3], full[3])):
                want = f"[{_shape_text(full[0])} or 1, {heads} or 1, {_shape_text(full[2])} or 1, {_shape_text(full[3])}]"
                raise self.error(f"{what} mask shape {_shape_text(mask)} must be [B or 1, Hq or 1, S or 1, T] = {want}")


@ACCEL.op
class RmsNormOp(OpDef):
    """Root-mean-square normalization over the last dim: `x * rsqrt(mean(x^2) + epsilon) * weight`.

    input [..., H], weight [H], result of the input's shape. The numerics of
    transformers' LlamaRMSNorm, in this order: `x = f32(input)`;
    `r = 1 / sqrt(sum_h(x[h] * x[h]) / H + f32(epsilon))` (summation order free; the
    division by H, the sqrt and the reciprocal each correctly rounded f32);
    `y = x * r`, converted back to the input's element type (LlamaRMSNorm's
    `.to(input_dtype)`); `result = f32(weight) * f32(y)`, converted to the result
    element type. In f32 the conversions are no-ops. Implementations agree within
    `accel.runtime.golden.rmsnorm_error_bound`.

    Example:
        %y = "accel.rmsnorm"(%x, %w) {epsilon = 9.9999999999999995E-7 : f64} : (tensor<1x16x256xf32>, tensor<256xf32>) -> tensor<1x16x256xf32>
    """

    NAME = "rmsnorm"
    OPERANDS = [
        Operand("input", TensorOf("float"), "[..., H]"),
        Operand("weight", TensorOf("float", rank=1), "[H] per-feature gain"),
    ]
    ATTRIBUTES = [Attr("epsilon", FloatAttr(), "added to the mean square, >= 0")]
    RESULTS = [Result("result", TensorOf("float"), "the input's shape")]

    def verify_op(self):
        x = static_shape(self.input)
        if not x:
            raise self.error("'accel.rmsnorm' op input must have rank >= 1")
        weight = static_shape(self.weight)
        if not _dims_agree(weight[0], x[-1]):
            raise self.error(f"'accel.rmsnorm' op weight shape {_shape_text(weight)} must be [H] = [{_shape_text(x[-1])}] (the last input dim)")
        _check_same_shape(self, "accel.rmsnorm", self.input, "input", ("result", self.result))
        if not self.epsilon >= 0.0:
            raise self.error(f"'accel.rmsnorm' op epsilon must be >= 0, got {self.epsilon}")


@ACCEL.op
class RopeOp(OpDef):
    """Rotary position embedding, rotate-half convention: `x * cos + rotate_half(x) * sin`.

    input [B, H, S, D] (D even); cos and sin of one shape of rank 2 to 4 that
    broadcasts to the input as numpy does (right-aligned): [S, D], [H or 1, S, D] or
    [B or 1, H or 1, S, D] (transformers' `cos.unsqueeze(1)` is [B, 1, S, D]).
    `rotate_half(x)[d] = -x[d + D/2]` for d < D/2 and `x[d - D/2]` above
    (transformers' `rotate_half`: the two halves of the head dim are the pairs
    rotated, not adjacent elements). In f32: the two products rounded, then their sum
    (an implementation may fuse one product into the add: results agree within
    `accel.runtime.golden.rope_error_bound`), converted to the result element type.

    Example:
        %y = "accel.rope"(%x, %cos, %sin) : (tensor<1x8x16x32xf32>, tensor<1x1x16x32xf32>, tensor<1x1x16x32xf32>) -> tensor<1x8x16x32xf32>
    """

    NAME = "rope"
    OPERANDS = [
        Operand("input", TensorOf("float", rank=4), "[B, H, S, D] queries or keys"),
        Operand("cos", TensorOf("float"), "cosines, broadcasting to [B, H, S, D]"),
        Operand("sin", TensorOf("float"), "sines, the shape of cos"),
    ]
    RESULTS = [Result("result", TensorOf("float", rank=4), "[B, H, S, D]")]

    def verify_op(self):
        x = static_shape(self.input)
        if x[3] is not None and x[3] % 2:
            raise self.error(f"'accel.rope' op head dim D = {x[3]} must be even (rotate_half pairs its two halves)")
        _check_same_shape(self, "accel.rope", self.cos, "cos", ("sin", self.sin))
        table = static_shape(self.cos)
        if not 2 <= len(table) <= 4:
            raise self.error(f"'accel.rope' op cos and sin must have rank 2 to 4, got {self.cos.type}")
        aligned = x[4 - len(table):]
        trailing_ok = _dims_agree(table[-1], aligned[-1]) and _dims_agree(table[-2], aligned[-2])
        if not trailing_ok or not all(t == 1 or _dims_agree(t, a) for t, a in zip(table[:-2], aligned[:-2])):
            raise self.error(f"'accel.rope' op cos shape {_shape_text(table)} does not broadcast to the input shape {_shape_text(x)} (trailing dims [S, D], others 1 or equal)")
        _check_same_shape(self, "accel.rope", self.input, "input", ("result", self.result))


@ACCEL.op
class SiluMulOp(OpDef):
    """The gated-MLP activation `silu(gate) * up`, with `silu(g) = g / (1 + exp(-g))`.

    gate, up and the result have one shape. In f32, in this order: `e = exp(-g)`,
    `silu = g / (1 + e)` (PyTorch's CPU silu), `result = silu * f32(up)`, converted to
    the result element type. exp is not bit-reproducible: implementations agree within
    `accel.runtime.golden.silu_mul_error_bound`. Llama's MLP is
    `down(silu_mul(gate(x), up(x)))`.

    Example:
        %h = "accel.silu_mul"(%g, %u) : (tensor<16x688xf32>, tensor<16x688xf32>) -> tensor<16x688xf32>
    """

    NAME = "silu_mul"
    OPERANDS = [
        Operand("gate", TensorOf("float"), "gate projection, the silu input"),
        Operand("up", TensorOf("float"), "up projection, the multiplier"),
    ]
    RESULTS = [Result("result", TensorOf("float"), "the shape of gate")]

    def verify_op(self):
        _check_same_shape(self, "accel.silu_mul", self.gate, "gate", ("up", self.up), ("result", self.result))


@ACCEL.op
class SoftmaxOp(OpDef):
    """Softmax along `axis`, max-subtracted: `exp(x - max(x)) / sum(exp(x - max(x)))`.

    In f32, along the axis: `m = max(x)`, `p = exp(x - m)`, `result = p / sum(p)`
    (summation order free), converted to the result element type. A slice that is all
    -inf is NaN (as in PyTorch). exp and the sum are not bit-reproducible:
    implementations agree within `accel.runtime.golden.softmax_error_bound`.

    Example:
        %p = "accel.softmax"(%x) {axis = 3 : i64} : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
    """

    NAME = "softmax"
    OPERANDS = [Operand("input", TensorOf("float"), "the values")]
    ATTRIBUTES = [Attr("axis", IntAttr(min_value=0), "the dim normalized over, in [0, rank)")]
    RESULTS = [Result("result", TensorOf("float"), "the input's shape")]

    def verify_op(self):
        rank = self.input.type.rank
        if self.axis >= rank:
            raise self.error(f"'accel.softmax' op axis {self.axis} is out of range for rank {rank}")
        _check_same_shape(self, "accel.softmax", self.input, "input", ("result", self.result))


KV_LAYOUTS = ("contiguous", "paged")


def _kv_capacity(op: OpDef, what: str, cache: list, table: "ir.Value | None", layout: str) -> tuple:
    """(batch, positions per sequence) of a KV cache, after checking that `layout` and
    the presence of a block table agree. Either may be None (dynamic)."""
    if (layout == "paged") != (table is not None):
        need = "needs a block_table operand" if layout == "paged" else "takes no block_table operand"
        raise op.error(f"'{what}' op layout \"{layout}\" {need}")
    if layout == "contiguous":
        return cache[0], cache[2]
    blocks = static_shape(table)
    capacity = None if blocks[1] is None or cache[2] is None else blocks[1] * cache[2]
    return blocks[0], capacity


def _check_kv_tokens(op: OpDef, what: str, name: str, shape: list, cache: list, batch, capacity) -> None:
    """`shape` ([B, Hkv, n, D]) fits the cache: same batch, heads, head dim; n <= capacity."""
    if not (_dims_agree(shape[0], batch) and _dims_agree(shape[1], cache[1]) and _dims_agree(shape[3], cache[3])):
        raise op.error(
            f"'{what}' op {name} shape {_shape_text(shape)} must be [B, Hkv, {'S' if name == 'new' else 'T'}, D] = "
            f"[{_shape_text(batch)}, {_shape_text(cache[1])}, ?, {_shape_text(cache[3])}]"
        )
    if shape[2] is not None and capacity is not None and shape[2] > capacity:
        raise op.error(f"'{what}' op {shape[2]} positions do not fit a cache of {capacity} positions per sequence")


@ACCEL.op
class KvAppendOp(OpDef):
    """Writes S new keys (or values) per sequence into a KV cache at positions [pos, pos + S).

    `new` is [B, Hkv, S, D]; every sequence of the batch is at the same position `pos`
    (index). The result is the updated cache (the type of `cache`); values are copied,
    bit for bit. Layouts (`layout`):
    - `contiguous`: `cache` is [B, Hkv, Tmax, D]; position t of sequence b, KV head h
      is `cache[b, h, t, :]`. `result[:, :, pos + s, :] = new[:, :, s, :]`, the rest
      unchanged.
    - `paged`: `cache` is a pool of fixed-size blocks [num_blocks, Hkv, block_size, D]
      shared by every sequence, and `block_table` [B, max_blocks] (i32) maps block n of
      sequence b to pool block `block_table[b, n]`: position t of sequence b, KV head h
      is `cache[block_table[b, t / block_size], h, t % block_size, :]` (paged
      attention's layout, a block holding every head). The appended positions are
      written there; every other slot of the pool is unchanged.
    Undefined (the golden model rejects them): pos + S beyond Tmax (max_blocks *
    block_size when paged), a table entry outside [0, num_blocks) for a written
    position, two written positions in one slot.

    Example:
        %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, tensor<1x2x1x64xf32>, index) -> tensor<1x2x128x64xf32>
    """

    NAME = "kv_append"
    OPERANDS = [
        Operand("cache", TensorOf(rank=4), "[B, Hkv, Tmax, D] or the paged pool [num_blocks, Hkv, block_size, D]"),
        Operand("new", TensorOf(rank=4), "[B, Hkv, S, D] keys or values to append"),
        Operand("pos", Index, "first position written (the tokens already cached)"),
        Operand("block_table", TensorOf("i32", rank=2), "[B, max_blocks] pool block of each logical block (paged only)", optional=True),
    ]
    ATTRIBUTES = [Attr("layout", EnumAttr(*KV_LAYOUTS), "contiguous or paged")]
    RESULTS = [Result("result", TensorOf(rank=4), "the updated cache")]

    def verify_op(self):
        what = "accel.kv_append"
        cache = static_shape(self.cache)
        batch, capacity = _kv_capacity(self, what, cache, self.block_table, self.layout)
        if _element(self.new) != _element(self.cache):
            raise self.error(f"'{what}' op new and cache element types differ: {self.new.type} vs {self.cache.type}")
        _check_kv_tokens(self, what, "new", static_shape(self.new), cache, batch, capacity)
        if self.result.type != self.cache.type:
            raise self.error(f"'{what}' op result type {self.result.type} must be the cache type {self.cache.type}")


@ACCEL.op
class KvReadOp(OpDef):
    """Reads positions [0, length) of every sequence from a KV cache: result [B, Hkv, T, D], T = length.

    The layouts are those of `accel.kv_append` (`layout`, and `block_table` when
    paged): `result[b, h, t, :]` is position t of sequence b, KV head h. After
    `accel.kv_append` of S tokens at `pos`, `length = pos + S` reads everything cached,
    the keys of an attention whose causal mask is aligned to the end. T (result dim 2)
    is dynamic, or static and then equal to `length`. A copy, bit for bit. Undefined
    (the golden model rejects them): length beyond Tmax (max_blocks * block_size), a
    table entry outside [0, num_blocks) for a read position, a static T other than
    length.

    Example:
        %k = "accel.kv_read"(%pool, %len, %table) {layout = "paged"} : (tensor<64x2x16x64xf32>, index, tensor<1x8xi32>) -> tensor<1x2x?x64xf32>
    """

    NAME = "kv_read"
    OPERANDS = [
        Operand("cache", TensorOf(rank=4), "[B, Hkv, Tmax, D] or the paged pool [num_blocks, Hkv, block_size, D]"),
        Operand("length", Index, "T, the positions to read per sequence"),
        Operand("block_table", TensorOf("i32", rank=2), "[B, max_blocks] pool block of each logical block (paged only)", optional=True),
    ]
    ATTRIBUTES = [Attr("layout", EnumAttr(*KV_LAYOUTS), "contiguous or paged")]
    RESULTS = [Result("result", TensorOf(rank=4), "[B, Hkv, T, D]")]

    def verify_op(self):
        what = "accel.kv_read"
        cache = static_shape(self.cache)
        batch, capacity = _kv_capacity(self, what, cache, self.block_table, self.layout)
        if _element(self.result) != _element(self.cache):
            raise self.error(f"'{what}' op result and cache element types differ: {self.result.type} vs {self.cache.type}")
        _check_kv_tokens(self, what, "result", static_shape(self.result), cache, batch, capacity)


# ---------------------------------------------------------------------------
# Scheduled level


def _check_static(op: OpDef, value: ir.Value, what: str) -> None:
    if any(d is None for d in static_shape(value)):
        raise op.error(f"{what} must have a static shape, got {value.type}")


@ACCEL.op
class AllocOp(OpDef):
    """An on-chip SRAM buffer at a fixed address (`offset`, in bytes) of the memory plan.

    The buffer lives until the end of the function; the scheduler's address plan
    guarantees that buffers live at the same time do not overlap.

    Example:
        %buf = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
    """

    NAME = "alloc"
    ATTRIBUTES = [Attr("offset", IntAttr(min_value=0), "byte address of the buffer in SRAM")]
    RESULTS = [Result("buffer", MemRefOf(space="sram"), "the SRAM buffer")]

    def verify_op(self):
        _check_static(self, self.buffer, "'accel.alloc' op buffer")


def _check_copy(op: OpDef, src: ir.Value, dst: ir.Value, what: str, window: ir.Value) -> None:
    """DMA source and destination agree: element type, rank; the DRAM window fits the tile."""
    if _element(src) != _element(dst):
        raise op.error(f"'{what}' op element types differ: {src.type} vs {dst.type}")
    if src.type.rank != dst.type.rank:
        raise op.error(f"'{what}' op ranks differ: {src.type} vs {dst.type}")
    # `==`, not `is`: every accessor call makes a new Python ir.Value for the same value.
    sram = dst if window == src else src
    for dim, (w, s) in enumerate(zip(static_shape(window), static_shape(sram))):
        if w is not None and s is not None and w > s:
            raise op.error(f"'{what}' op DRAM window dim {dim} ({w}) exceeds the SRAM buffer ({s})")


@ACCEL.op
class DmaLoadOp(OpDef):
    """Asynchronous copy of a DRAM window into an SRAM buffer; returns its token.

    Starts once every token in `deps` has completed. The window may be smaller than
    the buffer (an edge tile): it lands at the buffer's origin and the rest is zero.
    With `queue`, the DMA engine of that number serves it, after the transfers issued
    before it on the same queue (see targets/sim/engines.py); without, any idle engine.

    Example:
        %t = "accel.dma_load"(%window, %buf) {queue = 0 : i64} : (memref<64x64xi8, strided<[512, 1], offset: ?>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
    """

    NAME = "dma_load"
    OPERANDS = [
        Operand("source", MemRefOf(space="dram"), "DRAM window to read"),
        Operand("dest", MemRefOf(space="sram"), "SRAM buffer to fill"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("queue", IntAttr(min_value=0), "the DMA engine whose queue serves it, in issue order", optional=True)]
    RESULTS = [Result("token", Token, "completes when the copy is done")]

    def verify_op(self):
        _check_copy(self, self.source, self.dest, "accel.dma_load", self.source)


@ACCEL.op
class DmaStoreOp(OpDef):
    """Asynchronous copy of an SRAM buffer (or its origin corner) into a DRAM window.

    Starts once every token in `deps` has completed; copies the window's shape.
    `queue` as for accel.dma_load.

    Example:
        %t = "accel.dma_store"(%buf, %window, %done) {queue = 1 : i64} : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, strided<[512, 1], offset: ?>>, !accel.token) -> !accel.token
    """

    NAME = "dma_store"
    OPERANDS = [
        Operand("source", MemRefOf(space="sram"), "SRAM buffer to read"),
        Operand("dest", MemRefOf(space="dram"), "DRAM window to write"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("queue", IntAttr(min_value=0), "the DMA engine whose queue serves it, in issue order", optional=True)]
    RESULTS = [Result("token", Token, "completes when the copy is done")]

    def verify_op(self):
        _check_copy(self, self.source, self.dest, "accel.dma_store", self.dest)


@ACCEL.op
class MmaOp(OpDef):
    """Tile matmul on the matrix unit: `acc (+)= lhs x rhs^T`, all in SRAM.

    lhs is [TM, TK], rhs is [TN, TK] (weights keep output channels first), acc is
    [TM, TN]. int8 x int8 accumulates in i32; float operands accumulate in f32.
    `accumulate = false` overwrites acc instead of adding to it. Starts once every
    token in `deps` has completed.

    Example:
        %t = "accel.mma"(%a, %b, %acc, %ta, %tb) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
    """

    NAME = "mma"
    OPERANDS = [
        Operand("lhs", MemRefOf("i8", "float", space="sram", rank=2), "[TM, TK]"),
        Operand("rhs", MemRefOf("i8", "float", space="sram", rank=2), "[TN, TK]"),
        Operand("acc", MemRefOf("i32", "f32", space="sram", rank=2), "[TM, TN] accumulator"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("accumulate", BoolAttr(), "add to acc (true) or overwrite it (false)")]
    RESULTS = [Result("token", Token, "completes when the tile is computed")]

    def verify_op(self):
        a, b, acc = static_shape(self.lhs), static_shape(self.rhs), static_shape(self.acc)
        if not (_dims_agree(a[1], b[1]) and _dims_agree(acc[0], a[0]) and _dims_agree(acc[1], b[0])):
            raise self.error(f"'accel.mma' op shapes do not agree: lhs {_shape_text(a)} (TM x TK), rhs {_shape_text(b)} (TN x TK), acc {_shape_text(acc)} (TM x TN)")
        ea, eb, eacc = _element(self.lhs), _element(self.rhs), _element(self.acc)
        integer = ea == "i8"
        if (eb == "i8") != integer:
            raise self.error(f"'accel.mma' op lhs and rhs must both be int8 or both float, got {ea} and {eb}")
        if integer and eacc != "i32":
            raise self.error(f"'accel.mma' op int8 operands accumulate in i32, got an {eacc} accumulator")
        if not integer and eacc != "f32":
            raise self.error(f"'accel.mma' op float operands accumulate in f32, got an {eacc} accumulator")


@ACCEL.op
class RescaleOp(OpDef):
    """Vector-unit epilogue of an int8 tile: `out = (f32(acc) * row_scale[m]) * col_scale[n]`.

    The per-row activation scale and the per-channel weight scale of w8a8, applied to
    an i32 accumulator tile in the order the golden semantics define. All in SRAM;
    starts once every token in `deps` has completed.

    Example:
        %t = "accel.rescale"(%acc, %rs, %cs, %out, %done) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    """

    NAME = "rescale"
    OPERANDS = [
        Operand("acc", MemRefOf("i32", space="sram", rank=2), "[TM, TN] i32 accumulator"),
        Operand("row_scale", MemRefOf("f32", space="sram", rank=1), "[TM] per-row scales"),
        Operand("col_scale", MemRefOf("f32", space="sram", rank=1), "[TN] per-column scales"),
        Operand("out", MemRefOf("f32", space="sram", rank=2), "[TM, TN] result tile"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    RESULTS = [Result("token", Token, "completes when the tile is rescaled")]

    def verify_op(self):
        acc, out = static_shape(self.acc), static_shape(self.out)
        rows, cols = static_shape(self.row_scale), static_shape(self.col_scale)
        if not all(map(_dims_agree, acc, out)):
            raise self.error(f"'accel.rescale' op acc {_shape_text(acc)} and out {_shape_text(out)} must have the same shape")
        if not _dims_agree(rows[0], acc[0]) or not _dims_agree(cols[0], acc[1]):
            raise self.error(f"'accel.rescale' op scales {_shape_text(rows)} x {_shape_text(cols)} must match the tile {_shape_text(acc)} (rows x columns)")


# Vector unit: elementwise ops, row reductions and the embedding gather, on SRAM tiles.
# Which kinds exist is defined here; what each computes is accel.runtime.golden's;
# what each costs (lane operations by class) is accel.targets.timing's VECTOR_KIND_OPS.

VUNARY_KINDS = ("copy", "cast", "neg", "abs", "exp", "rsqrt", "sqrt", "recip", "silu", "gelu", "erf", "round", "clamp")
VBINARY_KINDS = ("add", "sub", "mul", "div", "max", "min")
VREDUCE_KINDS = ("sum", "max")

# Elements a vector-unit operand may hold: floats, and the integers `cast` converts.
_VECTOR_ELEMENTS = ("float", "i8", "i16", "i32", "i64")


def _check_broadcast(op: OpDef, what: str, name: str, value: ir.Value, out: ir.Value) -> None:
    """`value` broadcasts to the shape of `out`: same rank, each dim equal or 1."""
    shape, target = static_shape(value), static_shape(out)
    if len(shape) != len(target) or not all(d == 1 or _dims_agree(d, t) for d, t in zip(shape, target)):
        raise op.error(
            f"'{what}' op {name} shape {_shape_text(shape)} does not broadcast to the out shape {_shape_text(target)} "
            "(same rank, each dim equal or 1)"
        )


def _check_float(op: OpDef, what: str, kind: str, *named: tuple[str, ir.Value]) -> None:
    for name, value in named:
        if _element(value) not in FLOAT_TYPES:
            raise op.error(f"'{what}' op kind {kind} computes on floats: {name} is {value.type} (convert with kind cast)")


@ACCEL.op
class VUnaryOp(OpDef):
    """Vector-unit elementwise unary op: `out = kind(input)`, input broadcast to out's shape.

    All in SRAM. `input` has out's rank; a dim of size 1 broadcasts (a [M, 1] column
    fills every column of a [M, N] out: `copy` of it is the broadcast). Every kind but
    `copy` and `cast` computes in f32 (operands converted to f32) and rounds the result
    to out's float type:
    `neg`, `abs`; `exp`; `rsqrt` = 1 / sqrt(x) and `recip` = 1 / x (two and one
    roundings); `sqrt`; `silu` = x / (1 + exp(-x)); `erf`; `gelu` (erf form, as
    torch's) = x * 0.5 * (1 + erf(x * (1 / sqrt 2))); `round` to the nearest integer,
    half to even; `clamp` = min(max(x, `min`), `max`) with f32 bounds (the attributes
    `min` and `max`, required for clamp only; NaN stays NaN).
    `copy`: out's element type is the input's, values bit for bit. `cast`: any of
    int8/16/32/64 and float to any: to a float type rounds to nearest even; a float to
    an integer rounds half to even and saturates to the type's range (NaN is an
    error); an integer to a narrower one saturates. Quantizing `x / scale` to int8 is
    `clamp` to [-127, 127] then `cast`. Starts once every token in `deps` has completed.

    Example:
        %t = "accel.vunary"(%x, %y, %done) {kind = "exp"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    """

    NAME = "vunary"
    OPERANDS = [
        Operand("input", MemRefOf(*_VECTOR_ELEMENTS, space="sram"), "operand, broadcast to out's shape"),
        Operand("out", MemRefOf(*_VECTOR_ELEMENTS, space="sram"), "result tile"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [
        Attr("kind", EnumAttr(*VUNARY_KINDS), "the function"),
        Attr("min", FloatAttr(), "lower bound (clamp only)", optional=True),
        Attr("max", FloatAttr(), "upper bound (clamp only)", optional=True),
    ]
    RESULTS = [Result("token", Token, "completes when out is written")]

    def verify_op(self):
        what, kind = "accel.vunary", self.kind
        _check_broadcast(self, what, "input", self.input, self.out)
        bounds = (self.min, self.max)
        if kind == "clamp":
            if None in bounds:
                raise self.error(f"'{what}' op kind clamp needs both 'min' and 'max' attributes")
            if not bounds[0] <= bounds[1]:
                raise self.error(f"'{what}' op clamp bounds are empty: min {bounds[0]} > max {bounds[1]}")
        elif bounds != (None, None):
            raise self.error(f"'{what}' op 'min' and 'max' are attributes of kind clamp only, not of kind {kind}")
        if kind == "copy":
            if _element(self.input) != _element(self.out):
                raise self.error(f"'{what}' op kind copy keeps the element type: input {_element(self.input)}, out {_element(self.out)} (convert with kind cast)")
        elif kind != "cast":
            _check_float(self, what, kind, ("input", self.input), ("out", self.out))


@ACCEL.op
class VBinaryOp(OpDef):
    """Vector-unit elementwise binary op: `out = kind(lhs, rhs)`, both broadcast to out's shape.

    All in SRAM, floats: operands converted to f32, one f32 operation, the result
    rounded to out's element type. Kinds: `add`, `sub` (lhs - rhs), `mul`, `div`
    (lhs / rhs, IEEE: x / 0 is +-inf), `max`, `min` (NaN propagates). `lhs` and `rhs`
    have out's rank; a dim of size 1 broadcasts: `x * r` with x [M, N] and the row
    factors r [M, 1] scales every row (rmsnorm), a [1, N] operand every column (a bias).
    Starts once every token in `deps` has completed.

    Example:
        %t = "accel.vbinary"(%x, %r, %y, %t0, %t1) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
    """

    NAME = "vbinary"
    OPERANDS = [
        Operand("lhs", MemRefOf("float", space="sram"), "first operand, broadcast to out's shape"),
        Operand("rhs", MemRefOf("float", space="sram"), "second operand, broadcast to out's shape"),
        Operand("out", MemRefOf("float", space="sram"), "result tile"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("kind", EnumAttr(*VBINARY_KINDS), "the operation")]
    RESULTS = [Result("token", Token, "completes when out is written")]

    def verify_op(self):
        _check_broadcast(self, "accel.vbinary", "lhs", self.lhs, self.out)
        _check_broadcast(self, "accel.vbinary", "rhs", self.rhs, self.out)


@ACCEL.op
class VReduceOp(OpDef):
    """Vector-unit row reduction over the last dim: `out[..., 0] = kind_j input[..., j]`.

    All in SRAM, floats. out has the input's shape with the last dim 1 (so it
    broadcasts back over the rows in accel.vbinary). `sum`: f32 additions in order
    j = 0, 1, ..., N - 1 from the first element (a sequential accumulation, reproducible
    bit for bit); `max`: the largest element (NaN propagates). The input is converted
    to f32, the result rounded to out's element type. Starts once every token in
    `deps` has completed.

    Example:
        %t = "accel.vreduce"(%x, %m, %done) {kind = "max"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    """

    NAME = "vreduce"
    OPERANDS = [
        Operand("input", MemRefOf("float", space="sram"), "[..., N]"),
        Operand("out", MemRefOf("float", space="sram"), "[..., 1]"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("kind", EnumAttr(*VREDUCE_KINDS), "the reduction")]
    RESULTS = [Result("token", Token, "completes when out is written")]

    def verify_op(self):
        shape, out = static_shape(self.input), static_shape(self.out)
        expected = shape[:-1] + [1]
        if len(shape) < 1 or len(out) != len(shape) or not all(map(_dims_agree, out, expected)):
            raise self.error(f"'accel.vreduce' op out shape {_shape_text(out)} must be the input shape with the last dim 1: {_shape_text(expected)}")
        if shape[-1] == 0:
            raise self.error("'accel.vreduce' op reduces an empty dim (the input's last dim is 0)")


@ACCEL.op
class GatherOp(OpDef):
    """Gathers rows of a table by index: `out[r, :] = table[indices[r], :]` (embedding lookup).

    table [V, D] in DRAM or SRAM, indices [R] i32 in SRAM, out [R, D] in SRAM, of the
    table's element type; values are copied bit for bit. An index outside [0, V) is an
    error. From DRAM a DMA engine fetches the rows (`queue` as for accel.dma_load);
    from SRAM the vector unit copies them. Starts once every token in `deps` has
    completed.

    Example:
        %t = "accel.gather"(%table, %ids, %rows, %done) {queue = 0 : i64} : (memref<1000x64xf32>, memref<16xi32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    """

    NAME = "gather"
    OPERANDS = [
        Operand("table", MemRefOf(rank=2), "[V, D] rows to pick from, in DRAM or SRAM"),
        Operand("indices", MemRefOf("i32", space="sram", rank=1), "[R] row numbers"),
        Operand("out", MemRefOf(space="sram", rank=2), "[R, D] the gathered rows"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("queue", IntAttr(min_value=0), "the DMA engine that fetches from DRAM (DRAM table only)", optional=True)]
    RESULTS = [Result("token", Token, "completes when out is written")]

    def verify_op(self):
        what = "accel.gather"
        table, indices, out = static_shape(self.table), static_shape(self.indices), static_shape(self.out)
        if _element(self.table) != _element(self.out):
            raise self.error(f"'{what}' op element types differ: table {self.table.type} vs out {self.out.type}")
        if not (_dims_agree(out[0], indices[0]) and _dims_agree(out[1], table[1])):
            raise self.error(f"'{what}' op out shape {_shape_text(out)} must be [R, D] = {_shape_text([indices[0], table[1]])} (indices [R], table [V, D])")
        if self.queue is not None and memory_space_of(self.table.type) != "dram":
            raise self.error(f"'{what}' op has a DMA queue, but its table is in SRAM (the vector unit copies it)")


@ACCEL.op
class ReadyOp(OpDef):
    """A token that is already complete: what an op waits for when it waits for nothing.

    Ops that depend on it may start at once; waiting on it returns at once. It is the
    initial value of loop-carried tokens (`scf.for` iter_args), whose later values are
    the tokens of real DMA or compute ops: "the last op that read this buffer" before
    the first iteration is no op at all. Like MLIR's `gpu.wait async` without
    dependencies.

    Example:
        %t = "accel.ready"() : () -> !accel.token
    """

    NAME = "ready"
    RESULTS = [Result("token", Token, "a token that has completed")]


@ACCEL.op
class WaitOp(OpDef):
    """Blocks the control flow until every token has completed.

    Example:
        "accel.wait"(%t0, %t1) : (!accel.token, !accel.token) -> ()
    """

    NAME = "wait"
    OPERANDS = [Operand("tokens", Token, "tokens to wait for", variadic=True)]

    def verify_op(self):
        if not self.tokens:
            raise self.error("'accel.wait' op needs at least one token")


def lookup(op_name: str):
    """The definition of an accel op by its full name, or None."""
    return ACCEL.lookup(op_name)


def is_graph_level(definition: type[OpDef]) -> bool:
    """A graph-level (L2) op: on tensors and scalars (a KV cache position), pure.
    Scheduled-level (L4) ops take memrefs or tokens."""
    parts = definition.OPERANDS + definition.RESULTS
    return not any(isinstance(part.constraint, (MemRefOf, TokenConstraint)) for part in parts)


__all__ = ["ACCEL", "KV_LAYOUTS", "QUANT_SCHEMES", "VBINARY_KINDS", "VREDUCE_KINDS", "VUNARY_KINDS", "VerifyError", "is_graph_level", "lookup", "static_shape", "memory_space_of"] + [
    cls.__name__ for cls in ACCEL.ops.values()
]
