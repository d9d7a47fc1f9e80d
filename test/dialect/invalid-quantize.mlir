// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.quantize, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @too_many_operands(%x: tensor<4x64xf32>) {
  // CHECK: invalid-quantize.mlir:[[# @LINE + 2]]:12: error: 'accel.quantize' op expects 1 operands, got 2
  // IRDL: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: op expects exactly 1 operands, but got 2
  %q, %s = "accel.quantize"(%x, %x) : (tensor<4x64xf32>, tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}

// -----

func.func @one_result(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 2]]:8: error: 'accel.quantize' op expects 2 results, got 1
  // IRDL: invalid-quantize.mlir:[[# @LINE + 1]]:8: error: op expects exactly 2 results, but got 1
  %q = "accel.quantize"(%x) : (tensor<4x64xf32>) -> tensor<4x64xi8>
  return
}

// -----

func.func @integer_input(%x: tensor<4x64xi32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op operand 'input': expected tensor of float, got tensor<4x64xi32>
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xi32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}

// -----

func.func @memref_input(%x: memref<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 2]]:12: error: 'accel.quantize' op operand 'input': expected tensor of float, got memref<4x64xf32>
  // IRDL: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: expected base type 'builtin.tensor' but got 'builtin.memref'
  %q, %s = "accel.quantize"(%x) : (memref<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}

// -----

func.func @int32_output(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op result 'output': expected tensor of i8, got tensor<4x64xi32>
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi32>, tensor<4xf32>)
  return
}

// -----

func.func @f16_scale(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op result 'scale': expected tensor of f32, got tensor<4xf16>
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf16>)
  return
}

// -----

func.func @scalar_input(%x: tensor<f32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op input must have rank >= 1
  %q, %s = "accel.quantize"(%x) : (tensor<f32>) -> (tensor<i8>, tensor<f32>)
  return
}

// -----

func.func @output_shape(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op output shape [4, 32] must equal input shape [4, 64]
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x32xi8>, tensor<4xf32>)
  return
}

// -----

func.func @output_rank(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op output shape [256] must equal input shape [4, 64]
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<256xi8>, tensor<4xf32>)
  return
}

// -----

func.func @scale_per_column(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op scale shape [64] must be the input shape without its last dim [4]
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<64xf32>)
  return
}

// -----

func.func @scale_keeps_last_dim(%x: tensor<?x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op scale shape [?, 1] must be the input shape without its last dim [?]
  %q, %s = "accel.quantize"(%x) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?x1xf32>)
  return
}

// -----

func.func @with_region(%x: tensor<4x64xf32>) {
  // CHECK-NEXT: invalid-quantize.mlir:[[# @LINE + 2]]:12: error: 'accel.quantize' op expects no regions
  // IRDL: invalid-quantize.mlir:[[# @LINE + 1]]:12: error: 'accel.quantize' op unexpected number of regions: expected 0 but got 1
  %q, %s = "accel.quantize"(%x) ({}) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}

// CHECK-NOT: Traceback
