// RUN: accel-opt %s --split-input-file --accel-quantize | filecheck %s --check-prefix W8A8
// RUN: accel-opt %s --split-input-file --accel-quantize=scheme=w8a16 | filecheck %s --check-prefix W8A16
// RUN: accel-opt %s --split-input-file '--accel-quantize=scheme=w4a16 group-size=32' | filecheck %s --check-prefix W4A16
// The rewritten IR is valid accel IR for MLIR's own verifier too (IRDL).
// RUN: accel-opt %s --split-input-file --accel-quantize | iree-opt --irdl-file=%accel_irdl --split-input-file | filecheck %s --check-prefix IRDL
// K = 64 is not a multiple of the default group size (128): located errors, no traceback.
// RUN: not accel-opt %s --split-input-file --accel-quantize=scheme=w4a16 2>&1 | filecheck %s --check-prefix GROUP
// RUN: not accel-opt %s --accel-quantize=scheme=w3a8 2>&1 | filecheck %s --check-prefix OPTION

// Weights are quantized once, at compile time, into accel's layout: [N, K] int8
// (int4: [N, K / 2] packed) with f32 scales; the float weight is gone.

// W8A8-LABEL: func.func @constant_kn
// W8A8-SAME: (%[[X:.*]]: tensor<4x64xf32>)
// W8A8-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<2x64xi8>
// W8A8-DAG: %[[WS:.*]] = arith.constant dense<0.00393700786> : tensor<2xf32>
// W8A8: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
// W8A8: %[[Y:.*]] = "accel.qmatmul"(%[[Q]]#0, %[[W]], %[[WS]], %[[Q]]#1) {group_size = 0 : i64, scheme = "w8a8"}
// W8A8-SAME: (tensor<4x64xi8>, tensor<2x64xi8>, tensor<2xf32>, tensor<4xf32>) -> tensor<4x2xf32>
// W8A8-NOT: linalg.matmul
// W8A8: return %[[Y]]

// W8A16-LABEL: func.func @constant_kn
// W8A16-SAME: (%[[X:.*]]: tensor<4x64xf32>)
// W8A16-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<2x64xi8>
// W8A16-DAG: %[[WS:.*]] = arith.constant dense<0.00393700786> : tensor<2xf32>
// W8A16-NOT: accel.quantize
// W8A16: %[[Y:.*]] = "accel.qmatmul"(%[[X]], %[[W]], %[[WS]]) {group_size = 0 : i64, scheme = "w8a16"}
// W8A16-SAME: (tensor<4x64xf32>, tensor<2x64xi8>, tensor<2xf32>) -> tensor<4x2xf32>
// W8A16-NOT: linalg.matmul
// W8A16: return %[[Y]]

// 0.5 quantizes to 7 with scale 0.5 / 7; two 7s pack into the byte 0x77 = 119.
// W4A16-LABEL: func.func @constant_kn
// W4A16-SAME: (%[[X:.*]]: tensor<4x64xf32>)
// W4A16-DAG: %[[W:.*]] = arith.constant dense<119> : tensor<2x32xi8>
// W4A16-DAG: %[[WS:.*]] = arith.constant dense<0.0714285746> : tensor<2x2xf32>
// W4A16: %[[Y:.*]] = "accel.qmatmul"(%[[X]], %[[W]], %[[WS]]) {group_size = 32 : i64, scheme = "w4a16"}
// W4A16-SAME: (tensor<4x64xf32>, tensor<2x32xi8>, tensor<2x2xf32>) -> tensor<4x2xf32>
// W4A16-NOT: linalg.matmul
// W4A16: return %[[Y]]

// IRDL-LABEL: func.func @constant_kn
// IRDL: "accel.quantize"
// IRDL: "accel.qmatmul"

// GROUP: accel-quantize.mlir:[[# @LINE + 6]]:8: error: accel-quantize: scheme w4a16 with group-size 128 needs K divisible by it, but this matmul has K = 64
func.func @constant_kn(%x: tensor<4x64xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<64x2xf32>
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Weights stored [N, K], read through the transposed-B indexing maps.

// W8A8-LABEL: func.func @constant_nk
// W8A8-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<3x64xi8>
// W8A8-DAG: %[[WS:.*]] = arith.constant dense<0.00196850393> : tensor<3xf32>
// W8A8: %[[Q:.*]]:2 = "accel.quantize"
// W8A8: "accel.qmatmul"(%[[Q]]#0, %[[W]], %[[WS]], %[[Q]]#1)
// W8A8-SAME: -> tensor<4x3xf32>
// W8A8-NOT: linalg.matmul

// W8A16-LABEL: func.func @constant_nk
// W8A16: "accel.qmatmul"
// W8A16-SAME: (tensor<4x64xf32>, tensor<3x64xi8>, tensor<3xf32>) -> tensor<4x3xf32>

// W4A16-LABEL: func.func @constant_nk
// W4A16: "accel.qmatmul"
// W4A16-SAME: (tensor<4x64xf32>, tensor<3x32xi8>, tensor<3x2xf32>) -> tensor<4x3xf32>

// GROUP: accel-quantize.mlir:[[# @LINE + 6]]:8: error: accel-quantize: scheme w4a16 with group-size 128 needs K divisible by it
func.func @constant_nk(%x: tensor<4x64xf32>) -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.25> : tensor<3x64xf32>
  %empty = tensor.empty() : tensor<4x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x3xf32>) -> tensor<4x3xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%x, %w : tensor<4x64xf32>, tensor<3x64xf32>) outs(%init : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}

// -----

