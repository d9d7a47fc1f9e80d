// Bad pass options, of accel passes (checked by accel) and of MLIR passes
// (checked by MLIR's option parser), as flags and in a pipeline: an error naming
// the pass and the option, where the pass was written, and exit code 1.

// RUN: not accel-opt %s --accel-op-stats=format=xml 2>&1 | filecheck %s --check-prefix ACCEL-VALUE
// RUN: not accel-opt %s --pass-pipeline='builtin.module(canonicalize, accel-op-stats{format=xml})' 2>&1 | filecheck %s --check-prefix ACCEL-PIPE
// RUN: not accel-opt %s --accel-op-stats='colour=red' 2>&1 | filecheck %s --check-prefix ACCEL-NAME
// RUN: not accel-opt %s --accel-verify=strict 2>&1 | filecheck %s --check-prefix ACCEL-NONE
// RUN: not accel-opt %s --pass-pipeline='builtin.module(accel-op-stats{title="unterminated})' 2>&1 | filecheck %s --check-prefix ACCEL-QUOTE
// RUN: not accel-opt %s --canonicalize=max-iterations=many 2>&1 | filecheck %s --check-prefix MLIR-VALUE
// RUN: not accel-opt %s --pass-pipeline='builtin.module(func.func(cse, canonicalize{bogus=1}))' 2>&1 | filecheck %s --check-prefix MLIR-NAME

// ACCEL-VALUE-NOT: {{Traceback|internal error}}
// ACCEL-VALUE: --accel-op-stats: error: pass 'accel-op-stats' option 'format': must be one of text, json
// ACCEL-VALUE-NOT: {{Traceback|internal error}}

// ACCEL-PIPE-NOT: {{Traceback|internal error}}
// ACCEL-PIPE: <pass-pipeline>:1:30: error: pass 'accel-op-stats' option 'format': must be one of text, json
// ACCEL-PIPE-NOT: {{Traceback|internal error}}

// ACCEL-NAME-NOT: {{Traceback|internal error}}
// ACCEL-NAME: --accel-op-stats: error: pass 'accel-op-stats' has no option 'colour' (its options: format, title)
// ACCEL-NAME-NOT: {{Traceback|internal error}}

// ACCEL-NONE-NOT: {{Traceback|internal error}}
// ACCEL-NONE: --accel-verify: error: pass 'accel-verify' has no option 'strict' (its options: none)
// ACCEL-NONE-NOT: {{Traceback|internal error}}

// ACCEL-QUOTE-NOT: {{Traceback|internal error}}
// ACCEL-QUOTE: <pass-pipeline>:1:30: error: unbalanced '{' in pass options
// ACCEL-QUOTE-NOT: {{Traceback|internal error}}

// MLIR-VALUE-NOT: {{Traceback|internal error}}
// MLIR-VALUE: --canonicalize: error: failed to add `canonicalize` with options `max-iterations=many`
// MLIR-VALUE-SAME: 'many' value invalid for long argument!
// MLIR-VALUE-NOT: {{Traceback|internal error}}

// MLIR-NAME-NOT: {{Traceback|internal error}}
// MLIR-NAME: <pass-pipeline>:1:31: error:
// MLIR-NAME-SAME: no such option bogus
// MLIR-NAME-SAME: failed to add `canonicalize` with options `bogus=1`
// MLIR-NAME-NOT: {{Traceback|internal error}}

func.func @f() {
  return
}
