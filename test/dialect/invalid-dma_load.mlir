// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.dma_load, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @one_operand(%src: memref<64x64xi8>) {
  // CHECK: invalid-dma_load.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_load' op expects 2 or more operands, got 1
  // IRDL: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: op expects at least 2 operands, but got 1
  %t = "accel.dma_load"(%src) : (memref<64x64xi8>) -> !accel.token
  return
}

// -----

func.func @no_result(%src: memref<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 2]]:3: error: 'accel.dma_load' op expects 1 results, got 0
  // IRDL: invalid-dma_load.mlir:[[# @LINE + 1]]:3: error: op expects exactly 1 results, but got 0
  "accel.dma_load"(%src, %dst) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> ()
  return
}

// -----

func.func @source_in_sram(%src: memref<64x64xi8, #accel.memspace<"sram">>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op operand 'source': expected memref of any element type in DRAM, got a memref in SRAM: memref<64x64xi8, #accel.memspace<"sram">>
  %t = "accel.dma_load"(%src, %dst) : (memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @dest_in_dram(%src: memref<64x64xi8>, %dst: memref<64x64xi8>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op operand 'dest': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xi8>
  %t = "accel.dma_load"(%src, %dst) : (memref<64x64xi8>, memref<64x64xi8>) -> !accel.token
  return
}

// -----

func.func @tensor_source(%src: tensor<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_load' op operand 'source': expected memref of any element type in DRAM, got tensor<64x64xi8>
  // IRDL: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: expected base type 'builtin.memref' but got 'builtin.tensor'
  %t = "accel.dma_load"(%src, %dst) : (tensor<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @dep_not_a_token(%src: memref<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>, %flag: i1) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_load' op operand 'deps': expected token (!accel.token), got i1
  // IRDL: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'i1'
  %t = "accel.dma_load"(%src, %dst, %flag) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>, i1) -> !accel.token
  return
}

// -----

func.func @result_not_a_token(%src: memref<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 2]]:8: error: 'accel.dma_load' op result 'token': expected token (!accel.token), got i1
  // IRDL: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'i1'
  %t = "accel.dma_load"(%src, %dst) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> i1
  return
}

// -----

func.func @element_types_differ(%src: memref<64x64xi8>, %dst: memref<64x64xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op element types differ: memref<64x64xi8> vs memref<64x64xf32, #accel.memspace<"sram">>
  %t = "accel.dma_load"(%src, %dst) : (memref<64x64xi8>, memref<64x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @ranks_differ(%src: memref<4096xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op ranks differ: memref<4096xi8> vs memref<64x64xi8, #accel.memspace<"sram">>
  %t = "accel.dma_load"(%src, %dst) : (memref<4096xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

// The DRAM window is larger than the SRAM buffer it lands in.
func.func @window_exceeds_buffer(%src: memref<64x128xi8, strided<[256, 1]>>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op DRAM window dim 1 (128) exceeds the SRAM buffer (64)
  %t = "accel.dma_load"(%src, %dst) : (memref<64x128xi8, strided<[256, 1]>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// CHECK-NOT: Traceback

// -----

// (IRDL cannot express an optional attribute: only the Python verifier checks it.)
func.func @negative_queue(%src: memref<64x64xi8>, %dst: memref<64x64xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-dma_load.mlir:[[# @LINE + 1]]:8: error: 'accel.dma_load' op attribute 'queue': expected a 64-bit integer >= 0, got -1
  %t = "accel.dma_load"(%src, %dst) {queue = -1 : i64} : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}
