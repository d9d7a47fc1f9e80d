// RUN: accel-opt %s --split-input-file --accel-schedule | filecheck %s
// RUN: accel-opt %s --split-input-file --accel-schedule | iree-opt --irdl-file=%accel_irdl --split-input-file | filecheck %s --check-prefix=IRDL

// The input is what accel-tile and MLIR's bufferization make of an L2 accel.qmatmul:
//   accel-opt in.mlir --accel-tile=tile-sizes=64,32,32 --canonicalize --cse
//     --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map'
//     --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize
// (accel-schedule-pipeline.mlir runs exactly that). The IRDL run checks that iree-opt,
// with the dialect's IRDL, accepts every scheduled function. The buffering (which
// operand stays resident, how deep the rings are, how many output sets, the split of
// the last tile) is accel.compiler.cost_model.buffering's for the default edge-npu.

// Edge tiles in M (100 = 64 + 36), N (72 = 32 + 32 + 8) and K (100 = 3 x 32 + 4). The
// loop over N is innermost and every tile of a row reads the same lhs row block: it
// stays resident, one SRAM buffer per K step, loaded once per row before the N loop;
// only the weights stream, through a ring of 4 slots.
// CHECK-LABEL: func.func @edge_tiles
// CHECK-SAME: (%[[X:\w+]]: memref<100x100xi8>, %[[W:\w+]]: memref<72x100xi8>, %[[WS:\w+]]: memref<72xf32>, %[[XS:\w+]]: memref<100xf32>, %[[Y:\w+]]: memref<100x72xf32>)
// SRAM buffers, once, at function entry, packed at 64-byte aligned offsets: the
// weights' ring, the lhs K steps, then three output sets (ACC, OUT, RS, CS).
// CHECK-NEXT: %[[W0:\w+]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W1:\w+]] = "accel.alloc"() {offset = 1024 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W2:\w+]] = "accel.alloc"() {offset = 2048 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W3:\w+]] = "accel.alloc"() {offset = 3072 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R0:\w+]] = "accel.alloc"() {offset = 4096 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R1:\w+]] = "accel.alloc"() {offset = 6144 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R2:\w+]] = "accel.alloc"() {offset = 8192 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R3:\w+]] = "accel.alloc"() {offset = 10240 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[ACC0:\w+]] = "accel.alloc"() {offset = 12288 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[OUT0:\w+]] = "accel.alloc"() {offset = 20480 : i64} : () -> memref<64x32xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[RS0:\w+]] = "accel.alloc"() {offset = 28672 : i64} : () -> memref<64xf32, #accel.memspace<"sram">>
// CHECK-NEXT: %[[CS0:\w+]] = "accel.alloc"() {offset = 28928 : i64} : () -> memref<32xf32, #accel.memspace<"sram">>
// CHECK-COUNT-8: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<{{64x32xi32|64x32xf32|64xf32|32xf32}}, #accel.memspace<"sram">>
// CHECK: %[[READY:\w+]] = "accel.ready"() : () -> !accel.token
// The row loop carries the ring with the last mma that read each slot and the output
// sets with each one's last rescale and store: all complete at first.
// CHECK: %[[ML:\w+]]:26 = scf.for %[[I:\w+]] = %{{\w+}} to %{{\w+}} step %{{\w+}} iter_args(%[[S0:\w+]] = %[[W0]], %[[S1:\w+]] = %[[W1]], %[[S2:\w+]] = %[[W2]], %[[S3:\w+]] = %[[W3]], %[[F0:\w+]] = %[[READY]], %[[F1:\w+]] = %[[READY]], %[[F2:\w+]] = %[[READY]], %[[F3:\w+]] = %[[READY]], %[[A:\w+]] = %[[ACC0]], %[[O:\w+]] = %[[OUT0]], %[[AS:\w+]] = %[[RS0]], %[[AC:\w+]] = %[[CS0]], {{.*}} = %[[READY]])
// The first tile of the row, peeled off before the loop over N, loads the lhs row
// block K step by K step, each step with its weights (in the order the mmas need
// them), after every mma of the previous row that read those buffers (the last
// readers of the ring's slots follow them all), all on the operand DMA queue.
// CHECK: %[[LHS:\w+]] = memref.subview %[[X]][%[[I]], 0] [%[[ROWS:\w+]], 100] [1, 1]
// The lhs scales' window, hoisted out of the loop over N with the lhs's.
// CHECK: %[[XSW:\w+]] = memref.subview %[[XS]][%[[I]]] [%[[ROWS]]] [1]
// CHECK: %[[K0:\w+]] = memref.subview %[[LHS]][0, 0] [%[[ROWS]], 32] [1, 1]
// CHECK-NEXT: %[[L0:\w+]] = "accel.dma_load"(%[[K0]], %[[R0]], %[[F0]], %[[F1]], %[[F2]], %[[F3]]) {queue = 0 : i64}
// CHECK: %[[P0:\w+]] = "accel.dma_load"(%{{\w+}}, %[[S0]], %[[F0]]) {queue = 0 : i64}
// CHECK: %[[L1:\w+]] = "accel.dma_load"(%{{\w+}}, %[[R1]], %[[F0]], %[[F1]], %[[F2]], %[[F3]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[S1]], %[[F1]]) {queue = 0 : i64}
// CHECK: %[[L2:\w+]] = "accel.dma_load"(%{{\w+}}, %[[R2]], %[[F0]], %[[F1]], %[[F2]], %[[F3]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[S2]], %[[F2]]) {queue = 0 : i64}
// The last K step is 4 wide.
// CHECK-NEXT: %[[K3:\w+]] = memref.subview %[[LHS]][0, 96] [%[[ROWS]], 4] [1, 1]
// CHECK-NEXT: %[[L3:\w+]] = "accel.dma_load"(%[[K3]], %[[R3]], %[[F0]], %[[F1]], %[[F2]], %[[F3]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[S3]], %[[F3]]) {queue = 0 : i64}
// The scales follow the tile's last operand load: edge-npu has two DMA engines, the
// operand queue and the stores' queue, and the operand queue takes the scales.
// CHECK-NEXT: "accel.dma_load"(%[[XSW]], %[[AS]], %[[SR:\w+]]) {queue = 0 : i64}
// CHECK-NEXT: "accel.dma_load"(%{{\w+}}, %[[AC]], %[[SR]]) {queue = 0 : i64}
// CHECK-NEXT: %[[PM0:\w+]] = "accel.mma"(%[[R0]], %[[S0]], %[[A]], %[[P0]], %[[L0]], %{{\w+}}) {accumulate = false}
// CHECK: "accel.rescale"
// CHECK-NEXT: "accel.dma_store"({{.*}}) {queue = 1 : i64}
// The other tiles of the row.
// CHECK-NEXT: %[[NL:\w+]]:26 = scf.for %[[J:\w+]] = %{{\w+}} to %{{\w+}} step %{{\w+}} iter_args(%[[T0:\w+]] = %[[S0]], %[[T1:\w+]] = %[[S1]], %[[T2:\w+]] = %[[S2]], %[[T3:\w+]] = %[[S3]], %[[G0:\w+]] = %[[PM0]], %[[G1:\w+]] = %{{\w+}}, %[[G2:\w+]] = %{{\w+}}, %[[G3:\w+]] = %{{\w+}}, %[[ACC:\w+]] = %{{\w+}}, %[[OUT:\w+]] = %{{\w+}}, %[[RS:\w+]] = %{{\w+}}, %[[CS:\w+]] = %{{\w+}}, {{.*}}, %[[RESCALED:\w+]] = %{{\w+}}, %{{\w+}} = %{{\w+}}, %{{\w+}} = %{{\w+}}, %[[STORED:\w+]] = %{{\w+}}, %{{\w+}} = %{{\w+}}, %{{\w+}} = %{{\w+}})
// CHECK: %[[RHS:\w+]] = memref.subview %[[W]][%[[J]], 0] [%[[COLS:\w+]], 100] [1, 1]
// CHECK: %[[WSW:\w+]] = memref.subview %[[WS]][%[[J]]] [%[[COLS]]] [1]
// The tile stores straight into the out-parameter: the staging memref.alloc and its copy are gone.
// CHECK: %[[DST:\w+]] = memref.subview %[[Y]][%[[I]], %[[J]]] [%[[ROWS]], %[[COLS]]] [1, 1]
// The weights' K steps, each into its slot after the mma that last read it (WAR).
// CHECK: %[[B0:\w+]] = "accel.dma_load"(%{{\w+}}, %[[T0]], %[[G0]]) {queue = 0 : i64}
// CHECK: %[[B1:\w+]] = "accel.dma_load"(%{{\w+}}, %[[T1]], %[[G1]]) {queue = 0 : i64}
// CHECK: %[[B2:\w+]] = "accel.dma_load"(%{{\w+}}, %[[T2]], %[[G2]]) {queue = 0 : i64}
// CHECK: %[[B3:\w+]] = "accel.dma_load"(%{{\w+}}, %[[T3]], %[[G3]]) {queue = 0 : i64}
// Scales: after this set's last rescale, which read RS and CS.
// CHECK-NEXT: %[[LRS:\w+]] = "accel.dma_load"(%[[XSW]], %[[RS]], %[[RESCALED]]) {queue = 0 : i64}
// CHECK-NEXT: %[[LCS:\w+]] = "accel.dma_load"(%[[WSW]], %[[CS]], %[[RESCALED]]) {queue = 0 : i64}
// The K steps, unrolled (the lhs has a buffer per step). Step 0 overwrites ACC: after
// its loads and the last rescale of this output set, which read ACC.
// CHECK-NEXT: %[[M0:\w+]] = "accel.mma"(%[[R0]], %[[T0]], %[[ACC]], %[[B0]], %[[L0]], %[[RESCALED]]) {accumulate = false}
// CHECK-NEXT: %[[M1:\w+]] = "accel.mma"(%[[R1]], %[[T1]], %[[ACC]], %[[B1]], %[[L1]], %[[M0]]) {accumulate = true}
// CHECK-NEXT: %[[M2:\w+]] = "accel.mma"(%[[R2]], %[[T2]], %[[ACC]], %[[B2]], %[[L2]], %[[M1]]) {accumulate = true}
// CHECK-NEXT: %[[M3:\w+]] = "accel.mma"(%[[R3]], %[[T3]], %[[ACC]], %[[B3]], %[[L3]], %[[M2]]) {accumulate = true}
// The rescale writes OUT: after this set's last store, which read it.
// CHECK-NEXT: %[[R:\w+]] = "accel.rescale"(%[[ACC]], %[[RS]], %[[CS]], %[[OUT]], %[[M3]], %[[LRS]], %[[LCS]], %[[STORED]])
// CHECK-NEXT: %[[S:\w+]] = "accel.dma_store"(%[[OUT]], %[[DST]], %[[R]]) {queue = 1 : i64}
// The next tile: each slot of the ring again (4 steps turn it once), read by M0..M3,
// and the next output set; this one goes last, with its rescale and store.
// CHECK-NEXT: scf.yield %[[T0]], %[[T1]], %[[T2]], %[[T3]], %[[M0]], %[[M1]], %[[M2]], %[[M3]], {{.*}}, %[[ACC]], %[[OUT]], %[[RS]], %[[CS]], %{{\w+}}, %{{\w+}}, %[[R]], %{{\w+}}, %{{\w+}}, %[[S]] :
// The function waits for the last store of each output set.
// CHECK: "accel.wait"(%[[ML]]#23, %[[ML]]#24, %[[ML]]#25)
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

