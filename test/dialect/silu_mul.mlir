// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.silu_mul.

// CHECK-LABEL: func.func @silu_mul
// CHECK-SAME: (%[[G:.*]]: tensor<1x16x688xf32>, %[[U:.*]]: tensor<1x16x688xf32>)
func.func @silu_mul(%g: tensor<1x16x688xf32>, %u: tensor<1x16x688xf32>) -> tensor<1x16x688xf32> {
  // CHECK-NEXT: %[[H:.*]] = "accel.silu_mul"(%[[G]], %[[U]]) : (tensor<1x16x688xf32>, tensor<1x16x688xf32>) -> tensor<1x16x688xf32>
  %h = "accel.silu_mul"(%g, %u) : (tensor<1x16x688xf32>, tensor<1x16x688xf32>) -> tensor<1x16x688xf32>
  // CHECK-NEXT: return %[[H]] : tensor<1x16x688xf32>
  return %h : tensor<1x16x688xf32>
}

// Dynamic rows: the dims agree with anything.
// CHECK-LABEL: func.func @silu_mul_dynamic
// CHECK-SAME: (%[[G:.*]]: tensor<?x512xbf16>, %[[U:.*]]: tensor<4x512xbf16>)
func.func @silu_mul_dynamic(%g: tensor<?x512xbf16>, %u: tensor<4x512xbf16>) -> tensor<?x512xbf16> {
  // CHECK-NEXT: %[[H:.*]] = "accel.silu_mul"(%[[G]], %[[U]]) : (tensor<?x512xbf16>, tensor<4x512xbf16>) -> tensor<?x512xbf16>
  %h = "accel.silu_mul"(%g, %u) : (tensor<?x512xbf16>, tensor<4x512xbf16>) -> tensor<?x512xbf16>
  // CHECK-NEXT: return %[[H]] : tensor<?x512xbf16>
  return %h : tensor<?x512xbf16>
}
