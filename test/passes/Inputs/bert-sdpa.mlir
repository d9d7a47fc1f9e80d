// Imported by accel's frontend (compiler/frontend) from a seeded tiny transformers
// BertModel (1 layer, hidden 64, 4 heads), attn_implementation="sdpa", weights external:
//   from_hf_config({'model_type': 'bert', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'vocab_size': 64, 'max_position_embeddings': 32, 'attn_implementation': 'sdpa'}, seed=0, seq_len=8, kind="encoder", weights="external")
// An input of test/passes/accel-raise-*.mlir: the linalg IREE's torch-to-iree makes.
// Regenerate with test/passes/Inputs/make_imported_inputs.py.
#map = affine_map<(d0, d1) -> (d0, d1)>
#map1 = affine_map<(d0, d1, d2) -> (d0, d1)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#map3 = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
#map4 = affine_map<(d0, d1, d2) -> (d2)>
#map5 = affine_map<(d0) -> (d0)>
#map6 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#map7 = affine_map<(d0, d1, d2, d3) -> ()>
#map8 = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, 0)>
#map9 = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, d3)>
#map10 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, 0)>
#map11 = affine_map<(d0, d1, d2, d3) -> (d0, d1, 0, d3)>
#map12 = affine_map<(d0, d1) -> (d1)>
#map13 = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#map14 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
module @module {
  util.global private @embeddings.position_ids = #flow.parameter.named<"model"::"embeddings.position_ids"> : tensor<1x32xi64>
  util.global private @embeddings.token_type_ids = #flow.parameter.named<"model"::"embeddings.token_type_ids"> : tensor<1x32xi64>
  util.global private @embeddings.word_embeddings.weight = #flow.parameter.named<"model"::"embeddings.word_embeddings.weight"> : tensor<64x64xf32>
  util.global private @embeddings.token_type_embeddings.weight = #flow.parameter.named<"model"::"embeddings.token_type_embeddings.weight"> : tensor<2x64xf32>
  util.global private @embeddings.position_embeddings.weight = #flow.parameter.named<"model"::"embeddings.position_embeddings.weight"> : tensor<32x64xf32>
  util.global private @embeddings.LayerNorm.weight = #flow.parameter.named<"model"::"embeddings.LayerNorm.weight"> : tensor<64xf32>
  util.global private @embeddings.LayerNorm.bias = #flow.parameter.named<"model"::"embeddings.LayerNorm.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.self.query.weight = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.query.weight"> : tensor<64x64xf32>
  util.global private @encoder.layer.0.attention.self.query.bias = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.query.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.self.key.weight = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.key.weight"> : tensor<64x64xf32>
  util.global private @encoder.layer.0.attention.self.key.bias = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.key.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.self.value.weight = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.value.weight"> : tensor<64x64xf32>
  util.global private @encoder.layer.0.attention.self.value.bias = #flow.parameter.named<"model"::"encoder.layer.0.attention.self.value.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.output.dense.weight = #flow.parameter.named<"model"::"encoder.layer.0.attention.output.dense.weight"> : tensor<64x64xf32>
  util.global private @encoder.layer.0.attention.output.dense.bias = #flow.parameter.named<"model"::"encoder.layer.0.attention.output.dense.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.output.LayerNorm.weight = #flow.parameter.named<"model"::"encoder.layer.0.attention.output.LayerNorm.weight"> : tensor<64xf32>
  util.global private @encoder.layer.0.attention.output.LayerNorm.bias = #flow.parameter.named<"model"::"encoder.layer.0.attention.output.LayerNorm.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.intermediate.dense.weight = #flow.parameter.named<"model"::"encoder.layer.0.intermediate.dense.weight"> : tensor<128x64xf32>
  util.global private @encoder.layer.0.intermediate.dense.bias = #flow.parameter.named<"model"::"encoder.layer.0.intermediate.dense.bias"> : tensor<128xf32>
  util.global private @encoder.layer.0.output.dense.weight = #flow.parameter.named<"model"::"encoder.layer.0.output.dense.weight"> : tensor<64x128xf32>
  util.global private @encoder.layer.0.output.dense.bias = #flow.parameter.named<"model"::"encoder.layer.0.output.dense.bias"> : tensor<64xf32>
  util.global private @encoder.layer.0.output.LayerNorm.weight = #flow.parameter.named<"model"::"encoder.layer.0.output.LayerNorm.weight"> : tensor<64xf32>
  util.global private @encoder.layer.0.output.LayerNorm.bias = #flow.parameter.named<"model"::"encoder.layer.0.output.LayerNorm.bias"> : tensor<64xf32>
  util.global private @pooler.dense.weight = #flow.parameter.named<"model"::"pooler.dense.weight"> : tensor<64x64xf32>
  util.global private @pooler.dense.bias = #flow.parameter.named<"model"::"pooler.dense.bias"> : tensor<64xf32>
  util.func public @main(%arg0: tensor<1x8xi64>, %arg1: tensor<1x8xi64>) -> (tensor<1x8x64xf32>, tensor<1x64xf32>) {
    %c8_i64 = arith.constant 8 : i64
    %c0_i64 = arith.constant 0 : i64
    %c1_i64 = arith.constant 1 : i64
    %c0 = arith.constant 0 : index
    %c32 = arith.constant 32 : index
    %c64 = arith.constant 64 : index
    %c2 = arith.constant 2 : index
    %cst = arith.constant 0.000000e+00 : f32
    %cst_0 = arith.constant 0xFF800000 : f32
    %false = arith.constant false
    %cst_1 = arith.constant 1.41421354 : f32
    %cst_2 = arith.constant 1.000000e+00 : f32
    %cst_3 = arith.constant 5.000000e-01 : f32
    %cst_4 = arith.constant dense<0.000000e+00> : tensor<1x4x8x8xf32>
    %cst_5 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_6 = arith.constant dense<0xFF800000> : tensor<f32>
    %cst_7 = arith.constant dense<true> : tensor<i1>
    %cst_8 = arith.constant 0xFFF0000000000000 : f64
    %cst_9 = arith.constant 9.9999999999999998E-13 : f64
    %cst_10 = arith.constant 6.400000e+01 : f32
    %embeddings.position_ids = util.global.load @embeddings.position_ids : tensor<1x32xi64>
    %extracted_slice = tensor.extract_slice %embeddings.position_ids[0, 0] [1, 8] [1, 1] : tensor<1x32xi64> to tensor<1x8xi64>
    %embeddings.token_type_ids = util.global.load @embeddings.token_type_ids : tensor<1x32xi64>
    %0 = tensor.empty() : tensor<1x8xi64>
    %1 = linalg.fill ins(%c0_i64 : i64) outs(%0 : tensor<1x8xi64>) -> tensor<1x8xi64>
    %2 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice : tensor<1x8xi64>) outs(%1 : tensor<1x8xi64>) {
    ^bb0(%in: i64, %out: i64):
      %125 = arith.index_cast %in : i64 to index
      %126 = arith.cmpi slt, %125, %c32 : index
      cf.assert %126, "index must be smaller than dim size"
      %127 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %127, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.token_type_ids[%c0, %125] : tensor<1x32xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x8xi64>
    %embeddings.word_embeddings.weight = util.global.load @embeddings.word_embeddings.weight : tensor<64x64xf32>
    %3 = tensor.empty() : tensor<1x8x64xf32>
    %4 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %125 = arith.index_cast %in : i64 to index
      %126 = linalg.index 2 : index
      %127 = arith.cmpi slt, %125, %c64 : index
      cf.assert %127, "index must be smaller than dim size"
      %128 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %128, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.word_embeddings.weight[%125, %126] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %embeddings.token_type_embeddings.weight = util.global.load @embeddings.token_type_embeddings.weight : tensor<2x64xf32>
    %5 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%2 : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %125 = arith.index_cast %in : i64 to index
      %126 = linalg.index 2 : index
      %127 = arith.cmpi slt, %125, %c2 : index
      cf.assert %127, "index must be smaller than dim size"
      %128 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %128, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.token_type_embeddings.weight[%125, %126] : tensor<2x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %6 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%4, %5 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %embeddings.position_embeddings.weight = util.global.load @embeddings.position_embeddings.weight : tensor<32x64xf32>
    %7 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%extracted_slice : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %125 = arith.index_cast %in : i64 to index
      %126 = linalg.index 2 : index
      %127 = arith.cmpi slt, %125, %c32 : index
      cf.assert %127, "index must be smaller than dim size"
      %128 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %128, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.position_embeddings.weight[%125, %126] : tensor<32x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %8 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%6, %7 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %embeddings.LayerNorm.weight = util.global.load @embeddings.LayerNorm.weight : tensor<64xf32>
    %embeddings.LayerNorm.bias = util.global.load @embeddings.LayerNorm.bias : tensor<64xf32>
    %9 = tensor.empty() : tensor<1x8x1xf32>
    %10 = linalg.fill ins(%cst : f32) outs(%9 : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
    %11 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%8 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %12 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%11 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed = tensor.collapse_shape %12 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %13 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %14 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%8, %13 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.subf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %15 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%14, %14 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %16 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%15 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %17 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%16 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %18 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%17 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.truncf %cst_9 : f64 to f32
      %126 = arith.addf %in, %125 : f32
      linalg.yield %126 : f32
    } -> tensor<1x8x1xf32>
    %19 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%18 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = math.rsqrt %in : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_11 = tensor.collapse_shape %19 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %20 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_11 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %21 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%14, %20 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %22 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%21, %embeddings.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %23 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%22, %embeddings.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %24 = tensor.empty() : tensor<1x8xi1>
    %25 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg1 : tensor<1x8xi64>) outs(%24 : tensor<1x8xi1>) {
    ^bb0(%in: i64, %out: i1):
      %125 = arith.cmpi ne, %in, %c0_i64 : i64
      linalg.yield %125 : i1
    } -> tensor<1x8xi1>
    %26 = tensor.empty() : tensor<1xi64>
    %27 = linalg.generic {indexing_maps = [#map5], iterator_types = ["parallel"]} outs(%26 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %28 = tensor.empty() : tensor<8xi64>
    %29 = linalg.generic {indexing_maps = [#map5], iterator_types = ["parallel"]} outs(%28 : tensor<8xi64>) {
    ^bb0(%out: i64):
      %125 = linalg.index 0 : index
      %126 = arith.index_cast %125 : index to i64
      linalg.yield %126 : i64
    } -> tensor<8xi64>
    %expanded = tensor.expand_shape %27 [[0, 1, 2, 3]] output_shape [1, 1, 1, 1] : tensor<1xi64> into tensor<1x1x1x1xi64>
    %expanded_12 = tensor.expand_shape %29 [[0, 1, 2, 3]] output_shape [1, 1, 8, 1] : tensor<8xi64> into tensor<1x1x8x1xi64>
    %expanded_13 = tensor.expand_shape %29 [[0, 1, 2, 3]] output_shape [1, 1, 1, 8] : tensor<8xi64> into tensor<1x1x1x8xi64>
    %30 = tensor.empty() : tensor<1x1x8x1xi1>
    %31 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_12 : tensor<1x1x8x1xi64>) outs(%30 : tensor<1x1x8x1xi1>) {
    ^bb0(%in: i64, %out: i1):
      %125 = arith.cmpi sge, %in, %c0_i64 : i64
      linalg.yield %125 : i1
    } -> tensor<1x1x8x1xi1>
    %32 = linalg.generic {indexing_maps = [#map7, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cst_7, %31 : tensor<i1>, tensor<1x1x8x1xi1>) outs(%30 : tensor<1x1x8x1xi1>) {
    ^bb0(%in: i1, %in_47: i1, %out: i1):
      %125 = arith.andi %in, %in_47 : i1
      linalg.yield %125 : i1
    } -> tensor<1x1x8x1xi1>
    %33 = tensor.empty() : tensor<1x1x1x8xi1>
    %34 = linalg.generic {indexing_maps = [#map8, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %expanded_13 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%33 : tensor<1x1x1x8xi1>) {
    ^bb0(%in: i64, %in_47: i64, %out: i1):
      %125 = arith.cmpi slt, %in, %c0_i64 : i64
      %126 = arith.addi %in, %c1_i64 : i64
      %127 = arith.select %125, %126, %in : i64
      %128 = arith.index_cast %127 : i64 to index
      %129 = arith.cmpi slt, %in_47, %c0_i64 : i64
      %130 = arith.addi %in_47, %c8_i64 : i64
      %131 = arith.select %129, %130, %in_47 : i64
      %132 = arith.index_cast %131 : i64 to index
      %extracted = tensor.extract %25[%128, %132] : tensor<1x8xi1>
      linalg.yield %extracted : i1
    } -> tensor<1x1x1x8xi1>
    %35 = tensor.empty() : tensor<1x1x8x8xi1>
    %36 = linalg.generic {indexing_maps = [#map10, #map11, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%32, %34 : tensor<1x1x8x1xi1>, tensor<1x1x1x8xi1>) outs(%35 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_47: i1, %out: i1):
      %125 = arith.andi %in, %in_47 : i1
      linalg.yield %125 : i1
    } -> tensor<1x1x8x8xi1>
    %collapsed_14 = tensor.collapse_shape %23 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %encoder.layer.0.attention.self.query.weight = util.global.load @encoder.layer.0.attention.self.query.weight : tensor<64x64xf32>
    %37 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%encoder.layer.0.attention.self.query.weight : tensor<64x64xf32>) outs(%37 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.query.bias = util.global.load @encoder.layer.0.attention.self.query.bias : tensor<64xf32>
    %38 = tensor.empty() : tensor<8x64xf32>
    %39 = linalg.fill ins(%cst : f32) outs(%38 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %40 = linalg.matmul ins(%collapsed_14, %transposed : tensor<8x64xf32>, tensor<64x64xf32>) outs(%39 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %41 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.query.bias, %40 : tensor<64xf32>, tensor<8x64xf32>) outs(%38 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x64xf32>
    %expanded_15 = tensor.expand_shape %41 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %42 = tensor.empty() : tensor<1x4x8x16xf32>
    %transposed_16 = linalg.transpose ins(%expanded_15 : tensor<1x8x4x16xf32>) outs(%42 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %encoder.layer.0.attention.self.key.weight = util.global.load @encoder.layer.0.attention.self.key.weight : tensor<64x64xf32>
    %transposed_17 = linalg.transpose ins(%encoder.layer.0.attention.self.key.weight : tensor<64x64xf32>) outs(%37 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.key.bias = util.global.load @encoder.layer.0.attention.self.key.bias : tensor<64xf32>
    %43 = linalg.matmul ins(%collapsed_14, %transposed_17 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%39 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %44 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.key.bias, %43 : tensor<64xf32>, tensor<8x64xf32>) outs(%38 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x64xf32>
    %expanded_18 = tensor.expand_shape %44 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %encoder.layer.0.attention.self.value.weight = util.global.load @encoder.layer.0.attention.self.value.weight : tensor<64x64xf32>
    %transposed_19 = linalg.transpose ins(%encoder.layer.0.attention.self.value.weight : tensor<64x64xf32>) outs(%37 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.value.bias = util.global.load @encoder.layer.0.attention.self.value.bias : tensor<64xf32>
    %45 = linalg.matmul ins(%collapsed_14, %transposed_19 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%39 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %46 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.value.bias, %45 : tensor<64xf32>, tensor<8x64xf32>) outs(%38 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x64xf32>
    %expanded_20 = tensor.expand_shape %46 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %transposed_21 = linalg.transpose ins(%expanded_20 : tensor<1x8x4x16xf32>) outs(%42 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %47 = tensor.empty() : tensor<1x1x8x8xf32>
    %48 = linalg.generic {indexing_maps = [#map6, #map7, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%36, %cst_5, %cst_6 : tensor<1x1x8x8xi1>, tensor<f32>, tensor<f32>) outs(%47 : tensor<1x1x8x8xf32>) {
    ^bb0(%in: i1, %in_47: f32, %in_48: f32, %out: f32):
      %125 = arith.select %in, %in_47, %in_48 : f32
      linalg.yield %125 : f32
    } -> tensor<1x1x8x8xf32>
    %49 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_16 : tensor<1x4x8x16xf32>) outs(%42 : tensor<1x4x8x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.mulf %in, %cst_3 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x16xf32>
    %50 = tensor.empty() : tensor<1x4x16x8xf32>
    %transposed_22 = linalg.transpose ins(%expanded_18 : tensor<1x8x4x16xf32>) outs(%50 : tensor<1x4x16x8xf32>) permutation = [0, 2, 3, 1] 
    %51 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%transposed_22 : tensor<1x4x16x8xf32>) outs(%50 : tensor<1x4x16x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.mulf %in, %cst_3 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x16x8xf32>
    %collapsed_23 = tensor.collapse_shape %49 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %collapsed_24 = tensor.collapse_shape %51 [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
    %52 = tensor.empty() : tensor<4x8x8xf32>
    %53 = linalg.fill ins(%cst : f32) outs(%52 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %54 = linalg.batch_matmul ins(%collapsed_23, %collapsed_24 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%53 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %expanded_25 = tensor.expand_shape %54 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
    %55 = tensor.empty() : tensor<1x4x8x8xf32>
    %56 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_25, %48 : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%55 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x8xf32>
    %57 = tensor.empty() : tensor<1x4x8xi64>
    %58 = linalg.fill ins(%c0_i64 : i64) outs(%57 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
    %59 = tensor.empty() : tensor<1x4x8xf32>
    %60 = linalg.fill ins(%cst_0 : f32) outs(%59 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %61:2 = linalg.generic {indexing_maps = [#map6, #map14, #map14], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%56 : tensor<1x4x8x8xf32>) outs(%60, %58 : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
    ^bb0(%in: f32, %out: f32, %out_47: i64):
      %125 = linalg.index 3 : index
      %126 = arith.index_cast %125 : index to i64
      %127 = arith.maximumf %in, %out : f32
      %128 = arith.cmpf ogt, %in, %out : f32
      %129 = arith.select %128, %126, %out_47 : i64
      linalg.yield %127, %129 : f32, i64
    } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
    %expanded_26 = tensor.expand_shape %61#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
    %62 = linalg.generic {indexing_maps = [#map6, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%56, %expanded_26 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%55 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.subf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x8xf32>
    %63 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%62 : tensor<1x4x8x8xf32>) outs(%55 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = math.exp %in : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x8xf32>
    %64 = tensor.empty() : tensor<1x4x8x1xf32>
    %65 = linalg.fill ins(%cst : f32) outs(%64 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
    %66 = linalg.generic {indexing_maps = [#map6, #map10], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%63 : tensor<1x4x8x8xf32>) outs(%65 : tensor<1x4x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x1xf32>
    %67 = linalg.generic {indexing_maps = [#map6, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%63, %66 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%55 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.divf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x8xf32>
    %68 = tensor.empty() : tensor<1x4x8x8xi1>
    %69 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%56 : tensor<1x4x8x8xf32>) outs(%68 : tensor<1x4x8x8xi1>) {
    ^bb0(%in: f32, %out: i1):
      %125 = arith.extf %in : f32 to f64
      %126 = arith.cmpf oeq, %125, %cst_8 : f64
      linalg.yield %126 : i1
    } -> tensor<1x4x8x8xi1>
    %70 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%69 : tensor<1x4x8x8xi1>) outs(%68 : tensor<1x4x8x8xi1>) {
    ^bb0(%in: i1, %out: i1):
      %125 = arith.cmpi eq, %in, %false : i1
      linalg.yield %125 : i1
    } -> tensor<1x4x8x8xi1>
    %71 = tensor.empty() : tensor<1x4x8x1xi1>
    %72 = linalg.fill ins(%false : i1) outs(%71 : tensor<1x4x8x1xi1>) -> tensor<1x4x8x1xi1>
    %73 = linalg.generic {indexing_maps = [#map6, #map10], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%70 : tensor<1x4x8x8xi1>) outs(%72 : tensor<1x4x8x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %125 = arith.ori %in, %out : i1
      linalg.yield %125 : i1
    } -> tensor<1x4x8x1xi1>
    %74 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%73 : tensor<1x4x8x1xi1>) outs(%71 : tensor<1x4x8x1xi1>) {
    ^bb0(%in: i1, %out: i1):
      %125 = arith.cmpi eq, %in, %false : i1
      linalg.yield %125 : i1
    } -> tensor<1x4x8x1xi1>
    %75 = linalg.generic {indexing_maps = [#map10, #map6, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%74, %cst_4, %67 : tensor<1x4x8x1xi1>, tensor<1x4x8x8xf32>, tensor<1x4x8x8xf32>) outs(%55 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: i1, %in_47: f32, %in_48: f32, %out: f32):
      %125 = arith.select %in, %in_47, %in_48 : f32
      linalg.yield %125 : f32
    } -> tensor<1x4x8x8xf32>
    %collapsed_27 = tensor.collapse_shape %75 [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
    %collapsed_28 = tensor.collapse_shape %transposed_21 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %76 = tensor.empty() : tensor<4x8x16xf32>
    %77 = linalg.fill ins(%cst : f32) outs(%76 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %78 = linalg.batch_matmul ins(%collapsed_27, %collapsed_28 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%77 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %expanded_29 = tensor.expand_shape %78 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
    %79 = tensor.empty() : tensor<1x8x4x16xf32>
    %transposed_30 = linalg.transpose ins(%expanded_29 : tensor<1x4x8x16xf32>) outs(%79 : tensor<1x8x4x16xf32>) permutation = [0, 2, 1, 3] 
    %collapsed_31 = tensor.collapse_shape %transposed_30 [[0, 1], [2, 3]] : tensor<1x8x4x16xf32> into tensor<8x64xf32>
    %encoder.layer.0.attention.output.dense.weight = util.global.load @encoder.layer.0.attention.output.dense.weight : tensor<64x64xf32>
    %transposed_32 = linalg.transpose ins(%encoder.layer.0.attention.output.dense.weight : tensor<64x64xf32>) outs(%37 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.output.dense.bias = util.global.load @encoder.layer.0.attention.output.dense.bias : tensor<64xf32>
    %80 = linalg.matmul ins(%collapsed_31, %transposed_32 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%39 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %81 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.output.dense.bias, %80 : tensor<64xf32>, tensor<8x64xf32>) outs(%38 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x64xf32>
    %expanded_33 = tensor.expand_shape %81 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %82 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_33, %23 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %encoder.layer.0.attention.output.LayerNorm.weight = util.global.load @encoder.layer.0.attention.output.LayerNorm.weight : tensor<64xf32>
    %encoder.layer.0.attention.output.LayerNorm.bias = util.global.load @encoder.layer.0.attention.output.LayerNorm.bias : tensor<64xf32>
    %83 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%82 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %84 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%83 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_34 = tensor.collapse_shape %84 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %85 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_34 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %86 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%82, %85 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.subf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %87 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%86, %86 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %88 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%87 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %89 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%88 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %90 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%89 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.truncf %cst_9 : f64 to f32
      %126 = arith.addf %in, %125 : f32
      linalg.yield %126 : f32
    } -> tensor<1x8x1xf32>
    %91 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%90 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = math.rsqrt %in : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_35 = tensor.collapse_shape %91 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %92 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_35 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %93 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%86, %92 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %94 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%93, %encoder.layer.0.attention.output.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %95 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%94, %encoder.layer.0.attention.output.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %collapsed_36 = tensor.collapse_shape %95 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %encoder.layer.0.intermediate.dense.weight = util.global.load @encoder.layer.0.intermediate.dense.weight : tensor<128x64xf32>
    %96 = tensor.empty() : tensor<64x128xf32>
    %transposed_37 = linalg.transpose ins(%encoder.layer.0.intermediate.dense.weight : tensor<128x64xf32>) outs(%96 : tensor<64x128xf32>) permutation = [1, 0] 
    %encoder.layer.0.intermediate.dense.bias = util.global.load @encoder.layer.0.intermediate.dense.bias : tensor<128xf32>
    %97 = tensor.empty() : tensor<8x128xf32>
    %98 = linalg.fill ins(%cst : f32) outs(%97 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %99 = linalg.matmul ins(%collapsed_36, %transposed_37 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%98 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %100 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.intermediate.dense.bias, %99 : tensor<128xf32>, tensor<8x128xf32>) outs(%97 : tensor<8x128xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x128xf32>
    %expanded_38 = tensor.expand_shape %100 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %101 = tensor.empty() : tensor<1x8x128xf32>
    %102 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_38 : tensor<1x8x128xf32>) outs(%101 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_1 : f32
      %126 = math.erf %125 : f32
      %127 = arith.addf %126, %cst_2 : f32
      %128 = arith.mulf %127, %cst_3 : f32
      %129 = arith.mulf %in, %128 : f32
      linalg.yield %129 : f32
    } -> tensor<1x8x128xf32>
    %collapsed_39 = tensor.collapse_shape %102 [[0, 1], [2]] : tensor<1x8x128xf32> into tensor<8x128xf32>
    %encoder.layer.0.output.dense.weight = util.global.load @encoder.layer.0.output.dense.weight : tensor<64x128xf32>
    %103 = tensor.empty() : tensor<128x64xf32>
    %transposed_40 = linalg.transpose ins(%encoder.layer.0.output.dense.weight : tensor<64x128xf32>) outs(%103 : tensor<128x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.output.dense.bias = util.global.load @encoder.layer.0.output.dense.bias : tensor<64xf32>
    %104 = linalg.matmul ins(%collapsed_39, %transposed_40 : tensor<8x128xf32>, tensor<128x64xf32>) outs(%39 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %105 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.output.dense.bias, %104 : tensor<64xf32>, tensor<8x64xf32>) outs(%38 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<8x64xf32>
    %expanded_41 = tensor.expand_shape %105 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %106 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_41, %95 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %encoder.layer.0.output.LayerNorm.weight = util.global.load @encoder.layer.0.output.LayerNorm.weight : tensor<64xf32>
    %encoder.layer.0.output.LayerNorm.bias = util.global.load @encoder.layer.0.output.LayerNorm.bias : tensor<64xf32>
    %107 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%106 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %108 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%107 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_42 = tensor.collapse_shape %108 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %109 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_42 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %110 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%106, %109 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.subf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %111 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%110, %110 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %112 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%111 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.addf %in, %out : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %113 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%112 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.divf %in, %cst_10 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %114 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%113 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = arith.truncf %cst_9 : f64 to f32
      %126 = arith.addf %in, %125 : f32
      linalg.yield %126 : f32
    } -> tensor<1x8x1xf32>
    %115 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%114 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = math.rsqrt %in : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_43 = tensor.collapse_shape %115 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %116 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_43 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %117 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%110, %116 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %118 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%117, %encoder.layer.0.output.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.mulf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %119 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%118, %encoder.layer.0.output.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x8x64xf32>
    %extracted_slice_44 = tensor.extract_slice %119[0, 0, 0] [1, 1, 64] [1, 1, 1] : tensor<1x8x64xf32> to tensor<1x1x64xf32>
    %collapsed_45 = tensor.collapse_shape %extracted_slice_44 [[0, 1], [2]] : tensor<1x1x64xf32> into tensor<1x64xf32>
    %pooler.dense.weight = util.global.load @pooler.dense.weight : tensor<64x64xf32>
    %transposed_46 = linalg.transpose ins(%pooler.dense.weight : tensor<64x64xf32>) outs(%37 : tensor<64x64xf32>) permutation = [1, 0] 
    %pooler.dense.bias = util.global.load @pooler.dense.bias : tensor<64xf32>
    %120 = tensor.empty() : tensor<1x64xf32>
    %121 = linalg.fill ins(%cst : f32) outs(%120 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %122 = linalg.matmul ins(%collapsed_45, %transposed_46 : tensor<1x64xf32>, tensor<64x64xf32>) outs(%121 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %123 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%pooler.dense.bias, %122 : tensor<64xf32>, tensor<1x64xf32>) outs(%120 : tensor<1x64xf32>) {
    ^bb0(%in: f32, %in_47: f32, %out: f32):
      %125 = arith.addf %in, %in_47 : f32
      linalg.yield %125 : f32
    } -> tensor<1x64xf32>
    %124 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%123 : tensor<1x64xf32>) outs(%120 : tensor<1x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %125 = math.tanh %in : f32
      linalg.yield %125 : f32
    } -> tensor<1x64xf32>
    util.return %119, %124 : tensor<1x8x64xf32>, tensor<1x64xf32>
  }
}
