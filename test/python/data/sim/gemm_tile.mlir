// One 64x32 output tile of a w8a8 GEMM: K = 128 in two double-buffered steps, then
// the rescale epilogue on the vector unit and the store. Every op lists the tokens of
// the ops it must follow; the simulator tests inject schedule bugs by removing some.
func.func @gemm_tile(%a: memref<64x128xi8>, %b: memref<32x128xi8>, %as: memref<64xf32>, %bs: memref<32xf32>, %c: memref<64x32xf32>) {
  %a0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %b0 = "accel.alloc"() {offset = 4096 : i64} : () -> memref<32x64xi8, #accel.memspace<"sram">>
  %a1 = "accel.alloc"() {offset = 6144 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %b1 = "accel.alloc"() {offset = 10240 : i64} : () -> memref<32x64xi8, #accel.memspace<"sram">>
  %acc = "accel.alloc"() {offset = 12288 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
  %rs = "accel.alloc"() {offset = 20480 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
  %cs = "accel.alloc"() {offset = 20736 : i64} : () -> memref<32xf32, #accel.memspace<"sram">>
  %out = "accel.alloc"() {offset = 20864 : i64} : () -> memref<64x32xf32, #accel.memspace<"sram">>
  %wa0 = memref.subview %a[0, 0] [64, 64] [1, 1] : memref<64x128xi8> to memref<64x64xi8, strided<[128, 1]>>
  %wb0 = memref.subview %b[0, 0] [32, 64] [1, 1] : memref<32x128xi8> to memref<32x64xi8, strided<[128, 1]>>
  %ta0 = "accel.dma_load"(%wa0, %a0) : (memref<64x64xi8, strided<[128, 1]>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  %tb0 = "accel.dma_load"(%wb0, %b0) : (memref<32x64xi8, strided<[128, 1]>>, memref<32x64xi8, #accel.memspace<"sram">>) -> !accel.token
  %wa1 = memref.subview %a[0, 64] [64, 64] [1, 1] : memref<64x128xi8> to memref<64x64xi8, strided<[128, 1], offset: 64>>
  %wb1 = memref.subview %b[0, 64] [32, 64] [1, 1] : memref<32x128xi8> to memref<32x64xi8, strided<[128, 1], offset: 64>>
  %ta1 = "accel.dma_load"(%wa1, %a1) : (memref<64x64xi8, strided<[128, 1], offset: 64>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  %tb1 = "accel.dma_load"(%wb1, %b1) : (memref<32x64xi8, strided<[128, 1], offset: 64>>, memref<32x64xi8, #accel.memspace<"sram">>) -> !accel.token
  %trs = "accel.dma_load"(%as, %rs) : (memref<64xf32>, memref<64xf32, #accel.memspace<"sram">>) -> !accel.token
  %tcs = "accel.dma_load"(%bs, %cs) : (memref<32xf32>, memref<32xf32, #accel.memspace<"sram">>) -> !accel.token
  %m0 = "accel.mma"(%a0, %b0, %acc, %ta0, %tb0) {accumulate = false} : (memref<64x64xi8, #accel.memspace<"sram">>, memref<32x64xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
  %m1 = "accel.mma"(%a1, %b1, %acc, %ta1, %tb1, %m0) {accumulate = true} : (memref<64x64xi8, #accel.memspace<"sram">>, memref<32x64xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token, !accel.token) -> !accel.token
  %r = "accel.rescale"(%acc, %rs, %cs, %out, %m1, %trs, %tcs) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, !accel.token, !accel.token, !accel.token) -> !accel.token
  %st = "accel.dma_store"(%out, %c, %r) : (memref<64x32xf32, #accel.memspace<"sram">>, memref<64x32xf32>, !accel.token) -> !accel.token
  "accel.wait"(%st) : (!accel.token) -> ()
  return
}
