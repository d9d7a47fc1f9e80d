"""Standard workloads as MLIR text, for benchmarks, tests and examples.

One definition of each: the int8 GEMM at the graph level (what the GEMM benchmarks
compile), and the float GEMM in linalg (the CPU baseline).
"""

from __future__ import annotations


def int8_gemm(m: int, n: int, k: int, name: str = "gemm") -> str:
    """An [m, k] x [n, k]^T w8a8 accel.qmatmul with every operand a function argument."""
    return f"""func.func @{name}(%x: tensor<{m}x{k}xi8>, %w: tensor<{n}x{k}xi8>, %w_scale: tensor<{n}xf32>, %x_scale: tensor<{m}xf32>) -> tensor<{m}x{n}xf32> {{
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {{scheme = "w8a8", group_size = 0 : i64}} : (tensor<{m}x{k}xi8>, tensor<{n}x{k}xi8>, tensor<{n}xf32>, tensor<{m}xf32>) -> tensor<{m}x{n}xf32>
  return %y : tensor<{m}x{n}xf32>
}}
"""


def float_gemm(m: int, n: int, k: int, name: str = "gemm") -> str:
    """linalg.matmul of f32 [m, k] x [k, n] into a zero-filled [m, n]."""
    return f"""func.func @{name}(%a: tensor<{m}x{k}xf32>, %b: tensor<{k}x{n}xf32>) -> tensor<{m}x{n}xf32> {{
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<{m}x{n}xf32>
  %c = linalg.fill ins(%zero : f32) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  %r = linalg.matmul ins(%a, %b : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%c : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  return %r : tensor<{m}x{n}xf32>
}}
"""
