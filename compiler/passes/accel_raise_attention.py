"""accel-raise-attention: scaled dot-product attention in linalg becomes `accel.attention`.

Matched from the product with V back (accel.compiler.linalg_match), in the form IREE's
torch-to-iree gives transformers' eager and sdpa attention (f32):

    P = softmax(Q K^T * c + mask)  (sdpa: Q * a and K^T * b instead of * c)
    O = P V

- the two products are `linalg.batch_matmul`s (zero init) over [B * H, ., .]
  collapses of [B, H, ., .] tensors, the scores expanded back to [B, H, S, T];
- the softmax is an `accel.softmax` (accel-raise-softmax ran first) or linalg that
  `match_softmax` recognises, over the last dim; sdpa's guard that zeroes rows whose
  scores are all -inf (`where(all(s == -inf), 0, softmax(s))`) is allowed around it and
  is what `accel.attention` does with such rows anyway;
- the scale is any product of constants met on the scores, on Q and on K;
- the additive mask is any f32 [B or 1, H or 1, S or 1, T] tensor read by the add;
- Q, K and V reach the products through any transposes (`linalg.transpose` or a
  generic that only permutes), K as K^T; when the tensor the op needs is not there
  (BERT transposes its [B, T, H, D] keys straight to K^T), one `linalg.transpose`
  makes it. Grouped-query attention's `repeat_kv` (a broadcast of [B, Hkv, T, D] to
  [B, Hkv, G, T, D], collapsed to [B, Hkv * G, T, D]) is looked through on K and V.

The raised op reads Q [B, Hq, S, D] and K, V [B, Hkv, T, D] as they were before the
repeat: `num_kv_heads = Hkv`, the repeat is gone (dead, erased). Softmax that is not
followed by a product with V, and products not preceded by a softmax, are left alone.

Causal masks (`causal-masks=evaluate`, the default): transformers builds its causal
mask in the graph, from position ids, not from the inputs. A mask that depends on no
function argument and no global is computed at compile time on the CPU target (its
backward slice, compiled by IREE); if it is 0 where key j <= i + T - S and at most
-FLT_MAX / 2 elsewhere (T >= S), the attention becomes `causal = true` without the
mask operand. That is exact: such a mask makes exp underflow to 0 for every hidden
key, as -inf does, and leaves the visible scores as they are. Any other mask, or
`causal-masks=keep`, stays an operand (`causal = false`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accel.compiler.linalg_match import (
    Expr,
    Read,
    const_value,
    expression,
    identity_map,
    is_op,
    match_softmax,
    operand_pairs,
    producer,
    reduction_read,
    same_tensor,
    splat_value,
    static_dims,
    tensor_of,
)
from accel.compiler.const_eval import Evaluator
from accel.compiler.passes import RaisePass, option
from accel.dialects import AttentionOp
from accel.core.mlir import FUNCTION_OPS, arith, ir, linalg, tensor
from accel.runtime.golden import causal_keys

# Integer values of the comparison predicates the sdpa guard uses.
_CMPI_EQ = 0
_CMPF_OEQ = 1
_HEADS_SPLIT = [[0, 1], [2], [3]]  # [B * H, ., .] from [B, H, ., .]
_REPEAT_SPLIT = [[0], [1, 2], [3], [4]]  # [B, Hkv * G, ., .] from [B, Hkv, G, ., .]
_REPEAT_HEADS_SPLIT = [[0, 1, 2], [3], [4]]  # [B * Hkv * G, ., .] directly


def _reassociation(op: ir.Operation) -> list[list[int]]:
    return [[ir.IntegerAttr(d).value for d in group] for group in op.attributes["reassociation"]]


def _collapsed_from(value: ir.Value, groups: list[list[int]]) -> ir.Value | None:
    """The source of `value` if it is a tensor.collapse_shape with `groups`."""
    op = producer(value)
    if op is None or op.name != "tensor.collapse_shape" or _reassociation(op) != groups:
        return None
    return op.operands[0]


def _map_dims(mapping: ir.AffineMap) -> list[int | None]:
    """The loop each result of `mapping` reads, None for the constant 0."""
    dims = []
    for result in mapping.results:
        result = result.maybe_downcast()
        if isinstance(result, ir.AffineDimExpr):
            dims.append(result.position)
        elif isinstance(result, ir.AffineConstantExpr) and result.value == 0:
            dims.append(None)
        else:
            return []
    return dims


def _scaled(value: ir.Value) -> tuple[ir.Value, float]:
    """(x, c) when `value` is x times constants (elementwise, possibly several
    generics); (value, 1.0) when it is not a scaling."""
    factor = 1.0
    while True:
        expr = expression(value, depth=1)
        rank = value.type.rank
        for x, c in list(operand_pairs(expr, "arith.mulf")) + ([tuple(expr.args)] if is_op(expr, "arith.divf") else []):
            constant = const_value(c)
            if isinstance(x, Read) and x.map == identity_map(rank) and isinstance(constant, float) and constant != 0.0:
                factor *= constant if expr.name == "arith.mulf" else 1.0 / constant
                value = x.value
                break
        else:
            return value, factor


def _permuted_from(value: ir.Value) -> tuple[ir.Value, list[int]] | None:
    """(x, P) when `value` is `linalg.transpose x permutation = P` (result dim i is
    dim P[i] of x), as the named op or as a generic that only permutes."""
    op = producer(value)
    if op is not None and op.name == "linalg.transpose":
        return op.operands[0], list(ir.DenseI64ArrayAttr(op.attributes["permutation"]))
    expr = expression(value, depth=1)
    if isinstance(expr, Read) and expr.value != value and expr.value.type.rank == value.type.rank:
        dims = _map_dims(expr.map)
        if sorted(d for d in dims if d is not None) == list(range(len(dims))) and None not in dims:
            # The element at loop position i reads x at position k = i[dims[k]].
            return expr.value, [dims.index(i) for i in range(len(dims))]
    return None


def _repeated_from(value: ir.Value) -> tuple[ir.Value, int] | None:
    """(x, G) when rank-5 `value` is x [B, Hkv, T, D] broadcast along a new dim 2 of G."""
    expr = expression(value, depth=1)
    if isinstance(expr, Read) and expr.value.type.rank == 4 and _map_dims(expr.map) == [0, 1, 3, 4]:
        return expr.value, value.type.shape[2]
    return None


@dataclass(frozen=True)
class _Heads:
    """A batch_matmul operand [B * H, X, Y] traced back to `base`: its [B, H, X, Y]
    view is `transpose(base, permutation)` with head h reading head h / group (a
    grouped-query repeat), times `factor`."""

    base: ir.Value
    permutation: tuple[int, ...]
    group: int
    factor: float


def _heads(operand: ir.Value) -> _Heads | None:
    operand, factor = _scaled(operand)
    direct = _collapsed_from(operand, _REPEAT_HEADS_SPLIT)
    if direct is not None:
        repeated = _repeated_from(direct)
        return None if repeated is None else _Heads(repeated[0], (0, 1, 2, 3), repeated[1], factor)
    heads = _collapsed_from(operand, _HEADS_SPLIT)
    if heads is None:
        return None
    permutation = [0, 1, 2, 3]
    while True:
        heads, more = _scaled(heads)
        factor *= more
        permuted = _permuted_from(heads)
        if permuted is None:
            break
        heads, outer = permuted
        permutation = [outer[p] for p in permutation]
    grouped = _collapsed_from(heads, _REPEAT_SPLIT)
    repeated = None if grouped is None else _repeated_from(grouped)
    # A repeat commutes with a permutation that keeps the batch and head dims.
    if repeated is not None and permutation[:2] == [0, 1]:
        return _Heads(repeated[0], tuple(permutation), repeated[1], factor)
    return _Heads(heads, tuple(permutation), 1, factor)


def _batch_matmul_maps() -> list[ir.AffineMap]:
    """The default indexing maps of linalg.batch_matmul, over (b, m, n, k)."""
    b, m, n, k = (ir.AffineDimExpr.get(d) for d in range(4))
    return [ir.AffineMap.get(4, 0, dims) for dims in ([b, m, k], [b, k, n], [b, m, n])]


def _zero_init_batch_matmul(value: ir.Value) -> ir.Operation | None:
    """The linalg.batch_matmul (default maps, zero init) defining `value`, or None."""
    op = producer(value)
    if op is None or op.name != "linalg.batch_matmul":
        return None
    if "indexing_maps" in op.attributes and [ir.AffineMapAttr(m).value for m in op.attributes["indexing_maps"]] != _batch_matmul_maps():
        return None
    return op if splat_value(op.operands[2]) == 0.0 else None


def _scores(expr: Expr) -> tuple[ir.Operation, float] | None:
    """(the Q K^T batch_matmul, c) when `expr` is its [B, H, S, T] view times c."""
    factor = 1.0
    for x, c in list(operand_pairs(expr, "arith.mulf")) + ([tuple(expr.args)] if is_op(expr, "arith.divf") else []):
        constant = const_value(c)
        if isinstance(constant, float) and constant != 0.0:
            factor = constant if expr.name == "arith.mulf" else 1.0 / constant
            expr = x
            break
    if not isinstance(expr, Read) or expr.map != identity_map(4):
        return None
    op = producer(expr.value)
    if op is None or op.name != "tensor.expand_shape" or _reassociation(op) != _HEADS_SPLIT:
        return None
    matmul = _zero_init_batch_matmul(op.operands[0])
    return None if matmul is None else (matmul, factor)


def _mask(expr: Expr) -> ir.Value | None:
    """An f32 [B or 1, H or 1, S or 1, T] tensor added to the scores, broadcast by the map."""
    read = tensor_of(expr)
    if read is None or not isinstance(read.value.type, ir.RankedTensorType):
        return None
    value = read.value
    if value.type.rank != 4 or not isinstance(value.type.element_type, ir.F32Type):
        return None
    dims = _map_dims(read.map)
    if len(dims) != 4 or dims[3] != 3:
        return None
    for position in range(3):
        if dims[position] != position and not (dims[position] is None and value.type.shape[position] == 1):
            return None
    return value


def _negations(expr: Expr) -> tuple[Expr, int]:
    """(e, n) for `expr` = e negated n times (`cmpi eq, _, false` or `xori _, true`)."""
    count = 0
    while True:
        for inner, other in list(operand_pairs(expr, "arith.cmpi")) + list(operand_pairs(expr, "arith.xori")):
            negating = (expr.name == "arith.cmpi" and expr.attribute == _CMPI_EQ and const_value(other) is False) or (
                expr.name == "arith.xori" and const_value(other) is True
            )
            if negating:
                expr, count = inner, count + 1
                break
        else:
            return expr, count


def _is_neg_inf_test(expr: Expr, logits: Expr) -> bool:
    """`expr` is `logits == -inf` (possibly compared in f64)."""
    if not (is_op(expr, "arith.cmpf") and expr.attribute == _CMPF_OEQ):
        return False
    for x, c in ((expr.args[0], expr.args[1]), (expr.args[1], expr.args[0])):
        if is_op(x, "arith.extf"):
            x = x.args[0]
        if const_value(c) == float("-inf") and same_tensor(x, logits):
            return True
    return False


def _all_neg_inf_rows(condition: Expr, logits: Expr) -> bool:
    """`condition` is "every score of this row is -inf": `not(any(not(s == -inf)))`
    or `all(s == -inf)` over the last dim."""
    inner, outer = _negations(condition)
    for combiner, empty, parity in (("arith.ori", False, 1), ("arith.andi", True, 0)):
        found = reduction_read(inner, 3, (combiner,))
        if found is None or const_value(found.init) is not empty or outer % 2 != parity:
            continue
        body, count = _negations(found.body)
        if count % 2 == parity and _is_neg_inf_test(body, logits):
            return True
    return False


def _softmax_logits(weights: ir.Value) -> ir.Value | None:
    """The [B, H, S, T] logits whose softmax over T `weights` is (sdpa's all -inf
    guard allowed around it)."""
    found = match_softmax(weights)
    if found is not None:
        return found.input if found.axis == 3 else None
    expr = expression(weights)
    if not is_op(expr, "arith.select") or const_value(expr.args[1]) != 0.0:
        return None
    guarded = tensor_of(expr.args[2])
    if guarded is None or guarded.map != identity_map(4):
        return None
    found = match_softmax(guarded.value)
    if found is None or found.axis != 3:
        return None
    logits = expression(found.input)
    return found.input if _all_neg_inf_rows(expr.args[0], logits) else None


@dataclass(frozen=True)
class AttentionMatch:
    """query, key and value as `transpose(base, permutation)` of existing tensors
    (identity permutations need no transpose)."""

    query: tuple[ir.Value, tuple[int, ...]]
    key: tuple[ir.Value, tuple[int, ...]]
    value: tuple[ir.Value, tuple[int, ...]]
    mask: ir.Value | None
    num_heads: int
    num_kv_heads: int
    scale: float


_SWAP_LAST = (0, 1, 3, 2)


def match_attention(product: ir.Operation) -> AttentionMatch | None:
    """The attention whose `P V` is the linalg.batch_matmul `product`, or None."""
    if _zero_init_batch_matmul(product.results[0]) is None:
        return None
    weights = _collapsed_from(product.operands[0], _HEADS_SPLIT)
    v = _heads(product.operands[1])
    if weights is None or v is None or v.factor != 1.0:
        return None
    logits = _softmax_logits(weights)
    if logits is None:
        return None
    expr = expression(logits)
    candidates = [(expr, None)] + [(s, m) for s, m in operand_pairs(expr, "arith.addf")]
    for scores_expr, mask_expr in candidates:
        scores = _scores(scores_expr)
        mask = None if mask_expr is None else _mask(mask_expr)
        if scores is None or (mask_expr is not None and mask is None):
            continue
        matmul, factor = scores
        q, k = _heads(matmul.operands[0]), _heads(matmul.operands[1])
        if q is None or k is None or q.group != 1:
            continue
        # The product reads K^T: K is that view with its last two dims swapped back.
        key = (k.base, tuple(k.permutation[i] for i in _SWAP_LAST))
        found = _checked((q.base, q.permutation), key, (v.base, v.permutation), k.group, v.group, mask, factor * q.factor * k.factor)
        if found is not None:
            return found
    return None


def _agree(*dims: int | None) -> bool:
    """The static ones among `dims` are equal."""
    return len({d for d in dims if d is not None}) <= 1


def _permuted_dims(view: tuple[ir.Value, tuple[int, ...]]) -> list[int | None]:
    dims = static_dims(view[0])
    return [dims[p] for p in view[1]]


def _checked(query, key, value, key_group: int, value_group: int, mask: ir.Value | None, scale: float) -> AttentionMatch | None:
    """The match, if the shapes are those of attention with grouped KV heads."""
    views = (query, key, value)
    if any(x.type.rank != 4 or not isinstance(x.type.element_type, ir.F32Type) for x, _ in views):
        return None
    qd, kd, vd = (_permuted_dims(view) for view in views)
    heads, kv_heads = qd[1], kd[1]
    if heads is None or kv_heads is None or vd[1] != kv_heads or kv_heads * key_group != heads or kv_heads * value_group != heads:
        return None
    if not (_agree(qd[0], kd[0], vd[0]) and _agree(qd[3], kd[3]) and _agree(kd[2], vd[2])):
        return None
    return AttentionMatch(query, key, value, mask, heads, kv_heads, scale)


def _materialized(view: tuple[ir.Value, tuple[int, ...]]) -> ir.Value:
    """`transpose(base, permutation)` as a value (the base itself for the identity)."""
    base, permutation = view
    if list(permutation) == list(range(len(permutation))):
        return base
    sizes = [
        tensor.dim(base, arith.constant(ir.IndexType.get(), p)) if d is None else d
        for p, d in zip(permutation, _permuted_dims(view))
    ]
    init = tensor.EmptyOp(sizes, base.type.element_type).result
    return linalg.transpose(base, outs=[init], permutation=list(permutation)).results[0]


def _raise(op, rewriter, causal_masks: dict) -> bool:
    """Pattern body on linalg.batch_matmul (True: no match); an attention whose mask
    is in `causal_masks` becomes causal, without the mask, with the sliding window the
    dict gives it (None: none)."""
    op = op.operation
    found = match_attention(op)
    if found is None:
        return True
    causal = found.mask is not None and found.mask in causal_masks
    window = causal_masks[found.mask] if causal else None
    qd, vd = _permuted_dims(found.query), _permuted_dims(found.value)
    dynamic = ir.ShapedType.get_dynamic_size()
    shape = [dynamic if d is None else d for d in (qd[0], found.num_heads, qd[2], vd[3])]
    with rewriter.ip, op.location:
        attention = AttentionOp.build(
            query=_materialized(found.query),
            key=_materialized(found.key),
            value=_materialized(found.value),
            mask=None if causal else found.mask,
            num_heads=found.num_heads,
            num_kv_heads=found.num_kv_heads,
            causal=causal,
            scale=found.scale,
            **({"window": window} if window is not None else {}),
            result_types=[ir.RankedTensorType.get(shape, ir.F32Type.get())],
        )
        groups = ir.ArrayAttr.get([ir.ArrayAttr.get([ir.IntegerAttr.get(ir.IntegerType.get_signless(64), d) for d in g]) for g in _HEADS_SPLIT])
        merged = tensor.collapse_shape(op.results[0].type, attention.result, groups)
    rewriter.replace_op(op, [merged])
    return False


# A mask entry at or below this hides its key exactly: added to any finite score, the
# exp of it minus the row max underflows to 0 in f32, as it does for -inf.
HIDDEN = -float(np.finfo(np.float32).max) / 2
_SLICE_DIALECTS = ("arith.", "math.", "tensor.", "linalg.", "iree_linalg_ext.")


def _function_of(op: ir.Operation) -> ir.Operation | None:
    parent = op.parent
    return parent if parent is not None and parent.name in FUNCTION_OPS else None


def _captured(op: ir.Operation) -> list[ir.Value]:
    """The values `op` uses, its regions' uses of values defined outside it included."""
    used = list(op.operands)

    def visit(inner):
        for operand in inner.operands:
            owner = operand.owner
            block = owner if isinstance(owner, ir.Block) else owner.operation.block
            # A value from a block of `op`'s regions is inner; anything else, captured.
            node = block.owner if block is not None else None
            while node is not None and node != op:
                node = node.parent
            if node is None:
                used.append(operand)
        return ir.WalkResult.ADVANCE

    for region in op.regions:
        for block in region.blocks:
            for inner in block.operations:
                inner.operation.walk(visit)
    return used


