// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.dma_store: SRAM buffer -> DRAM window, returning a token.

// CHECK-LABEL: func.func @dma_store_window
// CHECK-SAME: (%[[BUF:.*]]: memref<64x64xf32, #accel.memspace<"sram">>, %[[C:.*]]: memref<128x512xf32>, %[[DONE:.*]]: !accel.token)
func.func @dma_store_window(%buf: memref<64x64xf32, #accel.memspace<"sram">>, %c: memref<128x512xf32>, %done: !accel.token) -> !accel.token {
  // CHECK-NEXT: %[[WIN:.*]] = memref.subview %[[C]][64, 0] [64, 64] [1, 1]
  %win = memref.subview %c[64, 0] [64, 64] [1, 1] : memref<128x512xf32> to memref<64x64xf32, strided<[512, 1], offset: 32768>>
  // CHECK-NEXT: %[[T:.*]] = "accel.dma_store"(%[[BUF]], %[[WIN]], %[[DONE]]) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, strided<[512, 1], offset: 32768>>, !accel.token) -> !accel.token
  %t = "accel.dma_store"(%buf, %win, %done) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, strided<[512, 1], offset: 32768>>, !accel.token) -> !accel.token
  // CHECK-NEXT: return %[[T]] : !accel.token
  return %t : !accel.token
}

// No dependencies; the window is the origin corner of a larger buffer.
// CHECK-LABEL: func.func @dma_store_corner
// CHECK-SAME: (%[[BUF:.*]]: memref<64x64xi32, #accel.memspace<"sram">>, %[[WIN:.*]]: memref<10x64xi32, #accel.memspace<"dram">>)
func.func @dma_store_corner(%buf: memref<64x64xi32, #accel.memspace<"sram">>, %win: memref<10x64xi32, #accel.memspace<"dram">>) {
  // CHECK-NEXT: %[[T:.*]] = "accel.dma_store"(%[[BUF]], %[[WIN]]) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<10x64xi32, #accel.memspace<"dram">>) -> !accel.token
  %t = "accel.dma_store"(%buf, %win) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<10x64xi32, #accel.memspace<"dram">>) -> !accel.token
  // CHECK-NEXT: "accel.wait"(%[[T]]) : (!accel.token) -> ()
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}
