// --mlir-print-op-generic prints every op, upstream ones included, in generic form;
// accel-opt and iree-opt (with the IRDL file) read it back to the same IR.

// RUN: accel-opt %s --mlir-print-op-generic | filecheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | filecheck %s --check-prefix CUSTOM
// RUN: accel-opt %s --mlir-print-op-generic | iree-opt --irdl-file=%accel_irdl | filecheck %s --check-prefix CUSTOM

// CHECK: "builtin.module"() ({
// CHECK-NEXT: "func.func"() <{function_type = (memref<16x16xf32>, !accel.token) -> !accel.token, sym_name = "generic"}> ({
// CHECK-NEXT: ^bb0(%[[SRC:.*]]: memref<16x16xf32>, %[[T:.*]]: !accel.token):
// CHECK-NEXT: %[[BUF:.*]] = "accel.alloc"() {offset = 128 : i64} : () -> memref<16x16xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[LOAD:.*]] = "accel.dma_load"(%[[SRC]], %[[BUF]], %[[T]])
// CHECK-NEXT: "func.return"(%[[LOAD]]) : (!accel.token) -> ()
// CHECK-NEXT: }) : () -> ()
// CHECK-NEXT: }) : () -> ()

// CUSTOM: module {
// CUSTOM-NEXT: func.func @generic(%[[SRC:.*]]: memref<16x16xf32>, %[[T:.*]]: !accel.token) -> !accel.token {
// CUSTOM-NEXT: %[[BUF:.*]] = "accel.alloc"() {offset = 128 : i64}
// CUSTOM-NEXT: %[[LOAD:.*]] = "accel.dma_load"(%[[SRC]], %[[BUF]], %[[T]])
// CUSTOM-NEXT: return %[[LOAD]] : !accel.token
func.func @generic(%src: memref<16x16xf32>, %t: !accel.token) -> !accel.token {
  %buf = "accel.alloc"() {offset = 128 : i64} : () -> memref<16x16xf32, #accel.memspace<"sram">>
  %load = "accel.dma_load"(%src, %buf, %t) : (memref<16x16xf32>, memref<16x16xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  return %load : !accel.token
}
