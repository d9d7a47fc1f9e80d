// RUN: accel-opt %s --split-input-file --accel-raise-kv-cache | filecheck %s
// RUN: accel-opt %S/Inputs/llama-decode-step.mlir --accel-raise-attention --accel-raise-kv-cache | filecheck %s --check-prefix DECODE
// RUN: accel-opt %S/Inputs/llama-prefill-step.mlir --accel-raise-attention --accel-raise-kv-cache | filecheck %s --check-prefix PREFILL
// The paged layout: caches that are arguments become block pools read through a new
// block-table argument; a cache read by anything but kv ops is an error, located.
// RUN: not accel-opt %s --split-input-file '--accel-raise-kv-cache=layout=paged block-size=4' 2> %t.err | filecheck %s --check-prefix PAGED
// RUN: filecheck %s --check-prefix PAGED-ERR < %t.err
// RUN: accel-opt %S/Inputs/llama-decode-step.mlir --accel-raise-attention '--accel-raise-kv-cache=layout=paged block-size=4' | filecheck %s --check-prefix DECODE-PAGED
// The raised ops are accel IR that MLIR's own verifier accepts through the IRDL file.
// RUN: accel-opt %S/Inputs/llama-decode-step.mlir --accel-raise-attention --accel-raise-kv-cache | iree-opt --irdl-file=%accel_irdl | filecheck %s --check-prefix DECODE

// A decode step (S = 1) over one layer's caches [1, 2, 8, 4], the position an
// argument: index_copy's scatter (indices (b, h, pos, d) per flattened element) and
// the attention over the whole cache under the mask "key j <= pos". The position is
// extracted once; each write becomes kv_append at it, and the attention reads the
// pos + 1 cached positions, causally, without the mask.
// CHECK-LABEL: func.func @decode_step
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<1x4x1x4xf32>, %[[NK:[^:]*]]: tensor<1x2x1x4xf32>, %[[NV:[^:]*]]: tensor<1x2x1x4xf32>, %[[POS:[^:]*]]: tensor<i64>, %[[KC:[^:]*]]: tensor<1x2x8x4xf32>, %[[VC:[^:]*]]: tensor<1x2x8x4xf32>)
// CHECK: %[[E:.*]] = tensor.extract %[[POS]][] : tensor<i64>
// CHECK: %[[P:.*]] = arith.index_cast %[[E]] : i64 to index
// CHECK: %[[K:.*]] = "accel.kv_append"(%[[KC]], %[[NK]], %[[P]]) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, tensor<1x2x1x4xf32>, index) -> tensor<1x2x8x4xf32>
// CHECK: %[[V:.*]] = "accel.kv_append"(%[[VC]], %[[NV]], %[[P]]) {layout = "contiguous"}
// CHECK: %[[ONE:.*]] = arith.constant 1 : index
// CHECK: %[[LEN:.*]] = arith.addi %[[P]], %[[ONE]] : index
// CHECK: %[[RK:.*]] = "accel.kv_read"(%[[K]], %[[LEN]]) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, index) -> tensor<1x2x?x4xf32>
// CHECK: %[[RV:.*]] = "accel.kv_read"(%[[V]], %[[LEN]]) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, index) -> tensor<1x2x?x4xf32>
// CHECK: %[[O:.*]] = "accel.attention"(%[[Q]], %[[RK]], %[[RV]]) {causal = true, num_heads = 4 : i64, num_kv_heads = 2 : i64, scale = 5.000000e-01 : f64} : (tensor<1x4x1x4xf32>, tensor<1x2x?x4xf32>, tensor<1x2x?x4xf32>) -> tensor<1x4x1x4xf32>
// CHECK-NOT: iree_linalg_ext.scatter
// CHECK-NOT: linalg.generic
// CHECK: return %[[O]], %[[K]], %[[V]]

