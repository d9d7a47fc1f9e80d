// RUN: accel-opt %s --split-input-file --accel-lower-to-linalg | filecheck %s
// No accel op is left: IREE's own parser, which knows no accel op, reads the result.
// RUN: accel-opt %s --split-input-file --accel-lower-to-linalg | iree-opt --split-input-file | filecheck %s --check-prefix IREE

// The lowerings of accel's transformer ops (the quantization ops are in
// accel-lower-to-linalg.mlir): every float op in the golden order, in f32.

// IREE-LABEL: func.func @attention_gqa_causal
// IREE-LABEL: func.func @attention_dynamic_keys
// IREE-LABEL: func.func @softmax_f16
// IREE-LABEL: func.func @rmsnorm_bf16
// IREE-LABEL: func.func @rope
// IREE-LABEL: func.func @silu_mul
// IREE-LABEL: func.func @kv_contiguous
// IREE-LABEL: func.func @kv_paged
// IREE-NOT: accel.

// Query heads viewed as [B, Hkv, G, S, D] and their G * S rows batched per KV head:
// both products are batch_matmuls over B * Hkv with K and V as they are (no repeat).
// Scores, * scale, + the mask (broadcast over B, H and S: its map reads index 0),
// causal keys after i + T - S set to -inf, the max-subtracted softmax with all -inf
// rows zeroed, the product with V, back to [B, Hq, S, Dv].

// CHECK-DAG: #[[BQ:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
// CHECK-DAG: #[[BKT:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>
// CHECK-DAG: #[[BO:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[ID5:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
// CHECK-DAG: #[[MASK:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (0, 0, 0, d4)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @attention_gqa_causal
// CHECK-SAME: (%[[Q:.*]]: tensor<1x4x3x8xf32>, %[[K:.*]]: tensor<1x2x5x8xf32>, %[[V:.*]]: tensor<1x2x5x8xf32>, %[[M:.*]]: tensor<1x1x1x5xf32>)
// CHECK: %[[Q5:.*]] = tensor.expand_shape %[[Q]] {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 3, 8] : tensor<1x4x3x8xf32> into tensor<1x2x2x3x8xf32>
// CHECK-NEXT: %[[Q3:.*]] = tensor.collapse_shape %[[Q5]] {{\[\[}}0, 1], [2, 3], [4]] : tensor<1x2x2x3x8xf32> into tensor<2x6x8xf32>
// CHECK-NEXT: %[[K3:.*]] = tensor.collapse_shape %[[K]] {{\[\[}}0, 1], [2], [3]] : tensor<1x2x5x8xf32> into tensor<2x5x8xf32>
// CHECK: %[[DOT:.*]] = linalg.batch_matmul indexing_maps = [#[[BQ]], #[[BKT]], #[[BO]]] ins(%[[Q3]], %[[K3]] : tensor<2x6x8xf32>, tensor<2x5x8xf32>) outs(%{{.*}} : tensor<2x6x5xf32>)
// CHECK-NEXT: %[[S5:.*]] = tensor.expand_shape %[[DOT]] {{\[\[}}0, 1], [2, 3], [4]] output_shape [1, 2, 2, 3, 5]
// CHECK-DAG: %[[SCALE:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG: %[[SHIFT:.*]] = arith.subi %{{.*}}, %{{.*}} : index
// CHECK-DAG: %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK: %[[LOGITS:.*]] = linalg.generic {indexing_maps = [#[[ID5]], #[[MASK]], #[[ID5]]], {{.*}} ins(%[[S5]], %[[M]] : tensor<1x2x2x3x5xf32>, tensor<1x1x1x5xf32>)
// CHECK: ^bb0(%[[S:.*]]: f32, %[[ME:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SC:.*]] = arith.mulf %[[S]], %[[SCALE]] : f32
// CHECK-NEXT: %[[MA:.*]] = arith.addf %[[SC]], %[[ME]] : f32
// CHECK-NEXT: %[[I:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[J:.*]] = linalg.index 4 : index
// CHECK-NEXT: %[[LAST:.*]] = arith.addi %[[I]], %[[SHIFT]] : index
// CHECK-NEXT: %[[HIDDEN:.*]] = arith.cmpi sgt, %[[J]], %[[LAST]] : index
// CHECK-NEXT: %[[L:.*]] = arith.select %[[HIDDEN]], %[[NEG_INF]], %[[MA]] : f32
// CHECK-NEXT: linalg.yield %[[L]] : f32
// CHECK: %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[ID5]], #[[ROW]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[LOGITS]]
// CHECK: arith.maximumf
// CHECK: %[[P:.*]] = linalg.generic {indexing_maps = [#[[ID5]], #[[ROW]], #[[ID5]]], {{.*}} ins(%[[LOGITS]], %[[MAX]]
// CHECK: arith.subf
// CHECK-NEXT: math.exp
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} ins(%[[P]]
// CHECK: arith.addf
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[ID5]], #[[ROW]], #[[ROW]], #[[ID5]]], {{.*}} ins(%[[P]], %[[SUM]], %[[MAX]]
// CHECK: ^bb0(%[[PE:.*]]: f32, %[[SE:.*]]: f32, %[[XE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[EMPTY:.*]] = arith.cmpf oeq, %[[XE]], %{{.*}} : f32
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[PE]], %[[SE]] : f32
// CHECK-NEXT: arith.select %[[EMPTY]], %{{.*}}, %[[DIV]] : f32
// CHECK: %[[W3:.*]] = tensor.collapse_shape %[[W]] {{\[\[}}0, 1], [2, 3], [4]] : tensor<1x2x2x3x5xf32> into tensor<2x6x5xf32>
// CHECK-NEXT: %[[V3:.*]] = tensor.collapse_shape %[[V]] {{\[\[}}0, 1], [2], [3]] : tensor<1x2x5x8xf32> into tensor<2x5x8xf32>
// CHECK: %[[O3:.*]] = linalg.batch_matmul ins(%[[W3]], %[[V3]] : tensor<2x6x5xf32>, tensor<2x5x8xf32>) outs(%{{.*}} : tensor<2x6x8xf32>)
// CHECK-NEXT: %[[O5:.*]] = tensor.expand_shape %[[O3]] {{\[\[}}0, 1], [2, 3], [4]] output_shape [1, 2, 2, 3, 8]
// CHECK-NEXT: %[[O:.*]] = tensor.collapse_shape %[[O5]] {{\[\[}}0], [1, 2], [3], [4]] : tensor<1x2x2x3x8xf32> into tensor<1x4x3x8xf32>
// CHECK-NEXT: return %[[O]]
func.func @attention_gqa_causal(%q: tensor<1x4x3x8xf32>, %k: tensor<1x2x5x8xf32>, %v: tensor<1x2x5x8xf32>, %m: tensor<1x1x1x5xf32>) -> tensor<1x4x3x8xf32> {
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 4 : i64, num_kv_heads = 2 : i64, causal = true, scale = 0.25 : f64} : (tensor<1x4x3x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x1x1x5xf32>) -> tensor<1x4x3x8xf32>
  return %o : tensor<1x4x3x8xf32>
}