// Tiles along M only (N = tn = 32, one K step): every tile reads the same weights,
// which stay resident (R0), loaded once by the first tile, peeled off before the
// loop (rows 0..63); the lhs streams through a ring of 2 slots, the next tile
// loading into the slot this tile's mma does not read.
// CHECK-LABEL: func.func @one_k_step
// CHECK-SAME: (%[[X:\w+]]: memref<100x32xi8>, %[[W:\w+]]: memref<32x32xi8>, %[[WS:\w+]]: memref<32xf32>, %[[XS:\w+]]: memref<100xf32>, %[[Y:\w+]]: memref<100x32xf32>)
// CHECK-NEXT: %[[A0:\w+]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[A1:\w+]] = "accel.alloc"() {offset = 2048 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R0:\w+]] = "accel.alloc"() {offset = 4096 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK: %[[READY:\w+]] = "accel.ready"()
// CHECK: %[[FIRST:\w+]] = memref.subview %[[X]][%{{\w+}}, 0] [64, 32] [1, 1]
// CHECK: %[[LW:\w+]] = "accel.dma_load"(%[[W]], %[[R0]], %[[READY]]) {queue = 0 : i64}
// CHECK-NEXT: %[[LA0:\w+]] = "accel.dma_load"(%[[FIRST]], %[[A0]], %[[READY]]) {queue = 0 : i64}
// The scales, after the last operand load.
// CHECK-NEXT: "accel.dma_load"
// CHECK-NEXT: "accel.dma_load"
// CHECK-NEXT: %[[M0:\w+]] = "accel.mma"(%[[A0]], %[[R0]], %{{\w+}}, %[[LA0]], %[[LW]], %[[READY]]) {accumulate = false}
// CHECK: "accel.rescale"
// CHECK-NEXT: "accel.dma_store"
// CHECK-NEXT: %[[ML:\w+]]:{{[0-9]+}} = scf.for %[[I:\w+]] = {{.*}} iter_args(%[[A:\w+]] = %[[A1]], %[[B:\w+]] = %[[A0]], %[[FREE:\w+]] = %[[READY]], %[[FREE2:\w+]] = %[[M0]], %{{.*}})
// CHECK: %[[LHS:\w+]] = memref.subview %[[X]][%[[I]], 0] [%{{\w+}}, 32] [1, 1]
// The windows are the whole K: no K sub-window.
// CHECK: %[[LA:\w+]] = "accel.dma_load"(%[[LHS]], %[[A]], %[[FREE]]) {queue = 0 : i64}
// CHECK-NEXT: "accel.dma_load"
// CHECK-NEXT: "accel.dma_load"
// CHECK-NEXT: %[[M:\w+]] = "accel.mma"(%[[A]], %[[R0]], %{{\w+}}, %[[LA]], %[[LW]], %{{\w+}}) {accumulate = false}
// CHECK-NOT: accel.mma
// CHECK: %[[R:\w+]] = "accel.rescale"
// CHECK-NEXT: %[[S:\w+]] = "accel.dma_store"
// CHECK-NEXT: scf.yield %[[B]], %[[A]], %[[FREE2]], %[[M]],
// CHECK: "accel.wait"(%[[ML]]#{{[0-9]+}}, %[[ML]]#{{[0-9]+}})
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