// What torch-to-iree makes of aten.linear: an immutable util.global holding the
// weight [N, K], loaded and transposed to [K, N] by linalg.transpose. The weight is
// read from the global; the transpose and the load go (IREE drops the unused global).

// W8A8-LABEL: util.func public @global_linear
// W8A8-SAME: (%[[X:.*]]: tensor<?x64xf32>)
// W8A8-DAG: %[[W:.*]] = arith.constant dense<127> : tensor<3x64xi8>
// W8A8-DAG: %[[WS:.*]] = arith.constant dense<0.00787401571> : tensor<3xf32>
// W8A8: %[[Q:.*]]:2 = "accel.quantize"(%[[X]]) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>)
// W8A8: "accel.qmatmul"(%[[Q]]#0, %[[W]], %[[WS]], %[[Q]]#1)
// W8A8-SAME: (tensor<?x64xi8>, tensor<3x64xi8>, tensor<3xf32>, tensor<?xf32>) -> tensor<?x3xf32>
// W8A8-NOT: util.global.load
// W8A8-NOT: linalg.transpose
// W8A8-NOT: linalg.matmul

// W4A16-LABEL: util.func public @global_linear
// W4A16: "accel.qmatmul"
// W4A16-SAME: (tensor<?x64xf32>, tensor<3x32xi8>, tensor<3x2xf32>) -> tensor<?x3xf32>

// GROUP: accel-quantize.mlir:[[# @LINE + 11]]:8: error: accel-quantize: scheme w4a16 with group-size 128 needs K divisible by it
util.global private @weight = dense<1.0> : tensor<3x64xf32>
util.func public @global_linear(%x: tensor<?x64xf32>) -> tensor<?x3xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %w = util.global.load @weight : tensor<3x64xf32>
  %empty_t = tensor.empty() : tensor<64x3xf32>
  %wt = linalg.transpose ins(%w : tensor<3x64xf32>) outs(%empty_t : tensor<64x3xf32>) permutation = [1, 0]
  %m = tensor.dim %x, %c0 : tensor<?x64xf32>
  %empty = tensor.empty(%m) : tensor<?x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<?x3xf32>) -> tensor<?x3xf32>
  %y = linalg.matmul ins(%x, %wt : tensor<?x64xf32>, tensor<64x3xf32>) outs(%init : tensor<?x3xf32>) -> tensor<?x3xf32>
  util.return %y : tensor<?x3xf32>
}

// -----

// A matmul that accumulates into a non-zero init: qmatmul computes the product
// from zero, and the init is added back.

// W8A8-LABEL: func.func @accumulate
// W8A8-SAME: (%[[X:.*]]: tensor<4x64xf32>, %[[BIAS:.*]]: tensor<4x2xf32>)
// W8A8: %[[Y:.*]] = "accel.qmatmul"
// W8A8: %[[SUM:.*]] = linalg.elementwise <add> ins(%[[Y]], %[[BIAS]] : tensor<4x2xf32>, tensor<4x2xf32>) outs(%[[BIAS]] : tensor<4x2xf32>)
// W8A8: return %[[SUM]]

// W8A16-LABEL: func.func @accumulate
// W8A16: %[[Y:.*]] = "accel.qmatmul"
// W8A16: linalg.elementwise <add> ins(%[[Y]],

// GROUP: accel-quantize.mlir:[[# @LINE + 3]]:8: error: accel-quantize: scheme w4a16 with group-size 128 needs K divisible by it
func.func @accumulate(%x: tensor<4x64xf32>, %bias: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<0.5> : tensor<64x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x2xf32>) outs(%bias : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}

// -----

// Not quantized, silently: weights that are activations, weights in a mutable
// global, an f16 matmul (qmatmul results are f32), a transposed-A matmul.

// W8A8-LABEL: func.func @not_constant
// W8A8-NOT: accel.
// W8A8: linalg.matmul
// W8A8-NOT: accel.
// W8A8: linalg.matmul
// W8A8-NOT: accel.
// W8A8: linalg.matmul
// W8A8-NOT: accel.
// W8A8: linalg.matmul
// W8A8-NOT: accel.
// W8A8: return

// W4A16-LABEL: func.func @not_constant
// W4A16-NOT: accel.
// W4A16: return

// GROUP-NOT: error
// GROUP-NOT: Traceback

util.global private mutable @state = dense<1.0> : tensor<64x2xf32>
func.func @not_constant(%x: tensor<4x64xf32>, %w: tensor<64x2xf32>, %h: tensor<4x64xf16>, %xt: tensor<64x4xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf16>, tensor<4x2xf32>) {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %a = linalg.matmul ins(%x, %w : tensor<4x64xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %s = util.global.load @state : tensor<64x2xf32>
  %b = linalg.matmul ins(%x, %s : tensor<4x64xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  %zero16 = arith.constant 0.0 : f16
  %empty16 = tensor.empty() : tensor<4x2xf16>
  %init16 = linalg.fill ins(%zero16 : f16) outs(%empty16 : tensor<4x2xf16>) -> tensor<4x2xf16>
  %c = arith.constant dense<1.0> : tensor<64x2xf16>
  %d = linalg.matmul ins(%h, %c : tensor<4x64xf16>, tensor<64x2xf16>) outs(%init16 : tensor<4x2xf16>) -> tensor<4x2xf16>
  %e = arith.constant dense<1.0> : tensor<64x2xf32>
  %f = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%xt, %e : tensor<64x4xf32>, tensor<64x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %a, %b, %d, %f : tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x2xf16>, tensor<4x2xf32>
}

// OPTION: error: pass 'accel-quantize' option 'scheme': must be one of w8a8, w8a16, w4a16
// OPTION-NOT: Traceback
