// Passes come either from --pass-pipeline or from flags; both at once is an error.

// RUN: not accel-opt %s --pass-pipeline='builtin.module(cse)' --canonicalize 2>&1 | filecheck %s
// RUN: not accel-opt %s --accel-verify --pass-pipeline='builtin.module(accel-op-stats)' 2>&1 | filecheck %s
// RUN: not accel-opt %s other-input.mlir 2>&1 | filecheck %s --check-prefix TWO-INPUTS

// CHECK-NOT: {{Traceback|internal error}}
// CHECK: accel-opt: error: give passes either with --pass-pipeline or as flags, not both
// CHECK-NOT: {{Traceback|internal error}}
// CHECK-NOT: module

// TWO-INPUTS-NOT: {{Traceback|internal error}}
// TWO-INPUTS: accel-opt: error: unexpected argument 'other-input.mlir' (one input file; pass options go after '=': --NAME='OPTIONS')
// TWO-INPUTS-NOT: {{Traceback|internal error}}

func.func @f() {
  return
}
