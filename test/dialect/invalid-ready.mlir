// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.ready, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

func.func @with_dependency(%t: !accel.token) {
  // CHECK: invalid-ready.mlir:[[# @LINE + 2]]:9: error: 'accel.ready' op expects 0 operands, got 1
  // IRDL: invalid-ready.mlir:[[# @LINE + 1]]:9: error: op expects exactly 0 operands, but got 1
  %t2 = "accel.ready"(%t) : (!accel.token) -> !accel.token
  return
}

// -----

func.func @no_result() {
  // CHECK-NEXT: invalid-ready.mlir:[[# @LINE + 2]]:3: error: 'accel.ready' op expects 1 results, got 0
  // IRDL: invalid-ready.mlir:[[# @LINE + 1]]:3: error: op expects exactly 1 results, but got 0
  "accel.ready"() : () -> ()
  return
}

// -----

func.func @not_a_token() {
  // CHECK-NEXT: invalid-ready.mlir:[[# @LINE + 2]]:8: error: 'accel.ready' op result 'token': expected token (!accel.token), got i1
  // IRDL: invalid-ready.mlir:[[# @LINE + 1]]:8: error: expected base type 'accel.token' but got 'i1'
  %t = "accel.ready"() : () -> i1
  return
}

// CHECK-NOT: Traceback
