// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.alloc, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @missing_offset() {
  // CHECK: invalid-alloc.mlir:[[# @LINE + 2]]:8: error: 'accel.alloc' op requires attribute 'offset'
  // IRDL: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op attribute "offset" is expected but not provided
  %0 = "accel.alloc"() : () -> memref<64x64xi8, #accel.memspace<"sram">>
  return
}

// -----

func.func @float_offset() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 2]]:8: error: 'accel.alloc' op attribute 'offset': expected a 64-bit integer >= 0, got 6.400000e+01 : f64
  // IRDL: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: expected base attribute 'builtin.integer' but got 'builtin.float'
  %0 = "accel.alloc"() {offset = 64.0 : f64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  return
}

// -----

func.func @negative_offset() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op attribute 'offset': expected a 64-bit integer >= 0, got -64
  %0 = "accel.alloc"() {offset = -64 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  return
}

// -----

func.func @with_operand(%n: index) {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 2]]:8: error: 'accel.alloc' op expects 0 operands, got 1
  // IRDL: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: op expects exactly 0 operands, but got 1
  %0 = "accel.alloc"(%n) {offset = 0 : i64} : (index) -> memref<64x64xi8, #accel.memspace<"sram">>
  return
}

// -----

func.func @two_results() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 2]]:10: error: 'accel.alloc' op expects 1 results, got 2
  // IRDL: invalid-alloc.mlir:[[# @LINE + 1]]:10: error: op expects exactly 1 results, but got 2
  %0:2 = "accel.alloc"() {offset = 0 : i64} : () -> (memref<8xi8, #accel.memspace<"sram">>, memref<8xi8, #accel.memspace<"sram">>)
  return
}

// -----

// A memref without a memory space lives in DRAM.
func.func @dram_buffer() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xi8>
  %0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8>
  return
}

// -----

func.func @explicit_dram_buffer() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got a memref in DRAM: memref<64xf32, #accel.memspace<"dram">>
  %0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<64xf32, #accel.memspace<"dram">>
  return
}

// -----

// A memory space that is not an accel one is named as written.
func.func @numeric_memory_space() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got a memref in memory space 3 : i64: memref<64xf32, 3>
  %0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<64xf32, 3>
  return
}

// -----

func.func @tensor_result() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 2]]:8: error: 'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got tensor<64x64xi8>
  // IRDL: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: expected base type 'builtin.memref' but got 'builtin.tensor'
  %0 = "accel.alloc"() {offset = 0 : i64} : () -> tensor<64x64xi8>
  return
}

// -----

func.func @dynamic_shape() {
  // CHECK-NEXT: invalid-alloc.mlir:[[# @LINE + 1]]:8: error: 'accel.alloc' op buffer must have a static shape, got memref<?x64xi8, #accel.memspace<"sram">>
  %0 = "accel.alloc"() {offset = 0 : i64} : () -> memref<?x64xi8, #accel.memspace<"sram">>
  return
}

// CHECK-NOT: Traceback
