"""accel-quantize: float matmuls with constant weights become accel quantized ops.

A `linalg.matmul` (rank 2, f32 result, float operands) whose weight operand is known
at compile time is rewritten into `accel.qmatmul`, its weights quantized here, once,
by `accel.runtime.quantization.quantize_weight` (symmetric, round half to even) and
stored as new constants in accel's layout: [N, K] int8 (int4: packed [N, K / 2]) with
f32 scales. The weight is known at compile time when it is

- an `arith.constant` of dense float elements,
- a `util.global.load` of an immutable `util.global` with a dense initial value (what
  IREE's input conversion makes of model parameters),
- either of those through `linalg.transpose` with permutation [1, 0] (how
  `torch-to-iree` lowers `aten.linear`: the weight is stored [N, K] and transposed),

and the matmul reads it as [K, N] (the default indexing maps) or as [N, K] (indexing
maps (m, k), (n, k), (m, n): the transposed-B form of this MLIR version, which has
no `linalg.matmul_transpose_b`). Any other matmul is left as it is, silently: its
weights are activations, or stored in a form (dense_resource blobs, bf16) that
cannot be read here.

Schemes: `w8a8` quantizes the activations at run time with `accel.quantize` (int8
per row) and multiplies int8 x int8; `w8a16` (int8 per-channel weights) and `w4a16`
(int4 weights, one scale per `group-size` k) multiply float activations. A matmul
whose init is not a zero fill gets the init added back with `linalg.elementwise`.
"""

from __future__ import annotations

import numpy as np

from accel.compiler.passes import Option, Pass
from accel.dialects import QMatmulOp, QuantizeOp, static_shape
from accel.mlir import arith, ir, linalg, rewrite
from accel.runtime.quantization import quantize_weight

GROUP_SIZES = ("32", "64", "128")
BITS = {"w8a8": 8, "w8a16": 8, "w4a16": 4}


def matmul_maps(weight_nk: bool) -> list[ir.AffineMap]:
    """indexing_maps of `linalg.matmul` over (m, n, k) with B as [K, N] (the
    default) or as [N, K]."""
    m, n, k = (ir.AffineDimExpr.get(d) for d in range(3))
    return [ir.AffineMap.get(3, 0, dims) for dims in ([m, k], [n, k] if weight_nk else [k, n], [m, n])]


def _defining_op(value: ir.Value) -> ir.Operation | None:
    """The op defining `value`; None for a block argument."""
    owner = value.owner
    return None if isinstance(owner, ir.Block) else owner.operation


def _dense_values(attr: ir.Attribute) -> np.ndarray | None:
    """The elements of a dense float attribute (a splat is expanded), or None when
    they cannot be read (not dense, or an element type numpy lacks, e.g. bf16)."""
    if not isinstance(attr, ir.DenseFPElementsAttr):
        return None
    try:
        return np.array(attr)
    except (TypeError, ValueError):
        return None


def _global_initial_value(load: ir.Operation) -> ir.Attribute | None:
    """The initial value of the immutable util.global that `load` reads, if any."""
    name = ir.FlatSymbolRefAttr(load.attributes["global"]).value
    scope = load.parent
    while scope is not None:
        try:
            found = ir.SymbolTable(scope)[name].operation
        except TypeError:  # not a symbol table: look further out
            scope = scope.parent if scope.name != "builtin.module" else None
            continue
        except KeyError:
            return None
        if found.name != "util.global" or "is_mutable" in found.attributes or "initial_value" not in found.attributes:
            return None
        return found.attributes["initial_value"]
    return None


