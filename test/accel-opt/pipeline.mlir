// A pipeline that interleaves accel passes (accel-op-stats with options,
// accel-verify) with upstream MLIR passes (symbol-dce on the module, canonicalize
// and cse nested in func.func), given as --pass-pipeline and as flags: both mean
// the same and print the same IR and statistics.

// RUN: accel-opt %s --pass-pipeline='builtin.module(accel-op-stats{title=before}, symbol-dce, func.func(canonicalize, cse), accel-op-stats{format=json title="after cse"}, accel-verify)' 2> %t.pipeline.err | filecheck %s
// RUN: filecheck %s --check-prefix STATS --input-file %t.pipeline.err
// RUN: accel-opt %s --accel-op-stats=title=before --symbol-dce --canonicalize --cse --accel-op-stats='format=json title="after cse"' --accel-verify 2> %t.flags.err | filecheck %s
// RUN: filecheck %s --check-prefix STATS --input-file %t.flags.err

// The private helper is dead (symbol-dce), the two identical windows become one
// (cse) and the constant arithmetic folds (canonicalize).
// CHECK-NOT: @unused_helper
// CHECK-LABEL: func.func @tile
// CHECK-SAME: (%[[A:.*]]: memref<128x64xi8>, %[[C:.*]]: memref<64x64xi32>)
// CHECK-NEXT: %[[BUF:.*]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[ACC:.*]] = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x64xi32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[WIN:.*]] = memref.subview %[[A]][64, 0] [64, 64] [1, 1]
// CHECK-NEXT: %[[CAST:.*]] = memref.cast %[[WIN]]
// CHECK-NEXT: %[[T0:.*]] = "accel.dma_load"(%[[CAST]], %[[BUF]])
// CHECK-NEXT: %[[T1:.*]] = "accel.mma"(%[[BUF]], %[[BUF]], %[[ACC]], %[[T0]]) {accumulate = false}
// CHECK-NEXT: %[[T2:.*]] = "accel.dma_store"(%[[ACC]], %[[C]], %[[T1]])
// CHECK-NEXT: "accel.wait"(%[[T2]]) : (!accel.token) -> ()
// CHECK-NEXT: return
// CHECK-NOT: memref.subview

// STATS-NOT: {{Traceback|internal error}}
// STATS: // ----- before -----
// STATS-NEXT: accel.alloc         2  none
// STATS-NEXT: arith.constant      2  none
// STATS-NEXT: func.func           2  none
// STATS-NEXT: func.return         2  none
// STATS-NEXT: memref.subview      2  none
// STATS-NEXT: accel.dma_load      1  none
// STATS-NEXT: accel.dma_store     1  none
// STATS-NEXT: accel.mma           1  matrix
// STATS-NEXT: accel.wait          1  none
// STATS-NEXT: arith.addi          1  fallback
// STATS-NEXT: builtin.module      1  none
// STATS-NEXT: units: matrix=1, vector=0, fallback=1, none=14
// STATS-NEXT: {"title": "after cse", "ops": [{"name": "accel.alloc", "count": 2, "unit": "none"}, {"name": "accel.dma_load", "count": 1, "unit": "none"}, {"name": "accel.dma_store", "count": 1, "unit": "none"}, {"name": "accel.mma", "count": 1, "unit": "matrix"}, {"name": "accel.wait", "count": 1, "unit": "none"}, {"name": "builtin.module", "count": 1, "unit": "none"}, {"name": "func.func", "count": 1, "unit": "none"}, {"name": "func.return", "count": 1, "unit": "none"}, {"name": "memref.cast", "count": 1, "unit": "none"}, {"name": "memref.subview", "count": 1, "unit": "none"}]}
// STATS-NOT: {{Traceback|internal error}}

func.func private @unused_helper() -> index {
  %c = arith.constant 64 : index
  return %c : index
}

func.func @tile(%a: memref<128x64xi8>, %c: memref<64x64xi32>) {
  %half = arith.constant 32 : index
  %row = arith.addi %half, %half : index
  %buf = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %acc = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x64xi32, #accel.memspace<"sram">>
  %w0 = memref.subview %a[%row, 0] [64, 64] [1, 1] : memref<128x64xi8> to memref<64x64xi8, strided<[64, 1], offset: ?>>
  %w1 = memref.subview %a[%row, 0] [64, 64] [1, 1] : memref<128x64xi8> to memref<64x64xi8, strided<[64, 1], offset: ?>>
  %t0 = "accel.dma_load"(%w0, %buf) : (memref<64x64xi8, strided<[64, 1], offset: ?>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
  %t1 = "accel.mma"(%buf, %buf, %acc, %t0) {accumulate = false} : (memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %t2 = "accel.dma_store"(%acc, %c, %t1) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<64x64xi32>, !accel.token) -> !accel.token
  "accel.wait"(%t2) : (!accel.token) -> ()
  return
}