// -----

// A decode step against keys read from a KV cache: T is dynamic. The weights are
// materialized before the product with V (a workaround for IREE 3.13's data tiling,
// which fails on that dynamically shaped product when fused with its producer).
// CHECK-LABEL: func.func @attention_dynamic_keys
// CHECK-SAME: (%[[Q:.*]]: tensor<1x8x1x16xf32>, %[[K:.*]]: tensor<1x2x?x16xf32>, %[[V:.*]]: tensor<1x2x?x16xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[K]], %{{.*}} : tensor<1x2x?x16xf32>
// CHECK: %[[W:.*]] = util.optimization_barrier %{{.*}} : tensor<1x2x4x1x?xf32>
// CHECK-NEXT: %[[TIED:.*]] = flow.tensor.tie_shape %[[W]] : tensor<1x2x4x1x?xf32>{%[[T]]}
// CHECK-NEXT: tensor.collapse_shape %[[TIED]] {{\[\[}}0, 1], [2, 3], [4]] : tensor<1x2x4x1x?xf32> into tensor<2x4x?xf32>
// CHECK: linalg.batch_matmul
func.func @attention_dynamic_keys(%q: tensor<1x8x1x16xf32>, %k: tensor<1x2x?x16xf32>, %v: tensor<1x2x?x16xf32>) -> tensor<1x8x1x16xf32> {
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 0.25 : f64} : (tensor<1x8x1x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x8x1x16xf32>
  return %o : tensor<1x8x1x16xf32>
}

