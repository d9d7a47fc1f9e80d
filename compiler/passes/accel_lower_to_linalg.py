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
materialized. Scheduled-level ops (alloc, dma_*, mma, rescale, wait) have no linalg
form; meeting one is an error located at it.
"""

from __future__ import annotations

from typing import Callable, Sequence

from accel.compiler.passes import Pass
from accel.compiler.passes.accel_quantize import matmul_maps
from accel.dialects import DequantizeOp, QMatmulOp, QuantizeOp, accel_operations
from accel.mlir import arith, ir, linalg, math, rewrite, tensor
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


def _sizes(value: ir.Value) -> list[Size]:
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


def _map(rank: int, dims: Sequence[int]) -> ir.AffineMap:
    return ir.AffineMap.get(rank, 0, [ir.AffineDimExpr.get(d) for d in dims])


def _generic(
    inputs: Sequence[ir.Value],
    init: ir.Value,
    input_dims: Sequence[Sequence[int]],
    body: Callable[..., ir.Value],
    reduction: Sequence[int] = (),
) -> ir.Value:
    """A one-result `linalg.generic`. Loop i runs over dim i of the iteration space;
    `input_dims[j]` lists the loops that index input j; the init is indexed by every
    loop not in `reduction`. `body(*input_elements, init_element)` returns the value
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
    sizes = _sizes(x)
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
    n = _sizes(weight)[0]
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


def _rounded(value: ir.Value, sizes: Sequence[Size]) -> ir.Value:
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
    m = _sizes(lhs)[0]
    n = _sizes(weight)[0]
    result = _empty([m, n], _f32())
    if op.scheme == "w8a8":
        acc = _matmul_nk(lhs, weight, _filled([m, n], _i32(), 0))

        def rescale(acc_element, lhs_scale, channel_scale, _):
            return arith.mulf(arith.mulf(arith.sitofp(_f32(), acc_element), lhs_scale), channel_scale)

        scaled = _generic([acc, op.lhs_scale, weight_scale], result, [[0, 1], [0], [1]], rescale)
        return [_rounded(scaled, [m, n])]
    if op.scheme == "w8a16":
        acc = _matmul_nk(lhs, weight, _filled([m, n], _f32(), 0.0))
        return [_generic([acc, weight_scale], result, [[0, 1], [1]], lambda dot, scale, _: arith.mulf(dot, scale))]
    weight_f32 = dequantized_weight(weight, weight_scale, 4, op.group_size)
    return [_matmul_nk(lhs, weight_f32, _filled([m, n], _f32(), 0.0))]


LOWERINGS = {
    QuantizeOp.op_name(): (QuantizeOp, lower_quantize),
    DequantizeOp.op_name(): (DequantizeOp, lower_dequantize),
    QMatmulOp.op_name(): (QMatmulOp, lower_qmatmul),
}


class AccelLowerToLinalg(Pass):
    ARGUMENT = "accel-lower-to-linalg"
    SUMMARY = "Lower accel graph ops (quantize, dequantize, qmatmul) to linalg on tensors"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]

    def run(self, module):
        patterns = rewrite.RewritePatternSet()
        for name, (definition, lowering) in LOWERINGS.items():
            patterns.add(name, _pattern(definition, lowering))
        config = rewrite.GreedyRewriteConfig()
        # Lower accel ops only: leave the rest of the user's IR as written.
        config.enable_folding = False
        config.enable_constant_cse = False
        config.region_simplification_level = rewrite.GreedySimplifyRegionLevel.DISABLED
        rewrite.apply_patterns_and_fold_greedily(module, patterns.freeze(), config)
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


__all__ = ["AccelLowerToLinalg", "dequantized_weight", "lower_qmatmul", "lower_quantize", "lower_dequantize"]
