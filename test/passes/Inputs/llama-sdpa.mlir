// Imported by accel's frontend (compiler/frontend) from a seeded tiny transformers
// LlamaForCausalLM (1 layer, hidden 64, 4 heads, 2 KV heads), attn_implementation="sdpa", weights external:
//   from_hf_config({'model_type': 'llama', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'num_key_value_heads': 2, 'vocab_size': 64, 'max_position_embeddings': 32, 'attn_implementation': 'sdpa'}, seed=0, seq_len=8, kind="causal-lm", weights="external")
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
    %false = arith.constant false
    %cst_1 = arith.constant 1.000000e+00 : f32
    %cst_2 = arith.constant dense<0.000000e+00> : tensor<1x4x8x8xf32>
    %cst_3 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_4 = arith.constant dense<0xFF800000> : tensor<f32>
    %cst_5 = arith.constant dense<true> : tensor<i1>
    %cst_6 = arith.constant 0xFFF0000000000000 : f64
    %cst_7 = arith.constant 9.9999999999999995E-7 : f64
    %cst_8 = arith.constant 6.400000e+01 : f32
    %cst_9 = arith.constant 5.000000e-01 : f32
    %model.embed_tokens.weight = util.global.load @model.embed_tokens.weight : tensor<64x64xf32>
    %0 = tensor.empty() : tensor<1x8x64xf32>
    %1 = linalg.generic {indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x8xi64>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %127 = arith.index_cast %in : i64 to index
      %128 = linalg.index 2 : index
      %129 = arith.cmpi slt, %127, %c64 : index
      cf.assert %129, "index must be smaller than dim size"
      %130 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %130, "index must be larger or equal to 0"
      %extracted = tensor.extract %model.embed_tokens.weight[%127, %128] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %2 = tensor.empty() : tensor<8xi64>
    %3 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%2 : tensor<8xi64>) {
    ^bb0(%out: i64):
      %127 = linalg.index 0 : index
      %128 = arith.index_cast %127 : index to i64
      linalg.yield %128 : i64
    } -> tensor<8xi64>
    %expanded = tensor.expand_shape %3 [[0, 1]] output_shape [1, 8] : tensor<8xi64> into tensor<1x8xi64>
    %4 = tensor.empty() : tensor<1x8xi64>
    %5 = linalg.fill ins(%c0_i64 : i64) outs(%4 : tensor<1x8xi64>) -> tensor<1x8xi64>
    %extracted_slice = tensor.extract_slice %expanded[0, 0] [1, 1] [1, 1] : tensor<1x8xi64> to tensor<1x1xi64>
    %6 = tensor.empty() : tensor<1x1xi64>
    %7 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice : tensor<1x1xi64>) outs(%6 : tensor<1x1xi64>) {
    ^bb0(%in: i64, %out: i64):
      %127 = arith.subi %in, %c1_i64 : i64
      linalg.yield %127 : i64
    } -> tensor<1x1xi64>
    %concat = tensor.concat dim(1) %7, %expanded : (tensor<1x1xi64>, tensor<1x8xi64>) -> tensor<1x9xi64>
    %extracted_slice_10 = tensor.extract_slice %concat[0, 0] [1, 8] [1, 1] : tensor<1x9xi64> to tensor<1x8xi64>
    %extracted_slice_11 = tensor.extract_slice %concat[0, 1] [1, 8] [1, 1] : tensor<1x9xi64> to tensor<1x8xi64>
    %8 = linalg.generic {indexing_maps = [#map3, #map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice_11, %extracted_slice_10 : tensor<1x8xi64>, tensor<1x8xi64>) outs(%4 : tensor<1x8xi64>) {
    ^bb0(%in: i64, %in_57: i64, %out: i64):
      %127 = arith.subi %in, %in_57 : i64
      linalg.yield %127 : i64
    } -> tensor<1x8xi64>
    %9 = tensor.empty() : tensor<1x8xi1>
    %10 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%8 : tensor<1x8xi64>) outs(%9 : tensor<1x8xi1>) {
    ^bb0(%in: i64, %out: i1):
      %127 = arith.cmpi ne, %in, %c1_i64 : i64
      linalg.yield %127 : i1
    } -> tensor<1x8xi1>
    %11 = linalg.generic {indexing_maps = [#map3, #map3], iterator_types = ["parallel", "parallel"]} ins(%10 : tensor<1x8xi1>) outs(%4 : tensor<1x8xi64>) {
    ^bb0(%in: i1, %out: i64):
      %127 = arith.extui %in : i1 to i64
      linalg.yield %127 : i64
    } -> tensor<1x8xi64>
    %12 = tensor.empty() : tensor<1xi64>
    %13 = linalg.fill ins(%c0_i64 : i64) outs(%12 : tensor<1xi64>) -> tensor<1xi64>
    %14:2 = iree_linalg_ext.scan {operandSegmentSizes = array<i32: 1, 2>} dimension(1) inclusive(true) ins(%11 : tensor<1x8xi64>) outs(%5, %13 : tensor<1x8xi64>, tensor<1xi64>) {
    ^bb0(%arg1: i64, %arg2: i64):
      %127 = arith.addi %arg1, %arg2 : i64
      iree_linalg_ext.yield %127 : i64
    } -> tensor<1x8xi64>, tensor<1xi64>
    %15 = linalg.generic {indexing_maps = [#map2], iterator_types = ["parallel"]} outs(%12 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %expanded_12 = tensor.expand_shape %15 [[0, 1, 2, 3]] output_shape [1, 1, 1, 1] : tensor<1xi64> into tensor<1x1x1x1xi64>
    %expanded_13 = tensor.expand_shape %3 [[0, 1, 2, 3]] output_shape [1, 1, 8, 1] : tensor<8xi64> into tensor<1x1x8x1xi64>
    %expanded_14 = tensor.expand_shape %3 [[0, 1, 2, 3]] output_shape [1, 1, 1, 8] : tensor<8xi64> into tensor<1x1x1x8xi64>
    %16 = tensor.empty() : tensor<1x1x8x1xi64>
    %17 = linalg.generic {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_12, %expanded_13 : tensor<1x1x1x1xi64>, tensor<1x1x8x1xi64>) outs(%16 : tensor<1x1x8x1xi64>) {
    ^bb0(%in: i64, %in_57: i64, %out: i64):
      %127 = arith.cmpi slt, %in, %c0_i64 : i64
      %128 = arith.addi %in, %c1_i64 : i64
      %129 = arith.select %127, %128, %in : i64
      %130 = arith.index_cast %129 : i64 to index
      %131 = arith.cmpi slt, %in_57, %c0_i64 : i64
      %132 = arith.addi %in_57, %c8_i64 : i64
      %133 = arith.select %131, %132, %in_57 : i64
      %134 = arith.index_cast %133 : i64 to index
      %extracted = tensor.extract %expanded[%130, %134] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x8x1xi64>
    %18 = tensor.empty() : tensor<1x1x1x8xi64>
    %19 = linalg.generic {indexing_maps = [#map4, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_12, %expanded_14 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%18 : tensor<1x1x1x8xi64>) {
    ^bb0(%in: i64, %in_57: i64, %out: i64):
      %127 = arith.cmpi slt, %in, %c0_i64 : i64
      %128 = arith.addi %in, %c1_i64 : i64
      %129 = arith.select %127, %128, %in : i64
      %130 = arith.index_cast %129 : i64 to index
      %131 = arith.cmpi slt, %in_57, %c0_i64 : i64
      %132 = arith.addi %in_57, %c8_i64 : i64
      %133 = arith.select %131, %132, %in_57 : i64
      %134 = arith.index_cast %133 : i64 to index
      %extracted = tensor.extract %expanded[%130, %134] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x1x8xi64>
    %20 = tensor.empty() : tensor<1x1x8x8xi1>
    %21 = linalg.generic {indexing_maps = [#map8, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%19, %17 : tensor<1x1x1x8xi64>, tensor<1x1x8x1xi64>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i64, %in_57: i64, %out: i1):
      %127 = arith.cmpi sle, %in, %in_57 : i64
      linalg.yield %127 : i1
    } -> tensor<1x1x8x8xi1>
    %22 = linalg.generic {indexing_maps = [#map10, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cst_5, %21 : tensor<i1>, tensor<1x1x8x8xi1>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_57: i1, %out: i1):
      %127 = arith.andi %in, %in_57 : i1
      linalg.yield %127 : i1
    } -> tensor<1x1x8x8xi1>
    %23 = linalg.generic {indexing_maps = [#map4, #map5, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_12, %expanded_13 : tensor<1x1x1x1xi64>, tensor<1x1x8x1xi64>) outs(%16 : tensor<1x1x8x1xi64>) {
    ^bb0(%in: i64, %in_57: i64, %out: i64):
      %127 = arith.cmpi slt, %in, %c0_i64 : i64
      %128 = arith.addi %in, %c1_i64 : i64
      %129 = arith.select %127, %128, %in : i64
      %130 = arith.index_cast %129 : i64 to index
      %131 = arith.cmpi slt, %in_57, %c0_i64 : i64
      %132 = arith.addi %in_57, %c8_i64 : i64
      %133 = arith.select %131, %132, %in_57 : i64
      %134 = arith.index_cast %133 : i64 to index
      %extracted = tensor.extract %14#0[%130, %134] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x8x1xi64>
    %24 = linalg.generic {indexing_maps = [#map4, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_12, %expanded_14 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%18 : tensor<1x1x1x8xi64>) {
    ^bb0(%in: i64, %in_57: i64, %out: i64):
      %127 = arith.cmpi slt, %in, %c0_i64 : i64
      %128 = arith.addi %in, %c1_i64 : i64
      %129 = arith.select %127, %128, %in : i64
      %130 = arith.index_cast %129 : i64 to index
      %131 = arith.cmpi slt, %in_57, %c0_i64 : i64
      %132 = arith.addi %in_57, %c8_i64 : i64
      %133 = arith.select %131, %132, %in_57 : i64
      %134 = arith.index_cast %133 : i64 to index
      %extracted = tensor.extract %14#0[%130, %134] : tensor<1x8xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x1x1x8xi64>
    %25 = linalg.generic {indexing_maps = [#map9, #map8, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%23, %24 : tensor<1x1x8x1xi64>, tensor<1x1x1x8xi64>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i64, %in_57: i64, %out: i1):
      %127 = arith.cmpi eq, %in, %in_57 : i64
      linalg.yield %127 : i1
    } -> tensor<1x1x8x8xi1>
    %26 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%22, %25 : tensor<1x1x8x8xi1>, tensor<1x1x8x8xi1>) outs(%20 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_57: i1, %out: i1):
      %127 = arith.andi %in, %in_57 : i1
      linalg.yield %127 : i1
    } -> tensor<1x1x8x8xi1>
    %expanded_15 = tensor.expand_shape %3 [[0, 1, 2]] output_shape [1, 8, 1] : tensor<8xi64> into tensor<1x8x1xi64>
    %27 = tensor.empty() : tensor<1x8x1xf32>
    %28 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_15 : tensor<1x8x1xi64>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: i64, %out: f32):
      %127 = arith.sitofp %in : i64 to f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %model.rotary_emb.inv_freq = util.global.load @model.rotary_emb.inv_freq : tensor<8xf32>
    %29 = tensor.empty() : tensor<1x8x8xf32>
    %30 = linalg.generic {indexing_maps = [#map11, #map12, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%28, %model.rotary_emb.inv_freq : tensor<1x8x1xf32>, tensor<8xf32>) outs(%29 : tensor<1x8x8xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x8xf32>
    %concat_16 = tensor.concat dim(2) %30, %30 : (tensor<1x8x8xf32>, tensor<1x8x8xf32>) -> tensor<1x8x16xf32>
    %31 = tensor.empty() : tensor<1x8x16xf32>
    %32 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat_16 : tensor<1x8x16xf32>) outs(%31 : tensor<1x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.cos %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x16xf32>
    %33 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%concat_16 : tensor<1x8x16xf32>) outs(%31 : tensor<1x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.sin %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x16xf32>
    %34 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %35 = linalg.fill ins(%cst : f32) outs(%27 : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
    %36 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%34 : tensor<1x8x64xf32>) outs(%35 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.addf %in, %out : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %37 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%36 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.divf %in, %cst_8 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %38 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%37 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.truncf %cst_7 : f64 to f32
      %128 = arith.addf %in, %127 : f32
      linalg.yield %128 : f32
    } -> tensor<1x8x1xf32>
    %39 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%38 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.rsqrt %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %40 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %39 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.input_layernorm.weight = util.global.load @model.layers.0.input_layernorm.weight : tensor<64xf32>
    %41 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.layers.0.input_layernorm.weight, %40 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.self_attn.q_proj.weight = util.global.load @model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>
    %42 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%model.layers.0.self_attn.q_proj.weight : tensor<64x64xf32>) outs(%42 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed = tensor.collapse_shape %41 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %43 = tensor.empty() : tensor<8x64xf32>
    %44 = linalg.fill ins(%cst : f32) outs(%43 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %45 = linalg.matmul ins(%collapsed, %transposed : tensor<8x64xf32>, tensor<64x64xf32>) outs(%44 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_17 = tensor.expand_shape %45 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %46 = tensor.empty() : tensor<1x4x8x16xf32>
    %transposed_18 = linalg.transpose ins(%expanded_17 : tensor<1x8x4x16xf32>) outs(%46 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.k_proj.weight = util.global.load @model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>
    %47 = tensor.empty() : tensor<64x32xf32>
    %transposed_19 = linalg.transpose ins(%model.layers.0.self_attn.k_proj.weight : tensor<32x64xf32>) outs(%47 : tensor<64x32xf32>) permutation = [1, 0] 
    %48 = tensor.empty() : tensor<8x32xf32>
    %49 = linalg.fill ins(%cst : f32) outs(%48 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %50 = linalg.matmul ins(%collapsed, %transposed_19 : tensor<8x64xf32>, tensor<64x32xf32>) outs(%49 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %expanded_20 = tensor.expand_shape %50 [[0, 1], [2, 3]] output_shape [1, 8, 2, 16] : tensor<8x32xf32> into tensor<1x8x2x16xf32>
    %51 = tensor.empty() : tensor<1x2x8x16xf32>
    %transposed_21 = linalg.transpose ins(%expanded_20 : tensor<1x8x2x16xf32>) outs(%51 : tensor<1x2x8x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.v_proj.weight = util.global.load @model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>
    %transposed_22 = linalg.transpose ins(%model.layers.0.self_attn.v_proj.weight : tensor<32x64xf32>) outs(%47 : tensor<64x32xf32>) permutation = [1, 0] 
    %52 = linalg.matmul ins(%collapsed, %transposed_22 : tensor<8x64xf32>, tensor<64x32xf32>) outs(%49 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %expanded_23 = tensor.expand_shape %52 [[0, 1], [2, 3]] output_shape [1, 8, 2, 16] : tensor<8x32xf32> into tensor<1x8x2x16xf32>
    %transposed_24 = linalg.transpose ins(%expanded_23 : tensor<1x8x2x16xf32>) outs(%51 : tensor<1x2x8x16xf32>) permutation = [0, 2, 1, 3] 
    %expanded_25 = tensor.expand_shape %32 [[0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
    %expanded_26 = tensor.expand_shape %33 [[0], [1, 2], [3]] output_shape [1, 1, 8, 16] : tensor<1x8x16xf32> into tensor<1x1x8x16xf32>
    %53 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_18, %expanded_25 : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%46 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x16xf32>
    %extracted_slice_27 = tensor.extract_slice %transposed_18[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
    %extracted_slice_28 = tensor.extract_slice %transposed_18[0, 0, 0, 8] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x16xf32> to tensor<1x4x8x8xf32>
    %54 = tensor.empty() : tensor<1x4x8x8xf32>
    %55 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_28 : tensor<1x4x8x8xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.negf %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %concat_29 = tensor.concat dim(3) %55, %extracted_slice_27 : (tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) -> tensor<1x4x8x16xf32>
    %56 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_29, %expanded_26 : tensor<1x4x8x16xf32>, tensor<1x1x8x16xf32>) outs(%46 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x16xf32>
    %57 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%53, %56 : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>) outs(%46 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.addf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x16xf32>
    %58 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_21, %expanded_25 : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>) outs(%51 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x2x8x16xf32>
    %extracted_slice_30 = tensor.extract_slice %transposed_21[0, 0, 0, 0] [1, 2, 8, 8] [1, 1, 1, 1] : tensor<1x2x8x16xf32> to tensor<1x2x8x8xf32>
    %extracted_slice_31 = tensor.extract_slice %transposed_21[0, 0, 0, 8] [1, 2, 8, 8] [1, 1, 1, 1] : tensor<1x2x8x16xf32> to tensor<1x2x8x8xf32>
    %59 = tensor.empty() : tensor<1x2x8x8xf32>
    %60 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%extracted_slice_31 : tensor<1x2x8x8xf32>) outs(%59 : tensor<1x2x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.negf %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x2x8x8xf32>
    %concat_32 = tensor.concat dim(3) %60, %extracted_slice_30 : (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x16xf32>
    %61 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%concat_32, %expanded_26 : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>) outs(%51 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x2x8x16xf32>
    %62 = linalg.generic {indexing_maps = [#map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%58, %61 : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) outs(%51 : tensor<1x2x8x16xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.addf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x2x8x16xf32>
    %63 = tensor.empty() : tensor<1x2x2x8x16xf32>
    %64 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%62 : tensor<1x2x8x16xf32>) outs(%63 : tensor<1x2x2x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x8x16xf32>
    %collapsed_33 = tensor.collapse_shape %64 [[0], [1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<1x4x8x16xf32>
    %65 = linalg.generic {indexing_maps = [#map14, #map15], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%transposed_24 : tensor<1x2x8x16xf32>) outs(%63 : tensor<1x2x2x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x2x2x8x16xf32>
    %66 = tensor.empty() : tensor<1x1x8x8xf32>
    %67 = linalg.generic {indexing_maps = [#map6, #map10, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%26, %cst_3, %cst_4 : tensor<1x1x8x8xi1>, tensor<f32>, tensor<f32>) outs(%66 : tensor<1x1x8x8xf32>) {
    ^bb0(%in: i1, %in_57: f32, %in_58: f32, %out: f32):
      %127 = arith.select %in, %in_57, %in_58 : f32
      linalg.yield %127 : f32
    } -> tensor<1x1x8x8xf32>
    %68 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%57 : tensor<1x4x8x16xf32>) outs(%46 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.mulf %in, %cst_9 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x16xf32>
    %69 = tensor.empty() : tensor<1x4x16x8xf32>
    %transposed_34 = linalg.transpose ins(%collapsed_33 : tensor<1x4x8x16xf32>) outs(%69 : tensor<1x4x16x8xf32>) permutation = [0, 1, 3, 2] 
    %70 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_34 : tensor<1x4x16x8xf32>) outs(%69 : tensor<1x4x16x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.mulf %in, %cst_9 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x16x8xf32>
    %collapsed_35 = tensor.collapse_shape %68 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %collapsed_36 = tensor.collapse_shape %70 [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
    %71 = tensor.empty() : tensor<4x8x8xf32>
    %72 = linalg.fill ins(%cst : f32) outs(%71 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %73 = linalg.batch_matmul ins(%collapsed_35, %collapsed_36 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%72 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %expanded_37 = tensor.expand_shape %73 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
    %74 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_37, %67 : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.addf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %75 = tensor.empty() : tensor<1x4x8xi64>
    %76 = linalg.fill ins(%c0_i64 : i64) outs(%75 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
    %77 = tensor.empty() : tensor<1x4x8xf32>
    %78 = linalg.fill ins(%cst_0 : f32) outs(%77 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %79:2 = linalg.generic {indexing_maps = [#map6, #map16, #map16], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%74 : tensor<1x4x8x8xf32>) outs(%78, %76 : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
    ^bb0(%in: f32, %out: f32, %out_57: i64):
      %127 = linalg.index 3 : index
      %128 = arith.index_cast %127 : index to i64
      %129 = arith.maximumf %in, %out : f32
      %130 = arith.cmpf ogt, %in, %out : f32
      %131 = arith.select %130, %128, %out_57 : i64
      linalg.yield %129, %131 : f32, i64
    } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
    %expanded_38 = tensor.expand_shape %79#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
    %80 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%74, %expanded_38 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.subf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %81 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%80 : tensor<1x4x8x8xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.exp %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %82 = tensor.empty() : tensor<1x4x8x1xf32>
    %83 = linalg.fill ins(%cst : f32) outs(%82 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
    %84 = linalg.generic {indexing_maps = [#map6, #map9], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%81 : tensor<1x4x8x8xf32>) outs(%83 : tensor<1x4x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.addf %in, %out : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x1xf32>
    %85 = linalg.generic {indexing_maps = [#map6, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%81, %84 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.divf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %86 = tensor.empty() : tensor<1x4x8x8xi1>
    %87 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%74 : tensor<1x4x8x8xf32>) outs(%86 : tensor<1x4x8x8xi1>) {
    ^bb0(%in: f32, %out: i1):
      %127 = arith.extf %in : f32 to f64
      %128 = arith.cmpf oeq, %127, %cst_6 : f64
      linalg.yield %128 : i1
    } -> tensor<1x4x8x8xi1>
    %88 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%87 : tensor<1x4x8x8xi1>) outs(%86 : tensor<1x4x8x8xi1>) {
    ^bb0(%in: i1, %out: i1):
      %127 = arith.cmpi eq, %in, %false : i1
      linalg.yield %127 : i1
    } -> tensor<1x4x8x8xi1>
    %89 = tensor.empty() : tensor<1x4x8x1xi1>
    %90 = linalg.fill ins(%false : i1) outs(%89 : tensor<1x4x8x1xi1>) -> tensor<1x4x8x1xi1>
    %91 = linalg.generic {indexing_maps = [#map6, #map9], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%88 : tensor<1x4x8x8xi1>) outs(%90 : tensor<1x4x8x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %127 = arith.ori %in, %out : i1
      linalg.yield %127 : i1
    } -> tensor<1x4x8x1xi1>
    %92 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%91 : tensor<1x4x8x1xi1>) outs(%89 : tensor<1x4x8x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %127 = arith.cmpi eq, %in, %false : i1
      linalg.yield %127 : i1
    } -> tensor<1x4x8x1xi1>
    %93 = linalg.generic {indexing_maps = [#map9, #map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%92, %cst_2, %85 : tensor<1x4x8x1xi1>, tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%54 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: i1, %in_57: f32, %in_58: f32, %out: f32):
      %127 = arith.select %in, %in_57, %in_58 : f32
      linalg.yield %127 : f32
    } -> tensor<1x4x8x8xf32>
    %collapsed_39 = tensor.collapse_shape %93 [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
    %collapsed_40 = tensor.collapse_shape %65 [[0, 1, 2], [3], [4]] : tensor<1x2x2x8x16xf32> into tensor<4x8x16xf32>
    %94 = tensor.empty() : tensor<4x8x16xf32>
    %95 = linalg.fill ins(%cst : f32) outs(%94 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %96 = linalg.batch_matmul ins(%collapsed_39, %collapsed_40 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%95 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %expanded_41 = tensor.expand_shape %96 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
    %97 = tensor.empty() : tensor<1x8x4x16xf32>
    %transposed_42 = linalg.transpose ins(%expanded_41 : tensor<1x4x8x16xf32>) outs(%97 : tensor<1x8x4x16xf32>) permutation = [0, 2, 1, 3] 
    %model.layers.0.self_attn.o_proj.weight = util.global.load @model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>
    %transposed_43 = linalg.transpose ins(%model.layers.0.self_attn.o_proj.weight : tensor<64x64xf32>) outs(%42 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_44 = tensor.collapse_shape %transposed_42 [[0, 1], [2, 3]] : tensor<1x8x4x16xf32> into tensor<8x64xf32>
    %98 = linalg.matmul ins(%collapsed_44, %transposed_43 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%44 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_45 = tensor.expand_shape %98 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %99 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1, %expanded_45 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.addf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %100 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%99 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %101 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%100 : tensor<1x8x64xf32>) outs(%35 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.addf %in, %out : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %102 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%101 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.divf %in, %cst_8 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %103 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%102 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.truncf %cst_7 : f64 to f32
      %128 = arith.addf %in, %127 : f32
      linalg.yield %128 : f32
    } -> tensor<1x8x1xf32>
    %104 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%103 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.rsqrt %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %105 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%99, %104 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.post_attention_layernorm.weight = util.global.load @model.layers.0.post_attention_layernorm.weight : tensor<64xf32>
    %106 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.layers.0.post_attention_layernorm.weight, %105 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %model.layers.0.mlp.gate_proj.weight = util.global.load @model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>
    %107 = tensor.empty() : tensor<64x128xf32>
    %transposed_46 = linalg.transpose ins(%model.layers.0.mlp.gate_proj.weight : tensor<128x64xf32>) outs(%107 : tensor<64x128xf32>) permutation = [1, 0] 
    %collapsed_47 = tensor.collapse_shape %106 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %108 = tensor.empty() : tensor<8x128xf32>
    %109 = linalg.fill ins(%cst : f32) outs(%108 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %110 = linalg.matmul ins(%collapsed_47, %transposed_46 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%109 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %expanded_48 = tensor.expand_shape %110 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %111 = tensor.empty() : tensor<1x8x128xf32>
    %112 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_48 : tensor<1x8x128xf32>) outs(%111 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.negf %in : f32
      %128 = math.exp %127 : f32
      %129 = arith.addf %128, %cst_1 : f32
      %130 = arith.divf %cst_1, %129 : f32
      linalg.yield %130 : f32
    } -> tensor<1x8x128xf32>
    %113 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_48, %112 : tensor<1x8x128xf32>, tensor<1x8x128xf32>) outs(%111 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x128xf32>
    %model.layers.0.mlp.up_proj.weight = util.global.load @model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>
    %transposed_49 = linalg.transpose ins(%model.layers.0.mlp.up_proj.weight : tensor<128x64xf32>) outs(%107 : tensor<64x128xf32>) permutation = [1, 0] 
    %114 = linalg.matmul ins(%collapsed_47, %transposed_49 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%109 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %expanded_50 = tensor.expand_shape %114 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %115 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%113, %expanded_50 : tensor<1x8x128xf32>, tensor<1x8x128xf32>) outs(%111 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x128xf32>
    %model.layers.0.mlp.down_proj.weight = util.global.load @model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>
    %116 = tensor.empty() : tensor<128x64xf32>
    %transposed_51 = linalg.transpose ins(%model.layers.0.mlp.down_proj.weight : tensor<64x128xf32>) outs(%116 : tensor<128x64xf32>) permutation = [1, 0] 
    %collapsed_52 = tensor.collapse_shape %115 [[0, 1], [2]] : tensor<1x8x128xf32> into tensor<8x128xf32>
    %117 = linalg.matmul ins(%collapsed_52, %transposed_51 : tensor<8x128xf32>, tensor<128x64xf32>) outs(%44 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_53 = tensor.expand_shape %117 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %118 = linalg.generic {indexing_maps = [#map1, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%99, %expanded_53 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.addf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %119 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%118 : tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.fpowi %in, %c2_i64 : f32, i64
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %120 = linalg.generic {indexing_maps = [#map1, #map11], iterator_types = ["parallel", "parallel", "reduction"]} ins(%119 : tensor<1x8x64xf32>) outs(%35 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.addf %in, %out : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %121 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%120 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.divf %in, %cst_8 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %122 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%121 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = arith.truncf %cst_7 : f64 to f32
      %128 = arith.addf %in, %127 : f32
      linalg.yield %128 : f32
    } -> tensor<1x8x1xf32>
    %123 = linalg.generic {indexing_maps = [#map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%122 : tensor<1x8x1xf32>) outs(%27 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %127 = math.rsqrt %in : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x1xf32>
    %124 = linalg.generic {indexing_maps = [#map1, #map11, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%118, %123 : tensor<1x8x64xf32>, tensor<1x8x1xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %model.norm.weight = util.global.load @model.norm.weight : tensor<64xf32>
    %125 = linalg.generic {indexing_maps = [#map12, #map1, #map1], iterator_types = ["parallel", "parallel", "parallel"]} ins(%model.norm.weight, %124 : tensor<64xf32>, tensor<1x8x64xf32>) outs(%0 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_57: f32, %out: f32):
      %127 = arith.mulf %in, %in_57 : f32
      linalg.yield %127 : f32
    } -> tensor<1x8x64xf32>
    %lm_head.weight = util.global.load @lm_head.weight : tensor<64x64xf32>
    %transposed_54 = linalg.transpose ins(%lm_head.weight : tensor<64x64xf32>) outs(%42 : tensor<64x64xf32>) permutation = [1, 0] 
    %collapsed_55 = tensor.collapse_shape %125 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %126 = linalg.matmul ins(%collapsed_55, %transposed_54 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%44 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %expanded_56 = tensor.expand_shape %126 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    util.return %expanded_56 : tensor<1x8x64xf32>
  }
}