// One tile (no tile loops), 8 K steps of 32: both operands stream through a ring of
// 5 slots. The prologue loads steps 0..4, all on the operand DMA queue. Steps 1..3
// run in an scf.for that loads step s+4 into the slot step s-1 read and turns the
// ring (iter_args: the slots from step s on, the loads of steps s..s+3, the last
// mma); the scales follow the loop's loads, and the last 4 steps, whose loads are all
// issued, follow unrolled.
// CHECK-LABEL: func.func @k_loop
// CHECK-SAME: (%[[X:\w+]]: memref<64x256xi8>, %[[W:\w+]]: memref<32x256xi8>,
// CHECK-NEXT: %[[A0:\w+]] = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[W0:\w+]] = "accel.alloc"() {offset = 2048 : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[A1:\w+]] = "accel.alloc"() {offset = 3072 : i64}
// CHECK-NEXT: %[[W1:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[A2:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[W2:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[A3:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[W3:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[A4:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[W4:\w+]] = "accel.alloc"()
// CHECK-NEXT: %[[ACC:\w+]] = "accel.alloc"() {offset = 15360 : i64} : () -> memref<64x32xi32, #accel.memspace<"sram">>
// CHECK: %[[READY:\w+]] = "accel.ready"()
// CHECK: %[[LA0:\w+]] = "accel.dma_load"(%{{\w+}}, %[[A0]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LW0:\w+]] = "accel.dma_load"(%{{\w+}}, %[[W0]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LA1:\w+]] = "accel.dma_load"(%{{\w+}}, %[[A1]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LW1:\w+]] = "accel.dma_load"(%{{\w+}}, %[[W1]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LA2:\w+]] = "accel.dma_load"(%{{\w+}}, %[[A2]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LW2:\w+]] = "accel.dma_load"(%{{\w+}}, %[[W2]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[K3:\w+]] = memref.subview %[[X]][0, 96] [64, 32] [1, 1]
// CHECK-NEXT: %[[LA3:\w+]] = "accel.dma_load"(%[[K3]], %[[A3]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LW3:\w+]] = "accel.dma_load"(%{{\w+}}, %[[W3]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LA4:\w+]] = "accel.dma_load"(%{{\w+}}, %[[A4]], %[[READY]]) {queue = 0 : i64}
// CHECK: %[[LW4:\w+]] = "accel.dma_load"(%{{\w+}}, %[[W4]], %[[READY]]) {queue = 0 : i64}
// CHECK-NEXT: %[[M0:\w+]] = "accel.mma"(%[[A0]], %[[W0]], %[[ACC]], %[[LA0]], %[[LW0]], %[[READY]]) {accumulate = false}
// CHECK-NEXT: %[[KL:\w+]]:19 = scf.for %[[K:\w+]] = %[[C32:\w+]] to %{{\w+}} step %[[C32]] iter_args(%[[CA:\w+]] = %[[A1]], %[[CW:\w+]] = %[[W1]], {{.*}}, %[[OA:\w+]] = %[[A0]], %[[OW:\w+]] = %[[W0]], %[[TA:\w+]] = %[[LA1]], %[[TW:\w+]] = %[[LW1]], {{.*}} = %[[LW4]], %[[PREV:\w+]] = %[[M0]])
// CHECK-NEXT: %[[AHEAD:\w+]] = arith.addi %[[K]], %{{\w+}} : index
// CHECK-NEXT: %[[NA:\w+]] = memref.subview %[[X]][0, %[[AHEAD]]] [64, 32] [1, 1]
// CHECK-NEXT: %[[LNA:\w+]] = "accel.dma_load"(%[[NA]], %[[OA]], %[[PREV]]) {queue = 0 : i64}
// CHECK-NEXT: %[[NW:\w+]] = memref.subview %[[W]][0, %[[AHEAD]]] [32, 32] [1, 1]
// CHECK-NEXT: %[[LNW:\w+]] = "accel.dma_load"(%[[NW]], %[[OW]], %[[PREV]]) {queue = 0 : i64}
// CHECK-NEXT: %[[MK:\w+]] = "accel.mma"(%[[CA]], %[[CW]], %[[ACC]], %[[TA]], %[[TW]], %[[PREV]]) {accumulate = true}
// CHECK-NEXT: scf.yield {{.*}}, %[[OA]], %[[OW]], %[[CA]], %[[CW]], {{.*}}, %[[LNA]], %[[LNW]], %[[MK]] :
// CHECK: "accel.dma_load"(%{{\w+}}, %{{\w+}}, %[[READY]]) {queue = 0 : i64}
// CHECK-NEXT: "accel.dma_load"(%{{\w+}}, %{{\w+}}, %[[READY]]) {queue = 0 : i64}
// CHECK-NEXT: %[[M5:\w+]] = "accel.mma"(%[[KL]]#0, %[[KL]]#1, %[[ACC]], %[[KL]]#10, %[[KL]]#11, %[[KL]]#18) {accumulate = true}
// CHECK-NEXT: %[[M6:\w+]] = "accel.mma"(%[[KL]]#2, %[[KL]]#3, %[[ACC]], %[[KL]]#12, %[[KL]]#13, %[[M5]]) {accumulate = true}
// CHECK-NEXT: %[[M7:\w+]] = "accel.mma"(%[[KL]]#4, %[[KL]]#5, %[[ACC]], %[[KL]]#14, %[[KL]]#15, %[[M6]]) {accumulate = true}
// CHECK-NEXT: %[[M8:\w+]] = "accel.mma"(%[[KL]]#6, %[[KL]]#7, %[[ACC]], %[[KL]]#16, %[[KL]]#17, %[[M7]]) {accumulate = true}
// CHECK-NOT: "accel.mma"
// CHECK: %[[R:\w+]] = "accel.rescale"(%[[ACC]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[M8]],
// CHECK-NEXT: %[[S:\w+]] = "accel.dma_store"(%{{\w+}}, %{{\w+}}, %[[R]]) {queue = 1 : i64}
// CHECK-NEXT: "accel.wait"(%[[S]])
// IRDL-LABEL: func.func @k_loop
func.func @k_loop(%x: memref<64x256xi8>, %w: memref<32x256xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x256xi8> to tensor<32x256xi8>
  %xt = bufferization.to_tensor %x : memref<64x256xi8> to tensor<64x256xi8>
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x256xi8>, tensor<32x256xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

// One row of two 64x128 tiles along N (the lhs resident). The loop over N stops
// before its last tile, which follows as four 64x32 sub-tiles (tile_sizes.sub_tile):
// they share the resident lhs, stream their own weight windows through a ring and
// output sets of their own, and store as they finish, so only the last sub-tile's
// rescale and store follow the last mma.
// CHECK-LABEL: func.func @split
// CHECK-SAME: (%[[X:\w+]]: memref<64x64xi8>, %[[W:\w+]]: memref<256x64xi8>, %[[WS:\w+]]: memref<256xf32>, %[[XS:\w+]]: memref<64xf32>, %[[Y:\w+]]: memref<64x256xf32>)
// CHECK-COUNT-2: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<128x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R0:\w+]] = "accel.alloc"() {offset = 8192 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-NEXT: %[[R1:\w+]] = "accel.alloc"() {offset = 10240 : i64} : () -> memref<64x32xi8, #accel.memspace<"sram">>
// CHECK-COUNT-8: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<{{64x128xi32|64x128xf32|64xf32|128xf32}}, #accel.memspace<"sram">>
// The sub-tiles' ring and output sets.
// CHECK-COUNT-4: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<32x32xi8, #accel.memspace<"sram">>
// CHECK-COUNT-8: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<{{64x32xi32|64x32xf32|64xf32|32xf32}}, #accel.memspace<"sram">>
// CHECK: %[[L0:\w+]] = "accel.dma_load"(%{{\w+}}, %[[R0]], %{{\w+}})
// CHECK: %[[L1:\w+]] = "accel.dma_load"(%{{\w+}}, %[[R1]], %{{\w+}})
// The first tile, peeled off before the loop (it loads the lhs), then the loop over
// the tiles between it and the last one (here none: the loop is empty).
// CHECK: "accel.mma"(%[[R0]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[L0]], %{{\w+}}) {accumulate = false}
// CHECK: "accel.dma_store"
// CHECK-NEXT: %[[ML:\w+]]:16 = scf.for %{{\w+}} = %{{\w+}} to %[[LAST:\w+]] step %{{\w+}} iter_args(
// CHECK: "accel.mma"(%[[R0]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[L0]], %{{\w+}}) {accumulate = false}
// CHECK: "accel.dma_store"
// CHECK: %[[TL:\w+]]:20 = scf.for %[[Q:\w+]] = %[[LAST]] to %{{\w+}} step %{{\w+}} iter_args(
// CHECK: %[[SUBW:\w+]] = memref.subview %[[W]][%[[Q]], 0] [32, 64] [1, 1]
// CHECK-NEXT: %[[SUBWS:\w+]] = memref.subview %[[WS]][%[[Q]]] [32] [1]
// CHECK-NEXT: %[[DST:\w+]] = memref.subview %[[Y]][0, %[[Q]]] [64, 32] [1, 1]
// CHECK: "accel.dma_load"(%[[SUBWS]],
// CHECK: "accel.mma"(%[[R0]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[L0]], %{{\w+}}) {accumulate = false}
// CHECK-NEXT: "accel.mma"(%[[R1]], %{{\w+}}, %{{\w+}}, %{{\w+}}, %[[L1]], %{{\w+}}) {accumulate = true}
// CHECK: "accel.dma_store"(%{{\w+}}, %[[DST]], %{{\w+}})
// The function waits for the last store of each output set, the tiles' and the sub-tiles'.
// CHECK: "accel.wait"(%[[ML]]#14, %[[ML]]#15, %[[TL]]#18, %[[TL]]#19)
// IRDL-LABEL: func.func @split
func.func @split(%x: memref<64x64xi8>, %w: memref<256x64xi8>, %ws: memref<256xf32>, %xs: memref<64xf32>, %y: memref<64x256xf32>) {
  %c0 = arith.constant 0 : index
  %c128 = arith.constant 128 : index
  %c256 = arith.constant 256 : index
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %xt = bufferization.to_tensor %x : memref<64x64xi8> to tensor<64x64xi8>
  scf.for %j = %c0 to %c256 step %c128 {
    %ww = memref.subview %w[%j, 0] [128, 64] [1, 1] : memref<256x64xi8> to memref<128x64xi8, strided<[64, 1], offset: ?>>
    %wt = bufferization.to_tensor %ww : memref<128x64xi8, strided<[64, 1], offset: ?>> to tensor<128x64xi8>
    %wsw = memref.subview %ws[%j] [128] [1] : memref<256xf32> to memref<128xf32, strided<[1], offset: ?>>
    %wst = bufferization.to_tensor %wsw : memref<128xf32, strided<[1], offset: ?>> to tensor<128xf32>
    %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 128, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x64xi8>, tensor<128x64xi8>, tensor<128xf32>, tensor<64xf32>) -> tensor<64x128xf32>
    %tb = bufferization.to_buffer %t : tensor<64x128xf32> to memref<64x128xf32, strided<[?, ?], offset: ?>>
    %dst = memref.subview %y[0, %j] [64, 128] [1, 1] : memref<64x256xf32> to memref<64x128xf32, strided<[256, 1], offset: ?>>
    memref.copy %tb, %dst : memref<64x128xf32, strided<[?, ?], offset: ?>> to memref<64x128xf32, strided<[256, 1], offset: ?>>
  }
  return
}

