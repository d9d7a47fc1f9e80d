// An unknown pass is reported where it was written, as a flag or at its column in
// the pipeline (also when nested), before the input is read.

// RUN: not accel-opt %s --canonicalize --accel-tile-everything 2>&1 | filecheck %s --check-prefix FLAG
// RUN: not accel-opt %s --pass-pipeline='builtin.module(canonicalize, accel-tile-everything)' 2>&1 | filecheck %s --check-prefix PIPE
// RUN: not accel-opt %s --pass-pipeline='builtin.module(canonicalize, func.func(cse, no-such-pass))' 2>&1 | filecheck %s --check-prefix NESTED
// RUN: not accel-opt %t.never-read.mlir --no-such-pass 2>&1 | filecheck %s --check-prefix BEFORE-INPUT
// RUN: not accel-opt %s --pass-pipeline='builtin.module(canonicalize, func.func(cse)' 2>&1 | filecheck %s --check-prefix SYNTAX

// FLAG-NOT: {{Traceback|internal error}}
// FLAG: --accel-tile-everything: error: unknown pass 'accel-tile-everything' (not an accel, MLIR or IREE pass; see accel-opt --list-passes)
// FLAG-NOT: {{Traceback|internal error}}

// PIPE-NOT: {{Traceback|internal error}}
// PIPE: <pass-pipeline>:1:30: error: unknown pass 'accel-tile-everything' (not an accel, MLIR or IREE pass; see accel-opt --list-passes)
// PIPE-NOT: {{Traceback|internal error}}

// NESTED-NOT: {{Traceback|internal error}}
// NESTED: <pass-pipeline>:1:45: error: unknown pass 'no-such-pass'
// NESTED-NOT: {{Traceback|internal error}}

// BEFORE-INPUT-NOT: cannot read input
// BEFORE-INPUT: --no-such-pass: error: unknown pass 'no-such-pass'
// BEFORE-INPUT-NOT: cannot read input

// A malformed pipeline is an error at the column where parsing stopped.
// SYNTAX-NOT: {{Traceback|internal error}}
// SYNTAX: <pass-pipeline>:1:44: error: expected ',' or ')'
// SYNTAX-NOT: {{Traceback|internal error}}

func.func @f() {
  return
}
