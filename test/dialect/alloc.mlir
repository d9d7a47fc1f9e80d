// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.alloc: static SRAM buffers at byte offsets of the memory plan.

// CHECK-LABEL: func.func @alloc_buffers
func.func @alloc_buffers() -> memref<64x32xi32, #accel.memspace<"sram">> {
  // CHECK-NEXT: %[[A:.*]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %a = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[ACC:.*]] = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
  %acc = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
  // CHECK-NEXT: "accel.alloc"() {offset = 12288 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
  %scales = "accel.alloc"() {offset = 12288 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
  // CHECK-NEXT: return %[[ACC]] : memref<64x32xi32, #accel.memspace<"sram">>
  return %acc : memref<64x32xi32, #accel.memspace<"sram">>
}

// Any element type and rank; the offset is a plain byte address.
// CHECK-LABEL: func.func @alloc_bf16_3d
// CHECK-NEXT: "accel.alloc"() {offset = 1048576 : i64} : () -> memref<2x16x16xbf16, #accel.memspace<"sram">>
func.func @alloc_bf16_3d() {
  %0 = "accel.alloc"() {offset = 1048576 : i64} : () -> memref<2x16x16xbf16, #accel.memspace<"sram">>
  return
}
