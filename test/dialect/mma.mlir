// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.mma: acc (+)= lhs x rhs^T on SRAM tiles.

// CHECK-LABEL: func.func @mma_int8
// CHECK-SAME: (%[[A:.*]]: memref<64x128xi8, #accel.memspace<"sram">>, %[[B:.*]]: memref<32x128xi8, #accel.memspace<"sram">>, %[[ACC:.*]]: memref<64x32xi32, #accel.memspace<"sram">>, %[[TA:.*]]: !accel.token, %[[TB:.*]]: !accel.token)
func.func @mma_int8(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %acc: memref<64x32xi32, #accel.memspace<"sram">>, %ta: !accel.token, %tb: !accel.token) -> !accel.token {
  // CHECK-NEXT: %[[T0:.*]] = "accel.mma"(%[[A]], %[[B]], %[[ACC]], %[[TA]], %[[TB]]) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  %t0 = "accel.mma"(%a, %b, %acc, %ta, %tb) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  // CHECK-NEXT: %[[T1:.*]] = "accel.mma"(%[[A]], %[[B]], %[[ACC]], %[[T0]]) {accumulate = true}
  %t1 = "accel.mma"(%a, %b, %acc, %t0) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  // CHECK-NEXT: return %[[T1]] : !accel.token
  return %t1 : !accel.token
}

// Float operands accumulate in f32; no dependencies.
// CHECK-LABEL: func.func @mma_bf16
// CHECK: "accel.mma"(%{{.*}}, %{{.*}}, %{{.*}}) {accumulate = true} : (memref<16x32xbf16, #accel.memspace<"sram">>, memref<8x32xbf16, #accel.memspace<"sram">>, memref<16x8xf32, #accel.memspace<"sram">>) -> !accel.token
func.func @mma_bf16(%a: memref<16x32xbf16, #accel.memspace<"sram">>, %b: memref<8x32xbf16, #accel.memspace<"sram">>, %acc: memref<16x8xf32, #accel.memspace<"sram">>) -> !accel.token {
  %t = "accel.mma"(%a, %b, %acc) {accumulate = true} : (memref<16x32xbf16, #accel.memspace<"sram">>, memref<8x32xbf16, #accel.memspace<"sram">>, memref<16x8xf32, #accel.memspace<"sram">>) -> !accel.token
  return %t : !accel.token
}
