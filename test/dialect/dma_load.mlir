// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.dma_load: DRAM window -> SRAM buffer, returning a token.

// CHECK-LABEL: func.func @dma_load_window
// CHECK-SAME: (%[[A:.*]]: memref<128x256xi8>)
func.func @dma_load_window(%a: memref<128x256xi8>) -> !accel.token {
  // CHECK-NEXT: %[[BUF:.*]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
  %buf = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[WIN:.*]] = memref.subview %[[A]][64, 128] [64, 128] [1, 1]
  %win = memref.subview %a[64, 128] [64, 128] [1, 1] : memref<128x256xi8> to memref<64x128xi8, strided<[256, 1], offset: 16512>>
  // CHECK-NEXT: %[[T:.*]] = "accel.dma_load"(%[[WIN]], %[[BUF]]) : (memref<64x128xi8, strided<[256, 1], offset: 16512>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
  %t = "accel.dma_load"(%win, %buf) : (memref<64x128xi8, strided<[256, 1], offset: 16512>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
  // CHECK-NEXT: return %[[T]] : !accel.token
  return %t : !accel.token
}

// Waits for two tokens; the source is explicitly in DRAM.
// CHECK-LABEL: func.func @dma_load_after_deps
// CHECK-SAME: (%[[SRC:.*]]: memref<32x32xf32, #accel.memspace<"dram">>, %[[DST:.*]]: memref<32x32xf32, #accel.memspace<"sram">>, %[[T0:.*]]: !accel.token, %[[T1:.*]]: !accel.token)
func.func @dma_load_after_deps(%src: memref<32x32xf32, #accel.memspace<"dram">>, %dst: memref<32x32xf32, #accel.memspace<"sram">>, %t0: !accel.token, %t1: !accel.token) -> !accel.token {
  // CHECK-NEXT: %[[T:.*]] = "accel.dma_load"(%[[SRC]], %[[DST]], %[[T0]], %[[T1]]) : (memref<32x32xf32, #accel.memspace<"dram">>, memref<32x32xf32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  %t = "accel.dma_load"(%src, %dst, %t0, %t1) : (memref<32x32xf32, #accel.memspace<"dram">>, memref<32x32xf32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  // CHECK-NEXT: return %[[T]] : !accel.token
  return %t : !accel.token
}

// An edge tile: the window is smaller than the buffer (dynamic dims are allowed).
// CHECK-LABEL: func.func @dma_load_edge_tile
// CHECK: "accel.dma_load"(%{{.*}}, %{{.*}}) : (memref<?x100xi8, strided<[?, 1], offset: ?>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
func.func @dma_load_edge_tile(%win: memref<?x100xi8, strided<[?, 1], offset: ?>>, %buf: memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token {
  %t = "accel.dma_load"(%win, %buf) : (memref<?x100xi8, strided<[?, 1], offset: ?>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
  return %t : !accel.token
}

// On DMA queue 1: its engine serves it after the transfers issued before it there.
// CHECK-LABEL: func.func @dma_load_on_a_queue
// CHECK: "accel.dma_load"(%{{.*}}, %{{.*}}) {queue = 1 : i64} : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
func.func @dma_load_on_a_queue(%src: memref<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token {
  %t = "accel.dma_load"(%src, %dst) {queue = 1 : i64} : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return %t : !accel.token
}
