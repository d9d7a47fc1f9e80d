// -o FILE writes the result there and nothing to stdout; a path that cannot be
// written is an error located at that path, and leaves nothing behind.

// RUN: rm -f %t.out.mlir
// RUN: accel-opt %s -o %t.out.mlir | filecheck %s --check-prefix STDOUT --allow-empty
// RUN: filecheck %s --input-file %t.out.mlir
// RUN: accel-opt %t.out.mlir | filecheck %s

// RUN: not accel-opt %s -o %t.missing-dir/out.mlir 2>&1 | filecheck %s --check-prefix NO-DIR

// STDOUT-NOT: {{.}}

// CHECK: module {
// CHECK-LABEL: func.func @copy_tile
// CHECK-SAME: (%[[SRC:.*]]: memref<32x32xf32>, %[[T:.*]]: !accel.token)
// CHECK-NEXT: %[[BUF:.*]] = "accel.alloc"() {offset = 256 : i64} : () -> memref<32x32xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[LOAD:.*]] = "accel.dma_load"(%[[SRC]], %[[BUF]], %[[T]])
// CHECK-NEXT: "accel.wait"(%[[LOAD]]) : (!accel.token) -> ()
// CHECK-NEXT: return
func.func @copy_tile(%src: memref<32x32xf32>, %t: !accel.token) {
  %buf = "accel.alloc"() {offset = 256 : i64} : () -> memref<32x32xf32, #accel.memspace<"sram">>
  %load = "accel.dma_load"(%src, %buf, %t) : (memref<32x32xf32>, memref<32x32xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  "accel.wait"(%load) : (!accel.token) -> ()
  return
}

// NO-DIR-NOT: {{Traceback|internal error}}
// NO-DIR: missing-dir/out.mlir: error: cannot write output: directory '{{.*}}missing-dir' does not exist
// NO-DIR-NOT: {{Traceback|internal error}}
