"""Matching linalg on tensors by what it computes: the machinery of the accel-raise-* passes.

IREE's `torch-to-iree` lowers every torch op to its own linalg op: an RMSNorm becomes
seven `linalg.generic`s (square, sum, divide, add epsilon, rsqrt, two multiplies), a
softmax five. Other producers fuse some of them into one body. The raising passes must
not care, so they match expressions rather than ops:

- `expression(value)` is what one element of `value` is, as a tree of scalar ops
  (`Op`), reading through chains of elementwise generics (their indexing maps composed)
  down to leaves: `Read`s of tensors that are not elementwise generics (matmuls,
  reductions, reshapes, function arguments) at an affine map of the loops, constants
  (`Const`, splat tensors included), loop indices (`Index`) and outside scalars
  (`Scalar`). A subtree that came from inlining a producer remembers the tensor it
  computes (`origin`): a pattern binds it to that tensor to use as an operand of the
  op it raises to, whether the producer was a separate generic or not.
- `reduction(value)` describes a reducing generic: the combining op, the init, the
  reduced loops, the output map, and the expression reduced (over its own loops).
- `reduction_read(read, axis)` recognises "the reduction over `axis` of the loop
  position being computed", looking through reshapes that only add or drop unit dims
  (keepdim).
- `match_softmax(value)` is shared by accel-raise-softmax and accel-raise-attention.

Comparisons of expressions ignore origins (`==` is structural); `same_tensor` compares
the tensors two expressions stand for.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from accel.dialects import ACCEL, SoftmaxOp, is_graph_level
from accel.core.mlir import ir, rewrite

# How many producers deep `expression` inlines: the longest chain a pattern needs
# (RMSNorm's multiply <- rsqrt <- add <- divide <- sum) plus room.
MAX_DEPTH = 8

# ---------------------------------------------------------------------------
# Expressions


@dataclass(frozen=True)
class Read:
    """The element of tensor `value` at `map(loops)`."""

    value: ir.Value
    map: ir.AffineMap

    @property
    def origin(self) -> "Read":
        return self


@dataclass(frozen=True)
class Const:
    """A scalar constant (a splat tensor reads as one)."""

    value: float | int | bool
    origin = None


@dataclass(frozen=True)
class Index:
    """`linalg.index dim`: the current value of loop `dim`."""

    dim: int
    origin = None


@dataclass(frozen=True)
class Scalar:
    """A scalar SSA value defined outside the expression (not a constant)."""

    value: ir.Value
    origin = None


@dataclass(frozen=True)
class Op:
    """Scalar op `name` of `args`; `attribute` is a comparison's predicate (its
    integer value: `arith.cmpf oeq` is 1).
    `origin` (not compared) is the tensor element this subtree computes, when it came
    from an inlined generic."""

    name: str
    args: tuple
    attribute: int | None = None
    origin: Read | None = field(default=None, compare=False)


Expr = Read | Const | Index | Scalar | Op

_COMMUTATIVE = {"arith.addf", "arith.mulf", "arith.addi", "arith.muli", "arith.maximumf", "arith.maxnumf", "arith.minimumf", "arith.andi", "arith.ori"}


def identity_map(rank: int) -> ir.AffineMap:
    return ir.AffineMap.get_identity(rank)


def producer(value: ir.Value) -> ir.Operation | None:
    """The op defining `value`; None for a block argument."""
    owner = value.owner
    return None if isinstance(owner, ir.Block) else owner.operation


def _iterators(op: ir.Operation) -> list[str]:
    return [str(it).removeprefix("#linalg.iterator_type<").removesuffix(">") for it in op.attributes["iterator_types"]]


def _maps(op: ir.Operation) -> list[ir.AffineMap]:
    return [ir.AffineMapAttr(m).value for m in op.attributes["indexing_maps"]]


def _input_count(op: ir.Operation) -> int:
    return ir.DenseI32ArrayAttr(op.attributes["operandSegmentSizes"])[0]


def _scalar_constant(op: ir.Operation) -> float | int | bool | None:
    if op.name != "arith.constant":
        return None
    attr = op.attributes["value"]
    if isinstance(attr, ir.BoolAttr):
        return attr.value
    if isinstance(attr, (ir.FloatAttr, ir.IntegerAttr)):
        return attr.value
    return None


def splat_value(value: ir.Value) -> float | int | bool | None:
    """The one value every element of tensor `value` has, when known: a splat
    `arith.constant` or a `linalg.fill` of a constant. None otherwise."""
    op = producer(value)
    if op is None:
        return None
    if op.name == "linalg.fill":
        scalar = producer(op.operands[0])
        return None if scalar is None else _scalar_constant(scalar)
    if op.name == "arith.constant" and isinstance(op.attributes["value"], ir.DenseElementsAttr):
        attr = op.attributes["value"]
        if not attr.is_splat:
            return None
        splat = attr.get_splat_value()
        return splat.value if isinstance(splat, (ir.FloatAttr, ir.IntegerAttr, ir.BoolAttr)) else None
    return None


def is_elementwise(op: ir.Operation | None) -> bool:
    """A linalg.generic with only parallel loops whose outputs are written at the
    identity map: one element out per loop position."""
    if op is None or op.name != "linalg.generic":
        return False
    if any(it != "parallel" for it in _iterators(op)):
        return False
    maps = _maps(op)
    rank = maps[0].n_dims if maps else 0
    return all(m == identity_map(rank) for m in maps[_input_count(op):])


def _compose(outer: ir.AffineMap, inner: ir.AffineMap) -> ir.AffineMap:
    """outer o inner: (loops of inner) -> results of outer applied to inner's results."""
    return ir.AffineMap.get(inner.n_dims, 0, [r.compose(inner) for r in outer.results])