// Paged: the caches become pools [2, 2, 4, 4] (ceil(8 / 4) blocks for the one
// sequence), the block table [1, 2] the last argument, the pools returned.
// PAGED-LABEL: func.func @decode_step
// PAGED-SAME: %{{[^:]*}}: tensor<2x2x4x4xf32>, %{{[^:]*}}: tensor<2x2x4x4xf32>, %[[T:[^:]*]]: tensor<1x2xi32>) -> (tensor<1x4x1x4xf32>, tensor<2x2x4x4xf32>, tensor<2x2x4x4xf32>)
// PAGED: %[[K:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]]) {layout = "paged"} : (tensor<2x2x4x4xf32>, tensor<1x2x1x4xf32>, index, tensor<1x2xi32>) -> tensor<2x2x4x4xf32>
// PAGED: %[[V:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]]) {layout = "paged"}
// PAGED: "accel.kv_read"(%[[K]], %{{.*}}, %[[T]]) {layout = "paged"} : (tensor<2x2x4x4xf32>, index, tensor<1x2xi32>) -> tensor<1x2x?x4xf32>
// PAGED: "accel.kv_read"(%[[V]], %{{.*}}, %[[T]]) {layout = "paged"}
// PAGED: return %{{.*}}, %[[K]], %[[V]] : tensor<1x4x1x4xf32>, tensor<2x2x4x4xf32>, tensor<2x2x4x4xf32>
#scalar = affine_map<(d0, d1) -> ()>
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#scalar4 = affine_map<(d0, d1, d2, d3) -> ()>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @decode_step(%q: tensor<1x4x1x4xf32>, %new_k: tensor<1x2x1x4xf32>, %new_v: tensor<1x2x1x4xf32>, %pos: tensor<i64>, %k_cache: tensor<1x2x8x4xf32>, %v_cache: tensor<1x2x8x4xf32>) -> (tensor<1x4x1x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<8x4xi64>
  %indices = linalg.generic {indexing_maps = [#scalar, #id2], iterator_types = ["parallel", "parallel"]} ins(%pos : tensor<i64>) outs(%e : tensor<8x4xi64>) {
  ^bb0(%p: i64, %o: i64):
    %n = linalg.index 0 : index
    %k = linalg.index 1 : index
    %h = arith.divui %n, %c4 : index
    %d = arith.remui %n, %c4 : index
    %hi = arith.index_cast %h : index to i64
    %di = arith.index_cast %d : index to i64
    %is1 = arith.cmpi eq, %k, %c1 : index
    %is2 = arith.cmpi eq, %k, %c2 : index
    %is3 = arith.cmpi eq, %k, %c3 : index
    %v3 = arith.select %is3, %di, %c0 : i64
    %v2 = arith.select %is2, %p, %v3 : i64
    %v1 = arith.select %is1, %hi, %v2 : i64
    linalg.yield %v1 : i64
  } -> tensor<8x4xi64>
  %flat_k = tensor.collapse_shape %new_k [[0, 1, 2, 3]] : tensor<1x2x1x4xf32> into tensor<8xf32>
  %k = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%flat_k, %indices : tensor<8xf32>, tensor<8x4xi64>) outs(%k_cache : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    iree_linalg_ext.yield %a : f32
  } -> tensor<1x2x8x4xf32>
  %flat_v = tensor.collapse_shape %new_v [[0, 1, 2, 3]] : tensor<1x2x1x4xf32> into tensor<8xf32>
  %v = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%flat_v, %indices : tensor<8xf32>, tensor<8x4xi64>) outs(%v_cache : tensor<1x2x8x4xf32>) {
  ^bb0(%a: f32, %b: f32):
    iree_linalg_ext.yield %a : f32
  } -> tensor<1x2x8x4xf32>
  %em = tensor.empty() : tensor<1x1x1x8xf32>
  %mask = linalg.generic {indexing_maps = [#scalar4, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%pos : tensor<i64>) outs(%em : tensor<1x1x1x8xf32>) {
  ^bb0(%p: i64, %o: f32):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %visible = arith.cmpi sle, %ji, %p : i64
    %r = arith.select %visible, %zero, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<1x1x1x8xf32>
  %o = "accel.attention"(%q, %k, %v, %mask) {causal = false, num_heads = 4 : i64, num_kv_heads = 2 : i64, scale = 5.000000e-01 : f64} : (tensor<1x4x1x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x1x1x8xf32>) -> tensor<1x4x1x4xf32>
  return %o, %k, %v : tensor<1x4x1x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>
}

// -----

// A write as a slice: [1, 2, 2, 4] inserted into a cache argument at [0, 0, %pos, 0]
// is kv_append at %pos. Slices into anything but an argument, or along another dim,
// are not cache writes.
// CHECK-LABEL: func.func @slice_write
// CHECK-SAME: (%[[C:[^:]*]]: tensor<1x2x8x4xf32>, %[[N:[^:]*]]: tensor<1x2x2x4xf32>, %[[P:[^:]*]]: index)
// CHECK: %[[A:.*]] = "accel.kv_append"(%[[C]], %[[N]], %[[P]]) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, tensor<1x2x2x4xf32>, index) -> tensor<1x2x8x4xf32>
// CHECK: tensor.insert_slice %[[N]] into %{{.*}}[0, 0, %[[P]], 0]
// CHECK: tensor.insert_slice %[[C]] into %{{.*}}[0, 0, 0, %[[P]]]
// CHECK: return %[[A]]
// Paged, the copy of the cache into a wider tensor is a read that knows no block
// table: an error there.
func.func @slice_write(%cache: tensor<1x2x8x4xf32>, %new: tensor<1x2x2x4xf32>, %pos: index) -> (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>) {
  %r = tensor.insert_slice %new into %cache[0, 0, %pos, 0] [1, 2, 2, 4] [1, 1, 1, 1] : tensor<1x2x2x4xf32> into tensor<1x2x8x4xf32>
  %e = tensor.empty() : tensor<1x2x8x4xf32>
  %s = tensor.insert_slice %new into %e[0, 0, %pos, 0] [1, 2, 2, 4] [1, 1, 1, 1] : tensor<1x2x2x4xf32> into tensor<1x2x8x4xf32>
  %w = tensor.empty() : tensor<1x2x8x8xf32>
  // PAGED-ERR: accel-raise-kv-cache.mlir:[[# @LINE + 1]]:11: error: accel-raise-kv-cache: layout=paged pages the caches, but 'tensor.insert_slice' reads a cache directly (only accel.kv_append, accel.kv_read and the return may)
  %wide = tensor.insert_slice %cache into %w[0, 0, 0, %pos] [1, 2, 8, 4] [1, 1, 1, 1] : tensor<1x2x8x4xf32> into tensor<1x2x8x8xf32>
  return %r, %s, %wide : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
}

// -----

// A position that is a constant (a prefill traced at position 3): the index tensor
// and the mask depend on no argument, are evaluated once, and imply position 3; the
// read is static, 3 + 1 positions.
// CHECK-LABEL: func.func @constant_position
// CHECK: %[[P:.*]] = arith.constant 3 : index
// CHECK: %[[K:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %[[P]]) {layout = "contiguous"}
// CHECK: %[[LEN:.*]] = arith.constant 4 : index
// CHECK: %[[RK:.*]] = "accel.kv_read"(%[[K]], %[[LEN]]) {layout = "contiguous"} : (tensor<1x1x8x2xf32>, index) -> tensor<1x1x4x2xf32>
// CHECK: "accel.attention"(%{{.*}}, %[[RK]], %{{.*}}) {causal = true, {{.*}}} : (tensor<1x1x1x2xf32>, tensor<1x1x4x2xf32>, tensor<1x1x4x2xf32>) -> tensor<1x1x1x2xf32>
#id2c = affine_map<(d0, d1) -> (d0, d1)>
#id4c = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @constant_position(%q: tensor<1x1x1x2xf32>, %new: tensor<1x1x1x2xf32>, %cache: tensor<1x1x8x2xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>) {
  %c0 = arith.constant 0 : i64
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %p3 = arith.constant 3 : i64
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<2x4xi64>
  %indices = linalg.generic {indexing_maps = [#id2c], iterator_types = ["parallel", "parallel"]} outs(%e : tensor<2x4xi64>) {
  ^bb0(%o: i64):
    %n = linalg.index 0 : index
    %k = linalg.index 1 : index
    %ni = arith.index_cast %n : index to i64
    %is2 = arith.cmpi eq, %k, %c2 : index
    %is3 = arith.cmpi eq, %k, %c3 : index
    %v3 = arith.select %is3, %ni, %c0 : i64
    %v2 = arith.select %is2, %p3, %v3 : i64
    linalg.yield %v2 : i64
  } -> tensor<2x4xi64>
  %flat = tensor.collapse_shape %new [[0, 1, 2, 3]] : tensor<1x1x1x2xf32> into tensor<2xf32>
  %k = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%flat, %indices : tensor<2xf32>, tensor<2x4xi64>) outs(%cache : tensor<1x1x8x2xf32>) {
  ^bb0(%a: f32, %b: f32):
    iree_linalg_ext.yield %a : f32
  } -> tensor<1x1x8x2xf32>
  %em = tensor.empty() : tensor<1x1x1x8xf32>
  %mask = linalg.generic {indexing_maps = [#id4c], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} outs(%em : tensor<1x1x1x8xf32>) {
  ^bb0(%o: f32):
    %j = linalg.index 3 : index
    %visible = arith.cmpi sle, %j, %c3 : index
    %r = arith.select %visible, %zero, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<1x1x1x8xf32>
  %o = "accel.attention"(%q, %k, %k, %mask) {causal = false, num_heads = 1 : i64, num_kv_heads = 1 : i64, scale = 1.000000e+00 : f64} : (tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x1x8xf32>) -> tensor<1x1x1x2xf32>
  return %o, %k : tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>
}

// -----

// Look-alikes, left alone: indices at pos + 1 (a write, but not at the position the
// mask and the read use), a mask that hides the current token (j < pos), and a mask
// that depends on two arguments (not a function of the position alone).
// CHECK-LABEL: func.func @not_cache_ops
// CHECK: iree_linalg_ext.scatter
// CHECK: "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {causal = false
// CHECK: "accel.attention"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {causal = false
// CHECK-NOT: accel.kv_
#sc = affine_map<(d0, d1) -> ()>
#i2 = affine_map<(d0, d1) -> (d0, d1)>
#sc4 = affine_map<(d0, d1, d2, d3) -> ()>
#i4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @not_cache_ops(%q: tensor<1x1x1x2xf32>, %new: tensor<1x1x1x2xf32>, %pos: tensor<i64>, %other: tensor<i64>, %cache: tensor<1x1x8x2xf32>) -> (tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<2x4xi64>
  %indices = linalg.generic {indexing_maps = [#sc, #i2], iterator_types = ["parallel", "parallel"]} ins(%pos : tensor<i64>) outs(%e : tensor<2x4xi64>) {
  ^bb0(%p: i64, %o: i64):
    %n = linalg.index 0 : index
    %k = linalg.index 1 : index
    %ni = arith.index_cast %n : index to i64
    %next = arith.addi %p, %c1 : i64
    %is2 = arith.cmpi eq, %k, %c2 : index
    %is3 = arith.cmpi eq, %k, %c3 : index
    %v3 = arith.select %is3, %ni, %c0 : i64
    %v2 = arith.select %is2, %next, %v3 : i64
    linalg.yield %v2 : i64
  } -> tensor<2x4xi64>
  %flat = tensor.collapse_shape %new [[0, 1, 2, 3]] : tensor<1x1x1x2xf32> into tensor<2xf32>
  %k = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%flat, %indices : tensor<2xf32>, tensor<2x4xi64>) outs(%cache : tensor<1x1x8x2xf32>) {
  ^bb0(%a: f32, %b: f32):
    iree_linalg_ext.yield %a : f32
  } -> tensor<1x1x8x2xf32>
  %em = tensor.empty() : tensor<1x1x1x8xf32>
  %strict = linalg.generic {indexing_maps = [#sc4, #i4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%pos : tensor<i64>) outs(%em : tensor<1x1x1x8xf32>) {
  ^bb0(%p: i64, %o: f32):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %visible = arith.cmpi slt, %ji, %p : i64
    %r = arith.select %visible, %zero, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<1x1x1x8xf32>
  %o1 = "accel.attention"(%q, %cache, %cache, %strict) {causal = false, num_heads = 1 : i64, num_kv_heads = 1 : i64, scale = 1.000000e+00 : f64} : (tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x1x8xf32>) -> tensor<1x1x1x2xf32>
  %two = linalg.generic {indexing_maps = [#sc4, #sc4, #i4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%pos, %other : tensor<i64>, tensor<i64>) outs(%em : tensor<1x1x1x8xf32>) {
  ^bb0(%p: i64, %x: i64, %o: f32):
    %j = linalg.index 3 : index
    %ji = arith.index_cast %j : index to i64
    %end = arith.maxsi %p, %x : i64
    %visible = arith.cmpi sle, %ji, %end : i64
    %r = arith.select %visible, %zero, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<1x1x1x8xf32>
  %o2 = "accel.attention"(%q, %cache, %cache, %two) {causal = false, num_heads = 1 : i64, num_kv_heads = 1 : i64, scale = 1.000000e+00 : f64} : (tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x8x2xf32>, tensor<1x1x1x8xf32>) -> tensor<1x1x1x2xf32>
  return %o1, %o2, %k : tensor<1x1x1x2xf32>, tensor<1x1x1x2xf32>, tensor<1x1x8x2xf32>
}

// -----

// Paged: a cache that something other than a kv op reads cannot become a pool
// (contiguous, its write is raised as any other).
// CHECK-LABEL: func.func @cache_read_directly
// CHECK: "accel.kv_append"
// PAGED-ERR: accel-raise-kv-cache.mlir:[[# @LINE + 3]]:11: error: accel-raise-kv-cache: layout=paged pages the caches, but 'tensor.extract_slice' reads a cache directly (only accel.kv_append, accel.kv_read and the return may)
func.func @cache_read_directly(%cache: tensor<1x2x8x4xf32>, %new: tensor<1x2x1x4xf32>, %pos: index) -> (tensor<1x2x8x4xf32>, tensor<1x2x1x4xf32>) {
  %r = tensor.insert_slice %new into %cache[0, 0, %pos, 0] [1, 2, 1, 4] [1, 1, 1, 1] : tensor<1x2x1x4xf32> into tensor<1x2x8x4xf32>
  %peek = tensor.extract_slice %cache[0, 0, 0, 0] [1, 2, 1, 4] [1, 1, 1, 1] : tensor<1x2x8x4xf32> to tensor<1x2x1x4xf32>
  return %r, %peek : tensor<1x2x8x4xf32>, tensor<1x2x1x4xf32>
}

// The imported decode step of a tiny Llama (Inputs/llama-decode-step.mlir): the
// position argument (tensor<i64>) extracted once, both cache writes raised at it, the
// one attention reading pos + 1 positions of both caches, causal, with K and V [1, 2,
// ?, 16] (2 KV heads, not repeated); no scatter, no mask left.
// DECODE-LABEL: util.func public @main
// DECODE-SAME: %[[POS:[^:]*]]: tensor<i64>, %[[KC:[^:]*]]: tensor<1x2x16x16xf32>, %[[VC:[^:]*]]: tensor<1x2x16x16xf32>
// DECODE: %[[E:.*]] = tensor.extract %[[POS]][] : tensor<i64>
// DECODE: %[[P:.*]] = arith.index_cast %[[E]] : i64 to index
// DECODE: %[[K:.*]] = "accel.kv_append"(%[[KC]], %{{.*}}, %[[P]]) {layout = "contiguous"} : (tensor<1x2x16x16xf32>, tensor<1x2x1x16xf32>, index) -> tensor<1x2x16x16xf32>
// DECODE: %[[V:.*]] = "accel.kv_append"(%[[VC]], %{{.*}}, %[[P]]) {layout = "contiguous"}
// DECODE: %[[LEN:.*]] = arith.addi %[[P]], %{{.*}} : index
// DECODE: %[[RK:.*]] = "accel.kv_read"(%[[K]], %[[LEN]]) {layout = "contiguous"} : (tensor<1x2x16x16xf32>, index) -> tensor<1x2x?x16xf32>
// DECODE: %[[RV:.*]] = "accel.kv_read"(%[[V]], %[[LEN]]) {layout = "contiguous"}
// DECODE: "accel.attention"(%{{.*}}, %[[RK]], %[[RV]]) {causal = true, num_heads = 4 : i64, num_kv_heads = 2 : i64, {{.*}}} : (tensor<1x4x1x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x4x1x16xf32>
// DECODE-NOT: iree_linalg_ext.scatter
// DECODE-NOT: accel.attention
// DECODE: util.return %{{.*}}, %[[K]], %[[V]]

// The prefill (S = 4): the same, reading pos + 4 positions.
// PREFILL-LABEL: util.func public @main
// PREFILL: %[[P:.*]] = arith.index_cast %{{.*}} : i64 to index
// PREFILL: %[[K:.*]] = "accel.kv_append"(%{{.*}}, %{{.*}}, %[[P]]) {layout = "contiguous"} : (tensor<1x2x16x16xf32>, tensor<1x2x4x16xf32>, index) -> tensor<1x2x16x16xf32>
// PREFILL: %[[FOUR:.*]] = arith.constant 4 : index
// PREFILL: %[[LEN:.*]] = arith.addi %[[P]], %[[FOUR]] : index
// PREFILL: "accel.kv_read"(%[[K]], %[[LEN]]) {layout = "contiguous"} : (tensor<1x2x16x16xf32>, index) -> tensor<1x2x?x16xf32>
// PREFILL: "accel.attention"({{.*}}) {causal = true, {{.*}}} : (tensor<1x4x4x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x4x4x16xf32>
// PREFILL-NOT: iree_linalg_ext.scatter

// Paged: pools [4, 2, 4, 16] and the block table [1, 4] appended to the signature.
// DECODE-PAGED-LABEL: util.func public @main
// DECODE-PAGED-SAME: tensor<4x2x4x16xf32>, %{{[^:]*}}: tensor<4x2x4x16xf32>, %[[T:[^:]*]]: tensor<1x4xi32>) -> (tensor<1x1x64xf32>, tensor<4x2x4x16xf32>, tensor<4x2x4x16xf32>)
// DECODE-PAGED-COUNT-2: "accel.kv_append"(%{{.*}}, %{{.*}}, %{{.*}}, %[[T]]) {layout = "paged"}
// DECODE-PAGED-COUNT-2: "accel.kv_read"(%{{.*}}, %{{.*}}, %[[T]]) {layout = "paged"}
// DECODE-PAGED: "accel.attention"
