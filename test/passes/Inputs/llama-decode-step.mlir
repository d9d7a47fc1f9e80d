// Imported by accel's frontend from a seeded tiny transformers LlamaForCausalLM
// (1 layer, hidden 64, 4 heads, 2 KV heads), its step over an explicit KV cache,
// weights external:
//   from_decoder(build_hf_model({'model_type': 'llama', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'num_key_value_heads': 2, 'vocab_size': 64, 'max_position_embeddings': 32}, seed=0), seq_len=1, max_cache_len=16, weights="external")
// @main(input_ids [1, 1], position [], k_0, v_0 [1, 2, 16, 16]) -> (logits, k_0', v_0')
// An input of test/passes/accel-raise-kv-cache.mlir. Regenerate with
// test/passes/Inputs/make_decode_inputs.py.
#map = affine_map<(d0, d1, d2) -> (d0, d1)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map2 = affine_map<(d0) -> (d0)>
#map3 = affine_map<(d0) -> ()>
#map4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#map5 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#map6 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#map7 = affine_map<(d0, d1, d2) -> (d2)>
#map8 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#map9 = affine_map<(d0, d1, d2, d3) -> (d0, d2)>
#map10 = affine_map<(d0, d1, d2, d3) -> (d1, d2)>
#map11 = affine_map<(d0, d1, d2, d3) -> (d2)>
#map12 = affine_map<(d0, d1, d2, d3) -> (d3)>
#map13 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#map14 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#map15 = affine_map<(d0, d1, d2, d3) -> ()>
#map16 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
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
  util.func public @main(%arg0: tensor<1x1xi64>, %arg1: tensor<i64>, %arg2: tensor<1x2x16x16xf32>, %arg3: tensor<1x2x16x16xf32>) -> (tensor<1x1x64xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>) {
    %c2_i64 = arith.constant 2 : i64
    %c0_i64 = arith.constant 0 : i64
    %c64 = arith.constant 64 : index
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 0xFF800000 : f32
    %false = arith.constant false
    %cst_1 = arith.constant 1.000000e+00 : f32
    %cst_2 = arith.constant dense<0.000000e+00> : tensor<1x4x1x16xf32>
    %cst_3 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_4 = arith.constant dense<0xFF800000> : tensor<f32>
    %cst_5 = arith.constant 0xFFF0000000000000 : f64
    %cst_6 = arith.constant 9.9999999999999995E-7 : f64
    %cst_7 = arith.constant 6.400000e+01 : f32
    %cst_8 = arith.constant 5.000000e-01 : f32
    %model.model.embed_tokens.weight = util.global.load @model.model.embed_tokens.weight : tensor<64x64xf32>
    %0 = tensor.empty() : tensor<1x1x64xf32>
    %1 = linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x1xi64>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %116 = arith.index_cast %in : i64 to index
      %117 = linalg.index 2 : index
      %118 = arith.cmpi slt, %116, %c64 : index
      cf.assert %118, "index must be smaller than dim size"
      %119 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %119, "index must be larger or equal to 0"
      %extracted = tensor.extract %model.model.embed_tokens.weight[%116, %117] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x1x64xf32>
    %2 = tensor.empty() : tensor<1xi64>
    %3 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%2 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %4 = linalg.generic {indexing_maps = [#map2, #map3, #map2], iterator_types = ["parallel"]} ins(%3, %arg1 : tensor<1xi64>, tensor<i64>) outs(%2 : tensor<1xi64>) {
    ^bb0(%in: i64, %in_63: i64, %out: i64):
      %116 = arith.addi %in, %in_63 : i64
      linalg.yield %116 : i64
    } -> tensor<1xi64>
    %5 = tensor.empty() : tensor<16xi64>
    %6 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%5 : tensor<16xi64>) {
    ^bb0(%out: i64):
      %116 = linalg.index 0 : index
      %117 = arith.index_cast %116 : index to i64
      linalg.yield %117 : i64
    } -> tensor<16xi64>
    %expanded = tensor.expand_shape %4 [[0, 1, 2]] output_shape [1, 1, 1] : tensor<1xi64> into tensor<1x1x1xi64>
    %expanded_9 = tensor.expand_shape %4 [[0, 1, 2, 3]] output_shape [1, 1, 1, 1] : tensor<1xi64> into tensor<1x1x1x1xi64>
    %expanded_10 = tensor.expand_shape %6 [[0, 1, 2, 3]] output_shape [1, 1, 1, 16] : tensor<16xi64> into tensor<1x1x1x16xi64>
    %7 = tensor.empty() : tensor<1x1x1x16xi1>
    %8 = linalg.generic {indexing_maps = [#map4, #map5, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_10, %expanded_9 : tensor<1x1x1x16xi64>, tensor<1x1x1x1xi64>) outs(%7 : tensor<1x1x1x16xi1>) {
    ^bb0(%in: i64, %in_63: i64, %out: i1):
      %116 = arith.cmpi sle, %in, %in_63 : i64
      linalg.yield %116 : i1
    } -> tensor<1x1x1x16xi1>
    %9 = tensor.empty() : tensor<1x1x1xf32>
    %10 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded : tensor<1x1x1xi64>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: i64, %out: f32):
      %116 = arith.sitofp %in : i64 to f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %model.model.rotary_emb.inv_freq = util.global.load @model.model.rotary_emb.inv_freq : tensor<8xf32>
    %11 = tensor.empty() : tensor<1x1x8xf32>
    %12 = linalg.generic {indexing_maps = [#map6, #map7, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%10, %model.model.rotary_emb.inv_freq : tensor<1x1x1xf32>, tensor<8xf32>) outs(%11 : tensor<1x1x8xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x8xf32>
    %concat = tensor.concat dim(2) %12, %12 : (tensor<1x1x8xf32>, tensor<1x1x8xf32>) -> tensor<1x1x16xf32>
    %13 = tensor.empty() : tensor<1x1x16xf32>
    %14 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat : tensor<1x1x16xf32>) outs(%13 : tensor<1x1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.cos %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x16xf32>
    %15 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat : tensor<1x1x16xf32>) outs(%13 : tensor<1x1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.sin %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x16xf32>
    %16 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1 : tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %17 = linalg.fill ins(%cst : f32) outs(%9 : tensor<1x1x1xf32>) -> tensor<1x1x1xf32>
    %18 = linalg.generic {indexing_maps = [#map1, #map6], iterator_types = ["parallel", "parallel", "reduction"]} ins(%16 : tensor<1x1x64xf32>) outs(%17 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %19 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%18 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_7 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %20 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%19 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_6 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x1x1xf32>
    %21 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%20 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %22 = linalg.generic {indexing_maps = [#map1, #map6, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %21 : tensor<1x1x64xf32>, tensor<1x1x1xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.model.layers.0.input_layernorm.weight = util.global.load @model.model.layers.0.input_layernorm.weight : tensor<64xf32>
    %23 = linalg.generic {indexing_maps = [#map7, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.layers.0.input_layernorm.weight, %22 : tensor<64xf32>, tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.model.layers.0.self_attn.q_proj.weight = util.global.load @model.model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>
    %24 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%model.model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed = tensor.collapse_shape %23 [[0], [1, 2]] : tensor<1x1x64xf32> into tensor<1x64xf32>
    %25 = tensor.empty() : tensor<1x64xf32>
    %26 = linalg.fill ins(%cst : f32) outs(%25 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %27 = linalg.matmul ins(%collapsed, %transposed : tensor<1x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %expanded_11 = tensor.expand_shape %27 [[0], [1, 2, 3]] output_shape [1, 1, 4, 16] : tensor<1x64xf32> into tensor<1x1x4x16xf32>
    %28 = tensor.empty() : tensor<1x4x1x16xf32>
    %transposed_12 = linalg.transpose ins(%expanded_11 : tensor<1x1x4x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.k_proj.weight = util.global.load @model.model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>
    %29 = tensor.empty() : tensor<64x32xf32>
    %transposed_13 = linalg.transpose ins(%model.model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>) outs(%29 : tensor<64x32xf32>) permutation = [1, 0] 
    %30 = tensor.empty() : tensor<1x32xf32>
    %31 = linalg.fill ins(%cst : f32) outs(%30 : tensor<1x32xf32>) -> tensor<1x32xf32>
    %32 = linalg.matmul ins(%collapsed, %transposed_13 : tensor<1x64xf32>, tensor<64x32xf32>) outs(%31 : tensor<1x32xf32>) -> tensor<1x32xf32>
    %expanded_14 = tensor.expand_shape %32 [[0], [1, 2, 3]] output_shape [1, 1, 2, 16] : tensor<1x32xf32> into tensor<1x1x2x16xf32>
    %33 = tensor.empty() : tensor<1x2x1x16xf32>
    %transposed_15 = linalg.transpose ins(%expanded_14 : tensor<1x1x2x16xf32>) outs(%33 : tensor<1x2x1x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.v_proj.weight = util.global.load @model.model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>
    %transposed_16 = linalg.transpose ins(%model.model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>) outs(%29 : tensor<64x32xf32>) permutation = [1, 0] 
    %34 = linalg.matmul ins(%collapsed, %transposed_16 : tensor<1x64xf32>, tensor<64x32xf32>) outs(%31 : tensor<1x32xf32>) -> tensor<1x32xf32>
    %expanded_17 = tensor.expand_shape %34 [[0], [1, 2, 3]] output_shape [1, 1, 2, 16] : tensor<1x32xf32> into tensor<1x1x2x16xf32>
    %transposed_18 = linalg.transpose ins(%expanded_17 : tensor<1x1x2x16xf32>) outs(%33 : tensor<1x2x1x16xf32>) permutation = [0, 2, 1, 3] 
    %expanded_19 = tensor.expand_shape %14 [[0], [1, 2], [3]] output_shape [1, 1, 1, 16] : tensor<1x1x16xf32> into tensor<1x1x1x16xf32>
    %expanded_20 = tensor.expand_shape %15 [[0], [1, 2], [3]] output_shape [1, 1, 1, 16] : tensor<1x1x16xf32> into tensor<1x1x1x16xf32>
    %35 = linalg.generic {indexing_maps = [#map4, #map8, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_12, %expanded_19 : tensor<1x4x1x16xf32>, tensor<1x1x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %extracted_slice = tensor.extract_slice %transposed_12[0, 0, 0, 0] [1, 4, 1, 8] [1, 1, 1, 1] : tensor<1x4x1x16xf32> to tensor<1x4x1x8xf32>
    %extracted_slice_21 = tensor.extract_slice %transposed_12[0, 0, 0, 8] [1, 4, 1, 8] [1, 1, 1, 1] : tensor<1x4x1x16xf32> to tensor<1x4x1x8xf32>
    %36 = tensor.empty() : tensor<1x4x1x8xf32>
    %37 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_21 : tensor<1x4x1x8xf32>) outs(%36 : tensor<1x4x1x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.negf %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x8xf32>
    %concat_22 = tensor.concat dim(3) %37, %extracted_slice : (tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>) -> tensor<1x4x1x16xf32>
    %38 = linalg.generic {indexing_maps = [#map4, #map8, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_22, %expanded_20 : tensor<1x4x1x16xf32>, tensor<1x1x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %39 = linalg.generic {indexing_maps = [#map4, #map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%35, %38 : tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.addf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %40 = linalg.generic {indexing_maps = [#map4, #map8, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_15, %expanded_19 : tensor<1x2x1x16xf32>, tensor<1x1x1x16xf32>) outs(%33 : tensor<1x2x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x2x1x16xf32>
    %extracted_slice_23 = tensor.extract_slice %transposed_15[0, 0, 0, 0] [1, 2, 1, 8] [1, 1, 1, 1] : tensor<1x2x1x16xf32> to tensor<1x2x1x8xf32>
    %extracted_slice_24 = tensor.extract_slice %transposed_15[0, 0, 0, 8] [1, 2, 1, 8] [1, 1, 1, 1] : tensor<1x2x1x16xf32> to tensor<1x2x1x8xf32>
    %41 = tensor.empty() : tensor<1x2x1x8xf32>
    %42 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_24 : tensor<1x2x1x8xf32>) outs(%41 : tensor<1x2x1x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.negf %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x2x1x8xf32>
    %concat_25 = tensor.concat dim(3) %42, %extracted_slice_23 : (tensor<1x2x1x8xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x1x16xf32>
    %43 = linalg.generic {indexing_maps = [#map4, #map8, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_25, %expanded_20 : tensor<1x2x1x16xf32>, tensor<1x1x1x16xf32>) outs(%33 : tensor<1x2x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x2x1x16xf32>
    %44 = linalg.generic {indexing_maps = [#map4, #map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%40, %43 : tensor<1x2x1x16xf32>, tensor<1x2x1x16xf32>) outs(%33 : tensor<1x2x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.addf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x2x1x16xf32>
    %45 = tensor.empty() : tensor<2xi64>
    %46 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%45 : tensor<2xi64>) {
    ^bb0(%out: i64):
      %116 = linalg.index 0 : index
      %117 = arith.index_cast %116 : index to i64
      linalg.yield %117 : i64
    } -> tensor<2xi64>
    %expanded_26 = tensor.expand_shape %46 [[0, 1]] output_shape [2, 1] : tensor<2xi64> into tensor<2x1xi64>
    %47 = tensor.empty() : tensor<1x2x1x16xi64>
    %expanded_27 = tensor.expand_shape %3 [[0, 1]] output_shape [1, 1] : tensor<1xi64> into tensor<1x1xi64>
    %48 = linalg.generic {indexing_maps = [#map9, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_27 : tensor<1x1xi64>) outs(%47 : tensor<1x2x1x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x1x16xi64>
    %collapsed_28 = tensor.collapse_shape %48 [[0, 1, 2, 3]] : tensor<1x2x1x16xi64> into tensor<32xi64>
    %49 = linalg.generic {indexing_maps = [#map10, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_26 : tensor<2x1xi64>) outs(%47 : tensor<1x2x1x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x1x16xi64>
    %collapsed_29 = tensor.collapse_shape %49 [[0, 1, 2, 3]] : tensor<1x2x1x16xi64> into tensor<32xi64>
    %50 = linalg.generic {indexing_maps = [#map11, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%4 : tensor<1xi64>) outs(%47 : tensor<1x2x1x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x1x16xi64>
    %collapsed_30 = tensor.collapse_shape %50 [[0, 1, 2, 3]] : tensor<1x2x1x16xi64> into tensor<32xi64>
    %51 = linalg.generic {indexing_maps = [#map12, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%6 : tensor<16xi64>) outs(%47 : tensor<1x2x1x16xi64>) {
    ^bb0(%in: i64, %out: i64):
      linalg.yield %in : i64
    } -> tensor<1x2x1x16xi64>
    %collapsed_31 = tensor.collapse_shape %51 [[0, 1, 2, 3]] : tensor<1x2x1x16xi64> into tensor<32xi64>
    %expanded_32 = tensor.expand_shape %collapsed_28 [[0, 1]] output_shape [32, 1] : tensor<32xi64> into tensor<32x1xi64>
    %expanded_33 = tensor.expand_shape %collapsed_29 [[0, 1]] output_shape [32, 1] : tensor<32xi64> into tensor<32x1xi64>
    %expanded_34 = tensor.expand_shape %collapsed_30 [[0, 1]] output_shape [32, 1] : tensor<32xi64> into tensor<32x1xi64>
    %expanded_35 = tensor.expand_shape %collapsed_31 [[0, 1]] output_shape [32, 1] : tensor<32xi64> into tensor<32x1xi64>
    %concat_36 = tensor.concat dim(1) %expanded_32, %expanded_33, %expanded_34, %expanded_35 : (tensor<32x1xi64>, tensor<32x1xi64>, tensor<32x1xi64>, tensor<32x1xi64>) -> tensor<32x4xi64>
    %collapsed_37 = tensor.collapse_shape %44 [[0, 1, 2, 3]] : tensor<1x2x1x16xf32> into tensor<32xf32>
    %52 = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%collapsed_37, %concat_36 : tensor<32xf32>, tensor<32x4xi64>) outs(%arg2 : tensor<1x2x16x16xf32>) {
    ^bb0(%arg4: f32, %arg5: f32):
      iree_linalg_ext.yield %arg4 : f32
    } -> tensor<1x2x16x16xf32>
    %collapsed_38 = tensor.collapse_shape %transposed_18 [[0, 1, 2, 3]] : tensor<1x2x1x16xf32> into tensor<32xf32>
    %53 = iree_linalg_ext.scatter dimension_map = [0, 1, 2, 3] unique_indices(true) ins(%collapsed_38, %concat_36 : tensor<32xf32>, tensor<32x4xi64>) outs(%arg3 : tensor<1x2x16x16xf32>) {
    ^bb0(%arg4: f32, %arg5: f32):
      iree_linalg_ext.yield %arg4 : f32
    } -> tensor<1x2x16x16xf32>
    %54 = tensor.empty() : tensor<1x2x2x16x16xf32>
    %55 = linalg.generic {indexing_maps = [#map13, #map14], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%52 : tensor<1x2x16x16xf32>) outs(%54 : tensor<1x2x2x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x16x16xf32>
    %collapsed_39 = tensor.collapse_shape %55 [[0], [1, 2], [3], [4]] : tensor<1x2x2x16x16xf32> into tensor<1x4x16x16xf32>
    %56 = linalg.generic {indexing_maps = [#map13, #map14], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%53 : tensor<1x2x16x16xf32>) outs(%54 : tensor<1x2x2x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x16x16xf32>
    %57 = tensor.empty() : tensor<1x1x1x16xf32>
    %58 = linalg.generic {indexing_maps = [#map4, #map15, #map15, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%8, %cst_3, %cst_4 : tensor<1x1x1x16xi1>, tensor<f32>, tensor<f32>) outs(%57 : tensor<1x1x1x16xf32>) {
    ^bb0(%in: i1, %in_63: f32, %in_64: f32, %out: f32):
      %116 = arith.select %in, %in_63, %in_64 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1x16xf32>
    %59 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%39 : tensor<1x4x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.mulf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %60 = tensor.empty() : tensor<1x4x16x16xf32>
    %transposed_40 = linalg.transpose ins(%collapsed_39 : tensor<1x4x16x16xf32>) outs(%60 : tensor<1x4x16x16xf32>) permutation = [0, 1, 3, 2] 
    %61 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_40 : tensor<1x4x16x16xf32>) outs(%60 : tensor<1x4x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.mulf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x16x16xf32>
    %collapsed_41 = tensor.collapse_shape %59 [[0, 1], [2], [3]] : tensor<1x4x1x16xf32> into tensor<4x1x16xf32>
    %collapsed_42 = tensor.collapse_shape %61 [[0, 1], [2], [3]] : tensor<1x4x16x16xf32> into tensor<4x16x16xf32>
    %62 = tensor.empty() : tensor<4x1x16xf32>
    %63 = linalg.fill ins(%cst : f32) outs(%62 : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
    %64 = linalg.batch_matmul ins(%collapsed_41, %collapsed_42 : tensor<4x1x16xf32>, tensor<4x16x16xf32>) outs(%63 : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
    %expanded_43 = tensor.expand_shape %64 [[0, 1], [2], [3]] output_shape [1, 4, 1, 16] : tensor<4x1x16xf32> into tensor<1x4x1x16xf32>
    %65 = linalg.generic {indexing_maps = [#map4, #map8, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_43, %58 : tensor<1x4x1x16xf32>, tensor<1x1x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.addf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %66 = tensor.empty() : tensor<1x4x1xi64>
    %67 = linalg.fill ins(%c0_i64 : i64) outs(%66 : tensor<1x4x1xi64>) -> tensor<1x4x1xi64>
    %68 = tensor.empty() : tensor<1x4x1xf32>
    %69 = linalg.fill ins(%cst_0 : f32) outs(%68 : tensor<1x4x1xf32>) -> tensor<1x4x1xf32>
    %70:2 = linalg.generic {indexing_maps = [#map4, #map16, #map16], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%65 : tensor<1x4x1x16xf32>) outs(%69, %67 : tensor<1x4x1xf32>, tensor<1x4x1xi64>) {
    ^bb0(%in: f32, %out: f32, %out_63: i64):
      %116 = linalg.index 3 : index
      %117 = arith.index_cast %116 : index to i64
      %118 = arith.maximumf %in, %out : f32
      %119 = arith.cmpf ogt, %in, %out : f32
      %120 = arith.select %119, %117, %out_63 : i64
      linalg.yield %118, %120 : f32, i64
    } -> (tensor<1x4x1xf32>, tensor<1x4x1xi64>)
    %expanded_44 = tensor.expand_shape %70#0 [[0], [1], [2, 3]] output_shape [1, 4, 1, 1] : tensor<1x4x1xf32> into tensor<1x4x1x1xf32>
    %71 = linalg.generic {indexing_maps = [#map4, #map5, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%65, %expanded_44 : tensor<1x4x1x16xf32>, tensor<1x4x1x1xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.subf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %72 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%71 : tensor<1x4x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.exp %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %73 = tensor.empty() : tensor<1x4x1x1xf32>
    %74 = linalg.fill ins(%cst : f32) outs(%73 : tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
    %75 = linalg.generic {indexing_maps = [#map4, #map5], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%72 : tensor<1x4x1x16xf32>) outs(%74 : tensor<1x4x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x1xf32>
    %76 = linalg.generic {indexing_maps = [#map4, #map5, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%72, %75 : tensor<1x4x1x16xf32>, tensor<1x4x1x1xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.divf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %77 = tensor.empty() : tensor<1x4x1x16xi1>
    %78 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%65 : tensor<1x4x1x16xf32>) outs(%77 : tensor<1x4x1x16xi1>) {
    ^bb0(%in: f32, %out: i1):
      %116 = arith.extf %in : f32 to f64
      %117 = arith.cmpf oeq, %116, %cst_5 : f64
      linalg.yield %117 : i1
    } -> tensor<1x4x1x16xi1>
    %79 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%78 : tensor<1x4x1x16xi1>) outs(%77 : tensor<1x4x1x16xi1>) {
    ^bb0(%in: i1, %out: i1):
      %116 = arith.cmpi eq, %in, %false : i1
      linalg.yield %116 : i1
    } -> tensor<1x4x1x16xi1>
    %80 = tensor.empty() : tensor<1x4x1x1xi1>
    %81 = linalg.fill ins(%false : i1) outs(%80 : tensor<1x4x1x1xi1>) -> tensor<1x4x1x1xi1>
    %82 = linalg.generic {indexing_maps = [#map4, #map5], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%79 : tensor<1x4x1x16xi1>) outs(%81 : tensor<1x4x1x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %116 = arith.ori %in, %out : i1
      linalg.yield %116 : i1
    } -> tensor<1x4x1x1xi1>
    %83 = linalg.generic {indexing_maps = [#map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%82 : tensor<1x4x1x1xi1>) outs(%80 : tensor<1x4x1x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %116 = arith.cmpi eq, %in, %false : i1
      linalg.yield %116 : i1
    } -> tensor<1x4x1x1xi1>
    %84 = linalg.generic {indexing_maps = [#map5, #map4, #map4, #map4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%83, %cst_2, %76 : tensor<1x4x1x1xi1>, tensor<1x4x1x16xf32>, tensor<1x4x1x16xf32>) outs(%28 : tensor<1x4x1x16xf32>) {
    ^bb0(%in: i1, %in_63: f32, %in_64: f32, %out: f32):
      %116 = arith.select %in, %in_63, %in_64 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x1x16xf32>
    %collapsed_45 = tensor.collapse_shape %84 [[0, 1], [2], [3]] : tensor<1x4x1x16xf32> into tensor<4x1x16xf32>
    %collapsed_46 = tensor.collapse_shape %56 [[0, 1, 2], [3], [4]] : tensor<1x2x2x16x16xf32> into tensor<4x16x16xf32>
    %85 = linalg.batch_matmul ins(%collapsed_45, %collapsed_46 : tensor<4x1x16xf32>, tensor<4x16x16xf32>) outs(%63 : tensor<4x1x16xf32>) -> tensor<4x1x16xf32>
    %expanded_47 = tensor.expand_shape %85 [[0, 1], [2], [3]] output_shape [1, 4, 1, 16] : tensor<4x1x16xf32> into tensor<1x4x1x16xf32>
    %86 = tensor.empty() : tensor<1x1x4x16xf32>
    %transposed_48 = linalg.transpose ins(%expanded_47 : tensor<1x4x1x16xf32>) outs(%86 : tensor<1x1x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.model.layers.0.self_attn.o_proj.weight = util.global.load @model.model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>
    %transposed_49 = linalg.transpose ins(%model.model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_50 = tensor.collapse_shape %transposed_48 [[0], [1, 2, 3]] : tensor<1x1x4x16xf32> into tensor<1x64xf32>
    %87 = linalg.matmul ins(%collapsed_50, %transposed_49 : tensor<1x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %expanded_51 = tensor.expand_shape %87 [[0], [1, 2]] output_shape [1, 1, 64] : tensor<1x64xf32> into tensor<1x1x64xf32>
    %88 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %expanded_51 : tensor<1x1x64xf32>, tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.addf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %89 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%88 : tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %90 = linalg.generic {indexing_maps = [#map1, #map6], iterator_types = ["parallel", "parallel", "reduction"]} ins(%89 : tensor<1x1x64xf32>) outs(%17 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %91 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%90 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_7 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %92 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%91 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_6 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x1x1xf32>
    %93 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%92 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %94 = linalg.generic {indexing_maps = [#map1, #map6, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%88, %93 : tensor<1x1x64xf32>, tensor<1x1x1xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.model.layers.0.post_attention_layernorm.weight = util.global.load @model.model.layers.0.post_attention_layernorm.weight : tensor<64xf32>
    %95 = linalg.generic {indexing_maps = [#map7, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.layers.0.post_attention_layernorm.weight, %94 : tensor<64xf32>, tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.model.layers.0.mlp.gate_proj.weight = util.global.load @model.model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>
    %96 = tensor.empty() : tensor<64x128xf32>
    %transposed_52 = linalg.transpose ins(%model.model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>) outs(%96 : tensor<64x128xf32>) permutation = [1, 0] 
    %collapsed_53 = tensor.collapse_shape %95 [[0], [1, 2]] : tensor<1x1x64xf32> into tensor<1x64xf32>
    %97 = tensor.empty() : tensor<1x128xf32>
    %98 = linalg.fill ins(%cst : f32) outs(%97 : tensor<1x128xf32>) -> tensor<1x128xf32>
    %99 = linalg.matmul ins(%collapsed_53, %transposed_52 : tensor<1x64xf32>, tensor<64x128xf32>) outs(%98 : tensor<1x128xf32>) -> tensor<1x128xf32>
    %expanded_54 = tensor.expand_shape %99 [[0], [1, 2]] output_shape [1, 1, 128] : tensor<1x128xf32> into tensor<1x1x128xf32>
    %100 = tensor.empty() : tensor<1x1x128xf32>
    %101 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_54 : tensor<1x1x128xf32>) outs(%100 : tensor<1x1x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.negf %in : f32
      %117 = math.exp %116 : f32
      %118 = arith.addf %117, %cst_1 : f32
      %119 = arith.divf %cst_1, %118 : f32
      linalg.yield %119 : f32
    } -> tensor<1x1x128xf32>
    %102 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_54, %101 : tensor<1x1x128xf32>, tensor<1x1x128xf32>) outs(%100 : tensor<1x1x128xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x128xf32>
    %model.model.layers.0.mlp.up_proj.weight = util.global.load @model.model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>
    %transposed_55 = linalg.transpose ins(%model.model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>) outs(%96 : tensor<64x128xf32>) permutation = [1, 0] 
    %103 = linalg.matmul ins(%collapsed_53, %transposed_55 : tensor<1x64xf32>, tensor<64x128xf32>) outs(%98 : tensor<1x128xf32>) -> tensor<1x128xf32>
    %expanded_56 = tensor.expand_shape %103 [[0], [1, 2]] output_shape [1, 1, 128] : tensor<1x128xf32> into tensor<1x1x128xf32>
    %104 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%102, %expanded_56 : tensor<1x1x128xf32>, tensor<1x1x128xf32>) outs(%100 : tensor<1x1x128xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x128xf32>
    %model.model.layers.0.mlp.down_proj.weight = util.global.load @model.model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>
    %105 = tensor.empty() : tensor<128x64xf32>
    %transposed_57 = linalg.transpose ins(%model.model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>) outs(%105 : tensor<128x64xf32>) permutation = [1, 0] 
    %collapsed_58 = tensor.collapse_shape %104 [[0], [1, 2]] : tensor<1x1x128xf32> into tensor<1x128xf32>
    %106 = linalg.matmul ins(%collapsed_58, %transposed_57 : tensor<1x128xf32>, tensor<128x64xf32>) outs(%26 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %expanded_59 = tensor.expand_shape %106 [[0], [1, 2]] output_shape [1, 1, 64] : tensor<1x64xf32> into tensor<1x1x64xf32>
    %107 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%88, %expanded_59 : tensor<1x1x64xf32>, tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.addf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %108 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%107 : tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %109 = linalg.generic {indexing_maps = [#map1, #map6], iterator_types = ["parallel", "parallel", "reduction"]} ins(%108 : tensor<1x1x64xf32>) outs(%17 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %110 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%109 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_7 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %111 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%110 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_6 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x1x1xf32>
    %112 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%111 : tensor<1x1x1xf32>) outs(%9 : tensor<1x1x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x1xf32>
    %113 = linalg.generic {indexing_maps = [#map1, #map6, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%107, %112 : tensor<1x1x64xf32>, tensor<1x1x1xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.model.norm.weight = util.global.load @model.model.norm.weight : tensor<64xf32>
    %114 = linalg.generic {indexing_maps = [#map7, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.model.norm.weight, %113 : tensor<64xf32>, tensor<1x1x64xf32>) outs(%0 : tensor<1x1x64xf32>) {
    ^bb0(%in: f32, %in_63: f32, %out: f32):
      %116 = arith.mulf %in, %in_63 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x64xf32>
    %model.lm_head.weight = util.global.load @model.lm_head.weight : tensor<64x64xf32>
    %transposed_60 = linalg.transpose ins(%model.lm_head.weight : tensor<64x64xf32>) outs(%24 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_61 = tensor.collapse_shape %114 [[0], [1, 2]] : tensor<1x1x64xf32> into tensor<1x64xf32>
    %115 = linalg.matmul ins(%collapsed_61, %transposed_60 : tensor<1x64xf32>, tensor<64x64xf32>) outs(%26 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %expanded_62 = tensor.expand_shape %115 [[0], [1, 2]] output_shape [1, 1, 64] : tensor<1x64xf32> into tensor<1x1x64xf32>
    util.return %expanded_62, %52, %53 : tensor<1x1x64xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>
  }
}
