// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.softmax.

// Attention probabilities: over the keys.
// CHECK-LABEL: func.func @softmax_keys
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x16x16xf32>)
func.func @softmax_keys(%x: tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32> {
  // CHECK-NEXT: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 3 : i64} : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  %p = "accel.softmax"(%x) {axis = 3 : i64} : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
  // CHECK-NEXT: return %[[P]] : tensor<1x8x16x16xf32>
  return %p : tensor<1x8x16x16xf32>
}

// Over a leading dynamic axis, f16.
// CHECK-LABEL: func.func @softmax_axis0
// CHECK-SAME: (%[[X:.*]]: tensor<?x10xf16>)
func.func @softmax_axis0(%x: tensor<?x10xf16>) -> tensor<?x10xf16> {
  // CHECK-NEXT: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 0 : i64} : (tensor<?x10xf16>) -> tensor<?x10xf16>
  %p = "accel.softmax"(%x) {axis = 0 : i64} : (tensor<?x10xf16>) -> tensor<?x10xf16>
  // CHECK-NEXT: return %[[P]] : tensor<?x10xf16>
  return %p : tensor<?x10xf16>
}
