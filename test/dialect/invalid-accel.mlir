// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s
// RUN: not iree-opt --irdl-file=%accel_irdl --split-input-file %s -o /dev/null 2>&1 | filecheck %s --check-prefix IRDL

// Errors about the dialect itself (dialects/verifier.py): ops and types in the
// accel namespace that the dialect does not define; and that every problem of a
// module is reported, in order, not just the first.

// CHECK-NOT: Traceback

func.func @unknown_op(%x: tensor<4xf32>) {
  // CHECK: invalid-accel.mlir:[[# @LINE + 2]]:8: error: unknown operation 'accel.gelu' in the accel dialect
  // IRDL: invalid-accel.mlir:[[# @LINE + 1]]:8: error: unregistered operation 'accel.gelu' found in dialect ('accel') that does not allow unknown operations
  %y = "accel.gelu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @unknown_result_type(%x: i64) {
  // CHECK-NEXT: invalid-accel.mlir:[[# @LINE + 2]]:8: error: unknown type '!accel.event' in the accel dialect
  // IRDL: invalid-accel.mlir:[[# @LINE + 1]]:62: error: expected dynamic type
  %e = builtin.unrealized_conversion_cast %x : i64 to !accel.event
  return
}

// -----

func.func @unknown_argument_type(%e: !accel.event) {
  // CHECK-NEXT: invalid-accel.mlir:[[# @LINE - 1]]:34: error: unknown type '!accel.event' in the accel dialect
  // IRDL: invalid-accel.mlir:[[# @LINE - 2]]:45: error: expected dynamic type
  return
}

// -----

// Each problem is reported at its op, in order; the valid op in between is not.
func.func @several(%t: !accel.token) {
  // CHECK-NEXT: invalid-accel.mlir:[[# @LINE + 2]]:3: error: unknown operation 'accel.barrier' in the accel dialect
  // IRDL: invalid-accel.mlir:[[# @LINE + 1]]:3: error: unregistered operation 'accel.barrier' found in dialect ('accel') that does not allow unknown operations
  "accel.barrier"() : () -> ()
  "accel.wait"(%t) : (!accel.token) -> ()
  // CHECK-NEXT: invalid-accel.mlir:[[# @LINE + 1]]:3: error: 'accel.wait' op needs at least one token
  "accel.wait"() : () -> ()
  return
}

// CHECK-NOT: Traceback
