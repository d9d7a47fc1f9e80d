"""Tests of the accel-quantize pass: which matmuls it rewrites, that the weights it
stores are exactly `quantize_weight` of the original ones in accel's [N, K] layout
(whatever form the weight had: constant [K, N], constant [N, K] read through
transposed maps, an immutable util.global behind linalg.transpose), that the golden
meaning of the result approximates the float matmul, and its located errors.

No IREE compile here: the golden model (accel.runtime.golden.evaluate) runs the
rewritten graph; the CPU target is tested in test_cpu_target.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from accel.compiler.passes import PASSES
from accel.compiler.passes.accel_quantize import AccelQuantize
from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import AccelError
from accel.dialects import QMatmulOp, accel_operations
from accel.core.mlir import ir
from accel.runtime import golden
from accel.runtime.quantization import quantize_rows, quantize_weight

M, K, N = 5, 128, 37
SCHEMES = [("w8a8", 128), ("w8a16", 128), ("w4a16", 32), ("w4a16", 64), ("w4a16", 128)]


def dense(context: ir.Context, array: np.ndarray) -> str:
    """The MLIR text of a dense constant holding `array`."""
    with context:
        return str(ir.DenseElementsAttr.get(np.ascontiguousarray(array)))


def matmul_function(context, weight: np.ndarray, form: str, m: int = M) -> str:
    """A module whose @f multiplies x [m, K] by `weight` ([N, K]) stored in `form`."""
    n, k = weight.shape
    zero_init = f"""
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<{m}x{n}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>"""
    if form == "constant_kn":
        return f"""func.func @f(%x: tensor<{m}x{k}xf32>) -> tensor<{m}x{n}xf32> {{{zero_init}
  %w = arith.constant {dense(context, weight.T)}
  %y = linalg.matmul ins(%x, %w : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  return %y : tensor<{m}x{n}xf32>
}}"""
    if form == "constant_nk":
        return f"""func.func @f(%x: tensor<{m}x{k}xf32>) -> tensor<{m}x{n}xf32> {{{zero_init}
  %w = arith.constant {dense(context, weight)}
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<{m}x{k}xf32>, tensor<{n}x{k}xf32>) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  return %y : tensor<{m}x{n}xf32>
}}"""
    assert form == "global_transposed"
    return f"""util.global private @weight = {dense(context, weight)}
