// A 128x64 int8 tile of a GEMM at the scheduled level: two K steps, double-buffered.
func.func @gemm_tile(%a: memref<128x256xi8>, %b: memref<64x256xi8>, %c: memref<128x64xi32>) {
  %a0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<128x128xi8, #accel.memspace<"sram">>
  %b0 = "accel.alloc"() {offset = 16384 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
  %a1 = "accel.alloc"() {offset = 24576 : i64} : () -> memref<128x128xi8, #accel.memspace<"sram">>
  %b1 = "accel.alloc"() {offset = 40960 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
  %acc = "accel.alloc"() {offset = 49152 : i64} : () -> memref<128x64xi32, #accel.memspace<"sram">>
  %wa0 = memref.subview %a[0, 0] [128, 128] [1, 1] : memref<128x256xi8> to memref<128x128xi8, strided<[256, 1]>>
  %wb0 = memref.subview %b[0, 0] [64, 128] [1, 1] : memref<64x256xi8> to memref<64x128xi8, strided<[256, 1]>>
  %ta0 = "accel.dma_load"(%wa0, %a0) : (memref<128x128xi8, strided<[256, 1]>>, memref<128x128xi8, #accel.memspace<"sram">>) -> !accel.token
  %tb0 = "accel.dma_load"(%wb0, %b0) : (memref<64x128xi8, strided<[256, 1]>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
  %wa1 = memref.subview %a[0, 128] [128, 128] [1, 1] : memref<128x256xi8> to memref<128x128xi8, strided<[256, 1], offset: 128>>
  %wb1 = memref.subview %b[0, 128] [64, 128] [1, 1] : memref<64x256xi8> to memref<64x128xi8, strided<[256, 1], offset: 128>>
  %ta1 = "accel.dma_load"(%wa1, %a1) : (memref<128x128xi8, strided<[256, 1], offset: 128>>, memref<128x128xi8, #accel.memspace<"sram">>) -> !accel.token
  %tb1 = "accel.dma_load"(%wb1, %b1) : (memref<64x128xi8, strided<[256, 1], offset: 128>>, memref<64x128xi8, #accel.memspace<"sram">>) -> !accel.token
  %m0 = "accel.mma"(%a0, %b0, %acc, %ta0, %tb0) {accumulate = false} : (memref<128x128xi8, #accel.memspace<"sram">>, memref<64x128xi8, #accel.memspace<"sram">>, memref<128x64xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  %m1 = "accel.mma"(%a1, %b1, %acc, %ta1, %tb1, %m0) {accumulate = true} : (memref<128x128xi8, #accel.memspace<"sram">>, memref<64x128xi8, #accel.memspace<"sram">>, memref<128x64xi32, #accel.memspace<"sram">>, !accel.token, !accel.token, !accel.token) -> !accel.token
  %st = "accel.dma_store"(%acc, %c, %m1) : (memref<128x64xi32, #accel.memspace<"sram">>, memref<128x64xi32>, !accel.token) -> !accel.token
  "accel.wait"(%st) : (!accel.token) -> ()
  return
}
