// accel passes run on the module: nesting one under func.func(...) is an error at
// its column in the pipeline, whatever the depth.

// RUN: not accel-opt %s --pass-pipeline='builtin.module(func.func(accel-op-stats))' 2>&1 | filecheck %s
// RUN: not accel-opt %s --pass-pipeline='builtin.module(canonicalize, func.func(cse, accel-verify))' 2>&1 | filecheck %s --check-prefix SECOND

// CHECK-NOT: {{Traceback|internal error}}
// CHECK: <pass-pipeline>:1:26: error: accel pass 'accel-op-stats' runs on the module: schedule it at the top level, not inside a nested pipeline
// CHECK-NOT: {{Traceback|internal error}}
// CHECK-NOT: op statistics

// SECOND-NOT: {{Traceback|internal error}}
// SECOND: <pass-pipeline>:1:45: error: accel pass 'accel-verify' runs on the module: schedule it at the top level, not inside a nested pipeline
// SECOND-NOT: {{Traceback|internal error}}

func.func @f() {
  return
}
