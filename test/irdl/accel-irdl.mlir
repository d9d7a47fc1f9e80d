// The generated IRDL file: in sync with the op definitions, complete, and loadable
// by iree-opt, which then parses and verifies every accel op, type and attribute.

// RUN: %PYTHON -m accel.dialects.irdl -o %t.irdl.mlir
// RUN: diff %t.irdl.mlir %accel_irdl
// RUN: filecheck %s --check-prefix DEF --input-file %accel_irdl
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | iree-opt --irdl-file=%accel_irdl | filecheck %s
// RUN: not iree-opt %s 2>&1 | filecheck %s --check-prefix NO-IRDL

// One definition per op of dialects/accel.py, plus the token type and the
// memory-space attribute with its two values.
// DEF: irdl.dialect @accel {
// DEF: irdl.type @token
// DEF: irdl.attribute @memspace
// DEF-NEXT: irdl.is "dram"
// DEF-NEXT: irdl.is "sram"
// DEF: irdl.operation @quantize
// DEF: irdl.operation @dequantize
// DEF: irdl.attributes {"bits" = %{{[0-9]+}}, "group_size" = %{{[0-9]+}}}
// DEF: irdl.operation @qmatmul
// DEF: irdl.is "w8a8"
// DEF-NEXT: irdl.is "w8a16"
// DEF-NEXT: irdl.is "w4a16"
// DEF: irdl.operands(lhs: %{{[0-9]+}}, weight: %{{[0-9]+}}, weight_scale: %{{[0-9]+}}, lhs_scale: optional %{{[0-9]+}})
// DEF: irdl.operation @alloc
// DEF: irdl.operation @dma_load
// DEF: irdl.operands(source: %{{[0-9]+}}, dest: %{{[0-9]+}}, deps: variadic %{{[0-9]+}})
// DEF: irdl.operation @dma_store
// DEF: irdl.operation @mma
// DEF: irdl.operation @rescale
// DEF: irdl.operation @ready
// DEF-NEXT: irdl.parametric @accel::@token<>
// DEF-NEXT: irdl.results(token: %{{[0-9]+}})
// DEF: irdl.operation @wait
// DEF-NEXT: irdl.parametric @accel::@token<>
// DEF-NEXT: irdl.operands(tokens: variadic %{{[0-9]+}})

// Every op once, in a plausible order.
// CHECK-LABEL: func.func @every_op
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>, %[[WQ:.*]]: tensor<32x32xi8>, %[[WS:.*]]: tensor<32x2xf32>, %[[A:.*]]: memref<64x64xi8>, %[[C:.*]]: memref<64x64xi32>)
func.func @every_op(%x: tensor<4x64xf32>, %wq: tensor<32x32xi8>, %ws: tensor<32x2xf32>, %a: memref<64x64xi8>, %c: memref<64x64xi32>) -> (tensor<4x32xf32>, tensor<4x32xf32>) {
  // Without the IRDL file, iree-opt knows no accel dialect.
  // NO-IRDL: accel-irdl.mlir:[[# @LINE + 2]]:29: error: operation being parsed with an unregistered dialect
  // CHECK-NEXT: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  %q, %xs = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  // CHECK-NEXT: %[[W:.*]] = "accel.dequantize"(%[[WQ]], %[[WS]]) {bits = 4 : i64, group_size = 32 : i64} : (tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<32x64xf32>
  %w = "accel.dequantize"(%wq, %ws) {bits = 4 : i64, group_size = 32 : i64} : (tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<32x64xf32>
  // CHECK-NEXT: %[[Y4:.*]] = "accel.qmatmul"(%[[X]], %[[WQ]], %[[WS]]) {group_size = 32 : i64, scheme = "w4a16"}
  %y4 = "accel.qmatmul"(%x, %wq, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  // CHECK-NEXT: %[[W8:.*]] = arith.constant dense<1> : tensor<32x64xi8>
  %w8 = arith.constant dense<1> : tensor<32x64xi8>
  // CHECK-NEXT: %[[S8:.*]] = arith.constant dense<5.000000e-01> : tensor<32xf32>
  %s8 = arith.constant dense<0.5> : tensor<32xf32>
  // CHECK-NEXT: %[[Y8:.*]] = "accel.qmatmul"(%[[Q]]#0, %[[W8]], %[[S8]], %[[Q]]#1) {group_size = 0 : i64, scheme = "w8a8"}
  %y8 = "accel.qmatmul"(%q, %w8, %s8, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  // CHECK-NEXT: %[[BA:.*]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  %ba = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[ACC:.*]] = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x64xi32, #accel.memspace<"sram">>
  %acc = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x64xi32, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[RS:.*]] = "accel.alloc"() {offset = 20480 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
  %rs = "accel.alloc"() {offset = 20480 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[OUT:.*]] = "accel.alloc"() {offset = 20736 : i64} : () -> memref<64x64xf32, #accel.memspace<"sram">>
  %out = "accel.alloc"() {offset = 20736 : i64} : () -> memref<64x64xf32, #accel.memspace<"sram">>
  // CHECK-NEXT: %[[T0:.*]] = "accel.ready"() : () -> !accel.token
  %t0 = "accel.ready"() : () -> !accel.token
  // CHECK-NEXT: %[[TL:.*]] = "accel.dma_load"(%[[A]], %[[BA]], %[[T0]]) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %tl = "accel.dma_load"(%a, %ba, %t0) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  // CHECK-NEXT: %[[TM:.*]] = "accel.mma"(%[[BA]], %[[BA]], %[[ACC]], %[[TL]]) {accumulate = false}
  %tm = "accel.mma"(%ba, %ba, %acc, %tl) {accumulate = false} : (memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  // CHECK-NEXT: %[[TR:.*]] = "accel.rescale"(%[[ACC]], %[[RS]], %[[RS]], %[[OUT]], %[[TM]])
  %tr = "accel.rescale"(%acc, %rs, %rs, %out, %tm) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<64x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  // CHECK-NEXT: %[[TS:.*]] = "accel.dma_store"(%[[ACC]], %[[C]], %[[TM]]) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<64x64xi32>, !accel.token) -> !accel.token
  %ts = "accel.dma_store"(%acc, %c, %tm) : (memref<64x64xi32, #accel.memspace<"sram">>, memref<64x64xi32>, !accel.token) -> !accel.token
  // CHECK-NEXT: "accel.wait"(%[[TR]], %[[TS]]) : (!accel.token, !accel.token) -> ()
  "accel.wait"(%tr, %ts) : (!accel.token, !accel.token) -> ()
  // CHECK-NEXT: return %[[Y4]], %[[Y8]] : tensor<4x32xf32>, tensor<4x32xf32>
  return %y4, %y8 : tensor<4x32xf32>, tensor<4x32xf32>
}