// -----

// f16 in, converted to f32 first, the result truncated back; a plain division (an
// all -inf row is NaN, as in PyTorch).
// CHECK-LABEL: func.func @softmax_f16
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.maximumf
// CHECK: math.exp
// CHECK: arith.addf
// CHECK: %[[W:.*]] = linalg.generic
// CHECK-NOT: arith.select
// CHECK: arith.divf
// CHECK: linalg.generic {{.*}} ins(%[[W]] : tensor<2x?xf32>) outs(%{{.*}} : tensor<2x?xf16>)
// CHECK: arith.truncf %{{.*}} : f32 to f16
func.func @softmax_f16(%x: tensor<2x?xf16>) -> tensor<2x?xf16> {
  %p = "accel.softmax"(%x) {axis = 1 : i64} : (tensor<2x?xf16>) -> tensor<2x?xf16>
  return %p : tensor<2x?xf16>
}

// -----

// LlamaRMSNorm's order: the sum of squares in f32, / H, + f32(epsilon), sqrt, 1 / that;
// x * r cast back to bf16, then weight * it.
// CHECK-LABEL: func.func @rmsnorm_bf16
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xbf16>, %[[W:.*]]: tensor<64xbf16>)
// CHECK-DAG: %[[H:.*]] = arith.constant 6.400000e+01 : f32
// CHECK-DAG: %[[EPS:.*]] = arith.constant 9.99999997E-7 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: %[[SUM:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<?x64xbf16>) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[E:.*]] = arith.extf %{{.*}} : bf16 to f32
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[E]], %[[E]] : f32
// CHECK-NEXT: arith.addf %{{.*}}, %[[SQ]] : f32
// CHECK: %[[R:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<?xf32>)
// CHECK: %[[MEAN:.*]] = arith.divf %{{.*}}, %[[H]] : f32
// CHECK-NEXT: %[[VAR:.*]] = arith.addf %[[MEAN]], %[[EPS]] : f32
// CHECK-NEXT: %[[ROOT:.*]] = math.sqrt %[[VAR]] : f32
// CHECK-NEXT: arith.divf %[[ONE]], %[[ROOT]] : f32
// CHECK: linalg.generic {{.*}} ins(%[[X]], %[[R]], %[[W]] : tensor<?x64xbf16>, tensor<?xf32>, tensor<64xbf16>) outs(%{{.*}} : tensor<?x64xbf16>)
// CHECK: ^bb0(%[[XE:.*]]: bf16, %[[RE:.*]]: f32, %[[WE:.*]]: bf16, %{{.*}}: bf16):
// CHECK-NEXT: %[[X32:.*]] = arith.extf %[[XE]] : bf16 to f32
// CHECK-NEXT: %[[Y:.*]] = arith.mulf %[[X32]], %[[RE]] : f32
// CHECK-NEXT: %[[YB:.*]] = arith.truncf %[[Y]] : f32 to bf16
// CHECK-NEXT: %[[Y32:.*]] = arith.extf %[[YB]] : bf16 to f32
// CHECK-NEXT: %[[W32:.*]] = arith.extf %[[WE]] : bf16 to f32
// CHECK-NEXT: %[[OUT:.*]] = arith.mulf %[[W32]], %[[Y32]] : f32
// CHECK-NEXT: arith.truncf %[[OUT]] : f32 to bf16
func.func @rmsnorm_bf16(%x: tensor<?x64xbf16>, %w: tensor<64xbf16>) -> tensor<?x64xbf16> {
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.0e-6 : f64} : (tensor<?x64xbf16>, tensor<64xbf16>) -> tensor<?x64xbf16>
  return %y : tensor<?x64xbf16>
}

// -----

