// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.attention, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @two_operands(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>) {
  // CHECK: invalid-attention.mlir:[[# @LINE + 2]]:8: error: 'accel.attention' op expects 3 or 4 operands, got 2
  // IRDL: invalid-attention.mlir:[[# @LINE + 1]]:8: error: op expects at least 3 operands, but got 2
  %o = "accel.attention"(%q, %k) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @five_operands(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>, %m: tensor<1x1x4x6xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 2]]:8: error: 'accel.attention' op expects 3 or 4 operands, got 5
  // IRDL: invalid-attention.mlir:[[# @LINE + 1]]:8: error: op expects at most 4 operands, but got 5
  %o = "accel.attention"(%q, %k, %v, %m, %m) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x1x4x6xf32>, tensor<1x1x4x6xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @missing_scale(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 2]]:8: error: 'accel.attention' op requires attribute 'scale'
  // IRDL: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op attribute "scale" is expected but not provided
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @scale_not_float(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 2]]:8: error: 'accel.attention' op attribute 'scale': expected a 64-bit float, got 1 : i64
  // IRDL: invalid-attention.mlir:[[# @LINE + 1]]:8: error: expected base attribute 'builtin.float' but got 'builtin.integer'
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 1 : i64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @causal_not_bool(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 2]]:8: error: 'accel.attention' op attribute 'causal': expected a boolean, got 1 : i64
  // IRDL: invalid-attention.mlir:[[# @LINE + 1]]:8: error: '1 : i64' does not satisfy the constraint
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = 1 : i64, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @zero_kv_heads(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op attribute 'num_kv_heads': expected a 64-bit integer >= 1, got 0
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 0 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @rank3_query(%q: tensor<8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op operand 'query': expected rank-4 tensor of float, got tensor<8x4x16xf32>
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @int_mask(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>, %m: tensor<1x1x4x6xi1>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op operand 'mask': expected rank-4 tensor of float, got tensor<1x1x4x6xi1>
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x1x4x6xi1>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @heads_not_multiple(%q: tensor<1x8x4x16xf32>, %k: tensor<1x3x6x16xf32>, %v: tensor<1x3x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op num_heads (8) must be a multiple of num_kv_heads (3)
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 3 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x3x6x16xf32>, tensor<1x3x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @query_heads(%q: tensor<1x4x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op query has 4 heads (dim 1) but num_heads is 8
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x4x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @repeated_key(%q: tensor<1x8x4x16xf32>, %k: tensor<1x8x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op key has 8 heads (dim 1) but num_kv_heads is 2
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x8x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @value_heads(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x1x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op value has 1 heads (dim 1) but num_kv_heads is 2
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x1x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @batch(%q: tensor<1x8x4x16xf32>, %k: tensor<2x2x6x16xf32>, %v: tensor<2x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op batch sizes differ: query 1, key 2, value 2
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<2x2x6x16xf32>, tensor<2x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @head_dim(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x32xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op key head dim 32 must equal the query head dim 16
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x32xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @value_length(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x7x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op value length 7 must equal the key length 6
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x7x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @result_heads(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op result shape [1, 2, 4, 16] must be [B, Hq, S, Dv] = [1, 8, 4, 16]
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x2x4x16xf32>
  return
}

// -----

func.func @mask_length(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>, %m: tensor<1x1x4x4xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op mask shape [1, 1, 4, 4] must be [B or 1, Hq or 1, S or 1, T] = [1 or 1, 8 or 1, 4 or 1, 6]
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x1x4x4xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @mask_heads(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>, %m: tensor<1x2x4x6xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op mask shape [1, 2, 4, 6] must be [B or 1, Hq or 1, S or 1, T] = [1 or 1, 8 or 1, 4 or 1, 6]
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x4x6xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @window_without_causal(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: 'accel.attention' op a sliding window (3) needs causal = true
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = false, scale = 2.500000e-01 : f64, window = 3 : i64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// -----

func.func @window_of_zero(%q: tensor<1x8x4x16xf32>, %k: tensor<1x2x6x16xf32>, %v: tensor<1x2x6x16xf32>) {
  // CHECK-NEXT: invalid-attention.mlir:[[# @LINE + 1]]:8: error: {{.*}}window{{.*}}
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 2.500000e-01 : f64, window = 0 : i64} : (tensor<1x8x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x8x4x16xf32>
  return
}

// CHECK-NOT: Traceback