def _substitute(expr: Expr, mapping: ir.AffineMap) -> Expr | None:
    """`expr` (over a producer's loops) read through `mapping` (consumer loops ->
    producer loops); None when a loop index does not map to a loop."""
    if isinstance(expr, Read):
        return Read(expr.value, _compose(expr.map, mapping))
    if isinstance(expr, Index):
        result = mapping.results[expr.dim].maybe_downcast()
        return Index(result.position) if isinstance(result, ir.AffineDimExpr) else None
    if isinstance(expr, Op):
        args = [_substitute(a, mapping) for a in expr.args]
        if any(a is None for a in args):
            return None
        origin = None if expr.origin is None else Read(expr.origin.value, _compose(expr.origin.map, mapping))
        return Op(expr.name, tuple(args), expr.attribute, origin)
    return expr


def _cast_constant(name: str, operand: Expr, result_type: ir.Type) -> Const | None:
    """extf / truncf of a constant, folded (what the f32 consumer actually sees)."""
    if name not in ("arith.truncf", "arith.extf") or not isinstance(operand, Const):
        return None
    if isinstance(result_type, ir.F32Type):
        return Const(float(np.float32(operand.value)))
    if isinstance(result_type, ir.F64Type):
        return Const(float(operand.value))
    return None


class _Body:
    """Expressions of the scalars of one linalg.generic's body, over its loops."""

    def __init__(self, op: ir.Operation, depth: int):
        self.op = op
        self.depth = depth
        self.block = op.regions[0].blocks[0]
        self.inputs = _input_count(op)
        self.maps = _maps(op)
        self.memo: dict = {}

    def scalar(self, value: ir.Value) -> Expr | None:
        if value in self.memo:
            return self.memo[value]
        result = self._scalar(value)
        self.memo[value] = result
        return result

    def _scalar(self, value: ir.Value) -> Expr | None:
        owner = value.owner
        if isinstance(owner, ir.Block):
            if owner != self.block:
                return Scalar(value)
            number = ir.BlockArgument(value).arg_number
            operand = self.op.operands[number]
            if number < self.inputs:
                return _read(operand, self.maps[number], self.depth)
            return Read(operand, self.maps[number])
        inner = owner.operation
        if inner.parent is None or inner.parent.operation != self.op:
            constant = _scalar_constant(inner)
            if constant is not None:
                return Const(constant)
            if inner.name in ("arith.truncf", "arith.extf"):
                folded = _cast_constant(inner.name, self._outside(inner.operands[0]), value.type)
                if folded is not None:
                    return folded
            return Scalar(value)
        constant = _scalar_constant(inner)
        if constant is not None:
            return Const(constant)
        if inner.name == "linalg.index":
            return Index(ir.IntegerAttr(inner.attributes["dim"]).value)
        if any(isinstance(o.type, ir.ShapedType) for o in inner.operands) or len(inner.results) != 1:
            return None  # a gather (tensor.extract) or a multi-result op: not an expression
        args = [self.scalar(o) for o in inner.operands]
        if any(a is None for a in args):
            return None
        folded = _cast_constant(inner.name, args[0], value.type) if len(args) == 1 else None
        if folded is not None:
            return folded
        attribute = ir.IntegerAttr(inner.attributes["predicate"]).value if "predicate" in inner.attributes else None
        return Op(inner.name, tuple(args), attribute)

    def _outside(self, value: ir.Value) -> Expr:
        op = producer(value)
        constant = None if op is None else _scalar_constant(op)
        return Scalar(value) if constant is None else Const(constant)

    def yielded(self, index: int) -> ir.Value:
        terminator = self.block.operations[len(self.block.operations) - 1]
        return terminator.operands[index]