// -----

// Two matmuls reading the same activations, one tile each (no tile loops), two K steps.
// Same tile sizes: one set of buffers, and the second matmul's tokens continue the
// first's; its loads overlap the first's tail (the two only read %x: no wait between).
// CHECK-LABEL: func.func @shared_input
// CHECK-SAME: (%[[X:\w+]]: memref<64x64xi8>, %[[W1:\w+]]: memref<32x64xi8>, %[[W2:\w+]]: memref<32x64xi8>, %[[WS:\w+]]: memref<32xf32>, %[[XS:\w+]]: memref<64xf32>, %[[Y1:\w+]]: memref<64x32xf32>, %[[Y2:\w+]]: memref<64x32xf32>)
// CHECK-NEXT: %[[A0:\w+]] = "accel.alloc"() {offset = 0 : i64}
// CHECK-NEXT: %[[B0:\w+]] = "accel.alloc"() {offset = 2048 : i64}
// CHECK-NEXT: %[[A1:\w+]] = "accel.alloc"() {offset = 3072 : i64}
// CHECK-NEXT: %[[B1:\w+]] = "accel.alloc"() {offset = 5120 : i64}
// CHECK-NEXT: %[[ACC0:\w+]] = "accel.alloc"() {offset = 6144 : i64}
// CHECK-COUNT-3: "accel.alloc"
// CHECK-NEXT: %[[ACC1:\w+]] = "accel.alloc"()
// CHECK-COUNT-3: "accel.alloc"
// CHECK: %[[READY:\w+]] = "accel.ready"()
// CHECK-NOT: "accel.alloc"
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A0]], %[[READY]])
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A1]], %[[READY]])
// CHECK: %[[FIRST_M0:\w+]] = "accel.mma"(%[[A0]], %[[B0]], %[[ACC0]], %{{\w+}}, %{{\w+}}, %[[READY]]) {accumulate = false}
// CHECK-NEXT: %[[FIRST_M1:\w+]] = "accel.mma"(%[[A1]], %[[B1]], %[[ACC0]], {{.*}}) {accumulate = true}
// CHECK: %[[FIRST_R:\w+]] = "accel.rescale"
// CHECK-NEXT: %[[FIRST_S:\w+]] = "accel.dma_store"(%{{\w+}}, %[[Y1]], %[[FIRST_R]])
// CHECK-NOT: "accel.wait"
// The second matmul loads into the slots as the first's mmas free them, and
// accumulates into the other output set: it waits for neither the first's rescale
// nor its store.
// Its loads follow the first's on the operand queue.
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A0]], %[[FIRST_M0]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[B0]], %[[FIRST_M0]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[A1]], %[[FIRST_M1]]) {queue = 0 : i64}
// CHECK: "accel.dma_load"(%{{\w+}}, %[[B1]], %[[FIRST_M1]]) {queue = 0 : i64}
// CHECK: "accel.mma"(%[[A0]], %[[B0]], %[[ACC1]], %{{\w+}}, %{{\w+}}, %[[READY]]) {accumulate = false}
// CHECK: "accel.rescale"({{.*}}, %[[READY]])
// CHECK-NEXT: %[[SECOND_S:\w+]] = "accel.dma_store"(%{{\w+}}, %[[Y2]], %{{\w+}})
// One wait, on the last store of each output set.
// CHECK-NEXT: "accel.wait"(%[[FIRST_S]], %[[SECOND_S]]) : (!accel.token, !accel.token) -> ()
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
// first's aligned end, 45824), each with its own token chain: the wait covers both.
// CHECK-LABEL: func.func @two_tile_shapes
// CHECK-COUNT-12: "accel.alloc"() {offset = {{[0-9]+}} : i64} : () -> memref<{{64x64xi8|32x64xi8|64x32xi32|64x32xf32|64xf32|32xf32}}, #accel.memspace<"sram">>
// CHECK-NEXT: %[[SECOND_A0:\w+]] = "accel.alloc"() {offset = 45824 : i64} : () -> memref<32x64xi8, #accel.memspace<"sram">>
// CHECK-NEXT: "accel.alloc"() {offset = 47872 : i64} : () -> memref<16x64xi8, #accel.memspace<"sram">>
// CHECK-COUNT-10: "accel.alloc"
// CHECK: %[[READY:\w+]] = "accel.ready"()
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
