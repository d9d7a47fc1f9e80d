// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.kv_read, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @one_operand(%cache: tensor<1x2x64x16xf32>) {
  // CHECK: invalid-kv_read.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_read' op expects 2 or 3 operands, got 1
  // IRDL: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: op expects at least 2 operands, but got 1
  %k = "accel.kv_read"(%cache) {layout = "contiguous"} : (tensor<1x2x64x16xf32>) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @missing_layout(%cache: tensor<1x2x64x16xf32>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_read' op requires attribute 'layout'
  // IRDL: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op attribute "layout" is expected but not provided
  %k = "accel.kv_read"(%cache, %n) : (tensor<1x2x64x16xf32>, index) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @rank3_cache(%cache: tensor<2x64x16xf32>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op operand 'cache': expected rank-4 tensor of any element type, got tensor<2x64x16xf32>
  %k = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<2x64x16xf32>, index) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @tensor_length(%cache: tensor<1x2x64x16xf32>, %n: tensor<index>) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_read' op operand 'length': expected index, got tensor<index>
  // IRDL: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: expected 'index' but got 'tensor<index>'
  %k = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<index>) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @paged_without_table(%pool: tensor<32x2x16x16xf32>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op layout "paged" needs a block_table operand
  %k = "accel.kv_read"(%pool, %n) {layout = "paged"} : (tensor<32x2x16x16xf32>, index) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @contiguous_with_table(%cache: tensor<1x2x64x16xf32>, %n: index, %t: tensor<1x4xi32>) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op layout "contiguous" takes no block_table operand
  %k = "accel.kv_read"(%cache, %n, %t) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, index, tensor<1x4xi32>) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @element_types(%cache: tensor<1x2x64x16xi8>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op result and cache element types differ: tensor<1x2x?x16xf32> vs tensor<1x2x64x16xi8>
  %k = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<1x2x64x16xi8>, index) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @result_head_dim(%cache: tensor<1x2x64x16xf32>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op result shape [1, 2, ?, 32] must be [B, Hkv, T, D] = [1, 2, ?, 16]
  %k = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, index) -> tensor<1x2x?x32xf32>
  return
}

// -----

func.func @paged_batch(%pool: tensor<32x2x16x16xf32>, %n: index, %t: tensor<2x4xi32>) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op result shape [1, 2, ?, 16] must be [B, Hkv, T, D] = [2, 2, ?, 16]
  %k = "accel.kv_read"(%pool, %n, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, index, tensor<2x4xi32>) -> tensor<1x2x?x16xf32>
  return
}

// -----

func.func @contiguous_capacity(%cache: tensor<1x2x64x16xf32>, %n: index) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op 65 positions do not fit a cache of 64 positions per sequence
  %k = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, index) -> tensor<1x2x65x16xf32>
  return
}

// -----

func.func @paged_capacity(%pool: tensor<32x2x16x16xf32>, %n: index, %t: tensor<1x4xi32>) {
  // CHECK-NEXT: invalid-kv_read.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_read' op 80 positions do not fit a cache of 64 positions per sequence
  %k = "accel.kv_read"(%pool, %n, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, index, tensor<1x4xi32>) -> tensor<1x2x80x16xf32>
  return
}

// CHECK-NOT: Traceback
