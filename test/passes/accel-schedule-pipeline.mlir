// RUN: accel-opt %s --accel-tile=tile-sizes=64,32,32 --canonicalize --cse --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize --accel-schedule | filecheck %s --check-prefix=FIXED
// RUN: accel-opt %s --accel-tile=tile-sizes=64,32,32 --canonicalize --cse --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize --accel-schedule | iree-opt --irdl-file=%accel_irdl | filecheck %s --check-prefix=FIXED
// RUN: accel-opt %s --accel-tile --canonicalize --cse --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize --accel-schedule | filecheck %s --check-prefix=EDGE

// From L2 to L4: accel-tile, MLIR's own bufferization (one-shot-bufferize keeps the
// unknown accel.qmatmul on tensors between to_tensor / to_buffer; buffer-results-to-
// out-params turns the result into an out-parameter), then accel-schedule. The second
// run checks that iree-opt, with the dialect's IRDL, accepts the result as it is.

// FIXED-LABEL: func.func @w8a8
// FIXED-SAME: (%{{\w+}}: memref<100x64xi8>, %{{\w+}}: memref<72x64xi8>, %{{\w+}}: memref<72xf32>, %{{\w+}}: memref<100xf32>, %[[Y:\w+]]: memref<100x72xf32>)
// FIXED-NOT: memref.alloc
// FIXED: "accel.alloc"() {offset = 0 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// FIXED: "accel.alloc"() {offset = 58368 : i64} : () -> memref<32xf32, #accel.memspace<"sram">>
// FIXED: %[[READY:\w+]] = "accel.ready"() : () -> !accel.token
// FIXED: %[[ML:\w+]]:26 = scf.for {{.*}} iter_args({{.*}} = %[[READY]])
// The first tile of the pass over N, peeled off: it loads the resident lhs row
// block's K steps with its own. Two K steps of 32: both mma, the first overwriting
// the accumulator.
// FIXED: memref.subview %[[Y]]
// FIXED: "accel.mma"{{.*}}{accumulate = false}
// FIXED: "accel.mma"{{.*}}{accumulate = true}
// FIXED: "accel.rescale"
// FIXED: "accel.dma_store"
// The other tiles of the pass.
// FIXED: scf.for
// FIXED: memref.subview %[[Y]]
// FIXED: "accel.mma"{{.*}}{accumulate = false}
// FIXED: "accel.mma"{{.*}}{accumulate = true}
// FIXED: "accel.rescale"
// FIXED: "accel.dma_store"
// FIXED: "accel.wait"(%[[ML]]#23, %[[ML]]#24, %[[ML]]#25)
// FIXED-NOT: bufferization
// FIXED-NOT: tensor
// FIXED-NOT: memref.copy

// Sizes chosen for edge-npu: 16x72x32, two K steps, a loop over M only; the weights
// (all of them) stay resident across it, one buffer per K step, loaded by the first
// tile, peeled off.
// EDGE-LABEL: func.func @w8a8
// EDGE: "accel.alloc"() {offset = 0 : i64} : () -> memref<16x32xi8, #accel.memspace<"sram">>
// EDGE: %[[R0:\w+]] = "accel.alloc"() {offset = 2560 : i64} : () -> memref<72x32xi8, #accel.memspace<"sram">>
// EDGE-NEXT: %[[R1:\w+]] = "accel.alloc"() {offset = 4864 : i64} : () -> memref<72x32xi8, #accel.memspace<"sram">>
// EDGE-NOT: scf.for
// EDGE: "accel.dma_load"(%{{\w+}}, %[[R0]]
// EDGE: "accel.dma_load"(%{{\w+}}, %[[R1]]
// EDGE: "accel.mma"(%{{\w+}}, %[[R0]], {{.*}}{accumulate = false}
// EDGE-NEXT: "accel.mma"(%{{\w+}}, %[[R1]], {{.*}}{accumulate = true}
// EDGE: scf.for
// EDGE-NOT: scf.for
// EDGE: "accel.mma"(%{{\w+}}, %[[R0]], {{.*}}{accumulate = false}
// EDGE-NEXT: "accel.mma"(%{{\w+}}, %[[R1]], {{.*}}{accumulate = true}
// EDGE-NOT: "accel.mma"
// EDGE: "accel.wait"
func.func @w8a8(%x: tensor<100x64xi8>, %w: tensor<72x64xi8>, %ws: tensor<72xf32>, %xs: tensor<100xf32>) -> tensor<100x72xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<100x64xi8>, tensor<72x64xi8>, tensor<72xf32>, tensor<100xf32>) -> tensor<100x72xf32>
  return %y : tensor<100x72xf32>
}
