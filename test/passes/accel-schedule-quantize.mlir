// RUN: accel-opt %s --accel-tile=quantize-rows=4 --canonicalize --cse --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize --cse --accel-schedule-quantize --canonicalize --cse | filecheck %s
// RUN: accel-opt %s --accel-tile=quantize-rows=4 --canonicalize --cse --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize --cse --accel-schedule-quantize --canonicalize --cse | iree-opt --irdl-file=%accel_irdl | filecheck %s --check-prefix=IRDL
// RUN: accel-opt %s --accel-tile=quantize-rows=4 --canonicalize --cse | filecheck %s --check-prefix=TILED

// accel.quantize from L2 to L4: accel-tile cuts it into blocks of 4 rows (MLIR's
// tile_using_for over a proxy with both outputs), MLIR bufferizes, and
// accel-schedule-quantize makes each block a double-buffered DMA / vector-unit
// program. 10 rows: blocks of 4, 4 and 2 (affine.min). The IRDL run checks that
// iree-opt accepts the result with the dialect's IRDL.

// TILED-LABEL: func.func @q
// TILED: scf.for %[[I:\w+]] = %{{\w+}} to %{{\w+}} step %{{\w+}} iter_args(%[[Q:\w+]] = %{{\w+}}, %[[S:\w+]] = %{{\w+}}) -> (tensor<10x24xi8>, tensor<10xf32>)
// TILED: %[[R:\w+]] = affine.min
// TILED: %[[X:\w+]] = tensor.extract_slice %{{\w+}}[%[[I]], 0] [%[[R]], 24] [1, 1]
// TILED: "accel.quantize"(%[[X]]) {accel.tile = array<i64: 4>} : (tensor<?x24xf32>) -> (tensor<?x24xi8>, tensor<?xf32>)
// TILED: tensor.insert_slice {{.*}} into %[[Q]][%[[I]], 0] [%[[R]], 24]
// TILED: tensor.insert_slice {{.*}} into %[[S]][%[[I]]] [%[[R]]]

// CHECK-LABEL: func.func @q
// CHECK-SAME: (%[[XIN:\w+]]: memref<10x24xf32>, %[[QOUT:\w+]]: memref<10x24xi8>, %[[SOUT:\w+]]: memref<10xf32>)
// CHECK-NOT: memref.alloc
// The constants: [1, 1] buffers filled by clamp to [c, c], chained.
// CHECK: %[[K127:\w+]] = "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<1x1xf32, #accel.memspace<"sram">>
// CHECK-COUNT-3: "accel.alloc"() {{.*}} -> memref<1x1xf32, #accel.memspace<"sram">>
// Two sets of X (the f32 rows), A (work), Q (int8 rows), S (scales), T (work).
// CHECK-NEXT: %[[X0:\w+]] = "accel.alloc"() {{.*}} -> memref<4x24xf32, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {{.*}} -> memref<4x24xf32, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {{.*}} -> memref<4x24xi8, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {{.*}} -> memref<4x1xf32, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {{.*}} -> memref<4x1xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[X1:\w+]] = "accel.alloc"() {{.*}} -> memref<4x24xf32, #accel.memspace<"sram">>
// CHECK: %[[C0:\w+]] = "accel.vunary"(%[[K127]], %[[K127]]) {kind = "clamp", max = 1.270000e+02 : f64, min = 1.270000e+02 : f64}
// CHECK: %[[CLAST:\w+]] = "accel.vunary"{{.*}}{kind = "clamp", max = 1.000000e+00 : f64, min = 1.000000e+00 : f64}
// The scales are stored through a [10, 1] view of the [10] result.
// CHECK: %[[COLUMN:\w+]] = memref.expand_shape %[[SOUT]] {{\[\[}}0, 1]] output_shape [10, 1]
// CHECK: %[[READY:\w+]] = "accel.ready"
// The row loop carries the two buffer sets (X A Q S T and three tokens each), swapped every block.
// CHECK: %[[LOOP:\w+]]:16 = scf.for %[[I:\w+]] = {{.*}} iter_args(%[[XA:\w+]] = %[[X0]], {{.*}}, %[[SA:\w+]] = %{{\w+}}, {{.*}}, %[[DONE:\w+]] = %[[CLAST]], %{{\w+}} = %[[READY]], %{{\w+}} = %[[READY]], %[[XB:\w+]] = %[[X1]],
// CHECK: %[[R:\w+]] = affine.min
// CHECK: %[[WIN:\w+]] = memref.subview %[[XIN]][%[[I]], 0] [%[[R]], 24]
// CHECK: %[[QWIN:\w+]] = memref.subview %[[QOUT]][%[[I]], 0] [%[[R]], 24]
// CHECK: %[[LOAD:\w+]] = "accel.dma_load"(%[[WIN]], %[[XA]], %[[DONE]]) {queue = 0 : i64}
// CHECK: "accel.vunary"(%[[XA]], %{{\w+}}, %[[LOAD]], %[[DONE]]) {kind = "abs"}
// CHECK: "accel.vreduce"({{.*}}) {kind = "max"}
// CHECK: "accel.vbinary"(%[[SA]], %[[K127]], %[[SA]], %{{\w+}}) {kind = "div"}
// CHECK: "accel.vbinary"({{.*}}) {kind = "mul"}
// CHECK: "accel.vbinary"({{.*}}) {kind = "mul"}
// CHECK: "accel.vunary"({{.*}}) {kind = "clamp", max = 1.000000e+00 : f64, min = 0.000000e+00 : f64}
// CHECK: "accel.vbinary"({{.*}}) {kind = "sub"}
// CHECK: %[[SCALE:\w+]] = "accel.vbinary"(%[[SA]], {{.*}}) {kind = "add"}
// CHECK: "accel.vbinary"(%[[XA]], %[[SA]], {{.*}}) {kind = "div"}
// CHECK: "accel.vunary"({{.*}}) {kind = "round"}
// CHECK: "accel.vunary"({{.*}}) {kind = "clamp", max = 1.270000e+02 : f64, min = -1.270000e+02 : f64}
// CHECK: %[[CAST:\w+]] = "accel.vunary"({{.*}}) {kind = "cast"} : (memref<4x24xf32, #accel.memspace<"sram">>, memref<4x24xi8, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
// CHECK: %[[STQ:\w+]] = "accel.dma_store"(%{{\w+}}, %[[QWIN]], %[[CAST]]) {queue = 1 : i64}
// CHECK: %[[SWIN:\w+]] = memref.subview %[[COLUMN]][%[[I]], 0] [%[[R]], 1]
// CHECK: %[[STS:\w+]] = "accel.dma_store"(%[[SA]], %[[SWIN]], %[[SCALE]]) {queue = 1 : i64}
// CHECK: scf.yield %[[XB]], {{.*}}, %[[XA]], {{.*}}, %[[CAST]], %[[STQ]], %[[STS]]
// CHECK: "accel.wait"(%[[LOOP]]#6, %[[LOOP]]#7, %[[LOOP]]#14, %[[LOOP]]#15)
// CHECK-NEXT: return

// IRDL-LABEL: func.func @q
// IRDL: scf.for
// IRDL: "accel.vreduce"
// IRDL: "accel.wait"
func.func @q(%x: tensor<10x24xf32>) -> (tensor<10x24xi8>, tensor<10xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<10x24xf32>) -> (tensor<10x24xi8>, tensor<10xf32>)
  return %q, %s : tensor<10x24xi8>, tensor<10xf32>
}
