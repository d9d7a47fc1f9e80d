// accelc compile: the sim artifact is the scheduled (L4) module, which accel-opt and
// MLIR itself (iree-opt with the accel IRDL) read back; --dump-ir writes the IR
// after each stage; --tile-sizes reaches accel-tile; the cpu artifact is a .vmfb
// that IREE's own runner executes.

// RUN: rm -rf %t.ir
// RUN: accelc compile %s --target sim -q -o %t.sched.mlir --tile-sizes 8,16,32 --dump-ir %t.ir
// RUN: filecheck %s --input-file %t.sched.mlir
// RUN: accel-opt %t.sched.mlir | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %t.sched.mlir | filecheck %s
// RUN: filecheck %s --input-file %t.ir/01-graph.mlir --check-prefix GRAPH
// RUN: filecheck %s --input-file %t.ir/02-tiled.mlir --check-prefix TILED
// RUN: diff %t.ir/03-scheduled.mlir %t.sched.mlir

// RUN: accelc compile %s --target cpu -o %t.vmfb 2>&1 | filecheck %s --check-prefix PROGRESS
// RUN: iree-run-module --device=local-task --module=%t.vmfb --function=tile_edges --input=20x40xi8=1 --input=24x40xi8=1 --input=24xf32=1 --input=20xf32=1 | filecheck %s --check-prefix IREE

// CHECK-LABEL: func.func @tile_edges
// CHECK-SAME:    memref<20x40xi8>, {{.*}}, %[[OUT:.*]]: memref<20x24xf32>)
// CHECK-DAG:     "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<8x32xi8, #accel.memspace<"sram">>
// CHECK-DAG:     "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<16x32xi8, #accel.memspace<"sram">>
// CHECK:         "accel.dma_load"
// CHECK:         "accel.mma"
// CHECK:         "accel.rescale"
// CHECK:         "accel.dma_store"
// CHECK:         "accel.wait"

// GRAPH:       "accel.qmatmul"

// TILED:       scf.for
// TILED:       "accel.qmatmul"{{.*}}accel.tile = array<i64: 8, 16, 32>

// PROGRESS:      accelc: graph: {{[0-9.]+}} s
// PROGRESS-NEXT: accelc: linalg: {{[0-9.]+}} s
// PROGRESS-NEXT: accelc: iree (llvm-cpu): {{[0-9.]+}} s
// PROGRESS-NEXT: accelc: wrote {{.*}}compile.mlir.tmp.vmfb

// Every element: 40 products of 1 * 1, scaled by 1 * 1.
// IREE: result[0]: hal.buffer_view
// IREE-NEXT: 20x24xf32=[40 40 40

func.func @tile_edges(%x: tensor<20x40xi8>, %w: tensor<24x40xi8>, %w_scale: tensor<24xf32>, %x_scale: tensor<20xf32>) -> tensor<20x24xf32> {
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : (tensor<20x40xi8>, tensor<24x40xi8>, tensor<24xf32>, tensor<20xf32>) -> tensor<20x24xf32>
  return %y : tensor<20x24xf32>
}
