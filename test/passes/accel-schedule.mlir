// RUN: accel-opt %s --split-input-file --accel-schedule | filecheck %s
// RUN: accel-opt %s --split-input-file --accel-schedule | iree-opt --irdl-file=%accel_irdl --split-input-file | filecheck %s --check-prefix=IRDL

// The input is what accel-tile and MLIR's bufferization make of an L2 accel.qmatmul:
//   accel-opt in.mlir --accel-tile=tile-sizes=64,32,32 --canonicalize --cse
//     --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map'
//     --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize
// (accel-schedule-pipeline.mlir runs exactly that). The IRDL run checks that iree-opt,
// with the dialect's IRDL, accepts every scheduled function.

// Edge tiles in M (100 = 64 + 36), N (72 = 32 + 32 + 8) and K (100 = 3 x 32 + 4):
// four K steps, the middle two in the double-buffered loop, the last one peeled.
// CHECK-LABEL: func.func @edge_tiles
// CHECK-SAME: (%[[X:\w+]]: memref<100x100xi8>, %[[W:\w+]]: memref<72x100xi8>, %[[WS:\w+]]: memref<72xf32>, %[[XS:\w+]]: memref<100xf32>, %[[Y:\w+]]: memref<100x72xf32>)
// SRAM buffers, once, at function entry, packed at 64-byte aligned offsets.
// CHECK-NEXT: %[[A0:\w+]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W0:\w+]] = "accel.alloc"() {offset = 2048 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[A1:\w+]] = "accel.alloc"() {offset = 3072 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W1:\w+]] = "accel.alloc"() {offset = 5120 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[ACC:\w+]] = "accel.alloc"() {offset = 6144 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[OUT:\w+]] = "accel.alloc"() {offset = 14336 : i64} : () -> memref<64x32xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[RS:\w+]] = "accel.alloc"() {offset = 22528 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[CS:\w+]] = "accel.alloc"() {offset = 22784 : i64} : () -> memref<32xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[C32:\w+]] = arith.constant 32 : index
// CHECK-NEXT: %[[C96:\w+]] = arith.constant 96 : index
// CHECK-NEXT: %[[C100:\w+]] = arith.constant 100 : index
// CHECK-NEXT: %[[READY:\w+]] = "accel.ready"() : () -> !accel.token
// The tile loops carry the double-buffer pairs and four tokens, all complete at first.
// CHECK: %[[ML:\w+]]:8 = scf.for %[[I:\w+]] = %{{\w+}} to %{{\w+}} step %{{\w+}} iter_args(%[[MA:\w+]] = %[[A0]], %[[MW:\w+]] = %[[W0]], %[[MA2:\w+]] = %[[A1]], %[[MW2:\w+]] = %[[W1]], %[[MF:\w+]] = %[[READY]], %[[MF2:\w+]] = %[[READY]], %[[MR:\w+]] = %[[READY]], %[[MS:\w+]] = %[[READY]])
// CHECK-SAME: -> (memref<64x32xi8, #accel.memspace<"sram">>, memref<32x32xi8, #accel.memspace<"sram">>, memref<64x32xi8, #accel.memspace<"sram">>, memref<32x32xi8, #accel.memspace<"sram">>, !accel.token, !accel.token, !accel.token, !accel.token)
// CHECK: %[[NL:\w+]]:8 = scf.for %[[J:\w+]] = %{{\w+}} to %{{\w+}} step %{{\w+}} iter_args(%[[A:\w+]] = %[[MA]], %[[B:\w+]] = %[[MW]], %[[A2:\w+]] = %[[MA2]], %[[B2:\w+]] = %[[MW2]], %[[FREE:\w+]] = %[[MF]], %[[FREE2:\w+]] = %[[MF2]], %[[RESCALED:\w+]] = %[[MR]], %[[STORED:\w+]] = %[[MS]])
// CHECK: %[[LHS:\w+]] = memref.subview %[[X]][%[[I]], 0] [%[[ROWS:\w+]], 100] [1, 1]
// CHECK: %[[RHS:\w+]] = memref.subview %[[W]][%[[J]], 0] [%[[COLS:\w+]], 100] [1, 1]
// CHECK: %[[WSW:\w+]] = memref.subview %[[WS]][%[[J]]] [%[[COLS]]] [1]
// CHECK: %[[XSW:\w+]] = memref.subview %[[XS]][%[[I]]] [%[[ROWS]]] [1]
// The tile stores straight into the out-parameter: the staging memref.alloc and its copy are gone.
// CHECK: %[[DST:\w+]] = memref.subview %[[Y]][%[[I]], %[[J]]] [%[[ROWS]], %[[COLS]]] [1, 1]
// Prologue: K step 0 into the first pair, after the mma that last read it (WAR).
// CHECK: %[[K0A:\w+]] = memref.subview %[[LHS]][0, 0] [%[[ROWS]], 32] [1, 1]
// CHECK: %[[K0B:\w+]] = memref.subview %[[RHS]][0, 0] [%[[COLS]], 32] [1, 1]
// CHECK: %[[LA0:\w+]] = "accel.dma_load"(%[[K0A]], %[[A]], %[[FREE]])
// CHECK: %[[LB0:\w+]] = "accel.dma_load"(%[[K0B]], %[[B]], %[[FREE]])
// K step 1 into the second pair, after the mma that last read that one.
// CHECK: %[[K1A:\w+]] = memref.subview %[[LHS]][0, 32] [%[[ROWS]], 32] [1, 1]
// CHECK: %[[K1B:\w+]] = memref.subview %[[RHS]][0, 32] [%[[COLS]], 32] [1, 1]
// CHECK: %[[LA1:\w+]] = "accel.dma_load"(%[[K1A]], %[[A2]], %[[FREE2]])
// CHECK: %[[LB1:\w+]] = "accel.dma_load"(%[[K1B]], %[[B2]], %[[FREE2]])
// Step 0 overwrites ACC: after its loads and the previous tile's rescale, which read ACC.
// CHECK: %[[M0:\w+]] = "accel.mma"(%[[A]], %[[B]], %[[ACC]], %[[LA0]], %[[LB0]], %[[RESCALED]]) {accumulate = false}
// Steps 1 and 2 (k = 32, 64): the pair to compute and the other one swap every step.
// CHECK: %[[KL:\w+]]:7 = scf.for %[[K:\w+]] = %[[C32]] to %[[C96]] step %[[C32]] iter_args(%[[CA:\w+]] = %[[A2]], %[[CB:\w+]] = %[[B2]], %[[OA:\w+]] = %[[A]], %[[OB:\w+]] = %[[B]], %[[TA:\w+]] = %[[LA1]], %[[TB:\w+]] = %[[LB1]], %[[PREV:\w+]] = %[[M0]])
// The next step's window; the last one is 4 wide (K edge).
// CHECK-NEXT: %[[NEXT:\w+]] = arith.addi %[[K]], %[[C32]] : index
// CHECK-NEXT: %[[LEFT:\w+]] = arith.subi %[[C100]], %[[NEXT]] : index
// CHECK-NEXT: %[[SIZE:\w+]] = arith.minsi %[[C32]], %[[LEFT]] : index
// CHECK-NEXT: %[[NA:\w+]] = memref.subview %[[LHS]][0, %[[NEXT]]] [%[[ROWS]], %[[SIZE]]] [1, 1]
// CHECK-NEXT: %[[NB:\w+]] = memref.subview %[[RHS]][0, %[[NEXT]]] [%[[COLS]], %[[SIZE]]] [1, 1]
// Double buffering: step s+1 loads into the other pair as soon as the previous mma
// (the last to read it) is done, so it overlaps this step's mma, which does not wait for it.
// CHECK-NEXT: %[[LNA:\w+]] = "accel.dma_load"(%[[NA]], %[[OA]], %[[PREV]])
// CHECK-NEXT: %[[LNB:\w+]] = "accel.dma_load"(%[[NB]], %[[OB]], %[[PREV]])
// CHECK-NEXT: %[[MK:\w+]] = "accel.mma"(%[[CA]], %[[CB]], %[[ACC]], %[[TA]], %[[TB]], %[[PREV]]) {accumulate = true}
// CHECK-NEXT: scf.yield %[[OA]], %[[OB]], %[[CA]], %[[CB]], %[[LNA]], %[[LNB]], %[[MK]]
// The last step, peeled.
// CHECK: %[[MLAST:\w+]] = "accel.mma"(%[[KL]]#0, %[[KL]]#1, %[[ACC]], %[[KL]]#4, %[[KL]]#5, %[[KL]]#6) {accumulate = true}
// Scales: after the previous rescale, which read RS and CS.
// CHECK-NEXT: %[[LRS:\w+]] = "accel.dma_load"(%[[XSW]], %[[RS]], %[[RESCALED]])
// CHECK-NEXT: %[[LCS:\w+]] = "accel.dma_load"(%[[WSW]], %[[CS]], %[[RESCALED]])
// The rescale writes OUT: after the previous tile's store, which read it.
// CHECK-NEXT: %[[R:\w+]] = "accel.rescale"(%[[ACC]], %[[RS]], %[[CS]], %[[OUT]], %[[MLAST]], %[[LRS]], %[[LCS]], %[[STORED]])
// CHECK-NEXT: %[[S:\w+]] = "accel.dma_store"(%[[OUT]], %[[DST]], %[[R]])
// The next tile loads K step 0 into the pair the last mma does not read (free once the
// mma before it is), and waits for neither this rescale nor this store.
// CHECK-NEXT: scf.yield %[[KL]]#2, %[[KL]]#3, %[[KL]]#0, %[[KL]]#1, %[[KL]]#6, %[[MLAST]], %[[R]], %[[S]]
// CHECK: scf.yield %[[NL]]#0, %[[NL]]#1, %[[NL]]#2, %[[NL]]#3, %[[NL]]#4, %[[NL]]#5, %[[NL]]#6, %[[NL]]#7
// CHECK: "accel.wait"(%[[ML]]#7) : (!accel.token) -> ()
// CHECK-NEXT: return
// CHECK-NOT: bufferization
// CHECK-NOT: memref.copy
// IRDL-LABEL: func.func @edge_tiles
// IRDL: "accel.wait"
#rows = affine_map<(d0) -> (-d0 + 100, 64)>
#cols = affine_map<(d0) -> (-d0 + 72, 32)>
func.func @edge_tiles(%x: memref<100x100xi8>, %w: memref<72x100xi8>, %ws: memref<72xf32>, %xs: memref<100xf32>, %y: memref<100x72xf32>) {
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c72 = arith.constant 72 : index
  %c100 = arith.constant 100 : index
  %c0 = arith.constant 0 : index
  %alloc = memref.alloc() alignment = 64 : memref<100x72xf32>
  scf.for %i = %c0 to %c100 step %c64 {
    scf.for %j = %c0 to %c72 step %c32 {
      %rows = affine.min #rows(%i)
      %cols = affine.min #cols(%j)
      %xw = memref.subview %x[%i, 0] [%rows, 100] [1, 1] : memref<100x100xi8> to memref<?x100xi8, strided<[100, 1], offset: ?>>
      %xt = bufferization.to_tensor %xw : memref<?x100xi8, strided<[100, 1], offset: ?>> to tensor<?x100xi8>
      %ww = memref.subview %w[%j, 0] [%cols, 100] [1, 1] : memref<72x100xi8> to memref<?x100xi8, strided<[100, 1], offset: ?>>
      %wt = bufferization.to_tensor %ww : memref<?x100xi8, strided<[100, 1], offset: ?>> to tensor<?x100xi8>
      %wsw = memref.subview %ws[%j] [%cols] [1] : memref<72xf32> to memref<?xf32, strided<[1], offset: ?>>
      %wst = bufferization.to_tensor %wsw : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
      %xsw = memref.subview %xs[%i] [%rows] [1] : memref<100xf32> to memref<?xf32, strided<[1], offset: ?>>
      %xst = bufferization.to_tensor %xsw : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
      %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<?x100xi8>, tensor<?x100xi8>, tensor<?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
      %tb = bufferization.to_buffer %t : tensor<?x?xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
      %dst = memref.subview %alloc[%i, %j] [%rows, %cols] [1, 1] : memref<100x72xf32> to memref<?x?xf32, strided<[72, 1], offset: ?>>
      memref.copy %tb, %dst : memref<?x?xf32, strided<[?, ?], offset: ?>> to memref<?x?xf32, strided<[72, 1], offset: ?>>
    }
  }
  memref.copy %alloc, %y : memref<100x72xf32> to memref<100x72xf32>
  return
}

