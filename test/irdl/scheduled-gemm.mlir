// examples/scheduled_gemm.mlir is valid for MLIR itself (iree-opt with the IRDL
// file) and for accel-opt, and each tool reads what the other prints.

// RUN: iree-opt --irdl-file=%accel_irdl %accel_root/examples/scheduled_gemm.mlir | filecheck %s
// RUN: accel-opt %accel_root/examples/scheduled_gemm.mlir | iree-opt --irdl-file=%accel_irdl | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %accel_root/examples/scheduled_gemm.mlir | accel-opt --accel-verify | filecheck %s

// CHECK-LABEL: func.func @gemm_tile
// CHECK-SAME: (%[[A:.*]]: memref<128x256xi8>, %[[B:.*]]: memref<64x256xi8>, %[[C:.*]]: memref<128x64xi32>)
// CHECK-NEXT: %[[A0:.*]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<128x128xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[B0:.*]] = "accel.alloc"() {offset = 16384 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[A1:.*]] = "accel.alloc"() {offset = 24576 : i64} : () -> memref<128x128xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[B1:.*]] = "accel.alloc"() {offset = 40960 : i64} : () -> memref<64x128xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[ACC:.*]] = "accel.alloc"() {offset = 49152 : i64} : () -> memref<128x64xi32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[WA0:.*]] = memref.subview %[[A]][0, 0] [128, 128] [1, 1]
// CHECK-NEXT: %[[WB0:.*]] = memref.subview %[[B]][0, 0] [64, 128] [1, 1]
// CHECK-NEXT: %[[TA0:.*]] = "accel.dma_load"(%[[WA0]], %[[A0]])
// CHECK-NEXT: %[[TB0:.*]] = "accel.dma_load"(%[[WB0]], %[[B0]])
// CHECK-NEXT: %[[WA1:.*]] = memref.subview %[[A]][0, 128] [128, 128] [1, 1]
// CHECK-NEXT: %[[WB1:.*]] = memref.subview %[[B]][0, 128] [64, 128] [1, 1]
// CHECK-NEXT: %[[TA1:.*]] = "accel.dma_load"(%[[WA1]], %[[A1]])
// CHECK-NEXT: %[[TB1:.*]] = "accel.dma_load"(%[[WB1]], %[[B1]])
// CHECK-NEXT: %[[M0:.*]] = "accel.mma"(%[[A0]], %[[B0]], %[[ACC]], %[[TA0]], %[[TB0]]) {accumulate = false}
// CHECK-NEXT: %[[M1:.*]] = "accel.mma"(%[[A1]], %[[B1]], %[[ACC]], %[[TA1]], %[[TB1]], %[[M0]]) {accumulate = true}
// CHECK-NEXT: %[[ST:.*]] = "accel.dma_store"(%[[ACC]], %[[C]], %[[M1]]) : (memref<128x64xi32, #accel.memspace<"sram">>, memref<128x64xi32>, !accel.token) -> !accel.token
// CHECK-NEXT: "accel.wait"(%[[ST]]) : (!accel.token) -> ()
// CHECK-NEXT: return
