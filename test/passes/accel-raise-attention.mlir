// RUN: accel-opt %s --split-input-file --accel-raise-attention | filecheck %s
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-attention | filecheck %s --check-prefix LLAMA
// RUN: accel-opt %S/Inputs/llama-sdpa.mlir --accel-raise-attention | filecheck %s --check-prefix LLAMA
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-attention=causal-masks=keep | filecheck %s --check-prefix LLAMA-MASK
// RUN: accel-opt %S/Inputs/bert-eager.mlir --accel-raise-attention | filecheck %s --check-prefix BERT
// RUN: accel-opt %S/Inputs/bert-sdpa.mlir --accel-raise-attention | filecheck %s --check-prefix BERT
// The passes compose: softmax raised first, attention then finds accel.softmax.
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-softmax --accel-raise-attention | filecheck %s --check-prefix LLAMA
// Constant masks are evaluated on the CPU target: causal ones make causal attention.
// RUN: accel-opt %s --split-input-file --accel-raise-attention=causal-masks=keep | filecheck %s --check-prefix KEEP

// softmax(Q K^T * scale + mask) V in linalg becomes accel.attention: transformers'
// eager attention with grouped-query heads (repeat_kv removed), its sdpa form (scale
// split over Q and K, the all -inf row guard), BERT's layout (K^T straight from
// [B, T, H, D]), and look-alikes that are not attention (left alone). Then the
// imported models: one accel.attention per layer, K and V with their own heads.

// One attention for the one layer, reading K and V [1, 2, 8, 16] (2 KV heads) as the
// rotary embedding and the V projection leave them; no repeat, no product left. The
// mask the model builds from position ids evaluates to a causal one: causal = true,
// no mask operand (and its final select is gone).
// LLAMA-LABEL: util.func public @main
// LLAMA-NOT: tensor<1x1x8x8xf32>
// LLAMA: %[[O:.*]] = "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}) {causal = true, num_heads = 4 : i64, num_kv_heads = 2 : i64, scale = 2.500000e-01 : f64} : (tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x4x8x16xf32>
// LLAMA: tensor.collapse_shape %[[O]] {{\[\[}}0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
// LLAMA-NOT: linalg.batch_matmul
// LLAMA-NOT: tensor<1x2x2x8x16xf32>
// LLAMA-NOT: accel.attention

// With causal-masks=keep the mask stays an operand.
// LLAMA-MASK-LABEL: util.func public @main
// LLAMA-MASK: %[[MASK:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x8x8xf32>)
// LLAMA-MASK: "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}, %[[MASK]]) {causal = false, num_heads = 4 : i64, num_kv_heads = 2 : i64, scale = 2.500000e-01 : f64} : (tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
// LLAMA-MASK-NOT: accel.attention

