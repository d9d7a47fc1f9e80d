// Imported by accel's frontend (compiler/frontend) from a seeded tiny transformers
// LlamaForCausalLM (1 layer, hidden 64, 4 heads, 2 KV heads), attn_implementation="eager", weights external:
//   from_hf_config({'model_type': 'llama', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'num_key_value_heads': 2, 'vocab_size': 64, 'max_position_embeddings': 32, 'attn_implementation': 'eager'}, seed=0, seq_len=8, kind="causal-lm", weights="external")
// An input of test/passes/accel-raise-*.mlir: the linalg IREE's torch-to-iree makes.
// Regenerate with test/passes/Inputs/make_imported_inputs.py.
#map = affine_map<(d0, d1, d2) -> (d0, d1)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map2 = affine_map<(d0) -> (d0)>
#map3 = affine_map<(d0, d1) -> (d0, d1)>
#map4 = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, 0)>
#map5 = affine_map<(d0, d1, d2, d3) -> (0, 0, d2, 0)>
#map6 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#map7 = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, d3)>
#map8 = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, d3)>
#map9 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#map10 = affine_map<(d0, d1, d2, d3) -> ()>
#map11 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#map12 = affine_map<(d0, d1, d2) -> (d2)>
#map13 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#map14 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
#map15 = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3, d4)>
#map16 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
module @module {
  util.global private @model.embed_tokens.weight = #flow.parameter.named<"model"::"model.embed_tokens.weight"> : tensor<64x64xf32>
  util.global private @model.rotary_emb.inv_freq = #flow.parameter.named<"model"::"model.rotary_emb.inv_freq"> : tensor<8xf32>
  util.global private @model.layers.0.input_layernorm.weight = #flow.parameter.named<"model"::"model.layers.0.input_layernorm.weight"> : tensor<64xf32>
  util.global private @model.layers.0.self_attn.q_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.q_proj.weight"> : tensor<64x64xf32>
  util.global private @model.layers.0.self_attn.k_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.k_proj.weight"> : tensor<32x64xf32>
  util.global private @model.layers.0.self_attn.v_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.v_proj.weight"> : tensor<32x64xf32>
  util.global private @model.layers.0.self_attn.o_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.o_proj.weight"> : tensor<64x64xf32>
  util.global private @model.layers.0.post_attention_layernorm.weight = #flow.parameter.named<"model"::"model.layers.0.post_attention_layernorm.weight"> : tensor<64xf32>
  util.global private @model.layers.0.mlp.gate_proj.weight = #flow.parameter.named<"model"::"model.layers.0.mlp.gate_proj.weight"> : tensor<128x64xf32>
  util.global private @model.layers.0.mlp.up_proj.weight = #flow.parameter.named<"model"::"model.layers.0.mlp.up_proj.weight"> : tensor<128x64xf32>
  util.global private @model.layers.0.mlp.down_proj.weight = #flow.parameter.named<"model"::"model.layers.0.mlp.down_proj.weight"> : tensor<64x128xf32>
  util.global private @model.norm.weight = #flow.parameter.named<"model"::"model.norm.weight"> : tensor<64xf32>
  util.global private @lm_head.weight = #flow.parameter.named<"model"::"lm_head.weight"> : tensor<64x64xf32>
  util.func public @main(%arg0: tensor<1x8xi64>) -> tensor<1x8x64xf32> {
    %c0_i64 = arith.constant 0 : i64
    %c2_i64 = arith.constant 2 : i64
    %c1_i64 = arith.constant 1 : i64
    %c8_i64 = arith.constant 8 : i64
    %c64 = arith.constant 64 : index
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 0xFF800000 : f32
    %cst_1 = arith.constant 1.000000e+00 : f32
    %cst_2 = arith.constant dense<-3.40282347E+38> : tensor<f32>
    %cst_3 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_4 = arith.constant dense<true> : tensor<i1>
    %cst_5 = arith.constant 9.9999999999999995E-7 : f64
    %cst_6 = arith.constant 6.400000e+01 : f32
    %cst_7 = arith.constant 2.500000e-01 : f32
    %model.embed_tokens.weight = util.global.load @model.embed_tokens.weight : tensor<64x64xf32>
    %0 = tensor.empty() : tensor<1x8x64xf32>
    %1 = linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x8xi64>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %118 = arith.index_cast %in : i64 to index
      %119 = linalg.index 2 : index
      %120 = arith.cmpi slt, %118, %c64 : index
      cf.assert %120, "index must be smaller than dim size"
      %121 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %121, "index must be larger or equal to 0"
      %extracted = tensor.extract %model.embed_tokens.weight[%118, %119] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %2 = tensor.empty() : tensor<8xi64>
    %3 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%2 : tensor<8xi64>) {
    ^bb0(%out: i64):
      %118 = linalg.index 0 : index
      %119 = arith.index_cast %118 : index to i64
      linalg.yield %119 : i64
    } -> tensor<8xi64>
    %expanded = tensor.expand_shape %3 [[0, 1]] output_shape [1, 8] : tensor<8xi64> into tensor<1x8xi64>
    %4 = tensor.empty() : tensor<1x8xi64>
    %5 = linalg.fill ins(%c0_i64 : i64) outs(%4 : tensor<1x8xi64>) -> tensor<1x8xi64>
    %extracted_slice = tensor.extract_slice %expanded[0, 0] [1, 1] [1, 1] : tensor<1x8xi64> to tensor<1x1xi64>
    %6 = tensor.empty() : tensor<1x1xi64>
    %7 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice : tensor<1x1xi64>) outs(%6 : tensor<1x1xi64>) {
    ^bb0(%in: i64, %out: i64):
      %118 = arith.subi %in, %c1_i64 : i64
      linalg.yield %118 : i64
    } -> tensor<1x1xi64>
    %concat = tensor.concat dim(1) %7, %expanded : (tensor<1x1xi64>, tensor<1x8xi64>) -> tensor<1x9xi64>
    %extracted_slice_8 = tensor.extract_slice %concat[0, 0] [1, 8] [1, 1] : tensor<1x9xi64> to tensor<1x8xi64>
    %extracted_slice_9 = tensor.extract_slice %concat[0, 1] [1, 8] [1, 1] : tensor<1x9xi64> to tensor<1x8xi64>
    %8 = linalg.generic {indexing_maps = [#map3, #map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice_9, %extracted_slice_8 : tensor<1x8xi64>, tensor<1x8xi64>) outs(%4 : tensor<1x8xi64>) {
    ^bb0(%in: i64, %in_55: i64, %out: i64):
      %118 = arith.subi %in, %in_55 : i64
      linalg.yield %118 : i64
    } -> tensor<1x8xi64>
    %9 = tensor.empty() : tensor<1x8xi1>
    %10 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%8 : tensor<1x8xi64>) outs(%9 : tensor<1x8xi1>) {
    ^bb0(%in: i64, %out: i1):
      %118 = arith.cmpi ne, %in, %c1_i64 : i64
      linalg.yield %118 : i1
    } -> tensor<1x8xi1>
    %11 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%10 : tensor<1x8xi1>) outs(%4 : tensor<1x8xi64>) {
    ^bb0(%in: i1, %out: i64):
      %118 = arith.extui %in : i1 to i64
      linalg.yield %118 : i64
    } -> tensor<1x8xi64>
    %12 = tensor.empty() : tensor<1xi64>
    %13 = linalg.fill ins(%c0_i64 : i64) outs(%12 : tensor<1xi64>) -> tensor<1xi64>
    %14:2 = iree_linalg_ext.scan {operandSegmentSizes = array<i32: 1, 2>} dimension(1) inclusive(true) ins(%11 : tensor<1x8xi64>) outs(%5, %13 : tensor<1x8xi64>, tensor<1xi64>) {
    ^bb0(%arg1: i64, %arg2: i64):
      %118 = arith.addi %arg1, %arg2 : i64
      iree_linalg_ext.yield %118 : i64
    } -> tensor<1x8xi64>, tensor<1xi64>
    %15 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%12 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %expanded_10 = tensor.expand_shape %15 [[0, 1, 2, 3]] output_shape [1, 1, 1, 1] : tensor<1xi64> into tensor<1x1x1x1xi64>
    %expanded_11 = tensor.expand_shape %3 [[0, 1, 2, 3]] output_shape [1, 1, 8, 1] : tensor<8xi64> into tensor<1x1x8x1xi64>
    %expanded_12 = tensor.expand_shape %3 [[0, 1, 2, 3]] output_shape [1, 1, 1, 8] : tensor<8xi64> into tensor<1x1x1x8xi64>
    %16 = tensor.empty() : tensor<1x1x8x1xi64>
    %17 = linalg.generic {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_10, %expanded_11 : tensor<1x1x1x1xi64>, tensor<1x1x8x1xi64>) outs(%16 : tensor<1x1x8x1xi64>) {
    ^bb0(%in: i64, %in_55: i64, %out: i64):
      %118 = arith.cmpi slt, %in, %c0_i64 : i64
      %119 = arith.addi %in, %c1_i64 : i64
      %120 = arith.select %118, %119, %in : i64
      %121 = arith.index_cast %120 : i64 to index
      %122 = arith.cmpi slt, %in_55, %c0_i64 : i64
      %123 = arith.addi %in_55, %c8_i64 : i64
      %124 = arith.select %122, %123, %in_55 : i64
      %125 = arith.index_cast %124 : i64 to index
      %extracted = tensor.extract %expanded[%121, %125] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x8x1xi64>
    %18 = tensor.empty() : tensor<1x1x1x8xi64>
    %19 = linalg.generic {indexing_maps = [#map4, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_10, %expanded_12 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%18 : tensor<1x1x1x8xi64>) {
    ^bb0(%in: i64, %in_55: i64, %out: i64):
      %118 = arith.cmpi slt, %in, %c0_i64 : i64
      %119 = arith.addi %in, %c1_i64 : i64
      %120 = arith.select %118, %119, %in : i64
      %121 = arith.index_cast %120 : i64 to index
      %122 = arith.cmpi slt, %in_55, %c0_i64 : i64
      %123 = arith.addi %in_55, %c8_i64 : i64
      %124 = arith.select %122, %123, %in_55 : i64
      %125 = arith.index_cast %124 : i64 to index
      %extracted = tensor.extract %expanded[%121, %125] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x1x8xi64>
    %20 = tensor.empty() : tensor<1x1x8x8xi1>
    %21 = linalg.generic {indexing_maps = [#map8, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%19, %17 : tensor<1x1x1x8xi64>, tensor<1x1x8x1xi64>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i64, %in_55: i64, %out: i1):
      %118 = arith.cmpi sle, %in, %in_55 : i64
      linalg.yield %118 : i1
    } -> tensor<1x1x8x8xi1>
    %22 = linalg.generic {indexing_maps = [#map10, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cst_4, %21 : tensor<i1>, tensor<1x1x8x8xi1>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_55: i1, %out: i1):
      %118 = arith.andi %in, %in_55 : i1
      linalg.yield %118 : i1
    } -> tensor<1x1x8x8xi1>
    %23 = linalg.generic {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_10, %expanded_11 : tensor<1x1x1x1xi64>, tensor<1x1x8x1xi64>) outs(%16 : tensor<1x1x8x1xi64>) {
    ^bb0(%in: i64, %in_55: i64, %out: i64):
      %118 = arith.cmpi slt, %in, %c0_i64 : i64
      %119 = arith.addi %in, %c1_i64 : i64
      %120 = arith.select %118, %119, %in : i64
      %121 = arith.index_cast %120 : i64 to index
      %122 = arith.cmpi slt, %in_55, %c0_i64 : i64
      %123 = arith.addi %in_55, %c8_i64 : i64
      %124 = arith.select %122, %123, %in_55 : i64
      %125 = arith.index_cast %124 : i64 to index
      %extracted = tensor.extract %14#0[%121, %125] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x8x1xi64>
    %24 = linalg.generic {indexing_maps = [#map4, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_10, %expanded_12 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%18 : tensor<1x1x1x8xi64>) {
    ^bb0(%in: i64, %in_55: i64, %out: i64):
      %118 = arith.cmpi slt, %in, %c0_i64 : i64
      %119 = arith.addi %in, %c1_i64 : i64
      %120 = arith.select %118, %119, %in : i64
      %121 = arith.index_cast %120 : i64 to index
      %122 = arith.cmpi slt, %in_55, %c0_i64 : i64
      %123 = arith.addi %in_55, %c8_i64 : i64
      %124 = arith.select %122, %123, %in_55 : i64
      %125 = arith.index_cast %124 : i64 to index
      %extracted = tensor.extract %14#0[%121, %125] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x1x8xi64>
    %25 = linalg.generic {indexing_maps = [#map9, #map8, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%23, %24 : tensor<1x1x8x1xi64>, tensor<1x1x1x8xi64>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i64, %in_55: i64, %out: i1):
      %118 = arith.cmpi eq, %in, %in_55 : i64
      linalg.yield %118 : i1
    } -> tensor<1x1x8x8xi1>
    %26 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%22, %25 : tensor<1x1x8x8xi1>, tensor<1x1x8x8xi1>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_55: i1, %out: i1):
      %118 = arith.andi %in, %in_55 : i1
      linalg.yield %118 : i1
    } -> tensor<1x1x8x8xi1>
    %27 = tensor.empty() : tensor<1x1x8x8xf32>
    %28 = linalg.generic {indexing_maps = [#map6, #map10, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%26, %cst_3, %cst_2 : tensor<1x1x8x8xi1>, tensor<f32>, tensor<f32>) outs(%27 : tensor<1x1x8x8xf32>) {
    ^bb0(%in: i1, %in_55: f32, %in_56: f32, %out: f32):
      %118 = arith.select %in, %in_55, %in_56 : f32
      linalg.yield %118 : f32
    } -> tensor<1x1x8x8xf32>
    %expanded_13 = tensor.expand_shape %3 [[0, 1, 2]] output_shape [1, 8, 1] : tensor<8xi64> into tensor<1x8x1xi64>
    %29 = tensor.empty() : tensor<1x8x1xf32>
    %30 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_13 : tensor<1x8x1xi64>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: i64, %out: f32):
      %118 = arith.sitofp %in : i64 to f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %model.rotary_emb.inv_freq = util.global.load @model.rotary_emb.inv_freq : tensor<8xf32>
    %31 = tensor.empty() : tensor<1x8x8xf32>
    %32 = linalg.generic {indexing_maps = [#map11, #map12, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%30, %model.rotary_emb.inv_freq : tensor<1x8x1xf32>, tensor<8xf32>) outs(%31 : tensor<1x8x8xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x8xf32>
    %concat_14 = tensor.concat dim(2) %32, %32 : (tensor<1x8x8xf32>, tensor<1x8x8xf32>) -> tensor<1x8x16xf32>
    %33 = tensor.empty() : tensor<1x8x16xf32>
    %34 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat_14 : tensor<1x8x16xf32>) outs(%33 : tensor<1x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.cos %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x16xf32>
    %35 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat_14 : tensor<1x8x16xf32>) outs(%33 : tensor<1x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.sin %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x16xf32>
    %36 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %37 = linalg.fill ins(%cst : f32) outs(%29 : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
    %38 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%36 : tensor<1x8x64xf32>) outs(%37 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.addf %in, %out : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %39 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%38 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.divf %in, %cst_6 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %40 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%39 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.truncf %cst_5 : f64 to f32
      %119 = arith.addf %in, %118 : f32
      linalg.yield %119 : f32
    } -> tensor<1x8x1xf32>
    %41 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%40 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.rsqrt %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %42 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %41 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.input_layernorm.weight = util.global.load @model.layers.0.input_layernorm.weight : tensor<64xf32>
    %43 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.layers.0.input_layernorm.weight, %42 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.self_attn.q_proj.weight = util.global.load @model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>
    %44 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>) outs(%44 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed = tensor.collapse_shape %43 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %45 = tensor.empty() : tensor<8x64xf32>
    %46 = linalg.fill ins(%cst : f32) outs(%45 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %47 = linalg.matmul ins(%collapsed, %transposed : tensor<8x64xf32>, tensor<64x64xf32>) outs(%46 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_15 = tensor.expand_shape %47 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %48 = tensor.empty() : tensor<1x4x8x16xf32>
    %transposed_16 = linalg.transpose ins(%expanded_15 : tensor<1x8x4x16xf32>) outs(%48 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.k_proj.weight = util.global.load @model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>
    %49 = tensor.empty() : tensor<64x32xf32>
    %transposed_17 = linalg.transpose ins(%model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>) outs(%49 : tensor<64x32xf32>) permutation = [1, 0] 
    %50 = tensor.empty() : tensor<8x32xf32>
    %51 = linalg.fill ins(%cst : f32) outs(%50 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %52 = linalg.matmul ins(%collapsed, %transposed_17 : tensor<8x64xf32>, tensor<64x32xf32>) outs(%51 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %expanded_18 = tensor.expand_shape %52 [[0, 1], [2, 3]] output_shape [1, 8, 2, 16] : tensor<8x32xf32> into tensor<1x8x2x16xf32>
    %53 = tensor.empty() : tensor<1x2x8x16xf32>
    %transposed_19 = linalg.transpose ins(%expanded_18 : tensor<1x8x2x16xf32>) outs(%53 : tensor<1x2x8x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.v_proj.weight = util.global.load @model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>
    %transposed_20 = linalg.transpose ins(%model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>) outs(%49 : tensor<64x32xf32>) permutation = [1, 0] 
    %54 = linalg.matmul ins(%collapsed, %transposed_20 : tensor<8x64xf32>, tensor<64x32xf32>) outs(%51 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %expanded_21 = tensor.expand_shape %54 [[0, 1], [2, 3]] output_shape [1, 8, 2, 16] : tensor<8x32xf32> into tensor<1x8x2x16xf32>
    %transposed_22 = linalg.transpose ins(%expanded_21 : tensor<1x8x2x16xf32>) outs(%53 : tensor<1x2x8x16xf32>) permutation = [0, 2, 1, 3] 
    %expanded_23 = tensor.expand_shape %34 [[0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
    %expanded_24 = tensor.expand_shape %35 [[0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
    %55 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_16, %expanded_23 : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%48 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x16xf32>
    %extracted_slice_25 = tensor.extract_slice %transposed_16[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
    %extracted_slice_26 = tensor.extract_slice %transposed_16[0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
    %56 = tensor.empty() : tensor<1x4x8x8xf32>
    %57 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_26 : tensor<1x4x8x8xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.negf %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %concat_27 = tensor.concat dim(3) %57, %extracted_slice_25 : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
    %58 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_27, %expanded_24 : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%48 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x16xf32>
    %59 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%55, %58 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) outs(%48 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.addf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x16xf32>
    %60 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_19, %expanded_23 : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>) outs(%53 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x2x8x16xf32>
    %extracted_slice_28 = tensor.extract_slice %transposed_19[0, 0, 0, 0] [1, 2, 8, 8] [1, 1, 1, 1] : tensor<1x2x8x16xf32> to tensor<1x2x8x8xf32>
    %extracted_slice_29 = tensor.extract_slice %transposed_19[0, 0, 0, 8] [1, 2, 8, 8] [1, 1, 1, 1] : tensor<1x2x8x16xf32> to tensor<1x2x8x8xf32>
    %61 = tensor.empty() : tensor<1x2x8x8xf32>
    %62 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_29 : tensor<1x2x8x8xf32>) outs(%61 : tensor<1x2x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.negf %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x2x8x8xf32>
    %concat_30 = tensor.concat dim(3) %62, %extracted_slice_28 : (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x16xf32>
    %63 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_30, %expanded_24 : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>) outs(%53 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x2x8x16xf32>
    %64 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%60, %63 : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) outs(%53 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.addf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x2x8x16xf32>
    %65 = tensor.empty() : tensor<1x2x2x8x16xf32>
    %66 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%64 : tensor<1x2x8x16xf32>) outs(%65 : tensor<1x2x2x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x8x16xf32>
    %collapsed_31 = tensor.collapse_shape %66 [[0], [1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<1x4x8x16xf32>
    %67 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%transposed_22 : tensor<1x2x8x16xf32>) outs(%65 : tensor<1x2x2x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x8x16xf32>
    %68 = tensor.empty() : tensor<1x4x16x8xf32>
    %transposed_32 = linalg.transpose ins(%collapsed_31 : tensor<1x4x8x16xf32>) outs(%68 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2] 
    %collapsed_33 = tensor.collapse_shape %59 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %collapsed_34 = tensor.collapse_shape %transposed_32 [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
    %69 = tensor.empty() : tensor<4x8x8xf32>
    %70 = linalg.fill ins(%cst : f32) outs(%69 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %71 = linalg.batch_matmul ins(%collapsed_33, %collapsed_34 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%70 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %expanded_35 = tensor.expand_shape %71 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
    %72 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_35 : tensor<1x4x8x8xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.mulf %in, %cst_7 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %73 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%72, %28 : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.addf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %74 = tensor.empty() : tensor<1x4x8xi64>
    %75 = linalg.fill ins(%c0_i64 : i64) outs(%74 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
    %76 = tensor.empty() : tensor<1x4x8xf32>
    %77 = linalg.fill ins(%cst_0 : f32) outs(%76 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %78:2 = linalg.generic {indexing_maps = [#map6, #map16, #map16], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%73 : tensor<1x4x8x8xf32>) outs(%77, %75 : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
    ^bb0(%in: f32, %out: f32, %out_55: i64):
      %118 = linalg.index 3 : index
      %119 = arith.index_cast %118 : index to i64
      %120 = arith.maximumf %in, %out : f32
      %121 = arith.cmpf ogt, %in, %out : f32
      %122 = arith.select %121, %119, %out_55 : i64
      linalg.yield %120, %122 : f32, i64
    } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
    %expanded_36 = tensor.expand_shape %78#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
    %79 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%73, %expanded_36 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.subf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %80 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%79 : tensor<1x4x8x8xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.exp %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %81 = tensor.empty() : tensor<1x4x8x1xf32>
    %82 = linalg.fill ins(%cst : f32) outs(%81 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
    %83 = linalg.generic {indexing_maps = [#map6, #map9], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%80 : tensor<1x4x8x8xf32>) outs(%82 : tensor<1x4x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.addf %in, %out : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x1xf32>
    %84 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%80, %83 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%56 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.divf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x4x8x8xf32>
    %collapsed_37 = tensor.collapse_shape %84 [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
    %collapsed_38 = tensor.collapse_shape %67 [[0, 1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<4x8x16xf32>
    %85 = tensor.empty() : tensor<4x8x16xf32>
    %86 = linalg.fill ins(%cst : f32) outs(%85 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %87 = linalg.batch_matmul ins(%collapsed_37, %collapsed_38 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%86 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %expanded_39 = tensor.expand_shape %87 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
    %88 = tensor.empty() : tensor<1x8x4x16xf32>
    %transposed_40 = linalg.transpose ins(%expanded_39 : tensor<1x4x8x16xf32>) outs(%88 : tensor<1x8x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.o_proj.weight = util.global.load @model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>
    %transposed_41 = linalg.transpose ins(%model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>) outs(%44 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_42 = tensor.collapse_shape %transposed_40 [[0, 1], [2, 3]] : tensor<1x8x4x16xf32> into tensor<8x64xf32>
    %89 = linalg.matmul ins(%collapsed_42, %transposed_41 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%46 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_43 = tensor.expand_shape %89 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %90 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %expanded_43 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.addf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %91 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%90 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %92 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%91 : tensor<1x8x64xf32>) outs(%37 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.addf %in, %out : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %93 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%92 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.divf %in, %cst_6 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %94 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%93 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.truncf %cst_5 : f64 to f32
      %119 = arith.addf %in, %118 : f32
      linalg.yield %119 : f32
    } -> tensor<1x8x1xf32>
    %95 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%94 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.rsqrt %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %96 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%90, %95 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.post_attention_layernorm.weight = util.global.load @model.layers.0.post_attention_layernorm.weight : tensor<64xf32>
    %97 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.layers.0.post_attention_layernorm.weight, %96 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.mlp.gate_proj.weight = util.global.load @model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>
    %98 = tensor.empty() : tensor<64x128xf32>
    %transposed_44 = linalg.transpose ins(%model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>) outs(%98 : tensor<64x128xf32>) permutation = [1, 0] 
    %collapsed_45 = tensor.collapse_shape %97 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %99 = tensor.empty() : tensor<8x128xf32>
    %100 = linalg.fill ins(%cst : f32) outs(%99 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %101 = linalg.matmul ins(%collapsed_45, %transposed_44 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%100 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %expanded_46 = tensor.expand_shape %101 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %102 = tensor.empty() : tensor<1x8x128xf32>
    %103 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_46 : tensor<1x8x128xf32>) outs(%102 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.negf %in : f32
      %119 = math.exp %118 : f32
      %120 = arith.addf %119, %cst_1 : f32
      %121 = arith.divf %cst_1, %120 : f32
      linalg.yield %121 : f32
    } -> tensor<1x8x128xf32>
    %104 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_46, %103 : tensor<1x8x128xf32>, tensor<1x8x128xf32>) outs(%102 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x128xf32>
    %model.layers.0.mlp.up_proj.weight = util.global.load @model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>
    %transposed_47 = linalg.transpose ins(%model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>) outs(%98 : tensor<64x128xf32>) permutation = [1, 0] 
    %105 = linalg.matmul ins(%collapsed_45, %transposed_47 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%100 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %expanded_48 = tensor.expand_shape %105 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %106 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%104, %expanded_48 : tensor<1x8x128xf32>, tensor<1x8x128xf32>) outs(%102 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x128xf32>
    %model.layers.0.mlp.down_proj.weight = util.global.load @model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>
    %107 = tensor.empty() : tensor<128x64xf32>
    %transposed_49 = linalg.transpose ins(%model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>) outs(%107 : tensor<128x64xf32>) permutation = [1, 0] 
    %collapsed_50 = tensor.collapse_shape %106 [[0, 1], [2]] : tensor<1x8x128xf32> into tensor<8x128xf32>
    %108 = linalg.matmul ins(%collapsed_50, %transposed_49 : tensor<8x128xf32>, tensor<128x64xf32>) outs(%46 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_51 = tensor.expand_shape %108 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %109 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%90, %expanded_51 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.addf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %110 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%109 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %111 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%110 : tensor<1x8x64xf32>) outs(%37 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.addf %in, %out : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %112 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%111 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.divf %in, %cst_6 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %113 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%112 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = arith.truncf %cst_5 : f64 to f32
      %119 = arith.addf %in, %118 : f32
      linalg.yield %119 : f32
    } -> tensor<1x8x1xf32>
    %114 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%113 : tensor<1x8x1xf32>) outs(%29 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %118 = math.rsqrt %in : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x1xf32>
    %115 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%109, %114 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %model.norm.weight = util.global.load @model.norm.weight : tensor<64xf32>
    %116 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.norm.weight, %115 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_55: f32, %out: f32):
      %118 = arith.mulf %in, %in_55 : f32
      linalg.yield %118 : f32
    } -> tensor<1x8x64xf32>
    %lm_head.weight = util.global.load @lm_head.weight : tensor<64x64xf32>
    %transposed_52 = linalg.transpose ins(%lm_head.weight : tensor<64x64xf32>) outs(%44 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_53 = tensor.collapse_shape %116 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %117 = linalg.matmul ins(%collapsed_53, %transposed_52 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%46 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_54 = tensor.expand_shape %117 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    util.return %expanded_54 : tensor<1x8x64xf32>
  }
}