def constant_slice(value: ir.Value) -> list[ir.Operation] | None:
    """The ops of `value`'s function that compute it, if it depends on no argument of
    the function, no global and nothing but arith/math/tensor/linalg: None otherwise."""
    top = producer(value)
    function = None if top is None else _function_of(top)
    if function is None:
        return None
    needed: dict[ir.Operation, None] = {}
    pending = [value]
    while pending:
        current = pending.pop()
        op = producer(current)
        if op is None or _function_of(op) != function:
            return None  # a function argument (the inputs), or a value from elsewhere
        if op in needed:
            continue
        if not op.name.startswith(_SLICE_DIALECTS):
            return None
        needed[op] = None
        pending.extend(_captured(op))
    return list(needed)


def _shows_exactly(mask: np.ndarray, visible: np.ndarray) -> bool:
    """0 where `visible`, hidden (-inf or at most -FLT_MAX / 2) elsewhere."""
    return bool(np.all(np.where(visible, mask == 0.0, mask <= HIDDEN)))


def is_causal_mask(mask: np.ndarray, s: int, t: int) -> bool:
    """`mask` [B or 1, H or 1, S, T] is 0 where key j <= i + T - S and hides every
    other key (-inf or at most -FLT_MAX / 2), for every batch and head; T >= S."""
    if mask.ndim != 4 or mask.shape[2:] != (s, t) or t < s:
        return False
    return _shows_exactly(mask, causal_keys(s, t))


