// An op in the accel namespace that the dialect does not define is an error at
// its location, before any pass runs. Ops of other unregistered dialects pass
// through untouched: only the accel namespace is checked.

// RUN: not accel-opt %s 2>&1 | filecheck %s
// RUN: not accel-opt %s --accel-op-stats 2>&1 | filecheck %s --check-prefix NO-PASS
// RUN: accel-opt %S/Inputs/other-dialect.mlir | filecheck %s --check-prefix OTHER

// CHECK-NOT: {{Traceback|internal error}}
// NO-PASS-NOT: op statistics
func.func @unknown(%x: tensor<8xf32>) -> tensor<8xf32> {
  // CHECK: unknown-op.mlir:[[# @LINE + 2]]:8: error: unknown operation 'accel.softmaxx' in the accel dialect
  // NO-PASS: unknown-op.mlir:[[# @LINE + 1]]:8: error: unknown operation 'accel.softmaxx' in the accel dialect
  %y = "accel.softmaxx"(%x) {axis = 0 : i64} : (tensor<8xf32>) -> tensor<8xf32>
  return %y : tensor<8xf32>
}
// CHECK-NOT: {{Traceback|internal error}}
// NO-PASS-NOT: op statistics

// OTHER: %[[V:.*]] = "vendor.custom_op"() {level = 3 : i64} : () -> i32
// OTHER-NEXT: return %[[V]] : i32