def constant_weight(value: ir.Value, weight_nk: bool) -> np.ndarray | None:
    """Traces a matmul's B operand to its compile-time values, returned as [N, K]
    (accel's weight layout), or None if they are not known at compile time."""
    op = _defining_op(value)
    if op is not None and op.name == "linalg.transpose" and list(ir.DenseI64ArrayAttr(op.attributes["permutation"])) == [1, 0]:
        weight_nk = not weight_nk
        op = _defining_op(op.operands[0])
    if op is None:
        return None
    if op.name == "arith.constant":
        values = _dense_values(op.attributes["value"])
    elif op.name == "util.global.load":
        initial = _global_initial_value(op)
        values = None if initial is None else _dense_values(initial)
    else:
        return None
    if values is None or values.ndim != 2:
        return None
    return values if weight_nk else values.T


def _is_float_tensor(value: ir.Value) -> bool:
    type_ = value.type
    return isinstance(type_, ir.RankedTensorType) and type_.rank == 2 and isinstance(type_.element_type, ir.FloatType)


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


def _tensor(shape: list[int | None], element: ir.Type) -> ir.RankedTensorType:
    return ir.RankedTensorType.get([ir.ShapedType.get_dynamic_size() if d is None else d for d in shape], element)


def _constant(array: np.ndarray, element: ir.Type) -> ir.Value:
    attr = ir.DenseElementsAttr.get(np.ascontiguousarray(array), type=element)
    return arith.ConstantOp(attr.type, attr).result


class AccelQuantize(Pass):
    ARGUMENT = "accel-quantize"
    SUMMARY = "Quantize matmuls with constant weights into accel.qmatmul (w8a8, w8a16, w4a16)"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]
    OPTIONS = [
        Option("scheme", str, "w8a8", "quantization scheme", choices=tuple(BITS)),
        Option("group-size", int, 128, "k values per scale of int4 weights (w4a16 only)", choices=GROUP_SIZES),
    ]

    def run(self, module):
        patterns = rewrite.RewritePatternSet()
        patterns.add("linalg.matmul", self._rewrite)
        config = rewrite.GreedyRewriteConfig()
        # Rewrite only matmuls: leave the rest of the user's IR as written.
        config.enable_folding = False
        config.enable_constant_cse = False
        config.region_simplification_level = rewrite.GreedySimplifyRegionLevel.DISABLED
        rewrite.apply_patterns_and_fold_greedily(module, patterns.freeze(), config)

    def _rewrite(self, op, rewriter) -> bool:
        """Pattern body: returns True when `op` does not match (MLIR's convention for
        Python patterns is a falsy value on success)."""
        op = op.operation
        lhs, rhs, init = op.operands[0], op.operands[1], op.operands[2]
        if not (_is_float_tensor(lhs) and _is_float_tensor(rhs) and _is_float_tensor(init)):
            return True
        if not isinstance(init.type.element_type, ir.F32Type):
            return True
        maps = [ir.AffineMapAttr(m).value for m in ir.ArrayAttr(op.attributes["indexing_maps"])]
        if maps == matmul_maps(weight_nk=False):
            weight_nk = False
        elif maps == matmul_maps(weight_nk=True):
            weight_nk = True
        else:
            return True
        weight = constant_weight(rhs, weight_nk)
        if weight is None:
            return True
        q, scale, group_size = self._quantize(weight, op)
        with rewriter.ip, op.location:
            self._emit(op, rewriter, lhs, init, q, scale, group_size)
        return False

    def _quantize(self, values: np.ndarray, op: ir.Operation) -> tuple[np.ndarray, np.ndarray, int]:
        scheme = self.options["scheme"]
        group_size = self.options["group-size"] if scheme == "w4a16" else 0
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
        scheme = self.options["scheme"]
        i8, f32 = ir.IntegerType.get_signless(8), ir.F32Type.get()
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
            result_types=[op.results[0].type],
        ).result
        if not _is_zero(init):
            # linalg.matmul accumulates into its init; qmatmul starts from zero.
            result = linalg.elementwise(result, init, outs=[init], kind=linalg.ElementwiseKind.add)
        rewriter.replace_op(op, [result])


__all__ = ["AccelQuantize", "constant_weight", "matmul_maps"]
