// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.kv_read in both cache layouts, and the decode step they are
// for: append the new K and V, read everything cached, attend with the causal mask
// aligned to the end.

// CHECK-LABEL: func.func @read_contiguous
// CHECK-SAME: (%[[C:.*]]: tensor<1x2x128x64xf32>, %[[L:.*]]: index)
func.func @read_contiguous(%cache: tensor<1x2x128x64xf32>, %len: index) -> tensor<1x2x?x64xf32> {
  // CHECK-NEXT: %[[K:.*]] = "accel.kv_read"(%[[C]], %[[L]]) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, index) -> tensor<1x2x?x64xf32>
  %k = "accel.kv_read"(%cache, %len) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, index) -> tensor<1x2x?x64xf32>
  // CHECK-NEXT: return %[[K]] : tensor<1x2x?x64xf32>
  return %k : tensor<1x2x?x64xf32>
}

// A static length: the result's T must equal %len at run time.
// CHECK-LABEL: func.func @read_paged_static
// CHECK-SAME: (%[[C:.*]]: tensor<64x2x16x64xf32>, %[[L:.*]]: index, %[[T:.*]]: tensor<2x8xi32>)
func.func @read_paged_static(%pool: tensor<64x2x16x64xf32>, %len: index, %table: tensor<2x8xi32>) -> tensor<2x2x40x64xf32> {
  // CHECK-NEXT: %[[K:.*]] = "accel.kv_read"(%[[C]], %[[L]], %[[T]]) {layout = "paged"} : (tensor<64x2x16x64xf32>, index, tensor<2x8xi32>) -> tensor<2x2x40x64xf32>
  %k = "accel.kv_read"(%pool, %len, %table) {layout = "paged"} : (tensor<64x2x16x64xf32>, index, tensor<2x8xi32>) -> tensor<2x2x40x64xf32>
  // CHECK-NEXT: return %[[K]] : tensor<2x2x40x64xf32>
  return %k : tensor<2x2x40x64xf32>
}

// CHECK-LABEL: func.func @decode_step
// CHECK: %[[KC:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %[[POS:.*]]) {layout = "contiguous"}
// CHECK: %[[VC:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %[[POS]]) {layout = "contiguous"}
// CHECK: %[[LEN:.*]] = arith.addi %[[POS]], %{{.*}} : index
// CHECK: %[[K:.*]] = "accel.kv_read"(%[[KC]], %[[LEN]]) {layout = "contiguous"}
// CHECK: %[[V:.*]] = "accel.kv_read"(%[[VC]], %[[LEN]]) {layout = "contiguous"}
// CHECK: "accel.attention"(%{{.*}}, %[[K]], %[[V]]) {causal = true, num_heads = 8 : i64, num_kv_heads = 2 : i64, scale = 1.250000e-01 : f64} : (tensor<1x8x1x64xf32>, tensor<1x2x?x64xf32>, tensor<1x2x?x64xf32>) -> tensor<1x8x1x64xf32>
func.func @decode_step(%q: tensor<1x8x1x64xf32>, %k_new: tensor<1x2x1x64xf32>, %v_new: tensor<1x2x1x64xf32>, %k_cache: tensor<1x2x128x64xf32>, %v_cache: tensor<1x2x128x64xf32>, %pos: index) -> (tensor<1x8x1x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>) {
  %kc = "accel.kv_append"(%k_cache, %k_new, %pos) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, tensor<1x2x1x64xf32>, index) -> tensor<1x2x128x64xf32>
  %vc = "accel.kv_append"(%v_cache, %v_new, %pos) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, tensor<1x2x1x64xf32>, index) -> tensor<1x2x128x64xf32>
  %one = arith.constant 1 : index
  %len = arith.addi %pos, %one : index
  %k = "accel.kv_read"(%kc, %len) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, index) -> tensor<1x2x?x64xf32>
  %v = "accel.kv_read"(%vc, %len) {layout = "contiguous"} : (tensor<1x2x128x64xf32>, index) -> tensor<1x2x?x64xf32>
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 0.125 : f64} : (tensor<1x8x1x64xf32>, tensor<1x2x?x64xf32>, tensor<1x2x?x64xf32>) -> tensor<1x8x1x64xf32>
  return %o, %kc, %vc : tensor<1x8x1x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32>
}
