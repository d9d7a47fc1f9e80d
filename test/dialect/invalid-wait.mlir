// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Every error the verifier reports for accel.wait, one chunk each, checked with
// its FILE:LINE:COL; CHECK-NEXT makes sure no other error comes in between. The
// IRDL prefix checks the errors iree-opt finds with the generated IRDL.

// CHECK-NOT: Traceback

// IRDL allows an empty variadic; only the Python verifier requires a token.
func.func @no_tokens() {
  // CHECK: invalid-wait.mlir:[[# @LINE + 1]]:3: error: 'accel.wait' op needs at least one token
  "accel.wait"() : () -> ()
  return
}

// -----

func.func @not_a_token(%t: !accel.token, %m: memref<4xi8>) {
  // CHECK-NEXT: invalid-wait.mlir:[[# @LINE + 2]]:3: error: 'accel.wait' op operand 'tokens': expected token (!accel.token), got memref<4xi8>
  // IRDL: invalid-wait.mlir:[[# @LINE + 1]]:3: error: expected '!accel.token' but got 'memref<4xi8>'
  "accel.wait"(%t, %m) : (!accel.token, memref<4xi8>) -> ()
  return
}

// -----

func.func @with_result(%t: !accel.token) {
  // CHECK-NEXT: invalid-wait.mlir:[[# @LINE + 2]]:8: error: 'accel.wait' op expects 0 results, got 1
  // IRDL: invalid-wait.mlir:[[# @LINE + 1]]:8: error: op expects exactly 0 results, but got 1
  %r = "accel.wait"(%t) : (!accel.token) -> !accel.token
  return
}

// -----

func.func @with_region(%t: !accel.token) {
  // CHECK-NEXT: invalid-wait.mlir:[[# @LINE + 2]]:3: error: 'accel.wait' op expects no regions
  // IRDL: invalid-wait.mlir:[[# @LINE + 1]]:3: error: 'accel.wait' op unexpected number of regions: expected 0 but got 1
  "accel.wait"(%t) ({
    "accel.wait"(%t) : (!accel.token) -> ()
  }) : (!accel.token) -> ()
  return
}

// CHECK-NOT: Traceback
