// --print-ir-after-all dumps the IR to stderr after each pass, accel passes and
// MLIR passes alike, one dump per pass in pipeline order; stdout gets the result.

// RUN: accel-opt %s --print-ir-after-all --canonicalize --accel-verify --cse -o %t.out 2> %t.err
// RUN: filecheck %s --input-file %t.err
// RUN: filecheck %s --check-prefix OUT --input-file %t.out
// RUN: accel-opt %s --print-ir-after-all --pass-pipeline='builtin.module(func.func(canonicalize), accel-verify)' -o %t.nested.out 2> %t.nested.err
// RUN: filecheck %s --check-prefix NESTED --input-file %t.nested.err

// After canonicalize the addition is folded; accel-verify and cse then dump the
// same IR, each once. (pip filecheck's CHECK-NOT also scans the line of the next
// match, so each CHECK-NOT names the dumps that must not repeat, not any dump.)
// CHECK: // -----// IR Dump After CanonicalizerPass: canonicalize
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @dumped
// CHECK-NEXT: %[[C:.*]] = arith.constant 3 : i32
// CHECK-NOT: {{IR Dump After (CanonicalizerPass|CSEPass)|arith.addi}}
// CHECK: // -----// IR Dump After AccelVerify: accel-verify //----- //
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @dumped
// CHECK-NOT: IR Dump After {{CanonicalizerPass|AccelVerify}}
// CHECK: // -----// IR Dump After CSEPass: cse //----- //
// CHECK-NEXT: module {
// CHECK-NEXT: func.func @dumped
// CHECK-NOT: IR Dump

// OUT-NOT: IR Dump
// OUT: func.func @dumped
// OUT-NEXT: %[[C:.*]] = arith.constant 3 : i32
// OUT-NEXT: "accel.wait"
// OUT-NEXT: return %[[C]]

// A nested pass is dumped at its anchor, the function.
// NESTED: // -----// IR Dump After CanonicalizerPass: canonicalize
// NESTED-NEXT: func.func @dumped
// NESTED-NOT: IR Dump After CanonicalizerPass
// NESTED: // -----// IR Dump After AccelVerify: accel-verify //----- //
// NESTED-NEXT: module {
// NESTED-NOT: IR Dump

func.func @dumped(%t: !accel.token) -> i32 {
  %one = arith.constant 1 : i32
  %two = arith.constant 2 : i32
  %three = arith.addi %one, %two : i32
  "accel.wait"(%t) : (!accel.token) -> ()
  return %three : i32
}
