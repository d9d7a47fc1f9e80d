// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.rmsnorm, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @one_operand(%x: tensor<4x64xf32>) {
  // CHECK: invalid-rmsnorm.mlir:[[# @LINE + 2]]:8: error: 'accel.rmsnorm' op expects 2 operands, got 1
  // IRDL: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: op expects exactly 2 operands, but got 1
  %y = "accel.rmsnorm"(%x) {epsilon = 1.000000e-06 : f64} : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @missing_epsilon(%x: tensor<4x64xf32>, %w: tensor<64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 2]]:8: error: 'accel.rmsnorm' op requires attribute 'epsilon'
  // IRDL: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op attribute "epsilon" is expected but not provided
  %y = "accel.rmsnorm"(%x, %w) : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @epsilon_not_float(%x: tensor<4x64xf32>, %w: tensor<64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 2]]:8: error: 'accel.rmsnorm' op attribute 'epsilon': expected a 64-bit float, got 0 : i64
  // IRDL: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: expected base attribute 'builtin.float' but got 'builtin.integer'
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 0 : i64} : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @int_input(%x: tensor<4x64xi8>, %w: tensor<64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op operand 'input': expected tensor of float, got tensor<4x64xi8>
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.000000e-06 : f64} : (tensor<4x64xi8>, tensor<64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @weight_rank2(%x: tensor<4x64xf32>, %w: tensor<1x64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op operand 'weight': expected rank-1 tensor of float, got tensor<1x64xf32>
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.000000e-06 : f64} : (tensor<4x64xf32>, tensor<1x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @scalar_input(%x: tensor<f32>, %w: tensor<1xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op input must have rank >= 1
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.000000e-06 : f64} : (tensor<f32>, tensor<1xf32>) -> tensor<f32>
  return
}

// -----

func.func @weight_size(%x: tensor<4x64xf32>, %w: tensor<32xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op weight shape [32] must be [H] = [64] (the last input dim)
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.000000e-06 : f64} : (tensor<4x64xf32>, tensor<32xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @result_shape(%x: tensor<?x64xf32>, %w: tensor<64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op result shape [?, 32] must equal the input shape [?, 64]
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.000000e-06 : f64} : (tensor<?x64xf32>, tensor<64xf32>) -> tensor<?x32xf32>
  return
}

// -----

func.func @negative_epsilon(%x: tensor<4x64xf32>, %w: tensor<64xf32>) {
  // CHECK-NEXT: invalid-rmsnorm.mlir:[[# @LINE + 1]]:8: error: 'accel.rmsnorm' op epsilon must be >= 0, got -1e-06
  %y = "accel.rmsnorm"(%x, %w) {epsilon = -1.000000e-06 : f64} : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>
  return
}

// CHECK-NOT: Traceback