def _read(value: ir.Value, mapping: ir.AffineMap, depth: int) -> Expr:
    splat = splat_value(value)
    if splat is not None:
        return Const(splat)
    op = producer(value)
    if depth > 0 and is_elementwise(op):
        walker = _Body(op, depth - 1)
        body = walker.scalar(walker.yielded(ir.OpResult(value).result_number))
        inlined = None if body is None else _substitute(body, mapping)
        if isinstance(inlined, Op):
            return dataclasses.replace(inlined, origin=Read(value, mapping))
        if inlined is not None:
            return inlined
    return Read(value, mapping)


def expression(value: ir.Value, depth: int = MAX_DEPTH) -> Expr:
    """What the element of tensor `value` at loop position (d0, ..., d{rank-1}) is."""
    return _read(value, identity_map(value.type.rank), depth)


# ---------------------------------------------------------------------------
# Reductions


@dataclass(frozen=True)
class Reduction:
    """`output[map(loops)] = combiner(output, body(loops))` over the `reduced` loops,
    starting from `init`."""

    combiner: str
    body: Expr
    reduced: tuple[int, ...]
    init: Expr
    output_map: ir.AffineMap
    rank: int


def reduction(value: ir.Value, depth: int = MAX_DEPTH) -> Reduction | None:
    """`value` as the result of a reducing linalg.generic, or None."""
    op = producer(value)
    if op is None or op.name != "linalg.generic":
        return None
    iterators = _iterators(op)
    reduced = tuple(d for d, it in enumerate(iterators) if it == "reduction")
    if not reduced:
        return None
    index = ir.OpResult(value).result_number
    body = _Body(op, depth)
    combined = producer(body.yielded(index))
    if combined is None or combined.parent.operation != op or len(combined.operands) != 2:
        return None
    accumulator = body.block.arguments[body.inputs + index]
    lhs, rhs = combined.operands
    if rhs == accumulator:
        lhs, rhs = rhs, lhs
    if lhs != accumulator or combined.name not in _COMMUTATIVE:
        return None
    element = body.scalar(rhs)
    if element is None:
        return None
    init_operand = op.operands[body.inputs + index]
    init_splat = splat_value(init_operand)
    init = Const(init_splat) if init_splat is not None else Read(init_operand, identity_map(init_operand.type.rank))
    return Reduction(combined.name, element, reduced, init, body.maps[body.inputs + index], len(iterators))


