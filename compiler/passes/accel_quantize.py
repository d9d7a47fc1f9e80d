"""accel-quantize: float matmuls with constant weights become accel quantized ops.

A `linalg.matmul` (rank 2, f32 result, float operands) whose weight operand is known
at compile time is rewritten into `accel.qmatmul`, its weights quantized here, once,
by `accel.runtime.quantization.quantize_weight` (symmetric, round half to even) and
stored as new constants in accel's layout: [N, K] int8 (int4: packed [N, K / 2]) with
f32 scales. The weight is known at compile time when it is

- an `arith.constant` of dense elements,
- a `util.global.load` of an immutable `util.global` whose initial value is dense
  elements or a `dense_resource` blob (what the frontends make of model parameters;
  accel.compiler.weights reads every form),
- either of those through `linalg.transpose` with permutation [1, 0] (how
  `torch-to-iree` lowers `aten.linear`: the weight is stored [N, K] and transposed),

and the matmul reads it as [K, N] (the default indexing maps) or as [N, K] (indexing
maps (m, k), (n, k), (m, n): the transposed-B form of this MLIR version, which has
no `linalg.matmul_transpose_b`).

A `linalg.batch_matmul` (default maps, f32 result, static batch and rows) whose
weight is one such matrix broadcast over the batch is a linear layer too: torch
lowers `x @ W^T` on a [B, M, K] activation that way when it cannot fold the batch
into the rows (BERT's attention output projection at batch > 1). It becomes the
same `accel.qmatmul` on the activations collapsed to [B * M, K], the result
expanded back to [B, M, N].

Any other matmul stays in float, and says why: its weight is an activation, an
external parameter (`weights="external"`: no values in the module), bf16, a mutable
global. The pass counts what it did (`AccelQuantize.statistics`: matmuls quantized,
and each one left in float with its location and reason); when it leaves one in
float it prints, to stderr like MLIR's pass statistics, a summary line and one
remark per such matmul, located at it:

    accel-quantize (w8a8): 1 of 2 matmuls quantized, 1 left in float
    model.py:12:8: remark: accel-quantize: this matmul stays in float: the weight is a function argument, known only at run time

Schemes: `w8a8` quantizes the activations at run time with `accel.quantize` (int8
per row) and multiplies int8 x int8; `w8a16` (int8 per-channel weights) and `w4a16`
(int4 weights, one scale per `group-size` k) multiply float activations. A matmul
whose init is not a zero fill gets the init added back with `linalg.elementwise`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace

import numpy as np

from accel.compiler.linalg_match import Read, expression, rewrite_greedily
from accel.compiler.passes import Pass, option
from accel.compiler.weights import constant_value
from accel.core.diagnostics import Diagnostic
from accel.dialects import QMatmulOp, QuantizeOp, static_shape
from accel.core.mlir import arith, ir, linalg, tensor
from accel.runtime.quantization import quantize_weight

GROUP_SIZES = ("32", "64", "128")
BITS = {"w8a8": 8, "w8a16": 8, "w4a16": 4}
# The ops rewritten; every one left after the pass is reported with its reason.
MATMULS = ("linalg.matmul", "linalg.batch_matmul")


def matmul_maps(weight_nk: bool) -> list[ir.AffineMap]:
    """indexing_maps of `linalg.matmul` over (m, n, k) with B as [K, N] (the
    default) or as [N, K]."""
    m, n, k = (ir.AffineDimExpr.get(d) for d in range(3))
    return [ir.AffineMap.get(3, 0, dims) for dims in ([m, k], [n, k] if weight_nk else [k, n], [m, n])]


def _defining_op(value: ir.Value) -> ir.Operation | None:
    """The op defining `value`; None for a block argument."""
    owner = value.owner
    return None if isinstance(owner, ir.Block) else owner.operation


def constant_weight(value: ir.Value, weight_nk: bool) -> np.ndarray:
    """Traces a matmul's B operand to its compile-time values, returned as [N, K]
    (accel's weight layout). ValueError saying why when they are not known at compile
    time (see accel.compiler.weights for the forms that are)."""
    op = _defining_op(value)
    if op is not None and op.name == "linalg.transpose" and list(ir.DenseI64ArrayAttr(op.attributes["permutation"])) == [1, 0]:
        weight_nk = not weight_nk
        op = _defining_op(op.operands[0])
    if op is None:
        raise ValueError("the weight is a function argument, known only at run time")
    values = constant_value(op)
    if values.ndim != 2:
        raise ValueError(f"the weight has shape {list(values.shape)}, not rank 2")
    return values if weight_nk else values.T


def batch_matmul_maps() -> list[ir.AffineMap]:
    """The default indexing_maps of `linalg.batch_matmul` over (b, m, n, k)."""
    b, m, n, k = (ir.AffineDimExpr.get(d) for d in range(4))
    return [ir.AffineMap.get(4, 0, dims) for dims in ([b, m, k], [b, k, n], [b, m, n])]


def _is_float_tensor(value: ir.Value, rank: int = 2) -> bool:
    type_ = value.type
    return isinstance(type_, ir.RankedTensorType) and type_.rank == rank and isinstance(type_.element_type, ir.FloatType)


def _is_zero(value: ir.Value) -> bool:
    """True when `value` is known to be all zeros: a `linalg.fill` of 0.0 or a zero constant."""
    op = _defining_op(value)
    if op is not None and op.name == "linalg.fill":
        op = _defining_op(op.operands[0])
    if op is None or op.name != "arith.constant":
        return False
    attr = op.attributes["value"]
    if isinstance(attr, ir.FloatAttr):
        return attr.value == 0.0
    if isinstance(attr, ir.DenseFPElementsAttr) and attr.is_splat:
        return ir.FloatAttr(attr.get_splat_value()).value == 0.0
    return False


def _weight_to_quantize(op: ir.Operation) -> np.ndarray | str:
    """The weight of the linalg.matmul or linalg.batch_matmul `op` as [N, K] when the
    pass rewrites `op`, else why it does not (a sentence for the user)."""
    lhs, rhs, init = op.operands[0], op.operands[1], op.operands[2]
    rank = 3 if op.name == "linalg.batch_matmul" else 2
    if not all(_is_float_tensor(value, rank) for value in (lhs, rhs, init)):
        return f"its operands are not all rank-{rank} float tensors"
    if not isinstance(init.type.element_type, ir.F32Type):
        return f"its result is {init.type}, not f32"
    maps = [ir.AffineMapAttr(m).value for m in ir.ArrayAttr(op.attributes["indexing_maps"])]
    if rank == 3:
        return _shared_batch_weight(op, maps)
    if maps == matmul_maps(weight_nk=False):
        weight_nk = False
    elif maps == matmul_maps(weight_nk=True):
        weight_nk = True
    else:
        return "its indexing maps read the weight neither as [K, N] nor as [N, K]"
    try:
        return constant_weight(rhs, weight_nk)
    except ValueError as error:
        return str(error)


def _shared_batch_weight(op: ir.Operation, maps: list[ir.AffineMap]) -> np.ndarray | str:
    """The [N, K] weight of a batch_matmul whose B is one constant matrix for every
    batch (read through the broadcasting generic torch emits), else why not."""
    lhs, rhs = op.operands[0], op.operands[1]
    if maps != batch_matmul_maps():
        return "its indexing maps are not the default ones of linalg.batch_matmul"
    if None in static_shape(lhs)[:2]:
        return "its batch or row count is dynamic"
    # The element [b, k, n] of B, as a read of the tensor it comes from.
    element = expression(rhs)
    positions = None
    if isinstance(element, Read) and all(isinstance(e, ir.AffineDimExpr) for e in element.map.results):
        positions = [ir.AffineDimExpr(e).position for e in element.map.results]
    if positions == [1, 2]:
        weight_nk = False
    elif positions == [2, 1]:
        weight_nk = True
    else:
        source = rhs.owner
        by = f" (it is computed by '{source.name}')" if not isinstance(source, ir.Block) else ""
        return f"its weight is not one matrix shared by every batch{by}"
    try:
        return constant_weight(element.value, weight_nk)
    except ValueError as error:
        return str(error)


def _tensor(shape: list[int | None], element: ir.Type) -> ir.RankedTensorType:
    return ir.RankedTensorType.get([ir.ShapedType.get_dynamic_size() if d is None else d for d in shape], element)


def _constant(array: np.ndarray, element: ir.Type) -> ir.Value:
    attr = ir.DenseElementsAttr.get(np.ascontiguousarray(array), type=element)
    return arith.ConstantOp(attr.type, attr).result


@dataclass
class QuantizeStatistics:
    """What one run of the pass did: matmuls quantized, and each one left in float
    with its location and why."""

    scheme: str
    quantized: int = 0
    left: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        """One line; the reasons are the remarks' (one per matmul: they name weights)."""
        total = self.quantized + len(self.left)
        line = f"accel-quantize ({self.scheme}): {self.quantized} of {total} matmuls quantized"
        return line + (f", {len(self.left)} left in float" if self.left else "")


@dataclass(frozen=True)
class AccelQuantize(Pass):
    ARGUMENT = "accel-quantize"
    SUMMARY = "Quantize matmuls with constant weights into accel.qmatmul (w8a8, w8a16, w4a16)"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]

    scheme: str = option("w8a8", help="quantization scheme", choices=tuple(BITS))
    group_size: int = option(128, parse=int, help="k values per scale of int4 weights (w4a16 only)", choices=GROUP_SIZES)
    statistics: QuantizeStatistics | None = field(default=None, init=False, repr=False, compare=False)  # set by each run

    def run(self, module):
        self.record(statistics=QuantizeStatistics(self.scheme))
        # Rewrite only matmuls: leave the rest of the user's IR as written.
        rewrite_greedily(module, {name: self._rewrite for name in MATMULS}, erase_dead_graph_ops=False)
        self._account_for_the_rest(module)
        if self.statistics.left:
            self._print_report()

    def _rewrite(self, op, rewriter) -> bool:
        """Pattern body: returns True when `op` does not match (MLIR's convention for
        Python patterns is a falsy value on success)."""
        op = op.operation
        weight = _weight_to_quantize(op)
        if isinstance(weight, str):
            return True
        q, scale, group_size = self._quantize(weight, op)
        with rewriter.ip, op.location:
            self._emit(op, rewriter, op.operands[0], op.operands[2], q, scale, group_size)
        self.statistics.quantized += 1
        return False

    def _account_for_the_rest(self, module) -> None:
        """Records each matmul still there, with why it was not rewritten (asked once
        the rewriting is done: the greedy driver may visit an op several times)."""
        left = self.statistics.left

        def visit(op):
            if op.name in MATMULS:
                reason = _weight_to_quantize(op)
                left.append(Diagnostic(reason if isinstance(reason, str) else "not rewritten", op.location, severity="remark"))
            return ir.WalkResult.ADVANCE

        module.walk(visit)

    def _print_report(self) -> None:
        stream = sys.stderr  # looked up at call time, so that captures see it
        print(self.statistics.summary(), file=stream)
        for remark in self.statistics.left:
            print(replace(remark, message=f"accel-quantize: this matmul stays in float: {remark.message}").format(), file=stream)

    def _quantize(self, values: np.ndarray, op: ir.Operation) -> tuple[np.ndarray, np.ndarray, int]:
        scheme = self.scheme
        group_size = self.group_size if scheme == "w4a16" else 0
        k = values.shape[1]
        if group_size and k % group_size:
            raise self.fail(
                f"accel-quantize: scheme {scheme} with group-size {group_size} needs K divisible by it, "
                f"but this matmul has K = {k} (choose a group-size that divides K)",
                op,
            )
        try:
            q, scale = quantize_weight(values, BITS[scheme], group_size)
        except ValueError as error:
            raise self.fail(f"accel-quantize: cannot quantize the weights of this matmul: {error}", op) from None
        return q, scale, group_size

    def _emit(self, op, rewriter, lhs, init, q, scale, group_size) -> None:
        scheme = self.scheme
        i8, f32 = ir.IntegerType.get_signless(8), ir.F32Type.get()
        result_type = op.results[0].type
        batch_shape = None
        if op.name == "linalg.batch_matmul":
            # One matrix for every batch: the batches are rows of one qmatmul.
            batch_shape = static_shape(op.results[0])
            b, m, k = static_shape(lhs)
            lhs = tensor.collapse_shape(_tensor([b * m, k], lhs.type.element_type), lhs, [[0, 1], [2]])
            result_type = _tensor([b * m, batch_shape[2]], f32)
        weight = _constant(q, i8)
        weight_scale = _constant(scale, f32)
        lhs_scale = None
        if scheme == "w8a8":
            shape = static_shape(lhs)
            quantize = QuantizeOp.build(input=lhs, result_types=[_tensor(shape, i8), _tensor(shape[:-1], f32)])
            lhs, lhs_scale = quantize.output, quantize.scale
        result = QMatmulOp.build(
            lhs=lhs,
            weight=weight,
            weight_scale=weight_scale,
            lhs_scale=lhs_scale,
            scheme=scheme,
            group_size=group_size,
            result_types=[result_type],
        ).result
        if batch_shape is not None:
            result = tensor.expand_shape(op.results[0].type, result, [[0, 1], [2]], [], batch_shape)
        if not _is_zero(init):
            # linalg's matmuls accumulate into their init; qmatmul starts from zero.
            result = linalg.elementwise(result, init, outs=[init], kind=linalg.ElementwiseKind.add)
        rewriter.replace_op(op, [result])


__all__ = ["MATMULS", "AccelQuantize", "QuantizeStatistics", "batch_matmul_maps", "constant_weight", "matmul_maps"]