util.func public @f(%x: tensor<{m}x{k}xf32>) -> tensor<{m}x{n}xf32> {{{zero_init}
  %w = util.global.load @weight : tensor<{n}x{k}xf32>
  %t = tensor.empty() : tensor<{k}x{n}xf32>
  %wt = linalg.transpose ins(%w : tensor<{n}x{k}xf32>) outs(%t : tensor<{k}x{n}xf32>) permutation = [1, 0]
  %y = linalg.matmul ins(%x, %wt : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  util.return %y : tensor<{m}x{n}xf32>
}}"""


def quantized(parse, text: str, scheme: str, group_size: int) -> ir.Module:
    module = parse(text)
    Pipeline.parse(f"builtin.module(accel-quantize{{scheme={scheme} group-size={group_size}}})").run(module)
    return module


def the_qmatmul(module: ir.Module) -> QMatmulOp:
    ops = [op for op in accel_operations(module.operation) if op.name == QMatmulOp.op_name()]
    assert len(ops) == 1
    return QMatmulOp(ops[0])


def constant_value(value: ir.Value) -> np.ndarray:
    op = value.owner
    assert op.name == "arith.constant"
    return np.array(op.attributes["value"])


@pytest.fixture(scope="module")
def weight():
    return np.random.default_rng(7).standard_normal((N, K)).astype(np.float32)


def test_registered_with_its_options():
    assert PASSES["accel-quantize"] is AccelQuantize
    instance = AccelQuantize.from_option_text("scheme=w4a16 group-size=64")
    assert instance == AccelQuantize(scheme="w4a16", group_size=64)
    assert instance.option_values() == {"scheme": "w4a16", "group-size": 64}
    assert (AccelQuantize().scheme, AccelQuantize().group_size) == ("w8a8", 128)
    with pytest.raises(AccelError, match="must be one of 32, 64, 128"):
        AccelQuantize.from_option_text("group-size=48")


@pytest.mark.parametrize("form", ["constant_kn", "constant_nk", "global_transposed"])
@pytest.mark.parametrize("scheme,group_size", SCHEMES)
def test_stored_weights_are_quantize_weight_of_the_nk_weight(parse, context, weight, form, scheme, group_size):
    module = quantized(parse, matmul_function(context, weight, form), scheme, group_size)
    qmatmul = the_qmatmul(module)
    bits = 4 if scheme == "w4a16" else 8
    expected_q, expected_scale = quantize_weight(weight, bits, group_size if bits == 4 else 0)
    stored_q = constant_value(qmatmul.weight)
    stored_scale = constant_value(qmatmul.weight_scale)
    assert stored_q.dtype == np.int8 and stored_q.shape == (N, K // 2 if bits == 4 else K)
    assert np.array_equal(stored_q, expected_q)
    assert stored_scale.dtype == np.float32 and np.array_equal(stored_scale, expected_scale)
    assert qmatmul.scheme == scheme
    assert qmatmul.group_size == (group_size if bits == 4 else 0)
    names = [op.name for op in module.body.operations[-1].regions[0].blocks[0].operations]
    assert "linalg.matmul" not in names and "linalg.transpose" not in names and "util.global.load" not in names
    assert ("accel.quantize" in names) == (scheme == "w8a8")


@pytest.mark.parametrize("scheme,group_size,tolerance", [("w8a8", 128, 0.02), ("w8a16", 128, 0.01), ("w4a16", 32, 0.15)])
def test_golden_meaning_approximates_the_float_matmul(parse, context, weight, scheme, group_size, tolerance):
    """Relative Frobenius error of the quantized graph against the float matmul: about
    1/(127 * sqrt 3) per int8 factor, 1/(7 * sqrt 3) for int4 (uniform rounding error
    over the scale), so the bounds are loose; a scrambled layout gives errors near 1."""
    module = quantized(parse, matmul_function(context, weight, "constant_kn"), scheme, group_size)
    x = np.random.default_rng(1).standard_normal((M, K)).astype(np.float32)
    (y,) = golden.evaluate(module, "f", [x])
    exact = x.astype(np.float64) @ weight.T.astype(np.float64)
    assert np.linalg.norm(y - exact) / np.linalg.norm(exact) < tolerance


def test_w8a8_graph_is_quantize_rows_then_qmatmul(parse, context, weight):
    module = quantized(parse, matmul_function(context, weight, "constant_nk"), "w8a8", 128)
    x = np.random.default_rng(2).standard_normal((M, K)).astype(np.float32)
    (y,) = golden.evaluate(module, "f", [x])
    q, scale = quantize_rows(x)
    wq, ws = quantize_weight(weight, 8, 0)
    assert np.array_equal(y, golden.qmatmul(q, wq, ws, scale, scheme="w8a8", group_size=0))


def test_dynamic_rows(parse, context, weight):
    """An unknown number of rows (prefill of any length) quantizes too."""
    text = matmul_function(context, weight, "constant_kn").replace(f"tensor<{M}x", "tensor<?x")
    text = text.replace("%empty = tensor.empty()", "%c0 = arith.constant 0 : index\n  %m = tensor.dim %x, %c0 : tensor<?x128xf32>\n  %empty = tensor.empty(%m)")
    module = quantized(parse, text, "w8a8", 128)
    quantize_op = [op for op in accel_operations(module.operation) if op.name == "accel.quantize"][0]
    assert [str(r.type) for r in quantize_op.results] == ["tensor<?x128xi8>", "tensor<?xf32>"]
    x = np.random.default_rng(3).standard_normal((9, K)).astype(np.float32)
    (y,) = golden.evaluate(module, "f", [x])
    assert y.shape == (9, N)


def test_nonzero_init_is_added_back(parse, context, weight):
    text = f"""func.func @f(%x: tensor<{M}x{K}xf32>, %bias: tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32> {{
  %w = arith.constant {dense(context, weight.T)}
  %y = linalg.matmul ins(%x, %w : tensor<{M}x{K}xf32>, tensor<{K}x{N}xf32>) outs(%bias : tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32>
  return %y : tensor<{M}x{N}xf32>
}}"""
    module = quantized(parse, text, "w8a16", 128)
    block = module.body.operations[0].regions[0].blocks[0]
    add = [op for op in block.operations if op.name == "linalg.elementwise"]
    assert len(add) == 1 and "add" in str(add[0].attributes["kind"])
    qmatmul = the_qmatmul(module)
    assert list(add[0].operands)[:2] == [qmatmul.result, block.arguments[1]]
    assert block.operations[len(block.operations) - 1].operands[0] == add[0].results[0]


def test_matmuls_without_constant_weights_are_left_alone(parse):
    text = """util.global private mutable @state = dense<1.0> : tensor<8x4xf32>
func.func @f(%x: tensor<2x8xf32>, %w: tensor<8x4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x4xf32>) -> tensor<2x4xf32>
  %a = linalg.matmul ins(%x, %w : tensor<2x8xf32>, tensor<8x4xf32>) outs(%init : tensor<2x4xf32>) -> tensor<2x4xf32>
  %s = util.global.load @state : tensor<8x4xf32>
  %b = linalg.matmul ins(%x, %s : tensor<2x8xf32>, tensor<8x4xf32>) outs(%init : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %a, %b : tensor<2x4xf32>, tensor<2x4xf32>
}"""
    module = parse(text)
    before = str(module)
    Pipeline.parse("builtin.module(accel-quantize)").run(module)
    assert str(module) == before


def test_group_size_must_divide_k_located_at_the_matmul(parse, context):
    weight = np.ones((4, 96), np.float32)
    text = matmul_function(context, weight, "constant_kn", m=2)
    module = parse(text)
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "linalg.matmul" in row)
    with pytest.raises(AccelError) as info:
        Pipeline.parse("builtin.module(accel-quantize{scheme=w4a16 group-size=64})").run(module)
    assert info.value.format("model.mlir") == (
        f"model.mlir:{line}:8: error: accel-quantize: scheme w4a16 with group-size 64 needs K divisible by it, "
        "but this matmul has K = 96 (choose a group-size that divides K)"
    )


def test_non_finite_weights_are_a_located_error(parse, context):
    weight = np.ones((4, 32), np.float32)
    weight[1, 3] = np.inf
    module = parse(matmul_function(context, weight, "constant_nk", m=2))
    with pytest.raises(AccelError, match=r"cannot quantize the weights of this matmul: .*non-finite") as info:
        Pipeline.parse("builtin.module(accel-quantize)").run(module)
    assert ":8: error:" in info.value.format("x.mlir")
