// --no-verify-each skips verification between passes only: the pipeline runs as
// usual, and the input is still verified, so bad accel IR is still rejected.

// RUN: accel-opt %s --no-verify-each --canonicalize --accel-op-stats=title=stats --cse 2> %t.err | filecheck %s
// RUN: filecheck %s --check-prefix STATS --input-file %t.err
// RUN: accel-opt %s --no-verify-each --pass-pipeline='builtin.module(func.func(canonicalize), accel-verify)' | filecheck %s
// RUN: not accel-opt --no-verify-each --canonicalize %S/Inputs/bad-wait.mlir 2>&1 | filecheck %s --check-prefix INPUT

// CHECK-LABEL: func.func @unverified_between_passes
// CHECK-SAME: (%[[T:.*]]: !accel.token)
// CHECK-NEXT: %[[C:.*]] = arith.constant 12 : index
// CHECK-NEXT: "accel.wait"(%[[T]]) : (!accel.token) -> ()
// CHECK-NEXT: return %[[C]] : index

// STATS: // ----- stats -----
// STATS: accel.wait 1 none
// STATS: units: matrix=0, vector=0, fallback=0, none=5

// INPUT-NOT: {{Traceback|internal error}}
// INPUT: bad-wait.mlir:2:3: error: 'accel.wait' op needs at least one token
// INPUT-NOT: {{Traceback|internal error}}

func.func @unverified_between_passes(%t: !accel.token) -> index {
  %a = arith.constant 4 : index
  %b = arith.constant 3 : index
  %c = arith.muli %a, %b : index
  "accel.wait"(%t) : (!accel.token) -> ()
  return %c : index
}
