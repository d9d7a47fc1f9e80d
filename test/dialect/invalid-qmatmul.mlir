// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.qmatmul, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @unknown_scheme(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK: invalid-qmatmul.mlir:[[# @LINE + 2]]:8: error: 'accel.qmatmul' op attribute 'scheme': expected one of "w8a8", "w8a16", "w4a16", got "w2a16"
  // IRDL: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: '"w2a16"' does not satisfy the constraint
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w2a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @scheme_not_a_string(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 2]]:8: error: 'accel.qmatmul' op attribute 'scheme': expected one of "w8a8", "w8a16", "w4a16", got 8 : i64
  // IRDL: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: '8 : i64' does not satisfy the constraint
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = 8 : i64, group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @missing_scheme(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 2]]:8: error: 'accel.qmatmul' op requires attribute 'scheme'
  // IRDL: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op attribute "scheme" is expected but not provided
  %y = "accel.qmatmul"(%x, %w, %ws) {group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @two_operands(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 2]]:8: error: 'accel.qmatmul' op expects 3 or 4 operands, got 2
  // IRDL: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: op expects at least 3 operands, but got 2
  %y = "accel.qmatmul"(%x, %w) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>) -> tensor<4x32xf32>
  return
}

// -----

func.func @five_operands(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 2]]:8: error: 'accel.qmatmul' op expects 3 or 4 operands, got 5
  // IRDL: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: op expects at most 4 operands, but got 5
  %y = "accel.qmatmul"(%x, %w, %ws, %xs, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @int32_activations(%x: tensor<4x64xi32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op operand 'lhs': expected rank-2 tensor of i8 or float, got tensor<4x64xi32>
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi32>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @lhs_scale_rank2(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4x1xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op operand 'lhs_scale': expected rank-1 tensor of f32, got tensor<4x1xf32>
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4x1xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @f16_result(%x: tensor<4x64xf16>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op result 'result': expected rank-2 tensor of f32, got tensor<4x32xf16>
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf16>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf16>
  return
}

// -----

func.func @w8a8_float_activations(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op scheme w8a8 takes int8 activations, got tensor<4x64xf32>
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w8a16_int8_activations(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op scheme w8a16 takes float activations, got tensor<4x64xi8>
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w8a8_without_lhs_scale(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme w8a8)
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w8a16_with_lhs_scale(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme w8a16)
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @lhs_scale_rows(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<8xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op lhs_scale shape [8] must be [M] = [4]
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<8xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w4a16_per_channel(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op w4a16 needs group_size > 0 (per-group scales)
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w8a16_grouped(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32x2xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op w8a16 uses per-channel scales: group_size must be 0, got 32
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @negative_group_size(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32x2xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op attribute 'group_size': expected a 64-bit integer >= 0, got -1
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = -1 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @result_shape(%x: tensor<?x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op result shape [?, 64] must be [M, N] = [?, 32]
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<?x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<?x64xf32>
  return
}

// -----

func.func @weight_k(%x: tensor<4x64xf32>, %w: tensor<32x128xi8>, %ws: tensor<32xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op weight K 128 must equal lhs K 64
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x128xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @w4a16_unpacked(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32x2xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op int4 weights pack two values per byte along K: expected 32 bytes per row for K = 64, got 64
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @per_channel_scale_shape(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32x1xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op per-channel scales must have shape [32], got [32, 1]
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x1xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @group_does_not_divide(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32x2xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op group_size 48 must divide K = 64
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 48 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  return
}

// -----

func.func @per_group_scale_shape(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32x4xf32>) {
  // CHECK-NEXT: invalid-qmatmul.mlir:[[# @LINE + 1]]:8: error: 'accel.qmatmul' op per-group scales must have shape [32, 2] (K / group_size), got [32, 4]
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x4xf32>) -> tensor<4x32xf32>
  return
}

// CHECK-NOT: Traceback
