// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.dma_store, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @no_operands() {
  // CHECK: invalid-dma_store.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_store' op expects 2 or more operands, got 0
  // IRDL: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: op expects at least 2 operands, but got 0
  %t = "accel.dma_store"() : () -> !accel.token
  return
}

// -----

func.func @source_in_dram(%src: memref<64x64xf32>, %dst: memref<64x64xf32>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op operand 'source': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xf32>
  %t = "accel.dma_store"(%src, %dst) : (memref<64x64xf32>, memref<64x64xf32>) -> !accel.token
  return
}

// -----

func.func @dest_in_sram(%src: memref<64x64xf32, #accel.memspace<"sram">>, %dst: memref<64x64xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op operand 'dest': expected memref of any element type in DRAM, got a memref in SRAM: memref<64x64xf32, #accel.memspace<"sram">>
  %t = "accel.dma_store"(%src, %dst) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

// IRDL rejects a memory space outside the enum when parsing; the Python verifier
// names the space as written.
func.func @unknown_memory_space(%src: memref<64xf32, #accel.memspace<"sram">>, %dst: memref<64xf32, #accel.memspace<"l2">>) {
  // IRDL: invalid-dma_store.mlir:[[# @LINE - 1]]:108: error: '"l2"' does not satisfy the constraint
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op operand 'dest': expected memref of any element type in DRAM, got a memref in memory space #accel.memspace<"l2">: memref<64xf32, #accel.memspace<"l2">>
  %t = "accel.dma_store"(%src, %dst) : (memref<64xf32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"l2">>) -> !accel.token
  return
}

// -----

func.func @dep_not_a_token(%src: memref<64x64xf32, #accel.memspace<"sram">>, %dst: memref<64x64xf32>, %other: memref<64x64xf32>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_store' op operand 'deps': expected token (!accel.token), got memref<64x64xf32>
  // IRDL: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'memref<64x64xf32>'
  %t = "accel.dma_store"(%src, %dst, %other) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32>, memref<64x64xf32>) -> !accel.token
  return
}

// -----

func.func @element_types_differ(%src: memref<64x64xi32, #accel.memspace<"sram">>, %dst: memref<64x64xf32>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op element types differ: memref<64x64xi32, #accel.memspace<"sram">> vs memref<64x64xf32>
  %t = "accel.dma_store"(%src, %dst) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<64x64xf32>) -> !accel.token
  return
}

// -----

func.func @ranks_differ(%src: memref<64x64xf32, #accel.memspace<"sram">>, %dst: memref<1x64x64xf32>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op ranks differ: memref<64x64xf32, #accel.memspace<"sram">> vs memref<1x64x64xf32>
  %t = "accel.dma_store"(%src, %dst) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<1x64x64xf32>) -> !accel.token
  return
}

// -----

// The DRAM window is larger than the SRAM buffer it is copied from.
func.func @window_exceeds_buffer(%src: memref<32x64xf32, #accel.memspace<"sram">>, %dst: memref<64x64xf32, strided<[512, 1]>>) {
  // CHECK-NEXT: invalid-dma_store.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_store' op DRAM window dim 0 (64) exceeds the SRAM buffer (32)
  %t = "accel.dma_store"(%src, %dst) : (memref<32x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, strided<[512, 1]>>) -> !accel.token
  return
}

// CHECK-NOT: Traceback
