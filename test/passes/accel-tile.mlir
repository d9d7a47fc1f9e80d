// RUN: accel-opt %s --split-input-file --accel-tile=tile-sizes=64,32,32 --canonicalize | filecheck %s --check-prefix=FIXED
// RUN: not accel-opt %s --split-input-file --accel-tile=tile-sizes=64,32 2>&1 | filecheck %s --check-prefix=BADSIZES
// RUN: accel-opt %s --split-input-file '--accel-tile=tile-sizes=100x72x64:32,72,64;1x2x3:1,1,1' | filecheck %s --check-prefix=SHAPE
// RUN: not accel-opt %s --split-input-file --accel-tile=tile-sizes=100x72:32,72,64 2>&1 | filecheck %s --check-prefix=BADSHAPE

// Sizes per shape: the 100x72x64 matmul gets 32x72x64 tiles (an entry for a shape
// the program does not have changes nothing); the 100x72x128 one gets the model's.
// SHAPE-LABEL: func.func @w8a8
// SHAPE: "accel.qmatmul"{{.*}}{accel.tile = array<i64: 32, 72, 64>
// SHAPE-LABEL: func.func @w4a16
// SHAPE: "accel.qmatmul"{{.*}}{accel.tile = array<i64:
// SHAPE-NOT: array<i64: 32, 72, 64>
// BADSHAPE: --accel-tile: error: pass 'accel-tile' option 'tile-sizes': expected MxNxK:tm,tn,tk, got '100x72:32,72,64'

// Edge tiles: 100 = 64 + 36 rows, 72 = 2 x 32 + 8 columns; MLIR's tiling bounds them with affine.min.
// FIXED: #[[ROWS:.+]] = affine_map<(d0) -> (-d0 + 100, 64)>
// FIXED: #[[COLS:.+]] = affine_map<(d0) -> (-d0 + 72, 32)>
// FIXED-LABEL: func.func @w8a8
// FIXED-SAME: (%[[X:.+]]: tensor<100x64xi8>, %[[W:.+]]: tensor<72x64xi8>, %[[WS:.+]]: tensor<72xf32>, %[[XS:.+]]: tensor<100xf32>)
// FIXED: %[[INIT:.+]] = tensor.empty() : tensor<100x72xf32>
// FIXED: %[[R:.+]] = scf.for %[[I:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC:.+]] = %[[INIT]])
// FIXED: scf.for %[[J:.+]] = %{{.+}} to %{{.+}} step %{{.+}} iter_args(%[[ACC2:.+]] = %[[ACC]])
// FIXED: %[[M:.+]] = affine.min #[[ROWS]](%[[I]])
// FIXED: %[[N:.+]] = affine.min #[[COLS]](%[[J]])
// FIXED: %[[XT:.+]] = tensor.extract_slice %[[X]][%[[I]], 0] [%[[M]], 64] [1, 1]
// FIXED: %[[WT:.+]] = tensor.extract_slice %[[W]][%[[J]], 0] [%[[N]], 64] [1, 1]
// FIXED: %[[WST:.+]] = tensor.extract_slice %[[WS]][%[[J]]] [%[[N]]] [1]
// FIXED: %[[XST:.+]] = tensor.extract_slice %[[XS]][%[[I]]] [%[[M]]] [1]
// FIXED: %[[T:.+]] = "accel.qmatmul"(%[[XT]], %[[WT]], %[[WST]], %[[XST]]) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"}
// FIXED: tensor.insert_slice %[[T]] into %[[ACC2]][%[[I]], %[[J]]] [%[[M]], %[[N]]] [1, 1]
// FIXED: return %[[R]]
func.func @w8a8(%x: tensor<100x64xi8>, %w: tensor<72x64xi8>, %ws: tensor<72xf32>, %xs: tensor<100xf32>) -> tensor<100x72xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<100x64xi8>, tensor<72x64xi8>, tensor<72xf32>, tensor<100xf32>) -> tensor<100x72xf32>
  return %y : tensor<100x72xf32>
}

// BADSIZES: --accel-tile: error: pass 'accel-tile' option 'tile-sizes': expected three positive integers tm,tn,tk, got '64,32'
// BADSIZES-NOT: Traceback

// -----

// Per-group int4 weights: the packed weight [N, K/2] and the scales [N, K/g] are sliced by rows only.
// FIXED-LABEL: func.func @w4a16
// FIXED: scf.for
// FIXED: scf.for
// FIXED: tensor.extract_slice %{{.+}}[%{{.+}}, 0] [%{{.+}}, 64] [1, 1] : tensor<72x64xi8> to tensor<?x64xi8>
// FIXED: tensor.extract_slice %{{.+}}[%{{.+}}, 0] [%{{.+}}, 4] [1, 1] : tensor<72x4xf32> to tensor<?x4xf32>
// FIXED: "accel.qmatmul"({{.*}}) {accel.tile = array<i64: 64, 32, 32>, group_size = 32 : i64, scheme = "w4a16"}
// FIXED-SAME: (tensor<?x128xf32>, tensor<?x64xi8>, tensor<?x4xf32>) -> tensor<?x?xf32>
func.func @w4a16(%x: tensor<100x128xf32>, %w: tensor<72x64xi8>, %ws: tensor<72x4xf32>) -> tensor<100x72xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<100x128xf32>, tensor<72x64xi8>, tensor<72x4xf32>) -> tensor<100x72xf32>
  return %y : tensor<100x72xf32>
}
