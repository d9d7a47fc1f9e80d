// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.kv_append in both cache layouts.

// Contiguous [B, Hkv, Tmax, D]: one decode token written at position %pos.
// CHECK-LABEL: func.func @append_contiguous
// CHECK-SAME: (%[[C:.*]]: tensor<1x2x128x64xf32>, %[[N:.*]]: tensor<1x2x1x64xf32>, %[[P:.*]]: index)
func.func @append_contiguous(%cache: tensor<1x2x128x64xf32>, %new: tensor<1x2x1x64xf32>, %pos: index) -> tensor<1x2x128x64xf32> {
  // CHECK-NEXT: %[[U:.*]] = "accel.kv_append"(%[[C]], %[[N]], %[[P]]) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, tensor<1x2x1x64xf32>, index) -> tensor<1x2x128x64xf32>
  %u = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, tensor<1x2x1x64xf32>, index) -> tensor<1x2x128x64xf32>
  // CHECK-NEXT: return %[[U]] : tensor<1x2x128x64xf32>
  return %u : tensor<1x2x128x64xf32>
}

// Paged: a pool of 64 blocks of 16 positions and a block table for 2 sequences of
// at most 8 blocks; a prefill of 20 tokens.
// CHECK-LABEL: func.func @append_paged
// CHECK-SAME: (%[[C:.*]]: tensor<64x2x16x64xf16>, %[[N:.*]]: tensor<2x2x20x64xf16>, %[[P:.*]]: index, %[[T:.*]]: tensor<2x8xi32>)
func.func @append_paged(%pool: tensor<64x2x16x64xf16>, %new: tensor<2x2x20x64xf16>, %pos: index, %table: tensor<2x8xi32>) -> tensor<64x2x16x64xf16> {
  // CHECK-NEXT: %[[U:.*]] = "accel.kv_append"(%[[C]], %[[N]], %[[P]], %[[T]]) {layout = "paged"} : (tensor<64x2x16x64xf16>, tensor<2x2x20x64xf16>, index, tensor<2x8xi32>) -> tensor<64x2x16x64xf16>
  %u = "accel.kv_append"(%pool, %new, %pos, %table) {layout = "paged"} : (tensor<64x2x16x64xf16>, tensor<2x2x20x64xf16>, index, tensor<2x8xi32>) -> tensor<64x2x16x64xf16>
  // CHECK-NEXT: return %[[U]] : tensor<64x2x16x64xf16>
  return %u : tensor<64x2x16x64xf16>
}
