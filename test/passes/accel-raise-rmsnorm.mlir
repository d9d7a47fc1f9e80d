// RUN: accel-opt %s --split-input-file --accel-raise-rmsnorm | filecheck %s
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-rmsnorm | filecheck %s --check-prefix LLAMA

// RMS normalization in linalg becomes accel.rmsnorm: the seven generics torch-to-iree
// makes of LlamaRMSNorm, a fused form, and look-alikes that are not RMSNorm (left
// alone). Then an imported Llama layer: its two norms and the final one.

// LLAMA-LABEL: util.func public @main
// LLAMA: %[[X:.*]] = linalg.generic
// LLAMA: %[[W0:.*]] = util.global.load @model.layers.0.input_layernorm.weight : tensor<64xf32>
// LLAMA-NEXT: "accel.rmsnorm"(%[[X]], %[[W0]]) {epsilon = 9.9999999747524271E-7 : f64} : (tensor<1x8x64xf32>, tensor<64xf32>) -> tensor<1x8x64xf32>
// LLAMA: %[[W1:.*]] = util.global.load @model.layers.0.post_attention_layernorm.weight
// LLAMA-NEXT: "accel.rmsnorm"(%{{.*}}, %[[W1]])
// LLAMA: %[[W2:.*]] = util.global.load @model.norm.weight
// LLAMA-NEXT: "accel.rmsnorm"(%{{.*}}, %[[W2]])
// LLAMA-NOT: math.rsqrt
// LLAMA-NOT: accel.rmsnorm

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1)>
// LlamaRMSNorm as torch-to-iree lowers it: x^2 (fpowi), a keepdim sum, / H,
// + f32(epsilon), rsqrt, times x, then the weight times that. epsilon is the f64
// constant rounded to f32, as the model uses it.
// CHECK-LABEL: func.func @rmsnorm_torch
// CHECK-SAME: (%[[X:.*]]: tensor<1x8x64xf32>, %[[W:.*]]: tensor<64xf32>)
// CHECK: %[[Y:.*]] = "accel.rmsnorm"(%[[X]], %[[W]]) {epsilon = 9.9999999747524271E-7 : f64} : (tensor<1x8x64xf32>, tensor<64xf32>) -> tensor<1x8x64xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rmsnorm_torch(%x: tensor<1x8x64xf32>, %w: tensor<64xf32>) -> tensor<1x8x64xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %two = arith.constant 2 : i64
  %h = arith.constant 6.400000e+01 : f32
  %eps = arith.constant 9.9999999999999995E-7 : f64
  %e = tensor.empty() : tensor<1x8x64xf32>
  %ek = tensor.empty() : tensor<1x8x1xf32>
  %sq = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<1x8x64xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.fpowi %a, %two : f32, i64
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%ek : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #keep3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%sq : tensor<1x8x64xf32>) outs(%s0 : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %mean = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%sum : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.divf %a, %h : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %var = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mean : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %ef = arith.truncf %eps : f64 to f32
    %r = arith.addf %a, %ef : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %rstd = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%var : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.rsqrt %a : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %y = linalg.generic {indexing_maps = [#id3, #keep3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %rstd : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %r0: f32, %o: f32):
    %r = arith.mulf %a, %r0 : f32
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  %out = linalg.generic {indexing_maps = [#last3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%w, %y : tensor<64xf32>, tensor<1x8x64xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.mulf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  return %out : tensor<1x8x64xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
// Fused, rank 2, the sum not keeping its dim: x * x summed, then one generic with
// w * (x * (1 / sqrt(sum * (1/H) + eps))); the weight a splat constant, which the
// raised op gets as a dense one.
// CHECK-LABEL: func.func @rmsnorm_fused
// CHECK-SAME: (%[[X:.*]]: tensor<5x32xf32>)
// CHECK: %[[W:.*]] = arith.constant dense<5.000000e-01> : tensor<32xf32>
// CHECK: %[[Y:.*]] = "accel.rmsnorm"(%[[X]], %[[W]]) {epsilon = 9.765625E-4 : f64} : (tensor<5x32xf32>, tensor<32xf32>) -> tensor<5x32xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rmsnorm_fused(%x: tensor<5x32xf32>) -> tensor<5x32xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %one = arith.constant 1.000000e+00 : f32
  %inv_h = arith.constant 3.125000e-02 : f32
  %eps = arith.constant 9.765625E-4 : f32
  %w = arith.constant dense<5.000000e-01> : tensor<32xf32>
  %e = tensor.empty() : tensor<5x32xf32>
  %er = tensor.empty() : tensor<5xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%er : tensor<5xf32>) -> tensor<5xf32>
  %sum = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<5x32xf32>) outs(%s0 : tensor<5xf32>) {
  ^bb0(%a: f32, %s: f32):
    %sq = arith.mulf %a, %a : f32
    %r = arith.addf %s, %sq : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %out = linalg.generic {indexing_maps = [#id2, #row, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %sum, %w : tensor<5x32xf32>, tensor<5xf32>, tensor<32xf32>) outs(%e : tensor<5x32xf32>) {
  ^bb0(%a: f32, %s: f32, %g: f32, %o: f32):
    %mean = arith.mulf %s, %inv_h : f32
    %var = arith.addf %eps, %mean : f32
    %root = math.sqrt %var : f32
    %inv = arith.divf %one, %root : f32
    %n = arith.mulf %inv, %a : f32
    %r = arith.mulf %n, %g : f32
    linalg.yield %r : f32
  } -> tensor<5x32xf32>
  return %out : tensor<5x32xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#rows3 = affine_map<(d0, d1, d2) -> (d0, d1)>
// The mean divides by 32 while H = 64: not an RMSNorm of x, left alone.
// CHECK-LABEL: func.func @rmsnorm_wrong_count
// CHECK-NOT: accel.rmsnorm
// CHECK: math.rsqrt
func.func @rmsnorm_wrong_count(%x: tensor<1x8x64xf32>, %w: tensor<64xf32>) -> tensor<1x8x64xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %two = arith.constant 2 : i64
  %h = arith.constant 3.200000e+01 : f32
  %eps = arith.constant 9.9999999999999995E-7 : f64
  %e = tensor.empty() : tensor<1x8x64xf32>
  %ek = tensor.empty() : tensor<1x8x1xf32>
  %sq = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x : tensor<1x8x64xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.fpowi %a, %two : f32, i64
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%ek : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
  %sum = linalg.generic {indexing_maps = [#id3, #keep3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%sq : tensor<1x8x64xf32>) outs(%s0 : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %mean = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%sum : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.divf %a, %h : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %var = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%mean : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %ef = arith.truncf %eps : f64 to f32
    %r = arith.addf %a, %ef : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %rstd = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%var : tensor<1x8x1xf32>) outs(%ek : tensor<1x8x1xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.rsqrt %a : f32
    linalg.yield %r : f32
  } -> tensor<1x8x1xf32>
  %y = linalg.generic {indexing_maps = [#id3, #keep3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %rstd : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %r0: f32, %o: f32):
    %r = arith.mulf %a, %r0 : f32
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  %out = linalg.generic {indexing_maps = [#last3, #id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]} ins(%w, %y : tensor<64xf32>, tensor<1x8x64xf32>) outs(%e : tensor<1x8x64xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.mulf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x8x64xf32>
  return %out : tensor<1x8x64xf32>
}

// CHECK-NOT: Traceback