// -----

// One K step per tile (K = tk = 32): no K loop; the single mma overwrites ACC. Tiles
// alternate pairs: the next tile loads into the pair this tile's mma does not read.
// CHECK-LABEL: func.func @one_k_step
// CHECK-SAME: (%[[X:\w+]]: memref<100x32xi8>, %[[W:\w+]]: memref<32x32xi8>, %[[WS:\w+]]: memref<32xf32>, %[[XS:\w+]]: memref<100xf32>, %[[Y:\w+]]: memref<100x32xf32>)
// CHECK: %[[READY:\w+]] = "accel.ready"()
// CHECK: %[[ML:\w+]]:8 = scf.for %[[I:\w+]] = {{.*}} iter_args(%[[A:\w+]] = %{{\w+}}, %[[B:\w+]] = %{{\w+}}, %[[A2:\w+]] = %{{\w+}}, %[[B2:\w+]] = %{{\w+}}, %[[FREE:\w+]] = %[[READY]], %[[FREE2:\w+]] = %[[READY]], %[[RESCALED:\w+]] = %[[READY]], %[[STORED:\w+]] = %[[READY]])
// CHECK: %[[LHS:\w+]] = memref.subview %[[X]][%[[I]], 0] [%{{\w+}}, 32] [1, 1]
// The windows are the whole K: no K sub-window.
// CHECK: %[[LA:\w+]] = "accel.dma_load"(%[[LHS]], %[[A]], %[[FREE]])
// CHECK-NEXT: %[[LB:\w+]] = "accel.dma_load"(%[[W]], %[[B]], %[[FREE]])
// CHECK-NEXT: %[[M:\w+]] = "accel.mma"(%[[A]], %[[B]], %{{\w+}}, %[[LA]], %[[LB]], %[[RESCALED]]) {accumulate = false}
// CHECK-NOT: accel.mma
// CHECK: %[[R:\w+]] = "accel.rescale"
// CHECK-NEXT: %[[S:\w+]] = "accel.dma_store"
// CHECK-NEXT: scf.yield %[[A2]], %[[B2]], %[[A]], %[[B]], %[[FREE2]], %[[M]], %[[R]], %[[S]]
// CHECK: "accel.wait"(%[[ML]]#7)
// IRDL-LABEL: func.func @one_k_step
#rows = affine_map<(d0) -> (-d0 + 100, 64)>
func.func @one_k_step(%x: memref<100x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<100xf32>, %y: memref<100x32xf32>) {
  %c0 = arith.constant 0 : index
  %c100 = arith.constant 100 : index
  %c64 = arith.constant 64 : index
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %alloc = memref.alloc() alignment = 64 : memref<100x32xf32>
  scf.for %i = %c0 to %c100 step %c64 {
    %rows = affine.min #rows(%i)
    %xw = memref.subview %x[%i, 0] [%rows, 32] [1, 1] : memref<100x32xi8> to memref<?x32xi8, strided<[32, 1], offset: ?>>
    %xt = bufferization.to_tensor %xw : memref<?x32xi8, strided<[32, 1], offset: ?>> to tensor<?x32xi8>
    %xsw = memref.subview %xs[%i] [%rows] [1] : memref<100xf32> to memref<?xf32, strided<[1], offset: ?>>
    %xst = bufferization.to_tensor %xsw : memref<?xf32, strided<[1], offset: ?>> to tensor<?xf32>
    %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<?x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<?xf32>) -> tensor<?x32xf32>
    %tb = bufferization.to_buffer %t : tensor<?x32xf32> to memref<?x32xf32, strided<[?, ?], offset: ?>>
    %dst = memref.subview %alloc[%i, 0] [%rows, 32] [1, 1] : memref<100x32xf32> to memref<?x32xf32, strided<[32, 1], offset: ?>>
    memref.copy %tb, %dst : memref<?x32xf32, strided<[?, ?], offset: ?>> to memref<?x32xf32, strided<[32, 1], offset: ?>>
  }
  memref.copy %alloc, %y : memref<100x32xf32> to memref<100x32xf32>
  return
}

