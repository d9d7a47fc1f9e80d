// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.dequantize, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @one_operand(%q: tensor<32x64xi8>) {
  // CHECK: invalid-dequantize.mlir:[[# @LINE + 2]]:8: error: 'accel.dequantize' op expects 2 operands, got 1
  // IRDL: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: op expects exactly 2 operands, but got 1
  %w = "accel.dequantize"(%q) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>) -> tensor<32x64xf32>
  return
}

// -----

func.func @missing_group_size(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 2]]:8: error: 'accel.dequantize' op requires attribute 'group_size'
  // IRDL: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op attribute "group_size" is expected but not provided
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @bits_as_string(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 2]]:8: error: 'accel.dequantize' op attribute 'bits': expected a 64-bit integer >= 1, got "8"
  // IRDL: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: expected base attribute 'builtin.integer' but got 'builtin.string'
  %w = "accel.dequantize"(%q, %s) {bits = "8", group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @zero_bits(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op attribute 'bits': expected a 64-bit integer >= 1, got 0
  %w = "accel.dequantize"(%q, %s) {bits = 0 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @negative_group_size(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op attribute 'group_size': expected a 64-bit integer >= 0, got -32
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = -32 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @two_bits(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op bits must be 4 or 8, got 2
  %w = "accel.dequantize"(%q, %s) {bits = 2 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @rank3_input(%q: tensor<2x32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op operand 'input': expected rank-2 tensor of i8, got tensor<2x32x64xi8>
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<2x32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @i4_element_input(%q: tensor<32x64xi4>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op operand 'input': expected rank-2 tensor of i8, got tensor<32x64xi4>
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 0 : i64} : (tensor<32x64xi4>, tensor<32xf32>) -> tensor<32x128xf32>
  return
}

// -----

func.func @f64_scale(%q: tensor<32x64xi8>, %s: tensor<32xf64>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op operand 'scale': expected tensor of f32, got tensor<32xf64>
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf64>) -> tensor<32x64xf32>
  return
}

// -----

func.func @integer_output(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op result 'output': expected rank-2 tensor of float, got tensor<32x64xi32>
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xi32>
  return
}

// -----

func.func @output_rows(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op output rows 16 must equal input rows 32
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<16x64xf32>
  return
}

// -----

func.func @output_cols_int8(%q: tensor<32x64xi8>, %s: tensor<32xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op output shape [32, 128] must equal input shape [32, 64] for 8-bit values
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x128xf32>
  return
}

// -----

// int4 packs two values per byte: K = 64 needs 32 bytes per row, not 64.
func.func @int4_unpacked(%q: tensor<16x64xi8>, %s: tensor<16x2xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op int4 weights pack two values per byte along K: expected 32 bytes per row for K = 64, got 64
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x64xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
  return
}

// -----

func.func @per_channel_scale_shape(%q: tensor<32x64xi8>, %s: tensor<64xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op per-channel scales must have shape [32], got [64]
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<64xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @group_does_not_divide(%q: tensor<32x64xi8>, %s: tensor<32x3xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op group_size 24 must divide K = 64
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 24 : i64} : (tensor<32x64xi8>, tensor<32x3xf32>) -> tensor<32x64xf32>
  return
}

// -----

func.func @per_group_scale_shape(%q: tensor<16x32xi8>, %s: tensor<16x4xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op per-group scales must have shape [16, 2] (K / group_size), got [16, 4]
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x4xf32>) -> tensor<16x64xf32>
  return
}

// -----

// A dynamic K: the number of groups is unknown and printed as '?'.
func.func @per_group_scale_rank(%q: tensor<16x?xi8>, %s: tensor<16xf32>) {
  // CHECK-NEXT: invalid-dequantize.mlir:[[# @LINE + 1]]:8: error: 'accel.dequantize' op per-group scales must have shape [16, ?] (K / group_size), got [16]
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 32 : i64} : (tensor<16x?xi8>, tensor<16xf32>) -> tensor<16x?xf32>
  return
}

// CHECK-NOT: Traceback
