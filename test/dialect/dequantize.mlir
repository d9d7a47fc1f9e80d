// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.dequantize: int8 and packed int4 weights, per-row and
// per-group scales.

// CHECK-LABEL: func.func @dequantize_int8_per_channel
// CHECK-SAME: (%[[Q:.*]]: tensor<32x64xi8>, %[[S:.*]]: tensor<32xf32>)
func.func @dequantize_int8_per_channel(%q: tensor<32x64xi8>, %s: tensor<32xf32>) -> tensor<32x64xf32> {
  // CHECK-NEXT: %[[W:.*]] = "accel.dequantize"(%[[Q]], %[[S]]) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<32x64xi8>, tensor<32xf32>) -> tensor<32x64xf32>
  // CHECK-NEXT: return %[[W]] : tensor<32x64xf32>
  return %w : tensor<32x64xf32>
}

// int4: two values per byte along K, so 32 bytes hold K = 64; two groups of 32.
// CHECK-LABEL: func.func @dequantize_int4_per_group
// CHECK-SAME: (%[[Q:.*]]: tensor<16x32xi8>, %[[S:.*]]: tensor<16x2xf32>)
func.func @dequantize_int4_per_group(%q: tensor<16x32xi8>, %s: tensor<16x2xf32>) -> tensor<16x64xf32> {
  // CHECK-NEXT: %[[W:.*]] = "accel.dequantize"(%[[Q]], %[[S]]) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
  // CHECK-NEXT: return %[[W]] : tensor<16x64xf32>
  return %w : tensor<16x64xf32>
}

// int8 with per-group scales and a half-precision result.
// CHECK-LABEL: func.func @dequantize_int8_per_group_f16
// CHECK: "accel.dequantize"(%{{.*}}, %{{.*}}) {bits = 8 : i64, group_size = 16 : i64} : (tensor<8x64xi8>, tensor<8x4xf32>) -> tensor<8x64xf16>
func.func @dequantize_int8_per_group_f16(%q: tensor<8x64xi8>, %s: tensor<8x4xf32>) -> tensor<8x64xf16> {
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 16 : i64} : (tensor<8x64xi8>, tensor<8x4xf32>) -> tensor<8x64xf16>
  return %w : tensor<8x64xf16>
}

// Dynamic rows.
// CHECK-LABEL: func.func @dequantize_dynamic_rows
// CHECK: "accel.dequantize"(%{{.*}}, %{{.*}}) {bits = 8 : i64, group_size = 0 : i64} : (tensor<?x64xi8>, tensor<?xf32>) -> tensor<?x64xf32>
func.func @dequantize_dynamic_rows(%q: tensor<?x64xi8>, %s: tensor<?xf32>) -> tensor<?x64xf32> {
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<?x64xi8>, tensor<?xf32>) -> tensor<?x64xf32>
  return %w : tensor<?x64xf32>
}
