// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.rope with each rank of cos/sin table.

// transformers' cos.unsqueeze(1): [B, 1, S, D].
// CHECK-LABEL: func.func @rope_unsqueezed
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x16x32xf32>, %[[C:.*]]: tensor<1x1x16x32xf32>, %[[S:.*]]: tensor<1x1x16x32xf32>)
func.func @rope_unsqueezed(%x: tensor<1x8x16x32xf32>, %cos: tensor<1x1x16x32xf32>, %sin: tensor<1x1x16x32xf32>) -> tensor<1x8x16x32xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.rope"(%[[X]], %[[C]], %[[S]]) : (tensor<1x8x16x32xf32>, tensor<1x1x16x32xf32>, tensor<1x1x16x32xf32>) -> tensor<1x8x16x32xf32>
  %y = "accel.rope"(%x, %cos, %sin) : (tensor<1x8x16x32xf32>, tensor<1x1x16x32xf32>, tensor<1x1x16x32xf32>) -> tensor<1x8x16x32xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<1x8x16x32xf32>
  return %y : tensor<1x8x16x32xf32>
}

// A [S, D] table shared by the batch and the heads; a dynamic sequence.
// CHECK-LABEL: func.func @rope_table
// CHECK-SAME: (%[[X:.*]]: tensor<2x2x?x64xf32>, %[[C:.*]]: tensor<?x64xf32>, %[[S:.*]]: tensor<?x64xf32>)
func.func @rope_table(%x: tensor<2x2x?x64xf32>, %cos: tensor<?x64xf32>, %sin: tensor<?x64xf32>) -> tensor<2x2x?x64xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.rope"(%[[X]], %[[C]], %[[S]]) : (tensor<2x2x?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<2x2x?x64xf32>
  %y = "accel.rope"(%x, %cos, %sin) : (tensor<2x2x?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>) -> tensor<2x2x?x64xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<2x2x?x64xf32>
  return %y : tensor<2x2x?x64xf32>
}

// A rank-3 table aligns with [H, S, D] (numpy broadcasting), here per head.
// CHECK-LABEL: func.func @rope_per_head
// CHECK-SAME: (%[[X:.*]]: tensor<3x4x8x16xf16>, %[[C:.*]]: tensor<4x8x16xf16>, %[[S:.*]]: tensor<4x8x16xf16>)
func.func @rope_per_head(%x: tensor<3x4x8x16xf16>, %cos: tensor<4x8x16xf16>, %sin: tensor<4x8x16xf16>) -> tensor<3x4x8x16xf16> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.rope"(%[[X]], %[[C]], %[[S]]) : (tensor<3x4x8x16xf16>, tensor<4x8x16xf16>, tensor<4x8x16xf16>) -> tensor<3x4x8x16xf16>
  %y = "accel.rope"(%x, %cos, %sin) : (tensor<3x4x8x16xf16>, tensor<4x8x16xf16>, tensor<4x8x16xf16>) -> tensor<3x4x8x16xf16>
  // CHECK-NEXT: return %[[Y]] : tensor<3x4x8x16xf16>
  return %y : tensor<3x4x8x16xf16>
}
