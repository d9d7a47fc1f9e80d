// --version prints accel's version and the IREE compiler's, as mlir-opt names its
// LLVM, and exits without reading any input (it used to be taken for a pass flag:
// "unknown pass 'version'").

// RUN: accel-opt --version | filecheck %s
// RUN: accel-opt --version %t.does-not-exist.mlir | filecheck %s

// CHECK: accel-opt {{[0-9]+\.[0-9]+\.[0-9]+}}
// CHECK-NEXT: IREE compiler {{[0-9]+\.[0-9]+.*}}
// CHECK-NOT: {{.}}