def peel_unit_reshapes(read: Read) -> Read:
    """`read` moved through expand_shape / collapse_shape ops that only add or drop
    unit dims (keepdim views): the same element, read from the reshaped source."""
    while True:
        op = producer(read.value)
        if op is None or op.name not in ("tensor.expand_shape", "tensor.collapse_shape"):
            return read
        source = op.operands[0]
        groups = [[ir.IntegerAttr(d).value for d in group] for group in op.attributes["reassociation"]]
        wide = read.value.type if op.name == "tensor.expand_shape" else source.type
        if any(sum(wide.shape[d] != 1 for d in group) > 1 for group in groups):
            return read
        results = list(read.map.results)
        if op.name == "tensor.expand_shape":
            # Each source dim is the one non-unit dim of its group (or any: size 1).
            new = []
            for group in groups:
                keep = [d for d in group if wide.shape[d] != 1] or group[-1:]
                new.append(results[keep[0]])
        else:
            new = [None] * source.type.rank
            for position, group in enumerate(groups):
                for d in group:
                    new[d] = results[position] if wide.shape[d] != 1 or len(group) == 1 else ir.AffineConstantExpr.get(0)
        read = Read(source, ir.AffineMap.get(read.map.n_dims, 0, new))


def reduction_read(expr: Expr, axis: int, combiners: tuple[str, ...], depth: int = MAX_DEPTH) -> Reduction | None:
    """The reduction that `expr` reads, if `expr` reads, at the current loop position,
    a reduction over exactly loop `axis` of the same loop space (combined with one of
    `combiners`). The reduction's body is then over the same loops as `expr`."""
    if not isinstance(expr, Read):
        return None
    read = peel_unit_reshapes(expr)
    found = reduction(read.value, depth)
    if found is None or found.combiner not in combiners or found.reduced != (axis,) or found.rank != read.map.n_dims:
        return None
    return found if _same_position(found.output_map, read.map, read.value.type.shape) else None


def _same_position(written: ir.AffineMap, read: ir.AffineMap, shape: list[int]) -> bool:
    """Both maps address the same element of a tensor of `shape` for every loop
    position: they agree on every dim but unit ones (index 0 whatever the map says;
    a kept reduced dim is one)."""
    if len(written.results) != len(read.results):
        return False
    for w, r, size in zip(written.results, read.results, shape):
        w, r = w.maybe_downcast(), r.maybe_downcast()
        if w == r or size == 1:
            continue
        return False
    return True


# ---------------------------------------------------------------------------
# Small helpers for patterns


def is_op(expr: Expr, *names: str) -> bool:
    return isinstance(expr, Op) and expr.name in names


def operand_pairs(expr: Expr, name: str) -> Iterator[tuple[Expr, Expr]]:
    """(a, b) for `expr = name(a, b)`, and (b, a) too when `name` is commutative."""
    if not is_op(expr, name) or len(expr.args) != 2:
        return
    yield expr.args[0], expr.args[1]
    if name in _COMMUTATIVE:
        yield expr.args[1], expr.args[0]


def const_value(expr: Expr) -> float | int | bool | None:
    return expr.value if isinstance(expr, Const) else None


def tensor_of(expr: Expr) -> Read | None:
    """The tensor element `expr` stands for: itself if a Read, else its origin."""
    return expr.origin if isinstance(expr, (Read, Op)) else None


def same_tensor(a: Expr, b: Expr) -> bool:
    """`a` and `b` are the same element of the same tensor (or structurally equal)."""
    ta, tb = tensor_of(a), tensor_of(b)
    if ta is not None and tb is not None:
        return ta == tb
    return a == b


def identity_operand(expr: Expr, rank: int) -> ir.Value | None:
    """The tensor that `expr` reads elementwise (identity map, same rank), or None."""
    read = tensor_of(expr)
    if read is None or read.map != identity_map(rank) or read.value.type.rank != rank:
        return None
    return read.value


def static_dims(value: ir.Value) -> list[int | None]:
    shaped = value.type
    return [None if shaped.is_dynamic_dim(i) else shaped.shape[i] for i in range(shaped.rank)]


def _erase_if_dead(op, rewriter) -> bool:
    """Pattern body: erases a graph-level accel op whose results are unused."""
    if any(len(list(result.uses)) for result in op.results):
        return True
    rewriter.erase_op(op)
    return False


