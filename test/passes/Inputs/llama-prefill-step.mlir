// Imported by accel's frontend from a seeded tiny transformers LlamaForCausalLM
// (1 layer, hidden 64, 4 heads, 2 KV heads), its step over an explicit KV cache,
// weights external:
//   from_decoder(build_hf_model({'model_type': 'llama', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'num_key_value_heads': 2, 'vocab_size': 64, 'max_position_embeddings': 32}, seed=0), seq_len=4, max_cache_len=16, weights="external")
// @main(input_ids [1, 4], position [], k_0, v_0 [1, 2, 16, 16]) -> (logits, k_0', v_0')
// An input of test/passes/accel-raise-kv-cache.mlir. Regenerate with
// test/passes/Inputs/make_decode_inputs.py.
#map = affine_map<(d0, d1, d2) -> (d0, d1)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map2 = affine_map<(d0) -> (d0)>
#map3 = affine_map<(d0) -> ()>
#map4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, d3)>
#map5 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#map6 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#map7 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#map8 = affine_map<(d0, d1, d2) -> (d2)>
#map9 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#map10 = affine_map<(d0, d1, d2, d3) -> (d0)>
#map11 = affine_map<(d0, d1, d2, d3) -> (d1)>
#map12 = affine_map<(d0, d1, d2, d3) -> (d2)>
#map13 = affine_map<(d0, d1, d2, d3) -> (d3)>
#map14 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#map15 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#map16 = affine_map<(d0, d1, d2, d3) -> ()>
#map17 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
module @module {
  util.global private @model.model.embed_tokens.weight = #flow.parameter.named<"model"::"model.model.embed_tokens.weight"> : tensor<64x64xf32>
  util.global private @model.model.rotary_emb.inv_freq = #flow.parameter.named<"model"::"model.model.rotary_emb.inv_freq"> : tensor<8xf32>
  util.global private @model.model.layers.0.input_layernorm.weight = #flow.parameter.named<"model"::"model.model.layers.0.input_layernorm.weight"> : tensor<64xf32>
  util.global private @model.model.layers.0.self_attn.q_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.self_attn.q_proj.weight"> : tensor<64x64xf32>
  util.global private @model.model.layers.0.self_attn.k_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.self_attn.k_proj.weight"> : tensor<32x64xf32>
  util.global private @model.model.layers.0.self_attn.v_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.self_attn.v_proj.weight"> : tensor<32x64xf32>
  util.global private @model.model.layers.0.self_attn.o_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.self_attn.o_proj.weight"> : tensor<64x64xf32>
  util.global private @model.model.layers.0.post_attention_layernorm.weight = #flow.parameter.named<"model"::"model.model.layers.0.post_attention_layernorm.weight"> : tensor<64xf32>
  util.global private @model.model.layers.0.mlp.gate_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.mlp.gate_proj.weight"> : tensor<128x64xf32>
  util.global private @model.model.layers.0.mlp.up_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.mlp.up_proj.weight"> : tensor<128x64xf32>
  util.global private @model.model.layers.0.mlp.down_proj.weight = #flow.parameter.named<"model"::"model.model.layers.0.mlp.down_proj.weight"> : tensor<64x128xf32>
  util.global private @model.model.norm.weight = #flow.parameter.named<"model"::"model.model.norm.weight"> : tensor<64xf32>
  util.global private @model.lm_head.weight = #flow.parameter.named<"model"::"model.lm_head.weight"> : tensor<64x64xf32>
  util.func public @main(%arg0: tensor<1x4xi64>, %arg1: tensor<i64>, %arg2: tensor<1x2x16x16xf32>, %arg3: tensor<1x2x16x16xf32>) -> (tensor<1x4x64xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>) {
    %c2_i64 = arith.constant 2 : i64
    %c0_i64 = arith.constant 0 : i64
    %c64 = arith.constant 64 : index
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 0xFF800000 : f32
    %false = arith.constant false
    %cst_1 = arith.constant 1.000000e+00 : f32
    %cst_2 = arith.constant dense<0.000000e+00> : tensor<1x4x4x16xf32>
    %cst_3 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_4 = arith.constant dense<0xFF800000> : tensor<f32>
    %cst_5 = arith.constant 0xFFF0000000000000 : f64
    %cst_6 = arith.constant 9.9999999999999995E-7 : f64
    %cst_7 = arith.constant 6.400000e+01 : f32
    %cst_8 = arith.constant 5.000000e-01 : f32
    %model.model.embed_tokens.weight = util.global.load @model.model.embed_tokens.weight : tensor<64x64xf32>
    %0 = tensor.empty() : tensor<1x4x64xf32>
    %1 = linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x4xi64>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %117 = arith.index_cast %in : i64 to index
      %118 = linalg.index 2 : index
      %119 = arith.cmpi slt, %117, %c64 : index
      cf.assert %119, "index must be smaller than dim size"
      %120 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %120, "index must be larger or equal to 0"
      %extracted = tensor.extract %model.model.embed_tokens.weight[%117, %118] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x4x64xf32>
    %2 = tensor.empty() : tensor<4xi64>
    %3 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%2 : tensor<4xi64>) {
    ^bb0(%out: i64):
      %117 = linalg.index 0 : index
      %118 = arith.index_cast %117 : index to i64
      linalg.yield %118 : i64
    } -> tensor<4xi64>
    %4 = linalg.generic {indexing_maps = [#map2, #map3, #map2], iterator_types = ["parallel"]} ins(%3, %arg1 : tensor<4xi64>, tensor<i64>) outs(%2 : tensor<4xi64>) {
    ^bb0(%in: i64, %in_61: i64, %out: i64):
      %117 = arith.addi %in, %in_61 : i64
      linalg.yield %117 : i64
    } -> tensor<4xi64>
    %5 = tensor.empty() : tensor<16xi64>
    %6 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%5 : tensor<16xi64>) {
    ^bb0(%out: i64):
      %117 = linalg.index 0 : index
      %118 = arith.index_cast %117 : index to i64
      linalg.yield %118 : i64
    } -> tensor<16xi64>
    %expanded = tensor.expand_shape %4 [[0, 1, 2, 3]] output_shape [1, 1, 4, 1] : tensor<4xi64> into tensor<1x1x4x1xi64>
    %expanded_9 = tensor.expand_shape %6 [[0, 1, 2, 3]] output_shape [1, 1, 1, 16] : tensor<16xi64> into tensor<1x1x1x16xi64>
    %7 = tensor.empty() : tensor<1x1x4x16xi1>
    %8 = linalg.generic {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_9, %expanded : tensor<1x1x1x16xi64>, tensor<1x1x4x1xi64>) outs(%7 : tensor<1x1x4x16xi1>) {
    ^bb0(%in: i64, %in_61: i64, %out: i1):
      %117 = arith.cmpi sle, %in, %in_61 : i64
      linalg.yield %117 : i1
    } -> tensor<1x1x4x16xi1>
    %expanded_10 = tensor.expand_shape %4 [[0, 1, 2]] output_shape [1, 4, 1] : tensor<4xi64> into tensor<1x4x1xi64>
    %9 = tensor.empty() : tensor<1x4x1xf32>
    %10 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_10 : tensor<1x4x1xi64>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: i64, %out: f32):
      %117 = arith.sitofp %in : i64 to f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %model.model.rotary_emb.inv_freq = util.global.load @model.model.rotary_emb.inv_freq : tensor<8xf32>
    %11 = tensor.empty() : tensor<1x4x8xf32>
    %12 = linalg.generic {indexing_maps = [#map7, #map8, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%10, %model.model.rotary_emb.inv_freq : tensor<1x4x1xf32>, tensor<8xf32>) outs(%11 : tensor<1x4x8xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x8xf32>
    %concat = tensor.concat dim(2) %12, %12 : (tensor<1x4x8xf32>, tensor<1x4x8xf32>) -> tensor<1x4x16xf32>
    %13 = tensor.empty() : tensor<1x4x16xf32>
    %14 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat : tensor<1x4x16xf32>) outs(%13 : tensor<1x4x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.cos %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x16xf32>
    %15 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat : tensor<1x4x16xf32>) outs(%13 : tensor<1x4x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.sin %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x16xf32>
    %16 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1 : tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %17 = linalg.fill ins(%cst : f32) outs(%9 : tensor<1x4x1xf32>) -> tensor<1x4x1xf32>
    %18 = linalg.generic {indexing_maps = [#map1, #map7], iterator_types = ["parallel", "parallel", "reduction"]} ins(%16 : tensor<1x4x64xf32>) outs(%17 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.addf %in, %out : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %19 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%18 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.divf %in, %cst_7 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %20 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%19 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.truncf %cst_6 : f64 to f32
      %118 = arith.addf %in, %117 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x1xf32>
    %21 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%20 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.rsqrt %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %22 = linalg.generic {indexing_maps = [#map1, #map7, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %21 : tensor<1x4x64xf32>, tensor<1x4x1xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.model.layers.0.input_layernorm.weight = util.global.load @model.model.layers.0.input_layernorm.weight : tensor<64xf32>
    %23 = linalg.generic {indexing_maps = [#map8, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.layers.0.input_layernorm.weight, %22 : tensor<64xf32>, tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.model.layers.0.self_attn.q_proj.weight = util.global.load @model.model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>
    %24 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%model.model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed = tensor.collapse_shape %23 [[0, 1], [2]] : tensor<1x4x64xf32> into tensor<4x64xf32>
    %25 = tensor.empty() : tensor<4x64xf32>
    %26 = linalg.fill ins(%cst : f32) outs(%25 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %27 = linalg.matmul ins(%collapsed, %transposed : tensor<4x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %expanded_11 = tensor.expand_shape %27 [[0, 1], [2, 3]] output_shape [1, 4, 4, 16] : tensor<4x64xf32> into tensor<1x4x4x16xf32>
    %28 = tensor.empty() : tensor<1x4x4x16xf32>
    %transposed_12 = linalg.transpose ins(%expanded_11 : tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.k_proj.weight = util.global.load @model.model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>
    %29 = tensor.empty() : tensor<64x32xf32>
    %transposed_13 = linalg.transpose ins(%model.model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>) outs(%29 : tensor<64x32xf32>) permutation = [1, 0] 
    %30 = tensor.empty() : tensor<4x32xf32>
    %31 = linalg.fill ins(%cst : f32) outs(%30 : tensor<4x32xf32>) -> tensor<4x32xf32>
    %32 = linalg.matmul ins(%collapsed, %transposed_13 : tensor<4x64xf32>, tensor<64x32xf32>) outs(%31 : tensor<4x32xf32>) -> tensor<4x32xf32>
    %expanded_14 = tensor.expand_shape %32 [[0, 1], [2, 3]] output_shape [1, 4, 2, 16] : tensor<4x32xf32> into tensor<1x4x2x16xf32>
    %33 = tensor.empty() : tensor<1x2x4x16xf32>
    %transposed_15 = linalg.transpose ins(%expanded_14 : tensor<1x4x2x16xf32>) outs(%33 : tensor<1x2x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.v_proj.weight = util.global.load @model.model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>
    %transposed_16 = linalg.transpose ins(%model.model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>) outs(%29 : tensor<64x32xf32>) permutation = [1, 0] 
    %34 = linalg.matmul ins(%collapsed, %transposed_16 : tensor<4x64xf32>, tensor<64x32xf32>) outs(%31 : tensor<4x32xf32>) -> tensor<4x32xf32>
    %expanded_17 = tensor.expand_shape %34 [[0, 1], [2, 3]] output_shape [1, 4, 2, 16] : tensor<4x32xf32> into tensor<1x4x2x16xf32>
    %transposed_18 = linalg.transpose ins(%expanded_17 : tensor<1x4x2x16xf32>) outs(%33 : tensor<1x2x4x16xf32>) permutation = [0, 2, 1, 3] 
    %expanded_19 = tensor.expand_shape %14 [[0], [1, 2], [3]] output_shape [1, 1, 4, 16] : tensor<1x4x16xf32> into tensor<1x1x4x16xf32>
    %expanded_20 = tensor.expand_shape %15 [[0], [1, 2], [3]] output_shape [1, 1, 4, 16] : tensor<1x4x16xf32> into tensor<1x1x4x16xf32>
    %35 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_12, %expanded_19 : tensor<1x4x4x16xf32>, tensor<1x1x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %extracted_slice = tensor.extract_slice %transposed_12[0, 0, 0, 0] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x4x16xf32> to tensor<1x4x4x8xf32>
    %extracted_slice_21 = tensor.extract_slice %transposed_12[0, 0, 0, 8] [1, 4, 4, 8] [1, 1, 1, 1] : tensor<1x4x4x16xf32> to tensor<1x4x4x8xf32>
    %36 = tensor.empty() : tensor<1x4x4x8xf32>
    %37 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_21 : tensor<1x4x4x8xf32>) outs(%36 : tensor<1x4x4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.negf %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x8xf32>
    %concat_22 = tensor.concat dim(3) %37, %extracted_slice : (tensor<1x4x4x8xf32>, tensor<1x4x4x8xf32>) -> tensor<1x4x4x16xf32>
    %38 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_22, %expanded_20 : tensor<1x4x4x16xf32>, tensor<1x1x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %39 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%35, %38 : tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.addf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %40 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_15, %expanded_19 : tensor<1x2x4x16xf32>, tensor<1x1x4x16xf32>) outs(%33 : tensor<1x2x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x2x4x16xf32>
    %extracted_slice_23 = tensor.extract_slice %transposed_15[0, 0, 0, 0] [1, 2, 4, 8] [1, 1, 1, 1] : tensor<1x2x4x16xf32> to tensor<1x2x4x8xf32>
    %extracted_slice_24 = tensor.extract_slice %transposed_15[0, 0, 0, 8] [1, 2, 4, 8] [1, 1, 1, 1] : tensor<1x2x4x16xf32> to tensor<1x2x4x8xf32>
    %41 = tensor.empty() : tensor<1x2x4x8xf32>
    %42 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_24 : tensor<1x2x4x8xf32>) outs(%41 : tensor<1x2x4x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.negf %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x2x4x8xf32>
    %concat_25 = tensor.concat dim(3) %42, %extracted_slice_23 : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x16xf32>
    %43 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_25, %expanded_20 : tensor<1x2x4x16xf32>, tensor<1x1x4x16xf32>) outs(%33 : tensor<1x2x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x2x4x16xf32>
    %44 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%40, %43 : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) outs(%33 : tensor<1x2x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.addf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x2x4x16xf32>
    %45 = tensor.empty() : tensor<2xi64>
    %46 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%45 : tensor<2xi64>) {
    ^bb0(%out: i64):
      %117 = linalg.index 0 : index
      %118 = arith.index_cast %117 : index to i64
      linalg.yield %118 : i64
    } -> tensor<2xi64>
    %47 = tensor.empty() : tensor<1xi64>
    %48 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%47 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %49 = tensor.empty() : tensor<1x2x4x16xi64>
    %50 = linalg.generic {indexing_maps = [#map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%48 : tensor<1xi64>) outs(%49 : tensor<1x2x4x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x4x16xi64>
    %collapsed_26 = tensor.collapse_shape %50 [[0, 1, 2, 3]] : tensor<1x2x4x16xi64> into tensor<128xi64>
    %51 = linalg.generic {indexing_maps = [#map11, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%46 : tensor<2xi64>) outs(%49 : tensor<1x2x4x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x4x16xi64>
    %collapsed_27 = tensor.collapse_shape %51 [[0, 1, 2, 3]] : tensor<1x2x4x16xi64> into tensor<128xi64>
    %52 = linalg.generic {indexing_maps = [#map12, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%4 : tensor<4xi64>) outs(%49 : tensor<1x2x4x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x4x16xi64>
    %collapsed_28 = tensor.collapse_shape %52 [[0, 1, 2, 3]] : tensor<1x2x4x16xi64> into tensor<128xi64>
    %53 = linalg.generic {indexing_maps = [#map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%6 : tensor<16xi64>) outs(%49 : tensor<1x2x4x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x4x16xi64>
    %collapsed_29 = tensor.collapse_shape %53 [[0, 1, 2, 3]] : tensor<1x2x4x16xi64> into tensor<128xi64>
    %expanded_30 = tensor.expand_shape %collapsed_26 [[0, 1]] output_shape [128, 1] : tensor<128xi64> into tensor<128x1xi64>
    %expanded_31 = tensor.expand_shape %collapsed_27 [[0, 1]] output_shape [128, 1] : tensor<128xi64> into tensor<128x1xi64>
    %expanded_32 = tensor.expand_shape %collapsed_28 [[0, 1]] output_shape [128, 1] : tensor<128xi64> into tensor<128x1xi64>
    %expanded_33 = tensor.expand_shape %collapsed_29 [[0, 1]] output_shape [128, 1] : tensor<128xi64> into tensor<128x1xi64>
    %concat_34 = tensor.concat dim(1) %expanded_30, %expanded_31, %expanded_32, %expanded_33 : (tensor<128x1xi64>, tensor<128x1xi64>, tensor<128x1xi64>, tensor<128x1xi64>) -> tensor<128x4xi64>
    %collapsed_35 = tensor.collapse_shape %44 [[0, 1, 2, 3]] : tensor<1x2x4x16xf32> into tensor<128xf32>
    %54 = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%collapsed_35, %concat_34 : tensor<128xf32>, tensor<128x4xi64>) outs(%arg2 : tensor<1x2x16x16xf32>) {
    ^bb0(%arg4: f32, %arg5: f32):
      iree_linalg_ext.yield %arg4 : f32
    } -> tensor<1x2x16x16xf32>
    %collapsed_36 = tensor.collapse_shape %transposed_18 [[0, 1, 2, 3]] : tensor<1x2x4x16xf32> into tensor<128xf32>
    %55 = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%collapsed_36, %concat_34 : tensor<128xf32>, tensor<128x4xi64>) outs(%arg3 : tensor<1x2x16x16xf32>) {
    ^bb0(%arg4: f32, %arg5: f32):
      iree_linalg_ext.yield %arg4 : f32
    } -> tensor<1x2x16x16xf32>
    %56 = tensor.empty() : tensor<1x2x2x16x16xf32>
    %57 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%54 : tensor<1x2x16x16xf32>) outs(%56 : tensor<1x2x2x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x16x16xf32>
    %collapsed_37 = tensor.collapse_shape %57 [[0], [1, 2], [3], [4]] : tensor<1x2x2x16x16xf32> into tensor<1x4x16x16xf32>
    %58 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%55 : tensor<1x2x16x16xf32>) outs(%56 : tensor<1x2x2x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x16x16xf32>
    %59 = tensor.empty() : tensor<1x1x4x16xf32>
    %60 = linalg.generic {indexing_maps = [#map6, #map16, #map16, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%8, %cst_3, %cst_4 : tensor<1x1x4x16xi1>, tensor<f32>, tensor<f32>) outs(%59 : tensor<1x1x4x16xf32>) {
    ^bb0(%in: i1, %in_61: f32, %in_62: f32, %out: f32):
      %117 = arith.select %in, %in_61, %in_62 : f32
      linalg.yield %117 : f32
    } -> tensor<1x1x4x16xf32>
    %61 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%39 : tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.mulf %in, %cst_8 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %62 = tensor.empty() : tensor<1x4x16x16xf32>
    %transposed_38 = linalg.transpose ins(%collapsed_37 : tensor<1x4x16x16xf32>) outs(%62 : tensor<1x4x16x16xf32>) permutation = [0, 1, 3, 2] 
    %63 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_38 : tensor<1x4x16x16xf32>) outs(%62 : tensor<1x4x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.mulf %in, %cst_8 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x16x16xf32>
    %collapsed_39 = tensor.collapse_shape %61 [[0, 1], [2], [3]] : tensor<1x4x4x16xf32> into tensor<4x4x16xf32>
    %collapsed_40 = tensor.collapse_shape %63 [[0, 1], [2], [3]] : tensor<1x4x16x16xf32> into tensor<4x16x16xf32>
    %64 = tensor.empty() : tensor<4x4x16xf32>
    %65 = linalg.fill ins(%cst : f32) outs(%64 : tensor<4x4x16xf32>) -> tensor<4x4x16xf32>
    %66 = linalg.batch_matmul ins(%collapsed_39, %collapsed_40 : tensor<4x4x16xf32>, tensor<4x16x16xf32>) outs(%65 : tensor<4x4x16xf32>) -> tensor<4x4x16xf32>
    %expanded_41 = tensor.expand_shape %66 [[0, 1], [2], [3]] output_shape [1, 4, 4, 16] : tensor<4x4x16xf32> into tensor<1x4x4x16xf32>
    %67 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_41, %60 : tensor<1x4x4x16xf32>, tensor<1x1x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.addf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %68 = tensor.empty() : tensor<1x4x4xi64>
    %69 = linalg.fill ins(%c0_i64 : i64) outs(%68 : tensor<1x4x4xi64>) -> tensor<1x4x4xi64>
    %70 = tensor.empty() : tensor<1x4x4xf32>
    %71 = linalg.fill ins(%cst_0 : f32) outs(%70 : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
    %72:2 = linalg.generic {indexing_maps = [#map6, #map17, #map17], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%67 : tensor<1x4x4x16xf32>) outs(%71, %69 : tensor<1x4x4xf32>, tensor<1x4x4xi64>) {
    ^bb0(%in: f32, %out: f32, %out_61: i64):
      %117 = linalg.index 3 : index
      %118 = arith.index_cast %117 : index to i64
      %119 = arith.maximumf %in, %out : f32
      %120 = arith.cmpf ogt, %in, %out : f32
      %121 = arith.select %120, %118, %out_61 : i64
      linalg.yield %119, %121 : f32, i64
    } -> (tensor<1x4x4xf32>, tensor<1x4x4xi64>)
    %expanded_42 = tensor.expand_shape %72#0 [[0], [1], [2, 3]] output_shape [1, 4, 4, 1] : tensor<1x4x4xf32> into tensor<1x4x4x1xf32>
    %73 = linalg.generic {indexing_maps = [#map6, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%67, %expanded_42 : tensor<1x4x4x16xf32>, tensor<1x4x4x1xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.subf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %74 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%73 : tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.exp %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %75 = tensor.empty() : tensor<1x4x4x1xf32>
    %76 = linalg.fill ins(%cst : f32) outs(%75 : tensor<1x4x4x1xf32>) -> tensor<1x4x4x1xf32>
    %77 = linalg.generic {indexing_maps = [#map6, #map5], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%74 : tensor<1x4x4x16xf32>) outs(%76 : tensor<1x4x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.addf %in, %out : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x1xf32>
    %78 = linalg.generic {indexing_maps = [#map6, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%74, %77 : tensor<1x4x4x16xf32>, tensor<1x4x4x1xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.divf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %79 = tensor.empty() : tensor<1x4x4x16xi1>
    %80 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%67 : tensor<1x4x4x16xf32>) outs(%79 : tensor<1x4x4x16xi1>) {
    ^bb0(%in: f32, %out: i1):
      %117 = arith.extf %in : f32 to f64
      %118 = arith.cmpf oeq, %117, %cst_5 : f64
      linalg.yield %118 : i1
    } -> tensor<1x4x4x16xi1>
    %81 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%80 : tensor<1x4x4x16xi1>) outs(%79 : tensor<1x4x4x16xi1>) {
    ^bb0(%in: i1, %out: i1):
      %117 = arith.cmpi eq, %in, %false : i1
      linalg.yield %117 : i1
    } -> tensor<1x4x4x16xi1>
    %82 = tensor.empty() : tensor<1x4x4x1xi1>
    %83 = linalg.fill ins(%false : i1) outs(%82 : tensor<1x4x4x1xi1>) -> tensor<1x4x4x1xi1>
    %84 = linalg.generic {indexing_maps = [#map6, #map5], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%81 : tensor<1x4x4x16xi1>) outs(%83 : tensor<1x4x4x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %117 = arith.ori %in, %out : i1
      linalg.yield %117 : i1
    } -> tensor<1x4x4x1xi1>
    %85 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%84 : tensor<1x4x4x1xi1>) outs(%82 : tensor<1x4x4x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %117 = arith.cmpi eq, %in, %false : i1
      linalg.yield %117 : i1
    } -> tensor<1x4x4x1xi1>
    %86 = linalg.generic {indexing_maps = [#map5, #map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%85, %cst_2, %78 : tensor<1x4x4x1xi1>, tensor<1x4x4x16xf32>, tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) {
    ^bb0(%in: i1, %in_61: f32, %in_62: f32, %out: f32):
      %117 = arith.select %in, %in_61, %in_62 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x4x16xf32>
    %collapsed_43 = tensor.collapse_shape %86 [[0, 1], [2], [3]] : tensor<1x4x4x16xf32> into tensor<4x4x16xf32>
    %collapsed_44 = tensor.collapse_shape %58 [[0, 1, 2], [3], [4]] : tensor<1x2x2x16x16xf32> into tensor<4x16x16xf32>
    %87 = linalg.batch_matmul ins(%collapsed_43, %collapsed_44 : tensor<4x4x16xf32>, tensor<4x16x16xf32>) outs(%65 : tensor<4x4x16xf32>) -> tensor<4x4x16xf32>
    %expanded_45 = tensor.expand_shape %87 [[0, 1], [2], [3]] output_shape [1, 4, 4, 16] : tensor<4x4x16xf32> into tensor<1x4x4x16xf32>
    %transposed_46 = linalg.transpose ins(%expanded_45 : tensor<1x4x4x16xf32>) outs(%28 : tensor<1x4x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.o_proj.weight = util.global.load @model.model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>
    %transposed_47 = linalg.transpose ins(%model.model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_48 = tensor.collapse_shape %transposed_46 [[0, 1], [2, 3]] : tensor<1x4x4x16xf32> into tensor<4x64xf32>
    %88 = linalg.matmul ins(%collapsed_48, %transposed_47 : tensor<4x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %expanded_49 = tensor.expand_shape %88 [[0, 1], [2]] output_shape [1, 4, 64] : tensor<4x64xf32> into tensor<1x4x64xf32>
    %89 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %expanded_49 : tensor<1x4x64xf32>, tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.addf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %90 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%89 : tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %91 = linalg.generic {indexing_maps = [#map1, #map7], iterator_types = ["parallel", "parallel", "reduction"]} ins(%90 : tensor<1x4x64xf32>) outs(%17 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.addf %in, %out : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %92 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%91 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.divf %in, %cst_7 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %93 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%92 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.truncf %cst_6 : f64 to f32
      %118 = arith.addf %in, %117 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x1xf32>
    %94 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%93 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.rsqrt %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %95 = linalg.generic {indexing_maps = [#map1, #map7, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%89, %94 : tensor<1x4x64xf32>, tensor<1x4x1xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.model.layers.0.post_attention_layernorm.weight = util.global.load @model.model.layers.0.post_attention_layernorm.weight : tensor<64xf32>
    %96 = linalg.generic {indexing_maps = [#map8, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.layers.0.post_attention_layernorm.weight, %95 : tensor<64xf32>, tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.model.layers.0.mlp.gate_proj.weight = util.global.load @model.model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>
    %97 = tensor.empty() : tensor<64x128xf32>
    %transposed_50 = linalg.transpose ins(%model.model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>) outs(%97 : tensor<64x128xf32>) permutation = [1, 0] 
    %collapsed_51 = tensor.collapse_shape %96 [[0, 1], [2]] : tensor<1x4x64xf32> into tensor<4x64xf32>
    %98 = tensor.empty() : tensor<4x128xf32>
    %99 = linalg.fill ins(%cst : f32) outs(%98 : tensor<4x128xf32>) -> tensor<4x128xf32>
    %100 = linalg.matmul ins(%collapsed_51, %transposed_50 : tensor<4x64xf32>, tensor<64x128xf32>) outs(%99 : tensor<4x128xf32>) -> tensor<4x128xf32>
    %expanded_52 = tensor.expand_shape %100 [[0, 1], [2]] output_shape [1, 4, 128] : tensor<4x128xf32> into tensor<1x4x128xf32>
    %101 = tensor.empty() : tensor<1x4x128xf32>
    %102 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_52 : tensor<1x4x128xf32>) outs(%101 : tensor<1x4x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.negf %in : f32
      %118 = math.exp %117 : f32
      %119 = arith.addf %118, %cst_1 : f32
      %120 = arith.divf %cst_1, %119 : f32
      linalg.yield %120 : f32
    } -> tensor<1x4x128xf32>
    %103 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_52, %102 : tensor<1x4x128xf32>, tensor<1x4x128xf32>) outs(%101 : tensor<1x4x128xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x128xf32>
    %model.model.layers.0.mlp.up_proj.weight = util.global.load @model.model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>
    %transposed_53 = linalg.transpose ins(%model.model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>) outs(%97 : tensor<64x128xf32>) permutation = [1, 0] 
    %104 = linalg.matmul ins(%collapsed_51, %transposed_53 : tensor<4x64xf32>, tensor<64x128xf32>) outs(%99 : tensor<4x128xf32>) -> tensor<4x128xf32>
    %expanded_54 = tensor.expand_shape %104 [[0, 1], [2]] output_shape [1, 4, 128] : tensor<4x128xf32> into tensor<1x4x128xf32>
    %105 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%103, %expanded_54 : tensor<1x4x128xf32>, tensor<1x4x128xf32>) outs(%101 : tensor<1x4x128xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x128xf32>
    %model.model.layers.0.mlp.down_proj.weight = util.global.load @model.model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>
    %106 = tensor.empty() : tensor<128x64xf32>
    %transposed_55 = linalg.transpose ins(%model.model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>) outs(%106 : tensor<128x64xf32>) permutation = [1, 0] 
    %collapsed_56 = tensor.collapse_shape %105 [[0, 1], [2]] : tensor<1x4x128xf32> into tensor<4x128xf32>
    %107 = linalg.matmul ins(%collapsed_56, %transposed_55 : tensor<4x128xf32>, tensor<128x64xf32>) outs(%26 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %expanded_57 = tensor.expand_shape %107 [[0, 1], [2]] output_shape [1, 4, 64] : tensor<4x64xf32> into tensor<1x4x64xf32>
    %108 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%89, %expanded_57 : tensor<1x4x64xf32>, tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.addf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %109 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%108 : tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %110 = linalg.generic {indexing_maps = [#map1, #map7], iterator_types = ["parallel", "parallel", "reduction"]} ins(%109 : tensor<1x4x64xf32>) outs(%17 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.addf %in, %out : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %111 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%110 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.divf %in, %cst_7 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %112 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%111 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = arith.truncf %cst_6 : f64 to f32
      %118 = arith.addf %in, %117 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x1xf32>
    %113 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%112 : tensor<1x4x1xf32>) outs(%9 : tensor<1x4x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %117 = math.rsqrt %in : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x1xf32>
    %114 = linalg.generic {indexing_maps = [#map1, #map7, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%108, %113 : tensor<1x4x64xf32>, tensor<1x4x1xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.model.norm.weight = util.global.load @model.model.norm.weight : tensor<64xf32>
    %115 = linalg.generic {indexing_maps = [#map8, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.norm.weight, %114 : tensor<64xf32>, tensor<1x4x64xf32>) outs(%0 : tensor<1x4x64xf32>) {
    ^bb0(%in: f32, %in_61: f32, %out: f32):
      %117 = arith.mulf %in, %in_61 : f32
      linalg.yield %117 : f32
    } -> tensor<1x4x64xf32>
    %model.lm_head.weight = util.global.load @model.lm_head.weight : tensor<64x64xf32>
    %transposed_58 = linalg.transpose ins(%model.lm_head.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_59 = tensor.collapse_shape %115 [[0, 1], [2]] : tensor<1x4x64xf32> into tensor<4x64xf32>
    %116 = linalg.matmul ins(%collapsed_59, %transposed_58 : tensor<4x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %expanded_60 = tensor.expand_shape %116 [[0, 1], [2]] output_shape [1, 4, 64] : tensor<4x64xf32> into tensor<1x4x64xf32>
    util.return %expanded_60, %54, %55 : tensor<1x4x64xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>
  }
}
