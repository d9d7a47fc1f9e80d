// accel-quantize reads weights held as dense_resource blobs (what the frontends
// import model parameters as) and says which matmuls it leaves in float, and why.
// RUN: accel-opt %s --split-input-file --accel-quantize -o %t.mlir 2> %t.stderr
// RUN: filecheck %s --input-file %t.mlir
// RUN: filecheck %s --input-file %t.stderr --check-prefix REMARK
// The blob's values (0.5) quantize like the dense constant of accel-quantize.mlir.
// RUN: accel-opt %s --split-input-file '--accel-quantize=scheme=w4a16 group-size=32' 2>&1 | filecheck %s --check-prefix W4A16

// CHECK-LABEL: util.func public @blob_nk
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>)
// CHECK-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<2x64xi8>
// CHECK-DAG: %[[WS:.*]] = arith.constant dense<0.00393700786> : tensor<2xf32>
// CHECK: %[[Q:.*]]:2 = "accel.quantize"(%[[X]])
// CHECK: %[[Y:.*]] = "accel.qmatmul"(%[[Q]]#0, %[[W]], %[[WS]], %[[Q]]#1) {group_size = 0 : i64, scheme = "w8a8"}
// CHECK-NOT: linalg.matmul
// CHECK: util.return %[[Y]]

// W4A16-LABEL: util.func public @blob_nk
// W4A16-DAG: arith.constant dense<119> : tensor<2x32xi8>
// W4A16-DAG: arith.constant dense<0.0714285746> : tensor<2x2xf32>
// W4A16: "accel.qmatmul"({{.*}}) {group_size = 32 : i64, scheme = "w4a16"}
util.global private @w = dense_resource<blob> : tensor<2x64xf32>
util.func public @blob_nk(%x: tensor<4x64xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %w = util.global.load @w : tensor<2x64xf32>
  %t = tensor.empty() : tensor<64x2xf32>
  %wt = linalg.transpose ins(%w : tensor<2x64xf32>) outs(%t : tensor<64x2xf32>) permutation = [1, 0]
  %y = linalg.matmul ins(%x, %wt : tensor<4x64xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  util.return %y : tensor<4x2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      blob: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F"
    }
  }
#-}

// -----

// Weights referenced by name (weights="external") have no values in the module.
// REMARK: accel-quantize (w8a8): 0 of 1 matmuls quantized, 1 left in float
// REMARK-NEXT: :[[# @LINE + 9]]:8: remark: accel-quantize: this matmul stays in float: the weight is the external parameter "model"::"w"
// CHECK-LABEL: util.func public @external
// CHECK: linalg.matmul
util.global private @w = #flow.parameter.named<"model"::"w"> : tensor<2x64xf32>
util.func public @external(%x: tensor<4x64xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %w = util.global.load @w : tensor<2x64xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x64xf32>, tensor<2x64xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  util.return %y : tensor<4x2xf32>
}

// -----

// A module printed with large elements elided keeps the handle, not the blob.
// REMARK: accel-quantize (w8a8): 0 of 1 matmuls quantized, 1 left in float
// REMARK-NEXT: :[[# @LINE + 9]]:8: remark: accel-quantize: this matmul stays in float: the blob of dense_resource<__elided__> is not in the module
// CHECK-LABEL: util.func public @elided
// CHECK: linalg.matmul
util.global private @w = dense_resource<__elided__> : tensor<2x64xf32>
util.func public @elided(%x: tensor<4x64xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %w = util.global.load @w : tensor<2x64xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x64xf32>, tensor<2x64xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  util.return %y : tensor<4x2xf32>
}

// -----

// One matmul of two: the other multiplies activations.
// REMARK: accel-quantize (w8a8): 1 of 2 matmuls quantized, 1 left in float
// REMARK-NEXT: :[[# @LINE + 12]]:8: remark: accel-quantize: this matmul stays in float: the weight is a function argument, known only at run time
// CHECK-LABEL: func.func @activations
// CHECK: "accel.qmatmul"
// CHECK: linalg.matmul
func.func @activations(%x: tensor<4x64xf32>, %v: tensor<2x4xf32>) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<64x2xf32>
  %e = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %init2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x4xf32>) -> tensor<4x4xf32>
  %z = linalg.matmul ins(%y, %v : tensor<4x2xf32>, tensor<2x4xf32>) outs(%init2 : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %z : tensor<4x4xf32>
}
