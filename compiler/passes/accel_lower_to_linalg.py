"""accel-lower-to-linalg: accel graph ops become linalg/arith/math/tensor on tensors.

The CPU target's path back to upstream MLIR: after this pass no accel op remains
and IREE compiles the module. Each op is lowered to exactly the float operations,
in exactly the order, of its golden semantics (accel.runtime.golden,
accel.runtime.quantization), so that the CPU target can be compared with the golden
model with `==` where the semantics fix the order:

- `accel.quantize`: absmax over the last dim (`arith.maximumf` of `math.absf`, from
  0), `scale = absmax / 127` (1.0 where that is 0), then
  `fptosi(clamp(math.roundeven(x / scale), -127, 127))` to i8.
- `accel.dequantize`: `sitofp(q) * scale`, int4 nibbles unpacked with shifts (the low
  nibble sign-extended by `(b << 4) >> 4`, the high one by `b >> 4`). No barrier:
  its results feed matmuls (a multiply, nothing to contract), and IREE's fusion of
  dequantization into the matmul is worth keeping; a consumer that adds to the
  dequantized weight directly could get an FMA.
- `accel.qmatmul`: `w8a8` is an i8 x i8 -> i32 `linalg.matmul` (sign-extending, so
  exact in any summation order) and then `(f32(acc) * lhs_scale[m]) * weight_scale[n]`,
  behind a `util.optimization_barrier` (IREE would otherwise contract a consumer's
  add into an FMA with the last multiply);
  `w8a16` is a float `linalg.matmul` of the activations by `sitofp(weight)` followed
  by `* weight_scale[n]`; `w4a16` multiplies by the dequantized weight. The float sums
  of w8a16/w4a16 run in whatever order IREE picks (so they match the golden model to
  within float summation error, not bit for bit).

Weights stay [N, K]: the matmuls use the transposed-B indexing maps, no transpose is
materialized.

The transformer ops compute in f32 in the order of their golden semantics; their
sums and exp are not reproducible bit for bit, and the CPU target matches the golden
model within the bounds accel.runtime.golden states per op (the KV cache ops are
copies, exact):

- `accel.attention`: the queries of each KV head ([B, Hkv, G * S] rows, a view of
  [B, Hq, S, D]) multiply that head's K and V in `linalg.batch_matmul`s over
  B * Hkv: K and V are never repeated. Scores * scale + mask (broadcast dims read
  index 0), the causal mask by `linalg.index` (key j hidden when j > i + T - S),
  max-subtracted softmax with rows of no finite score set to 0, then P V.
- `accel.rmsnorm`: sum of squares, `1 / sqrt(sum / H + eps)`, `x * r` cast to the
  input type, times the weight. `accel.softmax`: max, exp(x - max), sum, divide.
- `accel.rope`: the two halves of D computed apart (`x_lo * cos - x_hi * sin`,
  `x_hi * cos + x_lo * sin`) and inserted side by side. `accel.silu_mul`:
  `g / (1 + exp(-g)) * up` in one generic.
- `accel.kv_append` / `kv_read`, contiguous: `tensor.insert_slice` /
  `extract_slice`; paged: an `scf.for` nest writing one [1, Hkv, 1, D] row per
  sequence and token at its block table's slot, and a gather (`tensor.extract`
  through the table in a `linalg.generic`).

Scheduled-level ops (alloc, dma_*, mma, rescale, wait) have no linalg form; meeting
one is an error located at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from accel.compiler.linalg_match import rewrite_greedily
from accel.compiler.passes import Pass
from accel.compiler.passes.accel_quantize import matmul_maps
from accel.dialects import (
    AttentionOp,
    DequantizeOp,
    KvAppendOp,
    KvReadOp,
    QMatmulOp,
    QuantizeOp,
    RmsNormOp,
    RopeOp,
    SiluMulOp,
    SoftmaxOp,
    accel_operations,
)
from accel.core.mlir import arith, ir, linalg, math, scf, tensor
from accel.runtime.quantization import INT8_QMAX

# ---------------------------------------------------------------------------
# Builders (at the current insertion point and location)

Size = int | ir.Value  # a static size or an index value


def _i8() -> ir.Type:
    return ir.IntegerType.get_signless(8)


def _i32() -> ir.Type:
    return ir.IntegerType.get_signless(32)


def _f32() -> ir.Type:
    return ir.F32Type.get()


def tensor_sizes(value: ir.Value) -> list[Size]:
    """The dims of a tensor: ints where static, `tensor.dim` values where dynamic."""
    shaped = value.type
    return [
        tensor.dim(value, arith.constant(ir.IndexType.get(), i)) if shaped.is_dynamic_dim(i) else shaped.shape[i]
        for i in range(shaped.rank)
    ]


def _empty(sizes: Sequence[Size], element: ir.Type) -> ir.Value:
    return tensor.EmptyOp(list(sizes), element).result


def _filled(sizes: Sequence[Size], element: ir.Type, value: float | int) -> ir.Value:
    return linalg.fill(arith.constant(element, value), outs=[_empty(sizes, element)])


def _map(rank: int, dims: Sequence[int | None]) -> ir.AffineMap:
    """(d0, ..., d{rank-1}) -> the listed dims; None is the constant 0 (a broadcast
    dim of size 1)."""
    return ir.AffineMap.get(rank, 0, [ir.AffineConstantExpr.get(0) if d is None else ir.AffineDimExpr.get(d) for d in dims])


def _generic(
    inputs: Sequence[ir.Value],
    init: ir.Value,
    input_dims: Sequence[Sequence[int]],
    body: Callable[..., ir.Value],
    reduction: Sequence[int] = (),
) -> ir.Value:
    """A one-result `linalg.generic`. Loop i runs over dim i of the iteration space;
    `input_dims[j]` lists the loops that index input j (None: index 0 of a broadcast
    dim); the init is indexed by every loop not in `reduction`. `body(*input_elements, init_element)` returns the value
    to yield."""
    rank = init.type.rank + len(reduction)
    out_dims = [d for d in range(rank) if d not in reduction]
    iterators = [linalg.IteratorType.reduction if d in reduction else linalg.IteratorType.parallel for d in range(rank)]
    op = linalg.GenericOp_(
        list(inputs),
        [init],
        [_map(rank, dims) for dims in input_dims] + [_map(rank, out_dims)],
        iterators,
    )
    block = op.regions[0].blocks[0]
    with ir.InsertionPoint(block):
        linalg.yield_([body(*block.arguments)])
    return op.result


def _to_f32(value: ir.Value) -> ir.Value:
    """A float scalar as f32 (the golden model computes in f32)."""
    if isinstance(value.type, ir.F32Type):
        return value
    return arith.extf(_f32(), value) if value.type.width < 32 else arith.truncf(_f32(), value)


def _f32_constant(value: float) -> ir.Value:
    return arith.constant(_f32(), value)


# ---------------------------------------------------------------------------
# Lowerings, one per op


def lower_quantize(op: QuantizeOp) -> list[ir.Value]:
    x = op.input
    rank = x.type.rank
    rows = list(range(rank - 1))
    sizes = tensor_sizes(x)
    zero, one = _f32_constant(0.0), _f32_constant(1.0)
    qmax, qmin = _f32_constant(float(INT8_QMAX)), _f32_constant(-float(INT8_QMAX))

    def absmax(element, acc):
        return arith.maximumf(acc, math.absf(_to_f32(element)))

    peak = _generic([x], _filled(sizes[:-1], _f32(), 0.0), [list(range(rank))], absmax, reduction=[rank - 1])

    def scale_of(peak_element, _):
        scale = arith.divf(peak_element, qmax)
        # All-zero rows (and absmax so tiny that the division underflows) get scale 1.
        return arith.select(arith.cmpf(arith.CmpFPredicate.OEQ, scale, zero), one, scale)

    scale = _generic([peak], _empty(sizes[:-1], _f32()), [rows], scale_of)

    def quantized(element, scale_element, _):
        rounded = math.roundeven(arith.divf(_to_f32(element), scale_element))
        return arith.fptosi(_i8(), arith.minimumf(arith.maximumf(rounded, qmin), qmax))

    q = _generic([x, scale], _empty(sizes, _i8()), [list(range(rank)), rows], quantized)
    return [q, scale]


def _reassociation(groups: Sequence[Sequence[int]]) -> ir.ArrayAttr:
    i64 = ir.IntegerType.get_signless(64)
    return ir.ArrayAttr.get([ir.ArrayAttr.get([ir.IntegerAttr.get(i64, d) for d in group]) for group in groups])


def dequantized_weight(weight: ir.Value, scale: ir.Value, bits: int, group_size: int) -> ir.Value:
    """The f32 [N, K] value of quantized weights: `sitofp(q) * scale` per element.

    Packed int4 bytes and scale groups become extra loops: the iteration space is
    [N, (groups,) k per scale / values per byte, (2)], every map a projection, and
    the result is collapsed back to [N, K]. So the unpacking is plain elementwise
    linalg that IREE tiles and fuses like any other."""
    per_byte = 2 if bits == 4 else 1
    if (group_size or per_byte == 2) and weight.type.is_dynamic_dim(1):
        raise Pass.fail(f"accel-lower-to-linalg: unpacking {bits}-bit weights in groups needs a static K, got {weight.type}", ir.Location.current)
    k = weight.type.shape[1] * per_byte
    n = tensor_sizes(weight)[0]
    if group_size:
        groups = k // group_size
        bytes_per_group = group_size // per_byte
        grouped_type = ir.RankedTensorType.get([weight.type.shape[0], groups, bytes_per_group], weight.type.element_type)
        weight = tensor.expand_shape(
            grouped_type,
            weight,
            _reassociation([[0], [1, 2]]),
            [n] if isinstance(n, ir.Value) else [],
            [weight.type.shape[0], groups, bytes_per_group],
        )
        loops = [n, groups, bytes_per_group]
        weight_dims, scale_dims = [0, 1, 2], [0, 1]
    else:
        loops = [n, k // per_byte]
        weight_dims, scale_dims = [0, 1], [0]
    if per_byte == 2:
        loops.append(2)
    nibble_loop = len(loops) - 1
    four, low_nibble = arith.constant(_i8(), 4), arith.constant(ir.IndexType.get(), 0)

    def dequantize(byte, scale_element, _):
        value = byte
        if per_byte == 2:
            # Arithmetic shifts sign-extend each 4-bit two's-complement value.
            low = arith.shrsi(arith.shli(byte, four), four)
            high = arith.shrsi(byte, four)
            nibble = linalg.IndexOp(nibble_loop, results=[ir.IndexType.get()]).result
            value = arith.select(arith.cmpi(arith.CmpIPredicate.eq, nibble, low_nibble), low, high)
        return arith.mulf(arith.sitofp(_f32(), value), scale_element)

    unpacked = _generic([weight, scale], _empty(loops, _f32()), [weight_dims, scale_dims], dequantize)
    if len(loops) == 2:
        return unpacked
    collapsed = ir.RankedTensorType.get([weight.type.shape[0], k], _f32())
    return tensor.collapse_shape(collapsed, unpacked, _reassociation([[0], list(range(1, len(loops)))]))


def lower_dequantize(op: DequantizeOp) -> list[ir.Value]:
    return [dequantized_weight(op.input, op.scale, op.bits, op.group_size)]


def materialized(value: ir.Value, sizes: Sequence[Size]) -> ir.Value:
    """`value` (of dims `sizes`), materialized: IREE may not fuse its consumers into
    the op that computes it.

    IREE's CPU codegen marks every fmul/fadd `contract` (its AddFastMathFlags pass; no
    flag turns that off), so a consumer's add fused into the same dispatch becomes an
    FMA with the last multiply and skips a rounding the golden semantics define
    (w8a8 followed by a bias add then differs in the last bit). The barrier keeps the
    result a rounded f32. It hides the shape from IREE, so dynamic dims are tied back.
    """
    barrier = ir.Operation.create("util.optimization_barrier", results=[value.type], operands=[value]).results[0]
    dynamic = [size for size in sizes if isinstance(size, ir.Value)]
    if not dynamic:
        return barrier
    return ir.Operation.create("flow.tensor.tie_shape", results=[value.type], operands=[barrier, *dynamic]).results[0]


def _matmul_nk(lhs: ir.Value, weight: ir.Value, init: ir.Value) -> ir.Value:
    """lhs [M, K] times weight [N, K] (transposed B), accumulated into init [M, N].
    linalg.matmul casts both inputs to the init's element type first: sign-extension
    for i8 into i32, sitofp for i8 into f32, extf for narrower floats."""
    return linalg.matmul(lhs, weight, outs=[init], indexing_maps=matmul_maps(weight_nk=True))


def lower_qmatmul(op: QMatmulOp) -> list[ir.Value]:
    lhs, weight, weight_scale = op.lhs, op.weight, op.weight_scale
    m = tensor_sizes(lhs)[0]
    n = tensor_sizes(weight)[0]
    result = _empty([m, n], _f32())
    if op.scheme == "w8a8":
        acc = _matmul_nk(lhs, weight, _filled([m, n], _i32(), 0))

        def rescale(acc_element, lhs_scale, channel_scale, _):
            return arith.mulf(arith.mulf(arith.sitofp(_f32(), acc_element), lhs_scale), channel_scale)

        scaled = _generic([acc, op.lhs_scale, weight_scale], result, [[0, 1], [0], [1]], rescale)
        return [materialized(scaled, [m, n])]
    if op.scheme == "w8a16":
        acc = _matmul_nk(lhs, weight, _filled([m, n], _f32(), 0.0))
        return [_generic([acc, weight_scale], result, [[0, 1], [1]], lambda dot, scale, _: arith.mulf(dot, scale))]
    weight_f32 = dequantized_weight(weight, weight_scale, 4, op.group_size)
    return [_matmul_nk(lhs, weight_f32, _filled([m, n], _f32(), 0.0))]


# ---------------------------------------------------------------------------
# Transformer ops. Sums and exp are not bit-reproducible (IREE picks the summation
# order and expands math.exp into a polynomial): these lowerings follow the golden
# order of operations, and the CPU target matches the golden model within the error
# bounds accel.runtime.golden states per op. K and V of grouped-query attention are
# never repeated: query heads are viewed as [B, Hkv, G, ...] and read their KV head.


def _index(value: Size) -> ir.Value:
    return value if isinstance(value, ir.Value) else arith.constant(ir.IndexType.get(), value)


def _static(sizes: Sequence[Size]) -> list[int]:
    dynamic = ir.ShapedType.get_dynamic_size()
    return [dynamic if isinstance(size, ir.Value) else size for size in sizes]


def _tensor_type(sizes: Sequence[Size], element: ir.Type) -> ir.RankedTensorType:
    return ir.RankedTensorType.get(_static(sizes), element)


def _expand(value: ir.Value, groups: Sequence[Sequence[int]], sizes: Sequence[Size]) -> ir.Value:
    """`value` viewed with dims split as `groups` says, the new dims of `sizes`."""
    dynamic = [size for size in sizes if isinstance(size, ir.Value)]
    return tensor.expand_shape(_tensor_type(sizes, value.type.element_type), value, _reassociation(groups), dynamic, _static(sizes))


def _collapse(value: ir.Value, groups: Sequence[Sequence[int]]) -> ir.Value:
    shape = value.type.shape
    dynamic = ir.ShapedType.get_dynamic_size()
    sizes = []
    for group in groups:
        dims = [shape[d] for d in group]
        sizes.append(dynamic if dynamic in dims else int(np.prod(dims)))
    return tensor.collapse_shape(ir.RankedTensorType.get(sizes, value.type.element_type), value, _reassociation(groups))


def _slice_arguments(offsets: Sequence[Size], sizes: Sequence[Size]) -> tuple:
    """(dynamic operands..., static attributes...) of tensor.extract_slice / insert_slice."""
    dynamic_offset = ir.ShapedType.get_dynamic_stride_or_offset()
    return (
        [o for o in offsets if isinstance(o, ir.Value)],
        [s for s in sizes if isinstance(s, ir.Value)],
        [],
        [dynamic_offset if isinstance(o, ir.Value) else o for o in offsets],
        _static(sizes),
        [1] * len(sizes),
    )


def _extract_slice(source: ir.Value, offsets: Sequence[Size], sizes: Sequence[Size]) -> ir.Value:
    return tensor.extract_slice(_tensor_type(sizes, source.type.element_type), source, *_slice_arguments(offsets, sizes))


def _insert_slice(source: ir.Value, dest: ir.Value, offsets: Sequence[Size]) -> ir.Value:
    return tensor.insert_slice(source, dest, *_slice_arguments(offsets, tensor_sizes(source)))


def _converted(value: ir.Value, element: ir.Type) -> ir.Value:
    """A float scalar converted to `element` (extf / truncf; unchanged if equal)."""
    if value.type == element:
        return value
    return arith.extf(element, value) if value.type.width < element.width else arith.truncf(element, value)


def _to_element_of(value: ir.Value, result_type: ir.Type) -> ir.Value:
    """f32 tensor `value` elementwise converted to `result_type`'s element type, then
    cast to `result_type` (which may be more static)."""
    element = result_type.element_type
    if value.type.element_type != element:
        rank = value.type.rank
        value = _generic([value], _empty(tensor_sizes(value), element), [list(range(rank))], lambda x, _: _converted(x, element))
    return value if value.type == result_type else tensor.cast(result_type, value)


def _neg_inf() -> ir.Value:
    return _f32_constant(float("-inf"))


def _softmax_weights(x: ir.Value, axis: int, empty_rows_zero: bool) -> ir.Value:
    """f32 softmax of f32 `x` along `axis`: `m = max`, `p = exp(x - m)`, `p / sum(p)`.
    `empty_rows_zero`: a slice whose max is -inf (no finite entry) gives zeros."""
    rank = x.type.rank
    every, rows = list(range(rank)), [d for d in range(rank) if d != axis]
    sizes = tensor_sizes(x)
    row_sizes = [size for d, size in enumerate(sizes) if d != axis]
    peak = _generic([x], _filled(row_sizes, _f32(), float("-inf")), [every], lambda e, acc: arith.maximumf(acc, e), reduction=[axis])
    p = _generic([x, peak], _empty(sizes, _f32()), [every, rows], lambda e, m, _: math.exp(arith.subf(e, m)))
    total = _generic([p], _filled(row_sizes, _f32(), 0.0), [every], lambda e, acc: arith.addf(acc, e), reduction=[axis])
    if not empty_rows_zero:
        return _generic([p, total], _empty(sizes, _f32()), [every, rows], lambda e, s, _: arith.divf(e, s))
    neg_inf, zero = _neg_inf(), _f32_constant(0.0)

    def weight(e, s, m, _):
        return arith.select(arith.cmpf(arith.CmpFPredicate.OEQ, m, neg_inf), zero, arith.divf(e, s))

    return _generic([p, total, peak], _empty(sizes, _f32()), [every, rows, rows], weight)


def lower_softmax(op: SoftmaxOp) -> list[ir.Value]:
    x = op.input
    rank = x.type.rank
    x32 = x if isinstance(x.type.element_type, ir.F32Type) else _generic([x], _empty(tensor_sizes(x), _f32()), [list(range(rank))], lambda e, _: _to_f32(e))
    return [_to_element_of(_softmax_weights(x32, op.axis, empty_rows_zero=False), op.result.type)]


def _times(size: Size, factor: int) -> Size:
    return size * factor if isinstance(size, int) else arith.muli(size, _index(factor))


def _batch_matmul(lhs: ir.Value, rhs: ir.Value, rows: Size, columns: Size, rhs_transposed: bool) -> ir.Value:
    """f32 [N, M, P] = lhs [N, M, K] x rhs ([N, K, P], or [N, P, K] if `rhs_transposed`),
    operands converted to f32 as linalg.batch_matmul does, summed in f32."""
    n, m, p, k = (ir.AffineDimExpr.get(i) for i in range(4))
    maps = [ir.AffineMap.get(4, 0, dims) for dims in ([n, m, k], [n, p, k] if rhs_transposed else [n, k, p], [n, m, p])]
    init = _filled([tensor_sizes(lhs)[0], rows, columns], _f32(), 0.0)
    return linalg.batch_matmul(lhs, rhs, outs=[init], indexing_maps=maps)


def lower_attention(op: AttentionOp) -> list[ir.Value]:
    q, k, v, mask = op.query, op.key, op.value, op.mask
    kv_heads = op.num_kv_heads
    group = op.num_heads // kv_heads
    b, _, s, head_dim = tensor_sizes(q)
    t, dv = tensor_sizes(k)[2], tensor_sizes(v)[3]
    # Query head h = kv * G + g: the queries of a KV head are [G * S] rows of one
    # [B * Hkv] batch of products with that head's K and V (no repeat of K and V).
    q3 = _collapse(_expand(q, [[0], [1, 2], [3], [4]], [b, kv_heads, group, s, head_dim]), [[0, 1], [2, 3], [4]])
    rows = _times(s, group)
    dot = _batch_matmul(q3, _collapse(k, [[0, 1], [2], [3]]), rows, t, rhs_transposed=True)
    # Loops of the scores: (b, kv, g, i, j).
    inputs, dims = [_expand(dot, [[0, 1], [2, 3], [4]], [b, kv_heads, group, s, t])], [[0, 1, 2, 3, 4]]
    if mask is not None:
        # A mask dim of static size 1 broadcasts (reads index 0).
        batch_dim, query_dim = (None if mask.type.shape[dim] == 1 else loop for dim, loop in ((0, 0), (2, 3)))
        if mask.type.shape[1] == 1:
            inputs.append(mask)
            dims.append([batch_dim, None, query_dim, 4])
        else:
            m = tensor_sizes(mask)
            inputs.append(_expand(mask, [[0], [1, 2], [3], [4]], [m[0], kv_heads, group, m[2], m[3]]))
            dims.append([batch_dim, 1, 2, query_dim, 4])
    scale = _f32_constant(float(np.float32(op.scale)))
    # The causal mask is aligned to the end: query i sees key j <= i + T - S (and,
    # with a sliding window W, j > i + T - S - W).
    shift = arith.subi(_index(t), _index(s)) if op.causal else None
    neg_inf = _neg_inf() if op.causal else None

    def logit(*elements):
        value = arith.mulf(elements[0], scale)
        if mask is not None:
            value = arith.addf(value, _to_f32(elements[1]))
        if shift is not None:
            i = linalg.IndexOp(3, results=[ir.IndexType.get()]).result
            j = linalg.IndexOp(4, results=[ir.IndexType.get()]).result
            last = arith.addi(i, shift)  # the query's own position among the keys
            hidden = arith.cmpi(arith.CmpIPredicate.sgt, j, last)
            if op.window is not None:  # keys before the window: j <= last - window
                before = arith.cmpi(arith.CmpIPredicate.sle, j, arith.subi(last, _index(op.window)))
                hidden = arith.ori(hidden, before)
            value = arith.select(hidden, neg_inf, value)
        return value

    score_sizes = [b, kv_heads, group, s, t]
    logits = _generic(inputs, _empty(score_sizes, _f32()), dims, logit)
    weights = _softmax_weights(logits, 4, empty_rows_zero=True)
    if any(isinstance(size, ir.Value) for size in score_sizes):
        # IREE 3.13's data tiling fails on a dynamically shaped batch_matmul whose
        # operand it fuses with the producer ("'affine.delinearize_index' op no basis
        # element may be statically non-positive"): the weights are materialized.
        weights = materialized(weights, score_sizes)
    weights = _collapse(weights, [[0, 1], [2, 3], [4]])
    out = _batch_matmul(weights, _collapse(v, [[0, 1], [2], [3]]), rows, dv, rhs_transposed=False)
    out = _collapse(_expand(out, [[0, 1], [2, 3], [4]], [b, kv_heads, group, s, dv]), [[0], [1, 2], [3], [4]])
    return [_to_element_of(out, op.result.type)]


def lower_rmsnorm(op: RmsNormOp) -> list[ir.Value]:
    x, weight = op.input, op.weight
    rank = x.type.rank
    every, rows = list(range(rank)), list(range(rank - 1))
    sizes = tensor_sizes(x)
    h = sizes[-1]
    count = _f32_constant(float(h)) if isinstance(h, int) else arith.uitofp(_f32(), arith.index_cast(ir.IntegerType.get_signless(64), h))
    epsilon, one = _f32_constant(float(np.float32(op.epsilon))), _f32_constant(1.0)

    def square(e, acc):
        e32 = _to_f32(e)
        return arith.addf(acc, arith.mulf(e32, e32))

    total = _generic([x], _filled(sizes[:-1], _f32(), 0.0), [every], square, reduction=[rank - 1])
    inverse = _generic([total], _empty(sizes[:-1], _f32()), [rows], lambda s, _: arith.divf(one, math.sqrt(arith.addf(arith.divf(s, count), epsilon))))
    input_element = x.type.element_type
    result_element = op.result.type.element_type

    def normalized(e, r, w, _):
        # LlamaRMSNorm casts x * r back to the input type before the weight multiply.
        y = _to_f32(_converted(arith.mulf(_to_f32(e), r), input_element))
        return _converted(arith.mulf(_to_f32(w), y), result_element)

    out = _generic([x, inverse, weight], _empty(sizes, result_element), [every, rows, [rank - 1]], normalized)
    return [out if out.type == op.result.type else tensor.cast(op.result.type, out)]


def lower_rope(op: RopeOp) -> list[ir.Value]:
    x, cos, sin = op.input, op.cos, op.sin
    b, h, s, d = tensor_sizes(x)
    half = d // 2 if isinstance(d, int) else arith.divui(d, _index(2))
    table_rank = cos.type.rank
    # cos/sin broadcast as numpy does: a dim of static size 1 reads index 0.
    x_shape = x.type.shape
    table_dims = []
    for k in range(table_rank):
        loop = 4 - table_rank + k
        broadcast = k < table_rank - 2 and cos.type.shape[k] == 1 and x_shape[loop] != 1
        table_dims.append(None if broadcast else loop)
    table_sizes = tensor_sizes(cos)

    def halves(value: ir.Value, sizes: Sequence[Size]) -> tuple[ir.Value, ir.Value]:
        lead = [0] * (len(sizes) - 1)
        return (
            _extract_slice(value, lead + [0], list(sizes[:-1]) + [half]),
            _extract_slice(value, lead + [half], list(sizes[:-1]) + [half]),
        )

    x_lo, x_hi = halves(x, [b, h, s, d])
    cos_lo, cos_hi = halves(cos, table_sizes)
    sin_lo, sin_hi = halves(sin, table_sizes)
    element = op.result.type.element_type
    every = [0, 1, 2, 3]

    def rotated(first_sign: bool):
        # lower half: x_lo * cos - x_hi * sin; upper half: x_hi * cos + x_lo * sin.
        def body(xe, partner, c, sn, _):
            other = _to_f32(partner)
            other = arith.negf(other) if first_sign else other
            product = arith.mulf(_to_f32(xe), _to_f32(c))
            return _converted(arith.addf(product, arith.mulf(other, _to_f32(sn))), element)

        return body

    init = _empty([b, h, s, half], element)
    lo = _generic([x_lo, x_hi, cos_lo, sin_lo], init, [every, every, table_dims, table_dims], rotated(True))
    hi = _generic([x_hi, x_lo, cos_hi, sin_hi], init, [every, every, table_dims, table_dims], rotated(False))
    out = _insert_slice(hi, _insert_slice(lo, _empty([b, h, s, d], element), [0, 0, 0, 0]), [0, 0, 0, half])
    return [out if out.type == op.result.type else tensor.cast(op.result.type, out)]


def lower_silu_mul(op: SiluMulOp) -> list[ir.Value]:
    gate, up = op.gate, op.up
    rank = gate.type.rank
    every = list(range(rank))
    one = _f32_constant(1.0)
    element = op.result.type.element_type

    def body(g, u, _):
        g32 = _to_f32(g)
        silu = arith.divf(g32, arith.addf(one, math.exp(arith.negf(g32))))
        return _converted(arith.mulf(silu, _to_f32(u)), element)

    out = _generic([gate, up], _empty(tensor_sizes(gate), element), [every, every], body)
    return [out if out.type == op.result.type else tensor.cast(op.result.type, out)]


def _block_of(table: ir.Value, sequence: ir.Value, position: ir.Value, block_size: ir.Value) -> ir.Value:
    """The pool block (index) holding `position` of `sequence`."""
    entry = tensor.extract(table, [sequence, arith.divui(position, block_size)])
    return arith.index_cast(ir.IndexType.get(), entry)


def lower_kv_append(op: KvAppendOp) -> list[ir.Value]:
    cache, new, pos = op.cache, op.new, op.pos
    if op.layout == "contiguous":
        return [_insert_slice(new, cache, [0, 0, pos, 0])]
    # Paged: one [1, Hkv, 1, D] row per (sequence, new token), each to its own slot.
    b, kv_heads, s, d = tensor_sizes(new)
    block_size = _index(tensor_sizes(cache)[2])
    zero, one, batch, count = _index(0), _index(1), _index(b), _index(s)
    sequences = scf.ForOp(zero, batch, one, [cache])
    with ir.InsertionPoint(sequences.body):
        sequence = sequences.induction_variable
        tokens = scf.ForOp(zero, count, one, [sequences.inner_iter_args[0]])
        with ir.InsertionPoint(tokens.body):
            token = tokens.induction_variable
            position = arith.addi(pos, token)
            block = _block_of(op.block_table, sequence, position, block_size)
            row = _extract_slice(new, [sequence, 0, token, 0], [1, kv_heads, 1, d])
            updated = _insert_slice(row, tokens.inner_iter_args[0], [block, 0, arith.remui(position, block_size), 0])
            scf.yield_([updated])
        scf.yield_([tokens.result])
    return [sequences.result]


def lower_kv_read(op: KvReadOp) -> list[ir.Value]:
    cache, length = op.cache, op.length
    result_type = op.result.type
    cache_sizes = tensor_sizes(cache)
    if op.layout == "contiguous":
        read = _extract_slice(cache, [0, 0, 0, 0], [cache_sizes[0], cache_sizes[1], length, cache_sizes[3]])
        return [read if read.type == result_type else tensor.cast(result_type, read)]
    # Paged: a gather, result[b, h, t, e] = cache[table[b, t / bs], h, t % bs, e].
    table = op.block_table
    block_size = _index(cache_sizes[2])
    t = result_type.shape[2] if not result_type.is_dynamic_dim(2) else length
    sizes = [tensor_sizes(table)[0], cache_sizes[1], t, cache_sizes[3]]

    def gather(_):
        b, h, position, e = (linalg.IndexOp(dim, results=[ir.IndexType.get()]).result for dim in range(4))
        block = _block_of(table, b, position, block_size)
        return tensor.extract(cache, [block, h, arith.remui(position, block_size), e])

    read = _generic([], _empty(sizes, cache.type.element_type), [], gather)
    return [read if read.type == result_type else tensor.cast(result_type, read)]


LOWERINGS = {
    QuantizeOp.op_name(): (QuantizeOp, lower_quantize),
    DequantizeOp.op_name(): (DequantizeOp, lower_dequantize),
    QMatmulOp.op_name(): (QMatmulOp, lower_qmatmul),
    AttentionOp.op_name(): (AttentionOp, lower_attention),
    RmsNormOp.op_name(): (RmsNormOp, lower_rmsnorm),
    RopeOp.op_name(): (RopeOp, lower_rope),
    SiluMulOp.op_name(): (SiluMulOp, lower_silu_mul),
    SoftmaxOp.op_name(): (SoftmaxOp, lower_softmax),
    KvAppendOp.op_name(): (KvAppendOp, lower_kv_append),
    KvReadOp.op_name(): (KvReadOp, lower_kv_read),
}


@dataclass(frozen=True)
class AccelLowerToLinalg(Pass):
    ARGUMENT = "accel-lower-to-linalg"
    SUMMARY = "Lower accel graph ops (quantization, attention, norms, KV cache) to linalg on tensors"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]

    def run(self, module):
        # Lower accel ops only: leave the rest of the user's IR as written.
        patterns = {name: _pattern(definition, lowering) for name, (definition, lowering) in LOWERINGS.items()}
        rewrite_greedily(module, patterns, erase_dead_graph_ops=False)
        left = accel_operations(module)
        if left:
            op = left[0]
            raise self.fail(
                f"accel-lower-to-linalg: '{op.name}' has no linalg lowering (only the graph ops "
                f"{', '.join(sorted(LOWERINGS))} do; lower before scheduling)",
                op,
            )


def _pattern(definition, lowering):
    def apply(op, rewriter):
        with rewriter.ip, op.location:
            values = lowering(definition(op))
        rewriter.replace_op(op, values)
        return False  # success, in the convention of Python patterns

    return apply


__all__ = [
    "AccelLowerToLinalg",
    "dequantized_weight",
    "lower_attention",
    "lower_dequantize",
    "lower_kv_append",
    "lower_kv_read",
    "lower_qmatmul",
    "lower_quantize",
    "lower_rmsnorm",
    "lower_rope",
    "lower_silu_mul",
    "lower_softmax",
    "materialized",
    "tensor_sizes",
]