def rewrite_greedily(module: ir.Operation, patterns: dict, *, erase_dead_graph_ops: bool = True) -> None:
    """Applies Python patterns ({op name: fn(op, rewriter) -> falsy on success}) with
    MLIR's greedy driver, leaving everything else as written (no folding, no constant
    CSE, no region simplification); ops left dead by a rewrite are erased. MLIR does
    not know that accel's graph ops (unregistered) are pure: with
    `erase_dead_graph_ops`, a dead one is erased here too, and with it what only fed it."""
    pattern_set = rewrite.RewritePatternSet()
    for name, pattern in patterns.items():
        pattern_set.add(name, pattern)
    for name, definition in ACCEL.ops.items() if erase_dead_graph_ops else ():
        if name not in patterns and is_graph_level(definition):
            pattern_set.add(name, _erase_if_dead)
    config = rewrite.GreedyRewriteConfig()
    config.enable_folding = False
    config.enable_constant_cse = False
    config.region_simplification_level = rewrite.GreedySimplifyRegionLevel.DISABLED
    rewrite.apply_patterns_and_fold_greedily(module, pattern_set.freeze(), config)


# ---------------------------------------------------------------------------
# Softmax (shared by accel-raise-softmax and accel-raise-attention)


@dataclass(frozen=True)
class SoftmaxMatch:
    input: ir.Value
    axis: int


def match_softmax(value: ir.Value) -> SoftmaxMatch | None:
    """`value` as `exp(x - max(x)) / sum(exp(x - max(x)))` along one axis: an
    accel.softmax, a `linalg.softmax`, or linalg generics computing it (max and sum
    reductions over the same axis, the max subtracted, the exp summed, the division),
    f32."""
    op = producer(value)
    if op is not None and op.name == SoftmaxOp.op_name():
        view = SoftmaxOp(op)
        return SoftmaxMatch(view.input, view.axis)
    if not isinstance(value.type, ir.RankedTensorType) or not isinstance(value.type.element_type, ir.F32Type):
        return None
    if op is not None and op.name == "linalg.softmax":
        # Defined as exp(x - max(x)) / sum(exp(x - max(x))) along `dimension`.
        return SoftmaxMatch(op.operands[0], ir.IntegerAttr(op.attributes["dimension"]).value)
    rank = value.type.rank
    expr = expression(value)
    if not is_op(expr, "arith.divf"):
        return None
    numerator, denominator = expr.args
    if not (is_op(numerator, "math.exp") and is_op(numerator.args[0], "arith.subf")):
        return None
    logits, peak = numerator.args[0].args
    x = identity_operand(logits, rank)
    if x is None or not isinstance(peak, Read) or not isinstance(denominator, Read):
        return None
    for axis in range(rank):
        maximum = reduction_read(peak, axis, ("arith.maximumf", "arith.maxnumf"))
        total = reduction_read(denominator, axis, ("arith.addf",))
        if maximum is None or total is None:
            continue
        if const_value(maximum.init) != float("-inf") or const_value(total.init) != 0.0:
            continue
        if same_tensor(maximum.body, logits) and _same_shifted_exp(total.body, numerator):
            return SoftmaxMatch(x, axis)
    return None


def _same_shifted_exp(a: Expr, b: Expr) -> bool:
    """`a` and `b` are both `exp(x - m)` of the same x and m. Compared operand by
    operand, not as whole trees: each was inlined from a different place, so a deep
    producer of x (a sliding-window mask) is cut at a different depth in each."""
    if not (is_op(a, "math.exp") and is_op(b, "math.exp") and is_op(a.args[0], "arith.subf") and is_op(b.args[0], "arith.subf")):
        return a == b
    return all(same_tensor(p, q) for p, q in zip(a.args[0].args, b.args[0].args))


__all__ = [
    "MAX_DEPTH",
    "Const",
    "Expr",
    "Index",
    "Op",
    "Read",
    "Reduction",
    "Scalar",
    "SoftmaxMatch",
    "const_value",
    "expression",
    "identity_map",
    "identity_operand",
    "is_elementwise",
    "is_op",
    "match_softmax",
    "operand_pairs",
    "peel_unit_reshapes",
    "producer",
    "reduction",
    "reduction_read",
    "rewrite_greedily",
    "same_tensor",
    "splat_value",
    "static_dims",
    "tensor_of",
]