// -----

// Two matmuls reading the same activations, one tile each (no tile loops), two K steps.
// Same tile sizes: one set of buffers, and the second matmul's tokens continue the
// first's; its loads overlap the first's tail (the two only read %x: no wait between).
// CHECK-LABEL: func.func @shared_input
// CHECK-SAME: (%[[X:\w+]]: memref<64x64xi8>, %[[W1:\w+]]: memref<32x64xi8>, %[[W2:\w+]]: memref<32x64xi8>, %[[WS:\w+]]: memref<32xf32>, %[[XS:\w+]]: memref<64xf32>, %[[Y1:\w+]]: memref<64x32xf32>, %[[Y2:\w+]]: memref<64x32xf32>)
// CHECK-NEXT: %[[A0:\w+]] = "accel.alloc"() {offset = 0 : i64}
// CHECK-NEXT: %[[W0:\w+]] = "accel.alloc"() {offset = 2048 : i64}
// CHECK-NEXT: %[[A1:\w+]] = "accel.alloc"() {offset = 3072 : i64}
// CHECK-NEXT: %[[W1:\w+]] = "accel.alloc"() {offset = 5120 : i64}
// CHECK-COUNT-4: "accel.alloc"
// CHECK-NEXT: %[[READY:\w+]] = "accel.ready"()
// CHECK-NOT: "accel.alloc"
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A0]], %[[READY]])
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A1]], %[[READY]])
// CHECK: %[[FIRST_M0:\w+]] = "accel.mma"(%[[A0]], %[[W0]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[READY]]) {accumulate = false}
// CHECK-NEXT: %[[FIRST_M1:\w+]] = "accel.mma"(%[[A1]], %[[W1]], {{.*}}) {accumulate = true}
// CHECK: %[[FIRST_R:\w+]] = "accel.rescale"
// CHECK-NEXT: %[[FIRST_S:\w+]] = "accel.dma_store"(%{{\w+}}, %[[Y1]], %[[FIRST_R]])
// CHECK-NOT: "accel.wait"
// The second matmul starts on the pair the first one's last mma does not read.
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A0]], %[[FIRST_M0]])
// CHECK-NEXT: "accel.dma_load"(%{{\w+}}, %[[W0]], %[[FIRST_M0]])
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A1]], %[[FIRST_M1]])
// CHECK-NEXT: "accel.dma_load"(%{{\w+}}, %[[W1]], %[[FIRST_M1]])
// CHECK: "accel.mma"(%[[A0]], %[[W0]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[FIRST_R]]) {accumulate = false}
// CHECK: "accel.rescale"({{.*}}, %[[FIRST_S]])
// CHECK-NEXT: %[[SECOND_S:\w+]] = "accel.dma_store"(%{{\w+}}, %[[Y2]], %{{\w+}})
// One wait: the second store comes after the first (its rescale waits for it).
// CHECK-NEXT: "accel.wait"(%[[SECOND_S]]) : (!accel.token) -> ()
// CHECK-NEXT: return
// IRDL-LABEL: func.func @shared_input
func.func @shared_input(%x: memref<64x64xi8>, %w1: memref<32x64xi8>, %w2: memref<32x64xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y1: memref<64x32xf32>, %y2: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %w2t = bufferization.to_tensor %w2 : memref<32x64xi8> to tensor<32x64xi8>
  %w1t = bufferization.to_tensor %w1 : memref<32x64xi8> to tensor<32x64xi8>
  %xt = bufferization.to_tensor %x : memref<64x64xi8> to tensor<64x64xi8>
  %t1 = "accel.qmatmul"(%xt, %w1t, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %t2 = "accel.qmatmul"(%xt, %w2t, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b1 = bufferization.to_buffer %t1 : tensor<64x32xf32> to memref<64x32xf32>
  %b2 = bufferization.to_buffer %t2 : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b1, %y1 : memref<64x32xf32> to memref<64x32xf32>
  memref.copy %b2, %y2 : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

// Two tile shapes: two sets of SRAM buffers side by side (the second starts at the
// first's aligned end, 29056), each with its own token chain: two final waits.
// CHECK-LABEL: func.func @two_tile_shapes
// CHECK-COUNT-8: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<{{64x64xi8|32x64xi8|64x32xi32|64x32xf32|64xf32|32xf32}}, #accel.memspace<"sram">>
// CHECK-NEXT: %[[SECOND_A0:\w+]] = "accel.alloc"() {offset = 29056 : i64} : () -> memref<32x64xi8, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {offset = 31104 : i64} : () -> memref<16x64xi8, #accel.memspace<"sram">>
// CHECK-COUNT-6: "accel.alloc"
// CHECK-NEXT: %[[READY:\w+]] = "accel.ready"()
// CHECK: %[[S1:\w+]] = "accel.dma_store"
// CHECK: "accel.dma_load"(%{{\w+}}, %[[SECOND_A0]], %[[READY]])
// CHECK: %[[S2:\w+]] = "accel.dma_store"
// CHECK-NEXT: "accel.wait"(%[[S1]], %[[S2]]) : (!accel.token, !accel.token) -> ()
// CHECK-NEXT: return
// IRDL-LABEL: func.func @two_tile_shapes
func.func @two_tile_shapes(%x: memref<64x64xi8>, %w: memref<32x64xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %x2: memref<32x64xi8>, %w2: memref<16x64xi8>, %ws2: memref<16xf32>, %xs2: memref<32xf32>, %y: memref<64x32xf32>, %y2: memref<32x16xf32>) {
  %xs2t = bufferization.to_tensor %xs2 : memref<32xf32> to tensor<32xf32>
  %ws2t = bufferization.to_tensor %ws2 : memref<16xf32> to tensor<16xf32>
  %w2t = bufferization.to_tensor %w2 : memref<16x64xi8> to tensor<16x64xi8>
  %x2t = bufferization.to_tensor %x2 : memref<32x64xi8> to tensor<32x64xi8>
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x64xi8> to tensor<32x64xi8>
  %xt = bufferization.to_tensor %x : memref<64x64xi8> to tensor<64x64xi8>
  %t1 = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 64>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %t2 = "accel.qmatmul"(%x2t, %w2t, %ws2t, %xs2t) {accel.tile = array<i64: 32, 16, 64>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<32x64xi8>, tensor<16x64xi8>, tensor<16xf32>, tensor<32xf32>) -> tensor<32x16xf32>
  %b1 = bufferization.to_buffer %t1 : tensor<64x32xf32> to memref<64x32xf32>
  %b2 = bufferization.to_buffer %t2 : tensor<32x16xf32> to memref<32x16xf32>
  memref.copy %b1, %y : memref<64x32xf32> to memref<64x32xf32>
  memref.copy %b2, %y2 : memref<32x16xf32> to memref<32x16xf32>
  return
}

// -----

// A later op that reads the result must wait for the last store first.
// CHECK-LABEL: func.func @read_after_store
// CHECK-SAME: (%{{\w+}}: memref<64x32xi8>, %{{\w+}}: memref<32x32xi8>, %{{\w+}}: memref<32xf32>, %{{\w+}}: memref<64xf32>, %[[Y:\w+]]: memref<64x32xf32>, %[[Z:\w+]]: memref<64x32xf32>)
// CHECK: %[[S:\w+]] = "accel.dma_store"(%{{\w+}}, %[[Y]], %{{\w+}})
// CHECK-NEXT: "accel.wait"(%[[S]]) : (!accel.token) -> ()
// CHECK-NEXT: memref.copy %[[Y]], %[[Z]]
// CHECK-NEXT: return
// IRDL-LABEL: func.func @read_after_store
func.func @read_after_store(%x: memref<64x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y: memref<64x32xf32>, %z: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %xt = bufferization.to_tensor %x : memref<64x32xi8> to tensor<64x32xi8>
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  memref.copy %y, %z : memref<64x32xf32> to memref<64x32xf32>
  return
}
