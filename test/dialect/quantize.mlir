// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.quantize: one f32 scale per row, over the last dim.

// CHECK-LABEL: func.func @quantize_rows
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>)
func.func @quantize_rows(%x: tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>) {
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  %q, %scale = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  // CHECK-NEXT: return %[[Q]]#0, %[[Q]]#1 : tensor<4x64xi8>, tensor<4xf32>
  return %q, %scale : tensor<4x64xi8>, tensor<4xf32>
}

// A batch of rows: the scale keeps every dim but the last.
// CHECK-LABEL: func.func @quantize_batched_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<2x8x128xbf16>)
func.func @quantize_batched_bf16(%x: tensor<2x8x128xbf16>) -> tensor<2x8xf32> {
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<2x8x128xbf16>) -> (tensor<2x8x128xi8>, tensor<2x8xf32>)
  %q, %scale = "accel.quantize"(%x) : (tensor<2x8x128xbf16>) -> (tensor<2x8x128xi8>, tensor<2x8xf32>)
  // CHECK-NEXT: return %[[Q]]#1 : tensor<2x8xf32>
  return %scale : tensor<2x8xf32>
}

// A single vector has one scale: a rank-0 tensor.
// CHECK-LABEL: func.func @quantize_vector_f16
// CHECK-SAME: (%[[X:.*]]: tensor<64xf16>)
func.func @quantize_vector_f16(%x: tensor<64xf16>) -> tensor<f32> {
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<64xf16>) -> (tensor<64xi8>, tensor<f32>)
  %q, %scale = "accel.quantize"(%x) : (tensor<64xf16>) -> (tensor<64xi8>, tensor<f32>)
  // CHECK-NEXT: return %[[Q]]#1 : tensor<f32>
  return %scale : tensor<f32>
}

// Dynamic dims agree with anything.
// CHECK-LABEL: func.func @quantize_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>)
func.func @quantize_dynamic(%x: tensor<?x64xf32>) -> tensor<?x64xi8> {
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>)
  %q, %scale = "accel.quantize"(%x) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>)
  // CHECK-NEXT: return %[[Q]]#0 : tensor<?x64xi8>
  return %q : tensor<?x64xi8>
}
