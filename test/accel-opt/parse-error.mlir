// Malformed input: the parser's error at its FILE:LINE:COL, exit code 1, no
// traceback. With --split-input-file the other chunks are still processed and
// the error keeps its line in the whole file.

// RUN: not accel-opt %s 2>&1 | filecheck %s
// RUN: not accel-opt --canonicalize %s 2>&1 | filecheck %s
// RUN: not accel-opt --split-input-file %s 2>&1 | filecheck %s --check-prefixes CHECK,SPLIT

// CHECK-NOT: {{Traceback|internal error}}

func.func @before(%t: !accel.token) {
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}

// -----

func.func @broken(%x: i32) -> i32 {
  // CHECK: parse-error.mlir:[[# @LINE + 1]]:22: error: expected SSA operand
  %y = arith.addi %x, : i32
  return %y : i32
}

// -----

func.func @after() {
  return
}

// CHECK-NOT: {{Traceback|internal error}}
// SPLIT: func.func @before
// SPLIT: // -----
// SPLIT: func.func @after
