// With no input file, or with '-', accel-opt reads stdin; diagnostics then name
// the input <stdin>.

// RUN: accel-opt < %s | filecheck %s
// RUN: accel-opt - < %s | filecheck %s
// RUN: accel-opt --pass-pipeline='builtin.module(canonicalize)' < %s | filecheck %s --check-prefix CANON
// RUN: not accel-opt --accel-op-stats < %S/Inputs/bad-wait.mlir 2>&1 | filecheck %s --check-prefix ERROR

// CHECK-LABEL: func.func @from_stdin
// CHECK-SAME: (%[[T:.*]]: !accel.token)
// CHECK-NEXT: %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT: %[[TWO:.*]] = arith.addi %[[ONE]], %[[ONE]] : i32
// CHECK-NEXT: "accel.wait"(%[[T]]) : (!accel.token) -> ()
// CHECK-NEXT: return %[[TWO]] : i32

// CANON-LABEL: func.func @from_stdin
// CANON-NEXT: %[[TWO:.*]] = arith.constant 2 : i32
// CANON-NEXT: "accel.wait"
// CANON-NEXT: return %[[TWO]] : i32
func.func @from_stdin(%t: !accel.token) -> i32 {
  %one = arith.constant 1 : i32
  %two = arith.addi %one, %one : i32
  "accel.wait"(%t) : (!accel.token) -> ()
  return %two : i32
}

// ERROR-NOT: {{Traceback|internal error}}
// ERROR: <stdin>:2:3: error: 'accel.wait' op needs at least one token
// ERROR-NOT: {{Traceback|internal error}}
