// RUN: accel-opt %s --split-input-file --accel-raise-softmax | filecheck %s
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-softmax | filecheck %s --check-prefix LLAMA
// RUN: accel-opt %S/Inputs/bert-sdpa.mlir --accel-raise-softmax | filecheck %s --check-prefix BERT

// Softmax in linalg becomes accel.softmax: the form torch-to-iree gives aten._softmax
// (five generics), a fused one, linalg.softmax, and forms that are not a
// max-subtracted softmax (left alone). Then the imported models: the attention probabilities of a Llama (eager)
// and a BERT (sdpa) layer.

// The exps of the softmax are gone (the SiLU's comes after it).
// LLAMA-LABEL: util.func public @main
// LLAMA-NOT: math.exp
// LLAMA: %[[P:.*]] = "accel.softmax"(%[[S:.*]]) {axis = 3 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
// LLAMA: tensor.collapse_shape %[[P]] {{.*}} : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
// LLAMA-NOT: accel.softmax

// BERT-LABEL: util.func public @main
// BERT: "accel.softmax"(%{{.*}}) {axis = 3 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
// BERT-NOT: accel.softmax

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#keep3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#last3 = affine_map<(d0, d1, d2) -> (d2)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#row4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#keep4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#rep_in = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#id5 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>

// The aten._softmax of torch-to-iree: max (and its unused argmax) over the last dim,
// kept as a unit dim by expand_shape; x - max; exp; a keepdim sum; the division.
// CHECK-LABEL: func.func @softmax_torch
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8x8xf32>)
// CHECK: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 3 : i64} : (tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
// CHECK-NEXT: return %[[P]]
func.func @softmax_torch(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8 = tensor.empty() : tensor<1x4x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %ei1_4_8 = tensor.empty() : tensor<1x4x8xi64>
  %sm_mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
  %sm_ai = linalg.fill ins(%c0_i64 : i64) outs(%ei1_4_8 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
  %sm_max:2 = linalg.generic {indexing_maps = [#id4, #row4, #row4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x4x8x8xf32>) outs(%sm_mi, %sm_ai : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
  ^bb0(%a: f32, %m: f32, %i: i64):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %r = arith.maximumf %a, %m : f32
    %gt = arith.cmpf ogt, %a, %m : f32
    %ri = arith.select %gt, %ji, %i : i64
    linalg.yield %r, %ri : f32, i64
  } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
  %sm_maxk = tensor.expand_shape %sm_max#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
  %sm_sub = linalg.generic {indexing_maps = [#id4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %sm_maxk : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
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
  return %sm : tensor<1x4x8x8xf32>
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

// Fused: the sum reduces exp(x - max) itself, the division recomputes it.
// CHECK-LABEL: func.func @softmax_fused
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8x8xf32>)
// CHECK: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 3 : i64}
// CHECK-NEXT: return %[[P]]
func.func @softmax_fused(%x: tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %c0_i64 = arith.constant 0 : i64
  %e1_4_8_8 = tensor.empty() : tensor<1x4x8x8xf32>
  %e1_4_8_1 = tensor.empty() : tensor<1x4x8x1xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %max = linalg.generic {indexing_maps = [#id4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x : tensor<1x4x8x8xf32>) outs(%mi : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %m: f32):
    %r = arith.maximumf %m, %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %si = linalg.fill ins(%zero : f32) outs(%e1_4_8_1 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
  %sum = linalg.generic {indexing_maps = [#id4, #keep4, #keep4], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x, %max : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%si : tensor<1x4x8x1xf32>) {
  ^bb0(%a: f32, %m: f32, %s: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    %r = arith.addf %e, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x1xf32>
  %p = linalg.generic {indexing_maps = [#id4, #keep4, #keep4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %max, %sum : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>, tensor<1x4x8x1xf32>) outs(%e1_4_8_8 : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %m: f32, %s: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %e = math.exp %d : f32
    %r = arith.divf %e, %s : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  return %p : tensor<1x4x8x8xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
// Over dim 0 of a rank-2 tensor (reductions not keeping the dim).
// CHECK-LABEL: func.func @softmax_axis0
// CHECK-SAME: (%[[X:.*]]: tensor<6x5xf32>)
// CHECK: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 0 : i64} : (tensor<6x5xf32>) -> tensor<6x5xf32>
// CHECK-NEXT: return %[[P]]
func.func @softmax_axis0(%x: tensor<6x5xf32>) -> tensor<6x5xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<6x5xf32>
  %e5 = tensor.empty() : tensor<5xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%e5 : tensor<5xf32>) -> tensor<5xf32>
  %max = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<6x5xf32>) outs(%mi : tensor<5xf32>) {
  ^bb0(%a: f32, %m: f32):
    %r = arith.maximumf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %exp = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<6x5xf32>, tensor<5xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  %si = linalg.fill ins(%zero : f32) outs(%e5 : tensor<5xf32>) -> tensor<5xf32>
  %sum = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]} ins(%exp : tensor<6x5xf32>) outs(%si : tensor<5xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %p = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%exp, %sum : tensor<6x5xf32>, tensor<5xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  return %p : tensor<6x5xf32>
}

// -----

// MLIR's named linalg.softmax, same definition.
// CHECK-LABEL: func.func @softmax_named
// CHECK-SAME: (%[[X:.*]]: tensor<2x8xf32>)
// CHECK: %[[P:.*]] = "accel.softmax"(%[[X]]) {axis = 1 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
// CHECK-NEXT: return %[[P]]
func.func @softmax_named(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %e = tensor.empty() : tensor<2x8xf32>
  %p = linalg.softmax dimension(1) ins(%x : tensor<2x8xf32>) outs(%e : tensor<2x8xf32>) -> tensor<2x8xf32>
  return %p : tensor<2x8xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
// Not max-subtracted (it overflows where accel.softmax does not): left alone.
// CHECK-LABEL: func.func @softmax_without_max
// CHECK-NOT: accel.softmax
// CHECK: math.exp
// CHECK: arith.divf
func.func @softmax_without_max(%x: tensor<6x5xf32>) -> tensor<6x5xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<6x5xf32>
  %e5 = tensor.empty() : tensor<5xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%e5 : tensor<5xf32>) -> tensor<5xf32>
  %max = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<6x5xf32>) outs(%mi : tensor<5xf32>) {
  ^bb0(%a: f32, %m: f32):
    %r = arith.maximumf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %exp = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<6x5xf32>, tensor<5xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  %si = linalg.fill ins(%zero : f32) outs(%e5 : tensor<5xf32>) -> tensor<5xf32>
  %sum = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]} ins(%exp : tensor<6x5xf32>) outs(%si : tensor<5xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %p = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%exp, %sum : tensor<6x5xf32>, tensor<5xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  return %p : tensor<6x5xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#col = affine_map<(d0, d1) -> (d1)>
#row = affine_map<(d0, d1) -> (d0)>
// The max over one axis, the sum over the other: not a softmax, left alone.
// CHECK-LABEL: func.func @softmax_mixed_axes
// CHECK-NOT: accel.softmax
// CHECK: arith.divf
func.func @softmax_mixed_axes(%x: tensor<6x5xf32>) -> tensor<6x5xf32> {
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<6x5xf32>
  %e5 = tensor.empty() : tensor<5xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%e5 : tensor<5xf32>) -> tensor<5xf32>
  %max = linalg.generic {indexing_maps = [#id2, #col], iterator_types = ["reduction", "parallel"]} ins(%x : tensor<6x5xf32>) outs(%mi : tensor<5xf32>) {
  ^bb0(%a: f32, %m: f32):
    %r = arith.maximumf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %exp = linalg.generic {indexing_maps = [#id2, #col, #id2], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<6x5xf32>, tensor<5xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %d = arith.subf %a, %m : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  %e6 = tensor.empty() : tensor<6xf32>
  %si = linalg.fill ins(%zero : f32) outs(%e6 : tensor<6xf32>) -> tensor<6xf32>
  %sum = linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"]} ins(%exp : tensor<6x5xf32>) outs(%si : tensor<6xf32>) {
  ^bb0(%a: f32, %s: f32):
    %r = arith.addf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<6xf32>
  %p = linalg.generic {indexing_maps = [#id2, #row, #id2], iterator_types = ["parallel", "parallel"]} ins(%exp, %sum : tensor<6x5xf32>, tensor<6xf32>) outs(%e : tensor<6x5xf32>) {
  ^bb0(%a: f32, %s: f32, %o: f32):
    %r = arith.divf %a, %s : f32
    linalg.yield %r : f32
  } -> tensor<6x5xf32>
  return %p : tensor<6x5xf32>
}

// CHECK-NOT: Traceback
