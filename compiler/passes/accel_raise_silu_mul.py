"""accel-raise-silu-mul: the gated-MLP activation `silu(gate) * up` becomes `accel.silu_mul`.

Matched by what the linalg computes (accel.compiler.linalg_match), in one generic or
in several (IREE's torch-to-iree makes three of Llama's `act_fn(gate) * up`: the
sigmoid, the product with the gate, the product with up). The silu may be written
`g * sigmoid(g)` with `sigmoid(g) = 1 / (1 + exp(-g))`, or `g / (1 + exp(-g))`;
products and sums in either operand order. gate and up are f32 tensors read
elementwise, of the result's shape. A plain SiLU (no `up`) is not raised.
"""

from __future__ import annotations

from dataclasses import dataclass

from accel.compiler.linalg_match import (
    Expr,
    const_value,
    expression,
    identity_operand,
    is_op,
    operand_pairs,
    same_tensor,
)
from accel.compiler.passes import RaisePass
from accel.dialects import SiluMulOp
from accel.core.mlir import ir


def _exp_of_negated(expr: Expr) -> Expr | None:
    """g for `exp(-g)`."""
    if is_op(expr, "math.exp") and is_op(expr.args[0], "arith.negf"):
        return expr.args[0].args[0]
    return None


def _one_plus_exp_of_negated(expr: Expr) -> Expr | None:
    """g for `1 + exp(-g)` (either order)."""
    for one, exp in operand_pairs(expr, "arith.addf"):
        if const_value(one) == 1.0:
            g = _exp_of_negated(exp)
            if g is not None:
                return g
    return None


def silu_argument(expr: Expr) -> Expr | None:
    """g when `expr` is silu(g): `g * (1 / (1 + exp(-g)))` or `g / (1 + exp(-g))`."""
    for g, sigmoid in operand_pairs(expr, "arith.mulf"):
        if is_op(sigmoid, "arith.divf") and const_value(sigmoid.args[0]) == 1.0:
            inner = _one_plus_exp_of_negated(sigmoid.args[1])
            if inner is not None and same_tensor(inner, g):
                return g
    if is_op(expr, "arith.divf"):
        g, denominator = expr.args
        inner = _one_plus_exp_of_negated(denominator)
        if inner is not None and same_tensor(inner, g):
            return g
    return None


def _raise(op, rewriter) -> bool:
    """Pattern body on linalg.generic (True: no match)."""
    op = op.operation
    if len(op.results) != 1:
        return True
    result = op.results[0]
    if not isinstance(result.type, ir.RankedTensorType) or not isinstance(result.type.element_type, ir.F32Type):
        return True
    rank = result.type.rank
    for silu, up_expr in operand_pairs(expression(result), "arith.mulf"):
        gate_expr = silu_argument(silu)
        if gate_expr is None:
            continue
        gate, up = identity_operand(gate_expr, rank), identity_operand(up_expr, rank)
        if gate is None or up is None or gate.type != result.type or up.type != result.type:
            continue
        with rewriter.ip, op.location:
            raised = SiluMulOp.build(gate=gate, up=up, result_types=[result.type])
        rewriter.replace_op(op, [raised.result])
        return False
    return True


@dataclass(frozen=True)
class AccelRaiseSiluMul(RaisePass):
    ARGUMENT = "accel-raise-silu-mul"
    SUMMARY = "Raise silu(gate) * up in linalg to accel.silu_mul"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]
    PATTERNS = {"linalg.generic": _raise}


__all__ = ["AccelRaiseSiluMul", "silu_argument"]
