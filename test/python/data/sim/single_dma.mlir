// One 64x64 int8 DMA from DRAM into SRAM: its time is latency + bytes / bandwidth.
func.func @single_dma(%a: memref<64x64xi8>) {
  %buf = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %t = "accel.dma_load"(%a, %buf) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}
