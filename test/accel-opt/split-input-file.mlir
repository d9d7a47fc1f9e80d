// --split-input-file processes each '// -----' chunk as its own module and joins
// the results with the same marker. Without it the marker is only a comment: the
// file is one module, in which @first is defined twice.

// RUN: accel-opt --split-input-file %s | filecheck %s
// RUN: accel-opt --split-input-file %s | accel-opt --split-input-file | filecheck %s
// RUN: not accel-opt %s 2>&1 | filecheck %s --check-prefix WHOLE
// RUN: accel-opt --split-input-file --canonicalize %s | filecheck %s --check-prefix CANON

// CHECK: module {
// CHECK-LABEL: func.func @first
// CHECK-NEXT: %[[C:.*]] = arith.constant 7 : i64
// CHECK-NEXT: return %[[C]]
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @second
// CHECK-NEXT: "accel.wait"
// CHECK-NEXT: return
// CHECK-NEXT: }
// CHECK-NEXT: }
// CHECK-NEXT: // -----
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @first
// CHECK-NOT: // -----

// A symbol may repeat across chunks, as they are separate modules.
// CANON-LABEL: func.func @first
// CANON: // -----
// CANON-LABEL: func.func @second
// CANON: // -----
// CANON-LABEL: func.func @first
// CANON-NEXT: %[[C:.*]] = arith.constant 12 : i64
func.func @first() -> i64 {
  %c = arith.constant 7 : i64
  return %c : i64
}

// -----

func.func @second(%t: !accel.token) {
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}

// -----

// WHOLE-NOT: {{Traceback|internal error}}
// WHOLE: split-input-file.mlir:[[# @LINE + 3]]:1: error: redefinition of symbol named 'first'
// WHOLE: split-input-file.mlir:[[# @LINE - 16]]:1: note: see existing symbol definition here
// WHOLE-NOT: {{Traceback|internal error}}
func.func @first() -> i64 {
  %a = arith.constant 5 : i64
  %b = arith.constant 7 : i64
  %c = arith.addi %a, %b : i64
  return %c : i64
}