// The two halves of D: lower = x_lo * cos_lo + (-x_hi) * sin_lo, upper = x_hi * cos_hi
// + x_lo * sin_hi, inserted side by side; cos/sin broadcast over the heads (map 0).
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG: #[[TABLE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
// CHECK-LABEL: func.func @rope
// CHECK-SAME: (%[[X:.*]]: tensor<1x4x8x16xf32>, %[[C:.*]]: tensor<1x1x8x16xf32>, %[[S:.*]]: tensor<1x1x8x16xf32>)
// CHECK-DAG: %[[XLO:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[XHI:.*]] = tensor.extract_slice %[[X]][0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[CLO:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 0] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[CHI:.*]] = tensor.extract_slice %[[C]][0, 0, 0, 8] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[SLO:.*]] = tensor.extract_slice %[[S]][0, 0, 0, 0] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK-DAG: %[[SHI:.*]] = tensor.extract_slice %[[S]][0, 0, 0, 8] [1, 1, 8, 8] [1, 1, 1, 1]
// CHECK: %[[LO:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ID]], #[[TABLE]], #[[TABLE]], #[[ID]]], {{.*}} ins(%[[XLO]], %[[XHI]], %[[CLO]], %[[SLO]] :
// CHECK: ^bb0(%[[A:.*]]: f32, %[[B:.*]]: f32, %[[CE:.*]]: f32, %[[SE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[NEG:.*]] = arith.negf %[[B]] : f32
// CHECK-NEXT: %[[XC:.*]] = arith.mulf %[[A]], %[[CE]] : f32
// CHECK-NEXT: %[[RS:.*]] = arith.mulf %[[NEG]], %[[SE]] : f32
// CHECK-NEXT: arith.addf %[[XC]], %[[RS]] : f32
// CHECK: %[[HI:.*]] = linalg.generic {{.*}} ins(%[[XHI]], %[[XLO]], %[[CHI]], %[[SHI]] :
// CHECK-NOT: arith.negf
// CHECK: %[[OUT0:.*]] = tensor.insert_slice %[[LO]] into %{{.*}}[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK-NEXT: %[[OUT:.*]] = tensor.insert_slice %[[HI]] into %[[OUT0]][0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1]
// CHECK-NEXT: return %[[OUT]]
func.func @rope(%x: tensor<1x4x8x16xf32>, %c: tensor<1x1x8x16xf32>, %s: tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32> {
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32>
  return %y : tensor<1x4x8x16xf32>
}

// -----

// g / (1 + exp(-g)), times up.
// CHECK-LABEL: func.func @silu_mul
// CHECK-SAME: (%[[G:.*]]: tensor<4x?xf32>, %[[U:.*]]: tensor<4x?xf32>)
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.generic {{.*}} ins(%[[G]], %[[U]] : tensor<4x?xf32>, tensor<4x?xf32>)
// CHECK: ^bb0(%[[GE:.*]]: f32, %[[UE:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[GE]] : f32
// CHECK-NEXT: %[[E:.*]] = math.exp %[[N]] : f32
// CHECK-NEXT: %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f32
// CHECK-NEXT: %[[SILU:.*]] = arith.divf %[[GE]], %[[D]] : f32
// CHECK-NEXT: arith.mulf %[[SILU]], %[[UE]] : f32
func.func @silu_mul(%g: tensor<4x?xf32>, %u: tensor<4x?xf32>) -> tensor<4x?xf32> {
  %h = "accel.silu_mul"(%g, %u) : (tensor<4x?xf32>, tensor<4x?xf32>) -> tensor<4x?xf32>
  return %h : tensor<4x?xf32>
}

// -----

// Contiguous: the append is an insert_slice at [0, 0, pos, 0], the read an
// extract_slice of the first `length` positions (cast to the static result).
// CHECK-LABEL: func.func @kv_contiguous
// CHECK-SAME: (%[[C:.*]]: tensor<2x2x16x8xf32>, %[[N:.*]]: tensor<2x2x3x8xf32>, %[[P:.*]]: index, %[[L:.*]]: index)
// CHECK: %[[U:.*]] = tensor.insert_slice %[[N]] into %[[C]][0, 0, %[[P]], 0] [2, 2, 3, 8] [1, 1, 1, 1] : tensor<2x2x3x8xf32> into tensor<2x2x16x8xf32>
// CHECK: %[[R:.*]] = tensor.extract_slice %[[U]][0, 0, 0, 0] [2, 2, %[[L]], 8] [1, 1, 1, 1] : tensor<2x2x16x8xf32> to tensor<2x2x?x8xf32>
// CHECK: %[[RS:.*]] = tensor.cast %[[R]] : tensor<2x2x?x8xf32> to tensor<2x2x5x8xf32>
// CHECK: return %[[U]], %[[RS]]
func.func @kv_contiguous(%cache: tensor<2x2x16x8xf32>, %new: tensor<2x2x3x8xf32>, %pos: index, %len: index) -> (tensor<2x2x16x8xf32>, tensor<2x2x5x8xf32>) {
  %u = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<2x2x16x8xf32>, tensor<2x2x3x8xf32>, index) -> tensor<2x2x16x8xf32>
  %r = "accel.kv_read"(%u, %len) {layout = "contiguous"} : (tensor<2x2x16x8xf32>, index) -> tensor<2x2x5x8xf32>
  return %u, %r : tensor<2x2x16x8xf32>, tensor<2x2x5x8xf32>
}

