// An input file that does not exist: an error naming it, exit code 1.

// RUN: not accel-opt %t.does-not-exist.mlir 2>&1 | filecheck %s
// RUN: not accel-opt --split-input-file --canonicalize %t.does-not-exist.mlir 2>&1 | filecheck %s
// RUN: not accel-opt %S 2>&1 | filecheck %s --check-prefix DIRECTORY

// CHECK-NOT: {{Traceback|internal error}}
// CHECK: missing-input.mlir.tmp.does-not-exist.mlir: error: cannot read input: No such file or directory
// CHECK-NOT: {{Traceback|internal error}}

// DIRECTORY-NOT: {{Traceback|internal error}}
// DIRECTORY: test/accel-opt: error: cannot read input: Is a directory
// DIRECTORY-NOT: {{Traceback|internal error}}
