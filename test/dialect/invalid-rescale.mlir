// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.rescale, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @three_operands(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>) {
  // CHECK: invalid-rescale.mlir:[[# @LINE + 2]]:8: error: 'accel.rescale' op expects 4 or more operands, got 3
  // IRDL: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: op expects at least 4 operands, but got 3
  %t = "accel.rescale"(%acc, %rs, %cs) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @f32_accumulator(%acc: memref<64x32xf32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op operand 'acc': expected rank-2 memref of i32 in SRAM, got memref<64x32xf32, #accel.memspace<"sram">>
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xf32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @row_scale_rank2(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64x1xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op operand 'row_scale': expected rank-1 memref of f32 in SRAM, got memref<64x1xf32, #accel.memspace<"sram">>
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64x1xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @col_scale_f16(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf16, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op operand 'col_scale': expected rank-1 memref of f32 in SRAM, got memref<32xf16, #accel.memspace<"sram">>
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf16, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @out_in_dram(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op operand 'out': expected rank-2 memref of f32 in SRAM, got a memref in DRAM: memref<64x32xf32>
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32>) -> !accel.token
  return
}

// -----

func.func @dep_not_a_token(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>, %x: f32) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 2]]:8: error: 'accel.rescale' op operand 'deps': expected token (!accel.token), got f32
  // IRDL: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'f32'
  %t = "accel.rescale"(%acc, %rs, %cs, %out, %x) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, f32) -> !accel.token
  return
}

// -----

func.func @out_shape(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<64xf32, #accel.memspace<"sram">>, %cs: memref<32xf32, #accel.memspace<"sram">>, %out: memref<32x64xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op acc [64, 32] and out [32, 64] must have the same shape
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<32x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

// The row and column scales are swapped.
func.func @scales_swapped(%acc: memref<64x32xi32, #accel.memspace<"sram">>, %rs: memref<32xf32, #accel.memspace<"sram">>, %cs: memref<64xf32, #accel.memspace<"sram">>, %out: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-rescale.mlir:[[# @LINE + 1]]:8: error: 'accel.rescale' op scales [32] x [64] must match the tile [64, 32] (rows x columns)
  %t = "accel.rescale"(%acc, %rs, %cs, %out) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// CHECK-NOT: Traceback
