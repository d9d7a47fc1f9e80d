// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.qmatmul in its three schemes. Attributes print sorted.

// CHECK-LABEL: func.func @qmatmul_w8a8
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xi8>, %[[W:.*]]: tensor<32x64xi8>, %[[WS:.*]]: tensor<32xf32>, %[[XS:.*]]: tensor<4xf32>)
func.func @qmatmul_w8a8(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) -> tensor<4x32xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.qmatmul"(%[[X]], %[[W]], %[[WS]], %[[XS]]) {group_size = 0 : i64, scheme = "w8a8"} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// Float activations: no lhs_scale operand.
// CHECK-LABEL: func.func @qmatmul_w8a16
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xbf16>, %[[W:.*]]: tensor<32x64xi8>, %[[WS:.*]]: tensor<32xf32>)
func.func @qmatmul_w8a16(%x: tensor<4x64xbf16>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) -> tensor<4x32xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.qmatmul"(%[[X]], %[[W]], %[[WS]]) {group_size = 0 : i64, scheme = "w8a16"} : (tensor<4x64xbf16>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xbf16>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// int4 weights packed along K (32 bytes for K = 64), two groups of 32.
// CHECK-LABEL: func.func @qmatmul_w4a16
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>, %[[W:.*]]: tensor<32x32xi8>, %[[WS:.*]]: tensor<32x2xf32>)
func.func @qmatmul_w4a16(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32x2xf32>) -> tensor<4x32xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.qmatmul"(%[[X]], %[[W]], %[[WS]]) {group_size = 32 : i64, scheme = "w4a16"} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// The w8a8 pipeline at L2: quantize the activations, then the integer matmul.
// CHECK-LABEL: func.func @qmatmul_after_quantize
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>, %[[W:.*]]: tensor<32x64xi8>, %[[WS:.*]]: tensor<32xf32>)
func.func @qmatmul_after_quantize(%x: tensor<?x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) -> tensor<?x32xf32> {
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]])
  %q, %xs = "accel.quantize"(%x) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>)
  // CHECK-NEXT: %[[Y:.*]] = "accel.qmatmul"(%[[Q]]#0, %[[W]], %[[WS]], %[[Q]]#1) {group_size = 0 : i64, scheme = "w8a8"} : (tensor<?x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<?xf32>) -> tensor<?x32xf32>
  %y = "accel.qmatmul"(%q, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<?x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<?xf32>) -> tensor<?x32xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<?x32xf32>
  return %y : tensor<?x32xf32>
}
