// RUN: accel-opt %s --split-input-file --accel-raise-rope | filecheck %s
// RUN: accel-opt %S/Inputs/llama-sdpa.mlir --accel-raise-rope | filecheck %s --check-prefix LLAMA

// Rotary embeddings in linalg become accel.rope: transformers' apply_rotary_pos_emb
// as torch-to-iree lowers it (x * cos + rotate_half(x) * sin, rotate_half a concat
// of the negated upper half and the lower half), with cos/sin tables of rank 4 and 2
// and operands in either order; a rotation that is not rotate_half is left alone.
// Then an imported Llama layer: the queries (4 heads) and the keys (2 KV heads).

// LLAMA-LABEL: util.func public @main
// LLAMA: %[[COS:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
// LLAMA: %[[SIN:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
// LLAMA: "accel.rope"(%{{.*}}, %[[COS]], %[[SIN]]) : (tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32>
// LLAMA: "accel.rope"(%{{.*}}, %[[COS]], %[[SIN]]) : (tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32>
// LLAMA-NOT: tensor.concat
// LLAMA-NOT: accel.rope

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#table2 = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// cos.unsqueeze(1): [1, 1, S, D], broadcast over the heads.
// CHECK-LABEL: func.func @rope_torch
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8x16xf32>, %[[C:.*]]: tensor<1x1x8x16xf32>, %[[S:.*]]: tensor<1x1x8x16xf32>)
// CHECK: %[[Y:.*]] = "accel.rope"(%[[X]], %[[C]], %[[S]]) : (tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rope_torch(%x: tensor<1x4x8x16xf32>, %cos: tensor<1x1x8x16xf32>, %sin: tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %e = tensor.empty() : tensor<1x4x8x16xf32>
  %eh = tensor.empty() : tensor<1x4x8x8xf32>
  %xc = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %cos : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %lo = tensor.extract_slice %x[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
  %hi = tensor.extract_slice %x[0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
  %neg = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%hi : tensor<1x4x8x8xf32>) outs(%eh : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %rot = tensor.concat dim(3) %neg, %lo : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
  %rs = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%rot, %sin : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %out = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%xc, %rs : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  return %out : tensor<1x4x8x16xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#table2 = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// A shared [S, D] table, cos * x written with cos first.
// CHECK-LABEL: func.func @rope_table_swapped_operands
// CHECK-SAME: (%[[X:.*]]: tensor<2x2x6x8xf32>, %[[C:.*]]: tensor<6x8xf32>, %[[S:.*]]: tensor<6x8xf32>)
// CHECK: %[[Y:.*]] = "accel.rope"(%[[X]], %[[C]], %[[S]]) : (tensor<2x2x6x8xf32>, tensor<6x8xf32>, tensor<6x8xf32>) -> tensor<2x2x6x8xf32>
// CHECK-NEXT: return %[[Y]]
func.func @rope_table_swapped_operands(%x: tensor<2x2x6x8xf32>, %cos: tensor<6x8xf32>, %sin: tensor<6x8xf32>) -> tensor<2x2x6x8xf32> {
  %e = tensor.empty() : tensor<2x2x6x8xf32>
  %eh = tensor.empty() : tensor<2x2x6x4xf32>
  %xc = linalg.generic {indexing_maps = [#table2, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cos, %x : tensor<6x8xf32>, tensor<2x2x6x8xf32>) outs(%e : tensor<2x2x6x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x6x8xf32>
  %lo = tensor.extract_slice %x[0, 0, 0, 0] [2, 2, 6, 4] [1, 1, 1, 1] : tensor<2x2x6x8xf32> to tensor<2x2x6x4xf32>
  %hi = tensor.extract_slice %x[0, 0, 0, 4] [2, 2, 6, 4] [1, 1, 1, 1] : tensor<2x2x6x8xf32> to tensor<2x2x6x4xf32>
  %neg = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%hi : tensor<2x2x6x4xf32>) outs(%eh : tensor<2x2x6x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<2x2x6x4xf32>
  %rot = tensor.concat dim(3) %neg, %lo : (tensor<2x2x6x4xf32>, tensor<2x2x6x4xf32>) -> tensor<2x2x6x8xf32>
  %rs = linalg.generic {indexing_maps = [#id4, #table2, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%rot, %sin : tensor<2x2x6x8xf32>, tensor<6x8xf32>) outs(%e : tensor<2x2x6x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x6x8xf32>
  %out = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%xc, %rs : tensor<2x2x6x8xf32>, tensor<2x2x6x8xf32>) outs(%e : tensor<2x2x6x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x6x8xf32>
  return %out : tensor<2x2x6x8xf32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#heads1 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#table2 = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// concat(-x_lo, x_hi) is the rotation the other way round, not rotate_half: left alone.
// CHECK-LABEL: func.func @rope_other_rotation
// CHECK-NOT: accel.rope
// CHECK: tensor.concat
func.func @rope_other_rotation(%x: tensor<1x4x8x16xf32>, %cos: tensor<1x1x8x16xf32>, %sin: tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %e = tensor.empty() : tensor<1x4x8x16xf32>
  %eh = tensor.empty() : tensor<1x4x8x8xf32>
  %xc = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %cos : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %lo = tensor.extract_slice %x[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
  %hi = tensor.extract_slice %x[0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
  %neg = linalg.generic {indexing_maps = [#id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%lo : tensor<1x4x8x8xf32>) outs(%eh : tensor<1x4x8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.negf %a : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  %rot = tensor.concat dim(3) %neg, %hi : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
  %rs = linalg.generic {indexing_maps = [#id4, #heads1, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%rot, %sin : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.mulf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  %out = linalg.generic {indexing_maps = [#id4, #id4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%xc, %rs : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) outs(%e : tensor<1x4x8x16xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x16xf32>
  return %out : tensor<1x4x8x16xf32>
}

// CHECK-NOT: Traceback
