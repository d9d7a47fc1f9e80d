"""Tests of accel.compiler.const_eval, the compile-time evaluator accel-raise-attention
(constant masks) and accel-raise-kv-cache (tensors of the position) share: a tensor
of a function computed on the CPU target from constants, or from one position argument
at any position; None for what it cannot compute alone."""

from __future__ import annotations

import numpy as np
import pytest

from accel.compiler.const_eval import Evaluator
from accel.core.mlir import find_function, parse_module

MODULE = """module {
  func.func @f(%p: tensor<1xi64>, %x: tensor<4xf32>) -> (tensor<4xi64>, tensor<4xi64>, tensor<4xf32>) {
    %c0 = arith.constant 0 : index
    %pos = tensor.extract %p[%c0] : tensor<1xi64>
    %iota = arith.constant dense<[0, 1, 2, 3]> : tensor<4xi64>
    %empty = tensor.empty() : tensor<4xi64>
    %doubled = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        ins(%iota : tensor<4xi64>) outs(%empty : tensor<4xi64>) {
    ^bb0(%a: i64, %out: i64):
      %s = arith.addi %a, %a : i64
      linalg.yield %s : i64
    } -> tensor<4xi64>
    %shifted = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        ins(%iota : tensor<4xi64>) outs(%empty : tensor<4xi64>) {
    ^bb0(%a: i64, %out: i64):
      %s = arith.addi %a, %pos : i64
      linalg.yield %s : i64
    } -> tensor<4xi64>
    %fempty = tensor.empty() : tensor<4xf32>
    %copy = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%fempty : tensor<4xf32>) {
    ^bb0(%a: f32, %out: f32):
      linalg.yield %a : f32
    } -> tensor<4xf32>
    return %doubled, %shifted, %copy : tensor<4xi64>, tensor<4xi64>, tensor<4xf32>
  }
}
"""


@pytest.fixture
def module(context):
    return parse_module(MODULE, context)


def test_constants_and_tensors_of_the_position(module):
    function = find_function(module, "f")
    doubled, shifted, copy = function.regions[0].blocks[0].operations[-1].operands
    with Evaluator() as evaluator:
        constant = evaluator.evaluate(function, doubled)
        assert constant.argument is None
        np.testing.assert_array_equal(constant.at(0), [0, 2, 4, 6])
        positional = evaluator.evaluate(function, shifted)
        assert positional.argument == 0
        np.testing.assert_array_equal(positional.at(5), [5, 6, 7, 8])
        np.testing.assert_array_equal(positional.at(0), [0, 1, 2, 3])
        assert evaluator.evaluate(function, shifted) is positional  # compiled once
        # A float tensor argument is not a position: not computed.
        assert evaluator.evaluate(function, copy) is None