// BERT-LABEL: util.func public @main
// BERT: "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {causal = false, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = {{.*}} : f64} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
// BERT-NOT: linalg.batch_matmul ins({{.*}} : tensor<4x8x8xf32>
// BERT-NOT: accel.attention

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// Llama's eager attention as torch-to-iree lowers it: K and V repeated to 4 heads
// (broadcast + collapse), K transposed, the scores times f32(scale) plus a mask
// broadcast over heads, aten._softmax, the product with V.
// CHECK-LABEL: func.func @gqa_eager
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x8x16xf32>, %[[K:.*]]: tensor<1x2x8x16xf32>, %[[V:.*]]: tensor<1x2x8x16xf32>, %[[M:.*]]: tensor<1x1x8x8xf32>)
// CHECK: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]], %[[M]]) {causal = false, num_heads = 4 : i64, num_kv_heads = 2 : i64, scale = 2.500000e-01 : f64} : (tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NEXT: %[[O3:.*]] = tensor.collapse_shape %[[O]] {{\[\[}}0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
// CHECK-NEXT: %[[O4:.*]] = tensor.expand_shape %[[O3]]
// CHECK-NEXT: return %[[O4]]
func.func @gqa_eager(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>, %mask: tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %scale = arith.constant 2.500000e-01 : f64
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %kr5 = linalg.generic {indexing_maps = [#rep_in, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%k : tensor<1x2x8x16xf32>) outs(%e1_2_2_8_16 : tensor<1x2x2x8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<1x2x2x8x16xf32>
  %kc = tensor.collapse_shape %kr5 [[0], [1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<1x4x8x16xf32>
  %vr5 = linalg.generic {indexing_maps = [#rep_in, #id5], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%v : tensor<1x2x8x16xf32>) outs(%e1_2_2_8_16 : tensor<1x2x2x8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    linalg.yield %a : f32
  } -> tensor<1x2x2x8x16xf32>
  %kt = linalg.transpose ins(%kc : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %scaled = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.truncf %scale : f64 to f32
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %logits = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%scaled, %mask : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.addf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %vr5 [[0, 1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %sm [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// The math of torch's scaled_dot_product_attention as transformers' sdpa path exports
// it: Q and K^T each times sqrt(scale), the mask added, softmax, and rows whose
// scores are all -inf set to zero (what accel.attention does with them). Multi-head
// (4 KV heads): no repeat. The scale is the product of the two factors.
// CHECK-LABEL: func.func @mha_sdpa
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x8x16xf32>, %[[K:.*]]: tensor<1x4x8x16xf32>, %[[V:.*]]: tensor<1x4x8x16xf32>, %[[M:.*]]: tensor<1x1x8x8xf32>)
// CHECK: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]], %[[M]]) {causal = false, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = 2.500000e-01 : f64}
// CHECK-NOT: linalg.generic
// CHECK-NOT: linalg.batch_matmul
func.func @mha_sdpa(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>, %mask: tensor<1x1x8x8xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %root = arith.constant 5.000000e-01 : f64
  %e1_4_8_16 = tensor.empty() : tensor<1x4x8x16xf32>
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %qs = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%q : tensor<1x4x8x16xf32>) outs(%e1_4_8_16 : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.truncf %root : f64 to f32
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %ks = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%kt : tensor<1x4x16x8xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.truncf %root : f64 to f32
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x16x8xf32>
  %q3 = tensor.collapse_shape %qs [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %ks [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %logits = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4, %mask : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.addf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %ninf64 = arith.constant 0xFFF0000000000000 : f64
  %false = arith.constant false
  %zeros = arith.constant dense<0.000000e+00> : tensor<1x4x8x8xf32>
  %eb = tensor.empty() : tensor<1x4x8x8xi1>
  %ebk = tensor.empty() : tensor<1x4x8x1xi1>
  %isinf = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%eb : tensor<1x4x8x8xi1>) {
  ^bb0(%a: f32, %o: i1):
    %w = arith.extf %a : f32 to f64
    %r = arith.cmpf oeq, %w, %ninf64 : f64
    linalg.yield %r : i1
  } -> tensor<1x4x8x8xi1>
  %finite = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%isinf : tensor<1x4x8x8xi1>) outs(%eb : tensor<1x4x8x8xi1>) {
  ^bb0(%a: i1, %o: i1):
    %r = arith.cmpi eq, %a, %false : i1
    linalg.yield %r : i1
  } -> tensor<1x4x8x8xi1>
  %a0 = linalg.fill ins(%false : i1) outs(%ebk : tensor<1x4x8x1xi1>) -> tensor<1x4x8x1xi1>
  %any = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%finite : tensor<1x4x8x8xi1>) outs(%a0 : tensor<1x4x8x1xi1>) {
  ^bb0(%a: i1, %o: i1):
    %r = arith.ori %a, %o : i1
    linalg.yield %r : i1
  } -> tensor<1x4x8x1xi1>
  %none = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%any : tensor<1x4x8x1xi1>) outs(%ebk : tensor<1x4x8x1xi1>) {
  ^bb0(%a: i1, %o: i1):
    %r = arith.cmpi eq, %a, %false : i1
    linalg.yield %r : i1
  } -> tensor<1x4x8x1xi1>
  %guarded = linalg.generic {indexing_maps = [#keep4, #id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%none, %zeros, %sm : tensor<1x4x8x1xi1>, tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%c: i1, %z: f32, %p: f32, %o: f32):
    %r = arith.select %c, %z, %p : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %guarded [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// BERT's layout: the projections are [B, T, H, D]; Q is transposed to [B, H, S, D]
// but K^T comes straight from [B, T, H, D] (permutation [0, 2, 3, 1]), so the raised
// op gets K as a new [0, 2, 1, 3] transpose. Scores divided by sqrt(D); no mask.
// CHECK-LABEL: func.func @bert_layout
// CHECK-SAME: (%[[QP:.*]]: tensor<1x8x4x16xf32>, %[[KP:.*]]: tensor<1x8x4x16xf32>, %[[V:.*]]: tensor<1x4x8x16xf32>)
// CHECK: %[[Q:.*]] = linalg.transpose ins(%[[QP]] : tensor<1x8x4x16xf32>) outs(%{{.*}} : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3]
// CHECK: %[[K:.*]] = linalg.transpose ins(%[[KP]] : tensor<1x8x4x16xf32>) outs(%{{.*}} : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3]
// CHECK-NEXT: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]]) {causal = false, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = 2.500000e-01 : f64} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NOT: linalg.batch_matmul
func.func @bert_layout(%qp: tensor<1x8x4x16xf32>, %kp: tensor<1x8x4x16xf32>, %v: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %root_d = arith.constant 4.000000e+00 : f32
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %eq = tensor.empty() : tensor<1x4x8x16xf32>
  %qt = linalg.transpose ins(%qp : tensor<1x8x4x16xf32>) outs(%eq : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3]
  %kt = linalg.transpose ins(%kp : tensor<1x8x4x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 2, 3, 1]
  %q3 = tensor.collapse_shape %qt [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %logits = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.divf %a, %root_d : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %sm [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// The mask depends on no argument: it is computed at compile time, found causal
// (0 for j <= i, -FLT_MAX above), and becomes causal = true.
// CHECK-LABEL: func.func @constant_causal_mask
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x8x16xf32>, %[[K:.*]]: tensor<1x4x8x16xf32>, %[[V:.*]]: tensor<1x4x8x16xf32>)
// CHECK: "accel.attention"(%[[Q]], %[[K]], %[[V]]) {causal = true, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = 2.500000e-01 : f64} : (tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NOT: linalg.generic
// KEEP-LABEL: func.func @constant_causal_mask
// KEEP: %[[MASK:.*]] = linalg.generic
// KEEP: "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}, %[[MASK]]) {causal = false
func.func @constant_causal_mask(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %scale = arith.constant 2.500000e-01 : f64
  %fmin = arith.constant -3.40282347E+38 : f32
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %em = tensor.empty() : tensor<1x1x8x8xf32>
  %mask = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%em : tensor<1x1x8x8xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %visible = arith.cmpi ule, %j, %i : index
    %r = arith.select %visible, %zero, %fmin : f32
    linalg.yield %r : f32
  } -> tensor<1x1x8x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %scaled = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.truncf %scale : f64 to f32
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %logits = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%scaled, %mask : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.addf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %sm [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// A sliding window (j <= i < j + 4): a constant causal band, raised to window = 4
// without the mask.
// CHECK-LABEL: func.func @constant_window_mask
// CHECK: "accel.attention"(%{{[^,]*}}, %{{[^,]*}}, %{{[^,)]*}}) {causal = true, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = 2.500000e-01 : f64, window = 4 : i64}
func.func @constant_window_mask(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %scale = arith.constant 2.500000e-01 : f64
  %fmin = arith.constant -3.40282347E+38 : f32
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %em = tensor.empty() : tensor<1x1x8x8xf32>
  %mask = linalg.generic {indexing_maps = [#id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%em : tensor<1x1x8x8xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 2 : index
    %j = linalg.index 3 : index
    %c4 = arith.constant 4 : index
    %lo = arith.addi %j, %c4 : index
    %past = arith.cmpi ule, %j, %i : index
    %near = arith.cmpi ugt, %lo, %i : index
    %visible = arith.andi %past, %near : i1
    %r = arith.select %visible, %zero, %fmin : f32
    linalg.yield %r : f32
  } -> tensor<1x1x8x8xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %scaled = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.truncf %scale : f64 to f32
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %logits = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%scaled, %mask : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.addf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%logits : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%logits, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %sm [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// V times 2 before the product: softmax(...) (2 V) is attention of 2 V, but the
// pass does not move scales onto V; left alone.
// CHECK-LABEL: func.func @scaled_values
// CHECK-NOT: accel.attention
// CHECK: linalg.batch_matmul
// CHECK: linalg.batch_matmul
func.func @scaled_values(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %two = arith.constant 2.000000e+00 : f32
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %e1_4_8_16 = tensor.empty() : tensor<1x4x8x16xf32>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_exp = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_sub : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %sm_si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sm_sum = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%sm_exp : tensor<1x4x8x8xf32>) outs(%sm_si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %sm = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sm_exp, %sm_sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v2 = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%v : tensor<1x4x8x16xf32>) outs(%e1_4_8_16 : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %two : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %v3 = tensor.collapse_shape %v2 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %sm [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// -----

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// exp of the scores without the normalization: not a softmax, left alone.
// CHECK-LABEL: func.func @unnormalized
// CHECK-NOT: accel.attention
// CHECK: math.exp
// CHECK: linalg.batch_matmul
func.func @unnormalized(%q: tensor<1x4x8x16xf32>, %k: tensor<1x4x8x16xf32>, %v: tensor<1x4x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %e1_4_16_8 = tensor.empty() : tensor<1x4x16x8xf32>
  %e4_8_8 = tensor.empty() : tensor<4x8x8xf32>
  %e4_8_16 = tensor.empty() : tensor<4x8x16xf32>
  %e1_2_2_8_16 = tensor.empty() : tensor<1x2x2x8x16xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %kt = linalg.transpose ins(%k : tensor<1x4x8x16xf32>) outs(%e1_4_16_8 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2]
  %q3 = tensor.collapse_shape %q [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %k3 = tensor.collapse_shape %kt [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
  %zs = linalg.fill ins(%zero : f32) outs(%e4_8_8 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s3 = linalg.batch_matmul ins(%q3, %k3 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%zs : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %s4 = tensor.expand_shape %s3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
  %ex = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s4 : tensor<1x4x8x8xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %v3 = tensor.collapse_shape %v [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
  %p3 = tensor.collapse_shape %ex [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%e4_8_16 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o3 = linalg.batch_matmul ins(%p3, %v3 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%zo : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
  %o4 = tensor.expand_shape %o3 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
  return %o4 : tensor<1x4x8x16xf32>
}

// CHECK-NOT: Traceback
