// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.attention. Attributes print sorted.

// Grouped-query attention: 8 query heads share 2 KV heads, K and V not repeated.
// CHECK-LABEL: func.func @gqa_causal
// CHECK-SAME: (%[[Q:.*]]: tensor<1x8x16x64xf32>, %[[K:.*]]: tensor<1x2x16x64xf32>, %[[V:.*]]: tensor<1x2x16x64xf32>)
func.func @gqa_causal(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x16x64xf32>, %v: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
  // CHECK-NEXT: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]]) {causal = true, num_heads = 8 : i64, num_kv_heads = 2 : i64, scale = 1.250000e-01 : f64} : (tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32>
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 0.125 : f64} : (tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32>
  // CHECK-NEXT: return %[[O]] : tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// Multi-head attention with a padding mask broadcast over heads and queries, a
// dynamic batch, and a value head dim that differs from the key's.
// CHECK-LABEL: func.func @mha_padding_mask
// CHECK-SAME: (%[[Q:.*]]: tensor<?x4x12x32xf32>, %[[K:.*]]: tensor<?x4x12x32xf32>, %[[V:.*]]: tensor<?x4x12x16xf32>, %[[M:.*]]: tensor<?x1x1x12xf32>)
func.func @mha_padding_mask(%q: tensor<?x4x12x32xf32>, %k: tensor<?x4x12x32xf32>, %v: tensor<?x4x12x16xf32>, %m: tensor<?x1x1x12xf32>) -> tensor<?x4x12x16xf32> {
  // CHECK-NEXT: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]], %[[M]]) {causal = false, num_heads = 4 : i64, num_kv_heads = 4 : i64, scale = 0.17677669529663687 : f64} : (tensor<?x4x12x32xf32>, tensor<?x4x12x32xf32>, tensor<?x4x12x16xf32>, tensor<?x1x1x12xf32>) -> tensor<?x4x12x16xf32>
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 4 : i64, num_kv_heads = 4 : i64, causal = false, scale = 0.17677669529663687 : f64} : (tensor<?x4x12x32xf32>, tensor<?x4x12x32xf32>, tensor<?x4x12x16xf32>, tensor<?x1x1x12xf32>) -> tensor<?x4x12x16xf32>
  // CHECK-NEXT: return %[[O]] : tensor<?x4x12x16xf32>
  return %o : tensor<?x4x12x16xf32>
}

// One decode step against 40 cached positions: multi-query (one KV head), the
// causal mask aligned to the end (the query is position 39), bf16 operands.
// CHECK-LABEL: func.func @mqa_decode
// CHECK-SAME: (%[[Q:.*]]: tensor<2x8x1x64xbf16>, %[[K:.*]]: tensor<2x1x40x64xbf16>, %[[V:.*]]: tensor<2x1x40x64xbf16>)
func.func @mqa_decode(%q: tensor<2x8x1x64xbf16>, %k: tensor<2x1x40x64xbf16>, %v: tensor<2x1x40x64xbf16>) -> tensor<2x8x1x64xbf16> {
  // CHECK-NEXT: %[[O:.*]] = "accel.attention"(%[[Q]], %[[K]], %[[V]]) {causal = true, num_heads = 8 : i64, num_kv_heads = 1 : i64, scale = 1.250000e-01 : f64} : (tensor<2x8x1x64xbf16>, tensor<2x1x40x64xbf16>, tensor<2x1x40x64xbf16>) -> tensor<2x8x1x64xbf16>
  %o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 1 : i64, causal = true, scale = 0.125 : f64} : (tensor<2x8x1x64xbf16>, tensor<2x1x40x64xbf16>, tensor<2x1x40x64xbf16>) -> tensor<2x8x1x64xbf16>
  // CHECK-NEXT: return %[[O]] : tensor<2x8x1x64xbf16>
  return %o : tensor<2x8x1x64xbf16>
}
