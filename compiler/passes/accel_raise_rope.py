"""accel-raise-rope: rotary position embedding in linalg becomes `accel.rope`.

Matched by what the linalg computes (accel.compiler.linalg_match): transformers'
`apply_rotary_pos_emb`, `x * cos + rotate_half(x) * sin` on a [B, H, S, D] f32 tensor,
with `rotate_half(x)` as IREE's torch-to-iree leaves it: a `tensor.concat` along D of
the negated upper half (`-x[..., D/2:]`, negated elementwise) and the lower half
(`x[..., :D/2]`), both `tensor.extract_slice`s of x. Sums and products may be in
either operand order and in one generic or several. cos and sin are tensors read
through one map that broadcasts them to x as numpy does (their dims of size 1 read at
0), rank 2 to 4: transformers' `cos.unsqueeze(1)` is [B, 1, S, D]. Interleaved
(GPT-J style) rotations are not raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from accel.compiler.linalg_match import (
    Expr,
    Read,
    expression,
    identity_operand,
    is_op,
    operand_pairs,
    producer,
    static_dims,
)
from accel.compiler.passes import RaisePass
from accel.dialects import RopeOp
from accel.core.mlir import ir


def _slice_of(value: ir.Value, source: ir.Value, offset: int, size: int) -> bool:
    """`value` is `source[..., offset : offset + size]` (unit strides, whole leading dims)."""
    op = producer(value)
    if op is None or op.name != "tensor.extract_slice" or op.operands[0] != source or len(op.operands) != 1:
        return False
    offsets = list(ir.DenseI64ArrayAttr(op.attributes["static_offsets"]))
    sizes = list(ir.DenseI64ArrayAttr(op.attributes["static_sizes"]))
    strides = list(ir.DenseI64ArrayAttr(op.attributes["static_strides"]))
    shape = source.type.shape
    return offsets == [0] * (len(shape) - 1) + [offset] and sizes == list(shape[:-1]) + [size] and strides == [1] * len(shape)


def is_rotate_half(value: ir.Value, x: ir.Value) -> bool:
    """`value` is transformers' `rotate_half(x)`: concat(-x[..., D/2:], x[..., :D/2])."""
    op = producer(value)
    d = static_dims(x)[-1]
    if op is None or op.name != "tensor.concat" or d is None or d % 2 or len(op.operands) != 2:
        return False
    if ir.IntegerAttr(op.attributes["dim"]).value != x.type.rank - 1:
        return False
    negated, lower = op.operands
    if not _slice_of(lower, x, 0, d // 2):
        return False
    inner = expression(negated, depth=1)
    if not is_op(inner, "arith.negf") or not isinstance(inner.args[0], Read):
        return False
    upper = inner.args[0]
    return upper.map == ir.AffineMap.get_identity(4) and _slice_of(upper.value, x, d // 2, d // 2)


def _table(expr: Expr, x: ir.Value) -> Read | None:
    """`expr` as a read of a cos/sin table broadcasting to x as numpy does."""
    if not isinstance(expr, Read):
        return None
    table = expr.value
    rank = table.type.rank if isinstance(table.type, ir.RankedTensorType) else 0
    if not 2 <= rank <= 4 or len(expr.map.results) != rank or expr.map.n_dims != 4:
        return None
    for k, result in enumerate(expr.map.results):
        loop = 4 - rank + k
        result = result.maybe_downcast()
        if isinstance(result, ir.AffineDimExpr) and result.position == loop:
            continue
        broadcast = k < rank - 2 and isinstance(result, ir.AffineConstantExpr) and result.value == 0 and table.type.shape[k] == 1
        if not broadcast:
            return None
    return expr


def _raise(op, rewriter) -> bool:
    """Pattern body on linalg.generic (True: no match)."""
    op = op.operation
    if len(op.results) != 1:
        return True
    result = op.results[0]
    if not isinstance(result.type, ir.RankedTensorType) or result.type.rank != 4 or not isinstance(result.type.element_type, ir.F32Type):
        return True
    for direct, rotated in operand_pairs(expression(result), "arith.addf"):
        for x_expr, cos_expr in operand_pairs(direct, "arith.mulf"):
            x = identity_operand(x_expr, 4)
            cos = _table(cos_expr, x) if x is not None and x.type == result.type else None
            if cos is None:
                continue
            for rot_expr, sin_expr in operand_pairs(rotated, "arith.mulf"):
                rot = identity_operand(rot_expr, 4)
                sin = _table(sin_expr, x)
                if rot is None or sin is None or sin.map != cos.map or sin.value.type != cos.value.type or not is_rotate_half(rot, x):
                    continue
                with rewriter.ip, op.location:
                    raised = RopeOp.build(input=x, cos=cos.value, sin=sin.value, result_types=[result.type])
                rewriter.replace_op(op, [raised.result])
                return False
    return True


@dataclass(frozen=True)
class AccelRaiseRope(RaisePass):
    ARGUMENT = "accel-raise-rope"
    SUMMARY = "Raise rotate-half rotary position embeddings in linalg to accel.rope"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]
    PATTERNS = {"linalg.generic": _raise}


__all__ = ["AccelRaiseRope", "is_rotate_half"]