// -----

// Paged: the append copies one [1, Hkv, 1, D] row per sequence and new token to
// pool[table[b, t / 4], :, t % 4]; the read gathers every element through the table.
// CHECK-LABEL: func.func @kv_paged
// CHECK-SAME: (%[[POOL:.*]]: tensor<16x2x4x8xf32>, %[[N:.*]]: tensor<2x2x3x8xf32>, %[[P:.*]]: index, %[[T:.*]]: tensor<2x4xi32>, %[[L:.*]]: index)
// CHECK-DAG: %[[BS:.*]] = arith.constant 4 : index
// CHECK: %[[U:.*]] = scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[C0:.*]] = %[[POOL]]) -> (tensor<16x2x4x8xf32>) {
// CHECK-NEXT: %[[INNER:.*]] = scf.for %[[S:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[C1:.*]] = %[[C0]]) -> (tensor<16x2x4x8xf32>) {
// CHECK-NEXT: %[[POS:.*]] = arith.addi %[[P]], %[[S]] : index
// CHECK-NEXT: %[[NB:.*]] = arith.divui %[[POS]], %[[BS]] : index
// CHECK-NEXT: %[[E:.*]] = tensor.extract %[[T]][%[[B]], %[[NB]]] : tensor<2x4xi32>
// CHECK-NEXT: %[[BLOCK:.*]] = arith.index_cast %[[E]] : i32 to index
// CHECK-NEXT: %[[ROW:.*]] = tensor.extract_slice %[[N]][%[[B]], 0, %[[S]], 0] [1, 2, 1, 8] [1, 1, 1, 1]
// CHECK-NEXT: %[[SLOT:.*]] = arith.remui %[[POS]], %[[BS]] : index
// CHECK-NEXT: %[[W:.*]] = tensor.insert_slice %[[ROW]] into %[[C1]][%[[BLOCK]], 0, %[[SLOT]], 0] [1, 2, 1, 8] [1, 1, 1, 1]
// CHECK-NEXT: scf.yield %[[W]]
// CHECK: %[[R:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x?x8xf32>)
// CHECK: %[[RB:.*]] = linalg.index 0 : index
// CHECK-NEXT: %[[RH:.*]] = linalg.index 1 : index
// CHECK-NEXT: %[[RT:.*]] = linalg.index 2 : index
// CHECK-NEXT: %[[RD:.*]] = linalg.index 3 : index
// CHECK: %[[RE:.*]] = tensor.extract %[[T]][%[[RB]], %{{.*}}] : tensor<2x4xi32>
// CHECK: tensor.extract %[[U]][%{{.*}}, %[[RH]], %{{.*}}, %[[RD]]] : tensor<16x2x4x8xf32>
// CHECK: return %[[U]], %[[R]]
func.func @kv_paged(%pool: tensor<16x2x4x8xf32>, %new: tensor<2x2x3x8xf32>, %pos: index, %table: tensor<2x4xi32>, %len: index) -> (tensor<16x2x4x8xf32>, tensor<2x2x?x8xf32>) {
  %u = "accel.kv_append"(%pool, %new, %pos, %table) {layout = "paged"} : (tensor<16x2x4x8xf32>, tensor<2x2x3x8xf32>, index, tensor<2x4xi32>) -> tensor<16x2x4x8xf32>
  %r = "accel.kv_read"(%u, %len, %table) {layout = "paged"} : (tensor<16x2x4x8xf32>, index, tensor<2x4xi32>) -> tensor<2x2x?x8xf32>
  return %u, %r : tensor<16x2x4x8xf32>, tensor<2x2x?x8xf32>
}

// CHECK-NOT: Traceback
