// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.silu_mul, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @one_operand(%g: tensor<4x64xf32>) {
  // CHECK: invalid-silu_mul.mlir:[[# @LINE + 2]]:8: error: 'accel.silu_mul' op expects 2 operands, got 1
  // IRDL: invalid-silu_mul.mlir:[[# @LINE + 1]]:8: error: op expects exactly 2 operands, but got 1
  %h = "accel.silu_mul"(%g) : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @two_results(%g: tensor<4x64xf32>, %u: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-silu_mul.mlir:[[# @LINE + 2]]:12: error: 'accel.silu_mul' op expects 1 results, got 2
  // IRDL: invalid-silu_mul.mlir:[[# @LINE + 1]]:12: error: op expects exactly 1 results, but got 2
  %h, %i = "accel.silu_mul"(%g, %u) : (tensor<4x64xf32>, tensor<4x64xf32>) -> (tensor<4x64xf32>, tensor<4x64xf32>)
  return
}

// -----

func.func @int_gate(%g: tensor<4x64xi32>, %u: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-silu_mul.mlir:[[# @LINE + 1]]:8: error: 'accel.silu_mul' op operand 'gate': expected tensor of float, got tensor<4x64xi32>
  %h = "accel.silu_mul"(%g, %u) : (tensor<4x64xi32>, tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @up_shape(%g: tensor<4x64xf32>, %u: tensor<4x32xf32>) {
  // CHECK-NEXT: invalid-silu_mul.mlir:[[# @LINE + 1]]:8: error: 'accel.silu_mul' op up shape [4, 32] must equal the gate shape [4, 64]
  %h = "accel.silu_mul"(%g, %u) : (tensor<4x64xf32>, tensor<4x32xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @result_shape(%g: tensor<4x64xf32>, %u: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-silu_mul.mlir:[[# @LINE + 1]]:8: error: 'accel.silu_mul' op result shape [64] must equal the gate shape [4, 64]
  %h = "accel.silu_mul"(%g, %u) : (tensor<4x64xf32>, tensor<4x64xf32>) -> tensor<64xf32>
  return
}

// CHECK-NOT: Traceback