def sliding_window_of(mask: np.ndarray, s: int, t: int) -> int | None:
    """W when `mask` [B or 1, H or 1, S, T] is a sliding-window causal mask: 0 where
    i + T - S - W < j <= i + T - S, hidden elsewhere, and the window hides some key
    (else it is plain causal); None otherwise."""
    if mask.ndim != 4 or mask.shape[2:] != (s, t) or t < s:
        return None
    # The last query sees the last W keys: its visible run gives W.
    window = int(np.count_nonzero(mask[0, 0, -1] == 0.0))
    if window == 0 or window >= t:
        return None
    return window if _shows_exactly(mask, causal_keys(s, t, window)) else None


@dataclass(frozen=True)
class AccelRaiseAttention(RaisePass):
    ARGUMENT = "accel-raise-attention"
    SUMMARY = "Raise softmax(Q K^T * scale + mask) V in linalg to accel.attention (GQA repeat removed)"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]

    causal_masks: str = option("evaluate", help="evaluate constant masks at compile time and raise causal ones to causal = true, or keep every mask", choices=("evaluate", "keep"))

    def patterns(self, module):
        causal = self._causal_masks(module) if self.causal_masks == "evaluate" else {}
        return {"linalg.batch_matmul": lambda op, rewriter: _raise(op, rewriter, causal)}

    @staticmethod
    def _causal_masks(module) -> dict:
        """The masks of the attentions to raise that are causal, found before any rewrite
        (while values are stable), each with its sliding window (None: plain causal):
        each distinct constant mask computed once."""
        candidates = []

        def visit(op):
            if op.name == "linalg.batch_matmul":
                found = match_attention(op)
                if found is not None and found.mask is not None and constant_slice(found.mask) is not None:
                    candidates.append(found)
            return ir.WalkResult.ADVANCE

        module.walk(visit)
        causal, seen = {}, set()
        if not candidates:
            return causal
        with Evaluator() as evaluator:
            for found in candidates:
                if found.mask in seen:
                    continue
                seen.add(found.mask)
                s, t = _permuted_dims(found.query)[2], _permuted_dims(found.key)[2]
                if s is None or t is None:
                    continue
                values = evaluator.evaluate(_function_of(producer(found.mask)), found.mask)
                if values is None or values.argument is not None:
                    continue  # IREE could not compute it: the mask stays an operand
                mask = values.at(0)
                if is_causal_mask(mask, s, t):
                    causal[found.mask] = None
                elif (window := sliding_window_of(mask, s, t)) is not None:
                    causal[found.mask] = window
        return causal


__all__ = ["AccelRaiseAttention", "AttentionMatch", "is_causal_mask", "match_attention", "sliding_window_of"]
