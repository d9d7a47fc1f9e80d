// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Errors the verifier reports for the vector unit's ops, one chunk each, with their
// FILE:LINE:COL. The IRDL prefix checks what iree-opt finds with the generated IRDL
// (element types, memory spaces and shapes are the Python verifier's alone).

// CHECK-NOT: Traceback

func.func @unknown_kind(%x: memref<16x64xf32, #accel.memspace<"sram">>, %y: memref<16x64xf32, #accel.memspace<"sram">>) {
  // CHECK: invalid-vector.mlir:[[# @LINE + 2]]:8: error: 'accel.vunary' op attribute 'kind': expected one of "copy", "cast", "neg", "abs", "exp", "rsqrt", "sqrt", "recip", "silu", "gelu", "erf", "round", "clamp", got "tanh"
  // IRDL: invalid-vector.mlir:[[# @LINE + 1]]:8: error: '"tanh"' does not satisfy the constraint
  %t = "accel.vunary"(%x, %y) {kind = "tanh"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @no_broadcast(%x: memref<16x32xf32, #accel.memspace<"sram">>, %r: memref<16x2xf32, #accel.memspace<"sram">>, %y: memref<16x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 1]]:8: error: 'accel.vbinary' op rhs shape [16, 2] does not broadcast to the out shape [16, 32] (same rank, each dim equal or 1)
  %t = "accel.vbinary"(%x, %r, %y) {kind = "mul"} : (memref<16x32xf32, #accel.memspace<"sram">>, memref<16x2xf32, #accel.memspace<"sram">>, memref<16x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @clamp_without_bounds(%x: memref<16x32xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 1]]:8: error: 'accel.vunary' op kind clamp needs both 'min' and 'max' attributes
  %t = "accel.vunary"(%x, %x) {kind = "clamp"} : (memref<16x32xf32, #accel.memspace<"sram">>, memref<16x32xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @exp_into_int8(%x: memref<16x32xf32, #accel.memspace<"sram">>, %q: memref<16x32xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 1]]:8: error: 'accel.vunary' op kind exp computes on floats: out is memref<16x32xi8, #accel.memspace<"sram">> (convert with kind cast)
  %t = "accel.vunary"(%x, %q) {kind = "exp"} : (memref<16x32xf32, #accel.memspace<"sram">>, memref<16x32xi8, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @reduce_keeps_rank(%x: memref<16x32xf32, #accel.memspace<"sram">>, %s: memref<16xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 1]]:8: error: 'accel.vreduce' op out shape [16] must be the input shape with the last dim 1: [16, 1]
  %t = "accel.vreduce"(%x, %s) {kind = "sum"} : (memref<16x32xf32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @gather_rows(%w: memref<100x64xf32>, %i: memref<8xi32, #accel.memspace<"sram">>, %o: memref<4x64xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 1]]:8: error: 'accel.gather' op out shape [4, 64] must be [R, D] = [8, 64] (indices [R], table [V, D])
  %t = "accel.gather"(%w, %i, %o) : (memref<100x64xf32>, memref<8xi32, #accel.memspace<"sram">>, memref<4x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return
}

// -----

func.func @gather_wrong_order(%w: memref<100x64xf32>, %i: memref<8xi32, #accel.memspace<"sram">>, %o: memref<8x64xf32, #accel.memspace<"sram">>) {
  // CHECK-NEXT: invalid-vector.mlir:[[# @LINE + 2]]:8: error: 'accel.gather' op expects 3 or more operands, got 2
  // IRDL: invalid-vector.mlir:[[# @LINE + 1]]:8: error: op expects at least 3 operands, but got 2
  %t = "accel.gather"(%w, %i) : (memref<100x64xf32>, memref<8xi32, #accel.memspace<"sram">>) -> !accel.token
  return
}
