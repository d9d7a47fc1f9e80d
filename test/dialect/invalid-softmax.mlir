// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.softmax, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @missing_axis(%x: tensor<4x64xf32>) {
  // CHECK: invalid-softmax.mlir:[[# @LINE + 2]]:8: error: 'accel.softmax' op requires attribute 'axis'
  // IRDL: invalid-softmax.mlir:[[# @LINE + 1]]:8: error: 'accel.softmax' op attribute "axis" is expected but not provided
  %p = "accel.softmax"(%x) : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @negative_axis(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-softmax.mlir:[[# @LINE + 1]]:8: error: 'accel.softmax' op attribute 'axis': expected a 64-bit integer >= 0, got -1
  %p = "accel.softmax"(%x) {axis = -1 : i64} : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @int_input(%x: tensor<4x64xi32>) {
  // CHECK-NEXT: invalid-softmax.mlir:[[# @LINE + 1]]:8: error: 'accel.softmax' op operand 'input': expected tensor of float, got tensor<4x64xi32>
  %p = "accel.softmax"(%x) {axis = 1 : i64} : (tensor<4x64xi32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @axis_out_of_range(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-softmax.mlir:[[# @LINE + 1]]:8: error: 'accel.softmax' op axis 2 is out of range for rank 2
  %p = "accel.softmax"(%x) {axis = 2 : i64} : (tensor<4x64xf32>) -> tensor<4x64xf32>
  return
}

// -----

func.func @result_shape(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-softmax.mlir:[[# @LINE + 1]]:8: error: 'accel.softmax' op result shape [4, 32] must equal the input shape [4, 64]
  %p = "accel.softmax"(%x) {axis = 1 : i64} : (tensor<4x64xf32>) -> tensor<4x32xf32>
  return
}

// CHECK-NOT: Traceback
