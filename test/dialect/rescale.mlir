// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.rescale: the w8a8 epilogue of an i32 tile on the vector unit.

// CHECK-LABEL: func.func @rescale_tile
// CHECK-SAME: (%[[ACC:.*]]: memref<64x32xi32, #accel.memspace<"sram">>, %[[RS:.*]]: memref<64xf32, #accel.memspace<"sram">>, %[[CS:.*]]: memref<32xf32, #accel.memspace<"sram">>, %[[OUT:.*]]: memref<64x32xf32, #accel.memspace<"sram">>, %[[DONE:.*]]: !accel.token)
func.func @rescale_tile(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>, %done: !accel.token) -> !accel.token {
  // CHECK-NEXT: %[[T:.*]] = "accel.rescale"(%[[ACC]], %[[RS]], %[[CS]], %[[OUT]], %[[DONE]]) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %t = "accel.rescale"(%acc, %rs, %cs, %out, %done) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  // CHECK-NEXT: return %[[T]] : !accel.token
  return %t : !accel.token
}

// Without dependencies, on buffers from accel.alloc.
// CHECK-LABEL: func.func @rescale_allocated
// CHECK: %[[ACC:.*]] = "accel.alloc"() {offset = 0 : i64}
// CHECK: %[[RS:.*]] = "accel.alloc"() {offset = 1024 : i64}
// CHECK: %[[CS:.*]] = "accel.alloc"() {offset = 1088 : i64}
// CHECK: %[[OUT:.*]] = "accel.alloc"() {offset = 1152 : i64}
// CHECK: "accel.rescale"(%[[ACC]], %[[RS]], %[[CS]], %[[OUT]]) : (memref<16x16xi32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>, memref<16x16xf32, #accel.memspace<"sram">>) -> !accel.token
func.func @rescale_allocated() -> !accel.token {
  %acc = "accel.alloc"() {offset = 0 : i64} : () -> memref<16x16xi32, #accel.memspace<"sram">>
  %rs = "accel.alloc"() {offset = 1024 : i64} : () -> memref<16xf32, #accel.memspace<"sram">>
  %cs = "accel.alloc"() {offset = 1088 : i64} : () -> memref<16xf32, #accel.memspace<"sram">>
  %out = "accel.alloc"() {offset = 1152 : i64} : () -> memref<16x16xf32, #accel.memspace<"sram">>
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<16x16xi32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>, memref<16x16xf32, #accel.memspace<"sram">>) -> !accel.token
  return %t : !accel.token
}
