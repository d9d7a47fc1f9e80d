// Two independent 64x64 int8 loads: on two DMA engines they share DRAM bandwidth.
// A test replaces the marker line below with an accel.wait on the first load.
func.func @two_dmas(%a: memref<64x64xi8>, %b: memref<64x64xi8>) {
  %x = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %y = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %t0 = "accel.dma_load"(%a, %x) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  // WAIT
  %t1 = "accel.dma_load"(%b, %y) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  "accel.wait"(%t0, %t1) : (!accel.token, !accel.token) -> ()
  return
}
