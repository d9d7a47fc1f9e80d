// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.kv_append, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @two_operands(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x2x1x16xf32>) {
  // CHECK: invalid-kv_append.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_append' op expects 3 or 4 operands, got 2
  // IRDL: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: op expects at least 3 operands, but got 2
  %c = "accel.kv_append"(%cache, %new) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<1x2x1x16xf32>) -> tensor<1x2x64x16xf32>
  return
}

// -----

func.func @unknown_layout(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_append' op attribute 'layout': expected one of "contiguous", "paged", got "ring"
  // IRDL: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: '"ring"' does not satisfy the constraint
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "ring"} : (tensor<1x2x64x16xf32>, tensor<1x2x1x16xf32>, index) -> tensor<1x2x64x16xf32>
  return
}

// -----

func.func @i64_position(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: i64) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 2]]:8: error: 'accel.kv_append' op operand 'pos': expected index, got i64
  // IRDL: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: expected 'index' but got 'i64'
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<1x2x1x16xf32>, i64) -> tensor<1x2x64x16xf32>
  return
}

// -----

func.func @i64_block_table(%pool: tensor<32x2x16x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index, %t: tensor<1x4xi64>) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op operand 'block_table': expected rank-2 tensor of i32, got tensor<1x4xi64>
  %c = "accel.kv_append"(%pool, %new, %pos, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, tensor<1x2x1x16xf32>, index, tensor<1x4xi64>) -> tensor<32x2x16x16xf32>
  return
}

// -----

func.func @paged_without_table(%pool: tensor<32x2x16x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op layout "paged" needs a block_table operand
  %c = "accel.kv_append"(%pool, %new, %pos) {layout = "paged"} : (tensor<32x2x16x16xf32>, tensor<1x2x1x16xf32>, index) -> tensor<32x2x16x16xf32>
  return
}

// -----

func.func @contiguous_with_table(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index, %t: tensor<1x4xi32>) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op layout "contiguous" takes no block_table operand
  %c = "accel.kv_append"(%cache, %new, %pos, %t) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<1x2x1x16xf32>, index, tensor<1x4xi32>) -> tensor<1x2x64x16xf32>
  return
}

// -----

func.func @element_types(%cache: tensor<1x2x64x16xf16>, %new: tensor<1x2x1x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op new and cache element types differ: tensor<1x2x1x16xf32> vs tensor<1x2x64x16xf16>
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x64x16xf16>, tensor<1x2x1x16xf32>, index) -> tensor<1x2x64x16xf16>
  return
}

// -----

func.func @new_heads(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x8x1x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op new shape [1, 8, 1, 16] must be [B, Hkv, S, D] = [1, 2, ?, 16]
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<1x8x1x16xf32>, index) -> tensor<1x2x64x16xf32>
  return
}

// -----

func.func @paged_batch(%pool: tensor<32x2x16x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index, %t: tensor<3x4xi32>) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op new shape [1, 2, 1, 16] must be [B, Hkv, S, D] = [3, 2, ?, 16]
  %c = "accel.kv_append"(%pool, %new, %pos, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, tensor<1x2x1x16xf32>, index, tensor<3x4xi32>) -> tensor<32x2x16x16xf32>
  return
}

// -----

func.func @contiguous_capacity(%cache: tensor<1x2x8x16xf32>, %new: tensor<1x2x9x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op 9 positions do not fit a cache of 8 positions per sequence
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x8x16xf32>, tensor<1x2x9x16xf32>, index) -> tensor<1x2x8x16xf32>
  return
}

// -----

func.func @paged_capacity(%pool: tensor<32x2x16x16xf32>, %new: tensor<1x2x65x16xf32>, %pos: index, %t: tensor<1x4xi32>) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op 65 positions do not fit a cache of 64 positions per sequence
  %c = "accel.kv_append"(%pool, %new, %pos, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, tensor<1x2x65x16xf32>, index, tensor<1x4xi32>) -> tensor<32x2x16x16xf32>
  return
}

// -----

func.func @result_type(%cache: tensor<1x2x64x16xf32>, %new: tensor<1x2x1x16xf32>, %pos: index) {
  // CHECK-NEXT: invalid-kv_append.mlir:[[# @LINE + 1]]:8: error: 'accel.kv_append' op result type tensor<1x2x?x16xf32> must be the cache type tensor<1x2x64x16xf32>
  %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x64x16xf32>, tensor<1x2x1x16xf32>, index) -> tensor<1x2x?x16xf32>
  return
}

// CHECK-NOT: Traceback
