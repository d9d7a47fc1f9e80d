// --list-passes names every accel pass with its summary and options, and exits
// without reading any input.

// RUN: accel-opt --list-passes | filecheck %s
// RUN: accel-opt --list-passes %t.does-not-exist.mlir | filecheck %s

// Passes are listed by name; others may come in between as the registry grows.
// CHECK: accel passes:
// CHECK: --accel-op-stats Print an op histogram and which unit each op runs on
// CHECK-NEXT: format=text output format (text|json)
// CHECK-NEXT: title= a heading for the table
// CHECK: --accel-verify Verify accel ops against their definitions
// CHECK: Every MLIR and IREE pass is available too
