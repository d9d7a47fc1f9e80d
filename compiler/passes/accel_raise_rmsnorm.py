"""accel-raise-rmsnorm: root-mean-square normalization in linalg becomes `accel.rmsnorm`.

Matched by what the linalg computes (accel.compiler.linalg_match), in one generic or
in the seven IREE's torch-to-iree makes of transformers' LlamaRMSNorm (f32):

    weight * (x * rsqrt(sum(x^2) / H + epsilon))

with `x^2` as `x * x`, `math.fpowi x, 2` or `math.powf x, 2.0`; the mean as a division
by H or a product with 1/H; `rsqrt(a)` or `1 / sqrt(a)`; products in either operand
order. The sum runs over the last dim (kept as a unit dim or not); x is read
elementwise and the weight is a rank-1 [H] tensor along the last dim (a splat
constant weight becomes a dense one). Norms with a bias or a mean subtracted
(LayerNorm) are not raised.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accel.compiler.linalg_match import (
    Expr,
    Read,
    const_value,
    expression,
    identity_operand,
    is_op,
    operand_pairs,
    reduction_read,
    same_tensor,
)
from accel.compiler.passes import RaisePass
from accel.dialects import RmsNormOp
from accel.core.mlir import arith, ir


def _is_square_of(expr: Expr, x: Expr) -> bool:
    if is_op(expr, "arith.mulf"):
        return same_tensor(expr.args[0], x) and same_tensor(expr.args[1], x)
    if is_op(expr, "math.fpowi", "math.powf"):
        return same_tensor(expr.args[0], x) and const_value(expr.args[1]) == 2
    return False


def _f32_equal(a, b) -> bool:
    return a is not None and np.float32(a) == np.float32(b)


def _mean_of_squares(expr: Expr, x: Expr, rank: int, h: int) -> bool:
    """`expr` is sum(x^2 over the last dim) / H (or * 1/H), at the current position."""
    if is_op(expr, "arith.divf") and _f32_equal(const_value(expr.args[1]), h):
        total = expr.args[0]
    else:
        pairs = [(s, c) for s, c in operand_pairs(expr, "arith.mulf") if _f32_equal(const_value(c), 1.0 / h)]
        if not pairs:
            return False
        total = pairs[0][0]
    found = reduction_read(total, rank - 1, ("arith.addf",))
    return found is not None and const_value(found.init) == 0.0 and _is_square_of(found.body, x)


def inverse_rms_epsilon(expr: Expr, x: Expr, rank: int, h: int) -> float | None:
    """epsilon when `expr` is `rsqrt(mean(x^2) + epsilon)` (or `1 / sqrt(...)`)."""
    if is_op(expr, "math.rsqrt"):
        argument = expr.args[0]
    elif is_op(expr, "arith.divf") and const_value(expr.args[0]) == 1.0 and is_op(expr.args[1], "math.sqrt"):
        argument = expr.args[1].args[0]
    else:
        return None
    for mean, epsilon in operand_pairs(argument, "arith.addf"):
        value = const_value(epsilon)
        if value is not None and value >= 0 and _mean_of_squares(mean, x, rank, h):
            return float(value)
    return None


def _weight(expr: Expr, rank: int, h: int) -> "ir.Value | float | None":
    """The [H] weight read along the last dim, or a constant weight."""
    value = const_value(expr)
    if isinstance(value, float):
        return value
    if not isinstance(expr, Read) or expr.value.type.rank != 1 or expr.value.type.shape[0] != h:
        return None
    result = expr.map.results
    last = result[0].maybe_downcast() if len(result) == 1 else None
    return expr.value if isinstance(last, ir.AffineDimExpr) and last.position == rank - 1 else None


def _raise(op, rewriter) -> bool:
    """Pattern body on linalg.generic (True: no match)."""
    op = op.operation
    if len(op.results) != 1:
        return True
    result = op.results[0]
    if not isinstance(result.type, ir.RankedTensorType) or not isinstance(result.type.element_type, ir.F32Type):
        return True
    rank = result.type.rank
    if rank < 1 or result.type.is_dynamic_dim(rank - 1):
        return True
    h = result.type.shape[rank - 1]
    for weight_expr, normalized in operand_pairs(expression(result), "arith.mulf"):
        weight = _weight(weight_expr, rank, h)
        if weight is None:
            continue
        for x_expr, inverse in operand_pairs(normalized, "arith.mulf"):
            x = identity_operand(x_expr, rank)
            if x is None or x.type != result.type:
                continue
            epsilon = inverse_rms_epsilon(inverse, x_expr, rank, h)
            if epsilon is None:
                continue
            with rewriter.ip, op.location:
                if isinstance(weight, float):
                    splat = ir.DenseElementsAttr.get_splat(ir.RankedTensorType.get([h], ir.F32Type.get()), ir.FloatAttr.get_f32(weight))
                    weight = arith.ConstantOp(splat.type, splat).result
                raised = RmsNormOp.build(input=x, weight=weight, epsilon=epsilon, result_types=[result.type])
            rewriter.replace_op(op, [raised.result])
            return False
    return True


@dataclass(frozen=True)
class AccelRaiseRmsnorm(RaisePass):
    ARGUMENT = "accel-raise-rmsnorm"
    SUMMARY = "Raise RMS normalization in linalg to accel.rmsnorm"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]
    PATTERNS = {"linalg.generic": _raise}


__all__ = ["AccelRaiseRmsnorm", "inverse_rms_epsilon"]
