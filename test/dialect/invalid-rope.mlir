// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.rope, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @two_operands(%x: tensor<1x2x4x8xf32>, %c: tensor<4x8xf32>) {
  // CHECK: invalid-rope.mlir:[[# @LINE + 2]]:8: error: 'accel.rope' op expects 3 operands, got 2
  // IRDL: invalid-rope.mlir:[[# @LINE + 1]]:8: error: op expects exactly 3 operands, but got 2
  %y = "accel.rope"(%x, %c) : (tensor<1x2x4x8xf32>, tensor<4x8xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @rank3_input(%x: tensor<2x4x8xf32>, %c: tensor<4x8xf32>, %s: tensor<4x8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op operand 'input': expected rank-4 tensor of float, got tensor<2x4x8xf32>
  %y = "accel.rope"(%x, %c, %s) : (tensor<2x4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<2x4x8xf32>
  return
}

// -----

func.func @odd_head_dim(%x: tensor<1x2x4x7xf32>, %c: tensor<4x7xf32>, %s: tensor<4x7xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op head dim D = 7 must be even (rotate_half pairs its two halves)
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>) -> tensor<1x2x4x7xf32>
  return
}

// -----

func.func @sin_shape(%x: tensor<1x2x4x8xf32>, %c: tensor<4x8xf32>, %s: tensor<1x4x8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op sin shape [1, 4, 8] must equal the cos shape [4, 8]
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<4x8xf32>, tensor<1x4x8xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @table_rank1(%x: tensor<1x2x4x8xf32>, %c: tensor<8xf32>, %s: tensor<8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op cos and sin must have rank 2 to 4, got tensor<8xf32>
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @batch_table_not_unsqueezed(%x: tensor<3x2x4x8xf32>, %c: tensor<3x4x8xf32>, %s: tensor<3x4x8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op cos shape [3, 4, 8] does not broadcast to the input shape [3, 2, 4, 8] (trailing dims [S, D], others 1 or equal)
  %y = "accel.rope"(%x, %c, %s) : (tensor<3x2x4x8xf32>, tensor<3x4x8xf32>, tensor<3x4x8xf32>) -> tensor<3x2x4x8xf32>
  return
}

// -----

func.func @table_length(%x: tensor<1x2x4x8xf32>, %c: tensor<1x1x16x8xf32>, %s: tensor<1x1x16x8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op cos shape [1, 1, 16, 8] does not broadcast to the input shape [1, 2, 4, 8] (trailing dims [S, D], others 1 or equal)
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>) -> tensor<1x2x4x8xf32>
  return
}

// -----

func.func @result_shape(%x: tensor<1x2x4x8xf32>, %c: tensor<4x8xf32>, %s: tensor<4x8xf32>) {
  // CHECK-NEXT: invalid-rope.mlir:[[# @LINE + 1]]:8: error: 'accel.rope' op result shape [1, 4, 4, 8] must equal the input shape [1, 2, 4, 8]
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<1x4x4x8xf32>
  return
}

// CHECK-NOT: Traceback
