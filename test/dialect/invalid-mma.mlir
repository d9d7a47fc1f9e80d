// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.mma, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @two_operands(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>) {
  // CHECK: invalid-mma.mlir:[[# @LINE + 2]]:8: error: 'accel.mma' op expects 3 or more operands, got 2
  // IRDL: invalid-mma.mlir:[[# @LINE + 1]]:8: error: op expects at least 3 operands, but got 2
  %t = "accel.mma"(%a, %b) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @missing_accumulate(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 2]]:8: error: 'accel.mma' op requires attribute 'accumulate'
  // IRDL: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op attribute "accumulate" is expected but not provided
  %t = "accel.mma"(%a, %b, %c) : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @accumulate_not_a_bool(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 2]]:8: error: 'accel.mma' op attribute 'accumulate': expected a boolean, got 1 : i64
  // IRDL: invalid-mma.mlir:[[# @LINE + 1]]:8: error: '1 : i64' does not satisfy the constraint
  %t = "accel.mma"(%a, %b, %c) {accumulate = 1 : i64} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @lhs_in_dram(%a: memref<64x128xi8>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op operand 'lhs': expected rank-2 memref of i8 or float in SRAM, got a memref in DRAM: memref<64x128xi8>
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @rhs_rank3(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<1x32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op operand 'rhs': expected rank-2 memref of i8 or float in SRAM, got memref<1x32x128xi8, #accel.memspace<"sram">>
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<1x32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @i16_lhs(%a: memref<64x128xi16, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op operand 'lhs': expected rank-2 memref of i8 or float in SRAM, got memref<64x128xi16, #accel.memspace<"sram">>
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi16, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @i8_accumulator(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op operand 'acc': expected rank-2 memref of i32 or f32 in SRAM, got memref<64x32xi8, #accel.memspace<"sram">>
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @dep_not_a_token(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>, %n: index) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 2]]:8: error: 'accel.mma' op operand 'deps': expected token (!accel.token), got index
  // IRDL: invalid-mma.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'index'
  %t = "accel.mma"(%a, %b, %c, %n) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, index) -> !accel.token
  return
}

// -----

// rhs is [TN, TK]: its K (64) must match lhs K (128).
func.func @k_mismatch(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x64xi8, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op shapes do not agree: lhs [64, 128] (TM x TK), rhs [32, 64] (TN x TK), acc [64, 32] (TM x TN)
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x64xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

// A transposed accumulator: [TN, TM] instead of [TM, TN].
func.func @acc_transposed(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<32x64xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op shapes do not agree: lhs [64, 128] (TM x TK), rhs [32, 128] (TN x TK), acc [32, 64] (TM x TN)
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<32x64xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @mixed_int_float(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xbf16, #accel.memspace<"sram">>, %c: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op lhs and rhs must both be int8 or both float, got i8 and bf16
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xbf16, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @int8_into_f32(%a: memref<64x128xi8, #accel.memspace<"sram">>, %b: memref<32x128xi8, #accel.memspace<"sram">>, %c: memref<64x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op int8 operands accumulate in i32, got an f32 accumulator
  %t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @float_into_i32(%a: memref<64x128xf16, #accel.memspace<"sram">>, %b: memref<32x128xf16, #accel.memspace<"sram">>, %c: memref<64x32xi32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-mma.mlir:[[# @LINE + 1]]:8: error: 'accel.mma' op float operands accumulate in f32, got an i32 accumulator
  %t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xf16, #accel.memspace<"sram">>, memref<32x128xf16, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// CHECK-NOT: Traceback
