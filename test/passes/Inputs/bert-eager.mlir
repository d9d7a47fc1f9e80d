// Imported by accel's frontend (compiler/frontend) from a seeded tiny transformers
// BertModel (1 layer, hidden 64, 4 heads), attn_implementation="eager", weights external:
//   from_hf_config({'model_type': 'bert', 'hidden_size': 64, 'intermediate_size': 128, 'num_hidden_layers': 1, 'num_attention_heads': 4, 'vocab_size': 64, 'max_position_embeddings': 32, 'attn_implementation': 'eager'}, seed=0, seq_len=8, kind="encoder", weights="external")
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
    %cst_1 = arith.constant 1.41421354 : f32
    %cst_2 = arith.constant 1.000000e+00 : f32
    %cst_3 = arith.constant 5.000000e-01 : f32
    %cst_4 = arith.constant dense<-3.40282347E+38> : tensor<f32>
    %cst_5 = arith.constant dense<0.000000e+00> : tensor<f32>
    %cst_6 = arith.constant dense<true> : tensor<i1>
    %cst_7 = arith.constant 9.9999999999999998E-13 : f64
    %cst_8 = arith.constant 6.400000e+01 : f32
    %cst_9 = arith.constant 2.500000e-01 : f32
    %embeddings.position_ids = util.global.load @embeddings.position_ids : tensor<1x32xi64>
    %extracted_slice = tensor.extract_slice %embeddings.position_ids[0, 0] [1, 8] [1, 1] : tensor<1x32xi64> to tensor<1x8xi64>
    %embeddings.token_type_ids = util.global.load @embeddings.token_type_ids : tensor<1x32xi64>
    %0 = tensor.empty() : tensor<1x8xi64>
    %1 = linalg.fill ins(%c0_i64 : i64) outs(%0 : tensor<1x8xi64>) -> tensor<1x8xi64>
    %2 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%extracted_slice : tensor<1x8xi64>) outs(%1 : tensor<1x8xi64>) {
    ^bb0(%in: i64, %out: i64):
      %116 = arith.index_cast %in : i64 to index
      %117 = arith.cmpi slt, %116, %c32 : index
      cf.assert %117, "index must be smaller than dim size"
      %118 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %118, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.token_type_ids[%c0, %116] : tensor<1x32xi64>
      linalg.yield %extracted : i64
    } -> tensor<1x8xi64>
    %embeddings.word_embeddings.weight = util.global.load @embeddings.word_embeddings.weight : tensor<64x64xf32>
    %3 = tensor.empty() : tensor<1x8x64xf32>
    %4 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %116 = arith.index_cast %in : i64 to index
      %117 = linalg.index 2 : index
      %118 = arith.cmpi slt, %116, %c64 : index
      cf.assert %118, "index must be smaller than dim size"
      %119 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %119, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.word_embeddings.weight[%116, %117] : tensor<64x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %embeddings.token_type_embeddings.weight = util.global.load @embeddings.token_type_embeddings.weight : tensor<2x64xf32>
    %5 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%2 : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %116 = arith.index_cast %in : i64 to index
      %117 = linalg.index 2 : index
      %118 = arith.cmpi slt, %116, %c2 : index
      cf.assert %118, "index must be smaller than dim size"
      %119 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %119, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.token_type_embeddings.weight[%116, %117] : tensor<2x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %6 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%4, %5 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %embeddings.position_embeddings.weight = util.global.load @embeddings.position_embeddings.weight : tensor<32x64xf32>
    %7 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%extracted_slice : tensor<1x8xi64>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: i64, %out: f32):
      %116 = arith.index_cast %in : i64 to index
      %117 = linalg.index 2 : index
      %118 = arith.cmpi slt, %116, %c32 : index
      cf.assert %118, "index must be smaller than dim size"
      %119 = arith.cmpi sge, %in, %c0_i64 : i64
      cf.assert %119, "index must be larger or equal to 0"
      %extracted = tensor.extract %embeddings.position_embeddings.weight[%116, %117] : tensor<32x64xf32>
      linalg.yield %extracted : f32
    } -> tensor<1x8x64xf32>
    %8 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%6, %7 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %embeddings.LayerNorm.weight = util.global.load @embeddings.LayerNorm.weight : tensor<64xf32>
    %embeddings.LayerNorm.bias = util.global.load @embeddings.LayerNorm.bias : tensor<64xf32>
    %9 = tensor.empty() : tensor<1x8x1xf32>
    %10 = linalg.fill ins(%cst : f32) outs(%9 : tensor<1x8x1xf32>) -> tensor<1x8x1xf32>
    %11 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%8 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %12 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%11 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed = tensor.collapse_shape %12 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %13 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %14 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%8, %13 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.subf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %15 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%14, %14 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %16 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%15 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %17 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%16 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %18 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%17 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_7 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x8x1xf32>
    %19 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%18 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_10 = tensor.collapse_shape %19 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %20 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_10 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %21 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%14, %20 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %22 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%21, %embeddings.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %23 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%22, %embeddings.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %24 = tensor.empty() : tensor<1x8xi1>
    %25 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%arg1 : tensor<1x8xi64>) outs(%24 : tensor<1x8xi1>) {
    ^bb0(%in: i64, %out: i1):
      %116 = arith.cmpi ne, %in, %c0_i64 : i64
      linalg.yield %116 : i1
    } -> tensor<1x8xi1>
    %26 = tensor.empty() : tensor<1xi64>
    %27 = linalg.generic {indexing_maps = [#map5], iterator_types = ["parallel"]} outs(%26 : tensor<1xi64>) {
    ^bb0(%out: i64):
      linalg.yield %c0_i64 : i64
    } -> tensor<1xi64>
    %28 = tensor.empty() : tensor<8xi64>
    %29 = linalg.generic {indexing_maps = [#map5], iterator_types = ["parallel"]} outs(%28 : tensor<8xi64>) {
    ^bb0(%out: i64):
      %116 = linalg.index 0 : index
      %117 = arith.index_cast %116 : index to i64
      linalg.yield %117 : i64
    } -> tensor<8xi64>
    %expanded = tensor.expand_shape %27 [[0, 1, 2, 3]] output_shape [1, 1, 1, 1] : tensor<1xi64> into tensor<1x1x1x1xi64>
    %expanded_11 = tensor.expand_shape %29 [[0, 1, 2, 3]] output_shape [1, 1, 8, 1] : tensor<8xi64> into tensor<1x1x8x1xi64>
    %expanded_12 = tensor.expand_shape %29 [[0, 1, 2, 3]] output_shape [1, 1, 1, 8] : tensor<8xi64> into tensor<1x1x1x8xi64>
    %30 = tensor.empty() : tensor<1x1x8x1xi1>
    %31 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_11 : tensor<1x1x8x1xi64>) outs(%30 : tensor<1x1x8x1xi1>) {
    ^bb0(%in: i64, %out: i1):
      %116 = arith.cmpi sge, %in, %c0_i64 : i64
      linalg.yield %116 : i1
    } -> tensor<1x1x8x1xi1>
    %32 = linalg.generic {indexing_maps = [#map7, #map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%cst_6, %31 : tensor<i1>, tensor<1x1x8x1xi1>) outs(%30 : tensor<1x1x8x1xi1>) {
    ^bb0(%in: i1, %in_46: i1, %out: i1):
      %116 = arith.andi %in, %in_46 : i1
      linalg.yield %116 : i1
    } -> tensor<1x1x8x1xi1>
    %33 = tensor.empty() : tensor<1x1x1x8xi1>
    %34 = linalg.generic {indexing_maps = [#map8, #map9, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded, %expanded_12 : tensor<1x1x1x1xi64>, tensor<1x1x1x8xi64>) outs(%33 : tensor<1x1x1x8xi1>) {
    ^bb0(%in: i64, %in_46: i64, %out: i1):
      %116 = arith.cmpi slt, %in, %c0_i64 : i64
      %117 = arith.addi %in, %c1_i64 : i64
      %118 = arith.select %116, %117, %in : i64
      %119 = arith.index_cast %118 : i64 to index
      %120 = arith.cmpi slt, %in_46, %c0_i64 : i64
      %121 = arith.addi %in_46, %c8_i64 : i64
      %122 = arith.select %120, %121, %in_46 : i64
      %123 = arith.index_cast %122 : i64 to index
      %extracted = tensor.extract %25[%119, %123] : tensor<1x8xi1>
      linalg.yield %extracted : i1
    } -> tensor<1x1x1x8xi1>
    %35 = tensor.empty() : tensor<1x1x8x8xi1>
    %36 = linalg.generic {indexing_maps = [#map10, #map11, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%32, %34 : tensor<1x1x8x1xi1>, tensor<1x1x1x8xi1>) outs(%35 : tensor<1x1x8x8xi1>) {
    ^bb0(%in: i1, %in_46: i1, %out: i1):
      %116 = arith.andi %in, %in_46 : i1
      linalg.yield %116 : i1
    } -> tensor<1x1x8x8xi1>
    %37 = tensor.empty() : tensor<1x1x8x8xf32>
    %38 = linalg.generic {indexing_maps = [#map6, #map7, #map7, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%36, %cst_5, %cst_4 : tensor<1x1x8x8xi1>, tensor<f32>, tensor<f32>) outs(%37 : tensor<1x1x8x8xf32>) {
    ^bb0(%in: i1, %in_46: f32, %in_47: f32, %out: f32):
      %116 = arith.select %in, %in_46, %in_47 : f32
      linalg.yield %116 : f32
    } -> tensor<1x1x8x8xf32>
    %collapsed_13 = tensor.collapse_shape %23 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %encoder.layer.0.attention.self.query.weight = util.global.load @encoder.layer.0.attention.self.query.weight : tensor<64x64xf32>
    %39 = tensor.empty() : tensor<64x64xf32>
    %transposed = linalg.transpose ins(%encoder.layer.0.attention.self.query.weight : tensor<64x64xf32>) outs(%39 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.query.bias = util.global.load @encoder.layer.0.attention.self.query.bias : tensor<64xf32>
    %40 = tensor.empty() : tensor<8x64xf32>
    %41 = linalg.fill ins(%cst : f32) outs(%40 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %42 = linalg.matmul ins(%collapsed_13, %transposed : tensor<8x64xf32>, tensor<64x64xf32>) outs(%41 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %43 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.query.bias, %42 : tensor<64xf32>, tensor<8x64xf32>) outs(%40 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x64xf32>
    %expanded_14 = tensor.expand_shape %43 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %44 = tensor.empty() : tensor<1x4x8x16xf32>
    %transposed_15 = linalg.transpose ins(%expanded_14 : tensor<1x8x4x16xf32>) outs(%44 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %encoder.layer.0.attention.self.key.weight = util.global.load @encoder.layer.0.attention.self.key.weight : tensor<64x64xf32>
    %transposed_16 = linalg.transpose ins(%encoder.layer.0.attention.self.key.weight : tensor<64x64xf32>) outs(%39 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.key.bias = util.global.load @encoder.layer.0.attention.self.key.bias : tensor<64xf32>
    %45 = linalg.matmul ins(%collapsed_13, %transposed_16 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%41 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %46 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.key.bias, %45 : tensor<64xf32>, tensor<8x64xf32>) outs(%40 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x64xf32>
    %expanded_17 = tensor.expand_shape %46 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %encoder.layer.0.attention.self.value.weight = util.global.load @encoder.layer.0.attention.self.value.weight : tensor<64x64xf32>
    %transposed_18 = linalg.transpose ins(%encoder.layer.0.attention.self.value.weight : tensor<64x64xf32>) outs(%39 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.self.value.bias = util.global.load @encoder.layer.0.attention.self.value.bias : tensor<64xf32>
    %47 = linalg.matmul ins(%collapsed_13, %transposed_18 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%41 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %48 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.self.value.bias, %47 : tensor<64xf32>, tensor<8x64xf32>) outs(%40 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x64xf32>
    %expanded_19 = tensor.expand_shape %48 [[0, 1], [2, 3]] output_shape [1, 8, 4, 16] : tensor<8x64xf32> into tensor<1x8x4x16xf32>
    %transposed_20 = linalg.transpose ins(%expanded_19 : tensor<1x8x4x16xf32>) outs(%44 : tensor<1x4x8x16xf32>) permutation = [0, 2, 1, 3] 
    %49 = tensor.empty() : tensor<1x4x16x8xf32>
    %transposed_21 = linalg.transpose ins(%expanded_17 : tensor<1x8x4x16xf32>) outs(%49 : tensor<1x4x16x8xf32>) permutation = [0, 2, 3, 1] 
    %collapsed_22 = tensor.collapse_shape %transposed_15 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %collapsed_23 = tensor.collapse_shape %transposed_21 [[0, 1], [2], [3]] : tensor<1x4x16x8xf32> into tensor<4x16x8xf32>
    %50 = tensor.empty() : tensor<4x8x8xf32>
    %51 = linalg.fill ins(%cst : f32) outs(%50 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %52 = linalg.batch_matmul ins(%collapsed_22, %collapsed_23 : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%51 : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
    %expanded_24 = tensor.expand_shape %52 [[0, 1], [2], [3]] output_shape [1, 4, 8, 8] : tensor<4x8x8xf32> into tensor<1x4x8x8xf32>
    %53 = tensor.empty() : tensor<1x4x8x8xf32>
    %54 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%expanded_24 : tensor<1x4x8x8xf32>) outs(%53 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.mulf %in, %cst_9 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x8xf32>
    %55 = linalg.generic {indexing_maps = [#map6, #map13, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%54, %38 : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%53 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x8xf32>
    %56 = tensor.empty() : tensor<1x4x8xi64>
    %57 = linalg.fill ins(%c0_i64 : i64) outs(%56 : tensor<1x4x8xi64>) -> tensor<1x4x8xi64>
    %58 = tensor.empty() : tensor<1x4x8xf32>
    %59 = linalg.fill ins(%cst_0 : f32) outs(%58 : tensor<1x4x8xf32>) -> tensor<1x4x8xf32>
    %60:2 = linalg.generic {indexing_maps = [#map6, #map14, #map14], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%55 : tensor<1x4x8x8xf32>) outs(%59, %57 : tensor<1x4x8xf32>, tensor<1x4x8xi64>) {
    ^bb0(%in: f32, %out: f32, %out_46: i64):
      %116 = linalg.index 3 : index
      %117 = arith.index_cast %116 : index to i64
      %118 = arith.maximumf %in, %out : f32
      %119 = arith.cmpf ogt, %in, %out : f32
      %120 = arith.select %119, %117, %out_46 : i64
      linalg.yield %118, %120 : f32, i64
    } -> (tensor<1x4x8xf32>, tensor<1x4x8xi64>)
    %expanded_25 = tensor.expand_shape %60#0 [[0], [1], [2, 3]] output_shape [1, 4, 8, 1] : tensor<1x4x8xf32> into tensor<1x4x8x1xf32>
    %61 = linalg.generic {indexing_maps = [#map6, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%55, %expanded_25 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%53 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.subf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x8xf32>
    %62 = linalg.generic {indexing_maps = [#map6, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%61 : tensor<1x4x8x8xf32>) outs(%53 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.exp %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x8xf32>
    %63 = tensor.empty() : tensor<1x4x8x1xf32>
    %64 = linalg.fill ins(%cst : f32) outs(%63 : tensor<1x4x8x1xf32>) -> tensor<1x4x8x1xf32>
    %65 = linalg.generic {indexing_maps = [#map6, #map10], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%62 : tensor<1x4x8x8xf32>) outs(%64 : tensor<1x4x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x1xf32>
    %66 = linalg.generic {indexing_maps = [#map6, #map10, #map6], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%62, %65 : tensor<1x4x8x8xf32>, tensor<1x4x8x1xf32>) outs(%53 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.divf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x4x8x8xf32>
    %collapsed_26 = tensor.collapse_shape %66 [[0, 1], [2], [3]] : tensor<1x4x8x8xf32> into tensor<4x8x8xf32>
    %collapsed_27 = tensor.collapse_shape %transposed_20 [[0, 1], [2], [3]] : tensor<1x4x8x16xf32> into tensor<4x8x16xf32>
    %67 = tensor.empty() : tensor<4x8x16xf32>
    %68 = linalg.fill ins(%cst : f32) outs(%67 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %69 = linalg.batch_matmul ins(%collapsed_26, %collapsed_27 : tensor<4x8x8xf32>, tensor<4x8x16xf32>) outs(%68 : tensor<4x8x16xf32>) -> tensor<4x8x16xf32>
    %expanded_28 = tensor.expand_shape %69 [[0, 1], [2], [3]] output_shape [1, 4, 8, 16] : tensor<4x8x16xf32> into tensor<1x4x8x16xf32>
    %70 = tensor.empty() : tensor<1x8x4x16xf32>
    %transposed_29 = linalg.transpose ins(%expanded_28 : tensor<1x4x8x16xf32>) outs(%70 : tensor<1x8x4x16xf32>) permutation = [0, 2, 1, 3] 
    %collapsed_30 = tensor.collapse_shape %transposed_29 [[0, 1], [2, 3]] : tensor<1x8x4x16xf32> into tensor<8x64xf32>
    %encoder.layer.0.attention.output.dense.weight = util.global.load @encoder.layer.0.attention.output.dense.weight : tensor<64x64xf32>
    %transposed_31 = linalg.transpose ins(%encoder.layer.0.attention.output.dense.weight : tensor<64x64xf32>) outs(%39 : tensor<64x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.attention.output.dense.bias = util.global.load @encoder.layer.0.attention.output.dense.bias : tensor<64xf32>
    %71 = linalg.matmul ins(%collapsed_30, %transposed_31 : tensor<8x64xf32>, tensor<64x64xf32>) outs(%41 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %72 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.attention.output.dense.bias, %71 : tensor<64xf32>, tensor<8x64xf32>) outs(%40 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x64xf32>
    %expanded_32 = tensor.expand_shape %72 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %73 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_32, %23 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %encoder.layer.0.attention.output.LayerNorm.weight = util.global.load @encoder.layer.0.attention.output.LayerNorm.weight : tensor<64xf32>
    %encoder.layer.0.attention.output.LayerNorm.bias = util.global.load @encoder.layer.0.attention.output.LayerNorm.bias : tensor<64xf32>
    %74 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%73 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %75 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%74 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_33 = tensor.collapse_shape %75 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %76 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_33 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %77 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%73, %76 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.subf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %78 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%77, %77 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %79 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%78 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %80 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%79 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %81 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%80 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_7 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x8x1xf32>
    %82 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%81 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_34 = tensor.collapse_shape %82 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %83 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_34 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %84 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%77, %83 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %85 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%84, %encoder.layer.0.attention.output.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %86 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%85, %encoder.layer.0.attention.output.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %collapsed_35 = tensor.collapse_shape %86 [[0, 1], [2]] : tensor<1x8x64xf32> into tensor<8x64xf32>
    %encoder.layer.0.intermediate.dense.weight = util.global.load @encoder.layer.0.intermediate.dense.weight : tensor<128x64xf32>
    %87 = tensor.empty() : tensor<64x128xf32>
    %transposed_36 = linalg.transpose ins(%encoder.layer.0.intermediate.dense.weight : tensor<128x64xf32>) outs(%87 : tensor<64x128xf32>) permutation = [1, 0] 
    %encoder.layer.0.intermediate.dense.bias = util.global.load @encoder.layer.0.intermediate.dense.bias : tensor<128xf32>
    %88 = tensor.empty() : tensor<8x128xf32>
    %89 = linalg.fill ins(%cst : f32) outs(%88 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %90 = linalg.matmul ins(%collapsed_35, %transposed_36 : tensor<8x64xf32>, tensor<64x128xf32>) outs(%89 : tensor<8x128xf32>) -> tensor<8x128xf32>
    %91 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.intermediate.dense.bias, %90 : tensor<128xf32>, tensor<8x128xf32>) outs(%88 : tensor<8x128xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x128xf32>
    %expanded_37 = tensor.expand_shape %91 [[0, 1], [2]] output_shape [1, 8, 128] : tensor<8x128xf32> into tensor<1x8x128xf32>
    %92 = tensor.empty() : tensor<1x8x128xf32>
    %93 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_37 : tensor<1x8x128xf32>) outs(%92 : tensor<1x8x128xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_1 : f32
      %117 = math.erf %116 : f32
      %118 = arith.addf %117, %cst_2 : f32
      %119 = arith.mulf %118, %cst_3 : f32
      %120 = arith.mulf %in, %119 : f32
      linalg.yield %120 : f32
    } -> tensor<1x8x128xf32>
    %collapsed_38 = tensor.collapse_shape %93 [[0, 1], [2]] : tensor<1x8x128xf32> into tensor<8x128xf32>
    %encoder.layer.0.output.dense.weight = util.global.load @encoder.layer.0.output.dense.weight : tensor<64x128xf32>
    %94 = tensor.empty() : tensor<128x64xf32>
    %transposed_39 = linalg.transpose ins(%encoder.layer.0.output.dense.weight : tensor<64x128xf32>) outs(%94 : tensor<128x64xf32>) permutation = [1, 0] 
    %encoder.layer.0.output.dense.bias = util.global.load @encoder.layer.0.output.dense.bias : tensor<64xf32>
    %95 = linalg.matmul ins(%collapsed_38, %transposed_39 : tensor<8x128xf32>, tensor<128x64xf32>) outs(%41 : tensor<8x64xf32>) -> tensor<8x64xf32>
    %96 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%encoder.layer.0.output.dense.bias, %95 : tensor<64xf32>, tensor<8x64xf32>) outs(%40 : tensor<8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<8x64xf32>
    %expanded_40 = tensor.expand_shape %96 [[0, 1], [2]] output_shape [1, 8, 64] : tensor<8x64xf32> into tensor<1x8x64xf32>
    %97 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%expanded_40, %86 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %encoder.layer.0.output.LayerNorm.weight = util.global.load @encoder.layer.0.output.LayerNorm.weight : tensor<64xf32>
    %encoder.layer.0.output.LayerNorm.bias = util.global.load @encoder.layer.0.output.LayerNorm.bias : tensor<64xf32>
    %98 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%97 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %99 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%98 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_41 = tensor.collapse_shape %99 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %100 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_41 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %101 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%97, %100 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.subf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %102 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%101, %101 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %103 = linalg.generic {indexing_maps = [#map2, #map3], iterator_types = ["parallel", "parallel", "reduction"]} ins(%102 : tensor<1x8x64xf32>) outs(%10 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.addf %in, %out : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %104 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%103 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.divf %in, %cst_8 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %105 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%104 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = arith.truncf %cst_7 : f64 to f32
      %117 = arith.addf %in, %116 : f32
      linalg.yield %117 : f32
    } -> tensor<1x8x1xf32>
    %106 = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%105 : tensor<1x8x1xf32>) outs(%9 : tensor<1x8x1xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.rsqrt %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x1xf32>
    %collapsed_42 = tensor.collapse_shape %106 [[0], [1, 2]] : tensor<1x8x1xf32> into tensor<1x8xf32>
    %107 = linalg.generic {indexing_maps = [#map1, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%collapsed_42 : tensor<1x8xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      linalg.yield %in : f32
    } -> tensor<1x8x64xf32>
    %108 = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%101, %107 : tensor<1x8x64xf32>, tensor<1x8x64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %109 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%108, %encoder.layer.0.output.LayerNorm.weight : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.mulf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %110 = linalg.generic {indexing_maps = [#map2, #map4, #map2], iterator_types = ["parallel", "parallel", "parallel"]} ins(%109, %encoder.layer.0.output.LayerNorm.bias : tensor<1x8x64xf32>, tensor<64xf32>) outs(%3 : tensor<1x8x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x8x64xf32>
    %extracted_slice_43 = tensor.extract_slice %110[0, 0, 0] [1, 1, 64] [1, 1, 1] : tensor<1x8x64xf32> to tensor<1x1x64xf32>
    %collapsed_44 = tensor.collapse_shape %extracted_slice_43 [[0, 1], [2]] : tensor<1x1x64xf32> into tensor<1x64xf32>
    %pooler.dense.weight = util.global.load @pooler.dense.weight : tensor<64x64xf32>
    %transposed_45 = linalg.transpose ins(%pooler.dense.weight : tensor<64x64xf32>) outs(%39 : tensor<64x64xf32>) permutation = [1, 0] 
    %pooler.dense.bias = util.global.load @pooler.dense.bias : tensor<64xf32>
    %111 = tensor.empty() : tensor<1x64xf32>
    %112 = linalg.fill ins(%cst : f32) outs(%111 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %113 = linalg.matmul ins(%collapsed_44, %transposed_45 : tensor<1x64xf32>, tensor<64x64xf32>) outs(%112 : tensor<1x64xf32>) -> tensor<1x64xf32>
    %114 = linalg.generic {indexing_maps = [#map12, #map, #map], iterator_types = ["parallel", "parallel"]} ins(%pooler.dense.bias, %113 : tensor<64xf32>, tensor<1x64xf32>) outs(%111 : tensor<1x64xf32>) {
    ^bb0(%in: f32, %in_46: f32, %out: f32):
      %116 = arith.addf %in, %in_46 : f32
      linalg.yield %116 : f32
    } -> tensor<1x64xf32>
    %115 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel"]} ins(%114 : tensor<1x64xf32>) outs(%111 : tensor<1x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %116 = math.tanh %in : f32
      linalg.yield %116 : f32
    } -> tensor<1x64xf32>
    util.return %110, %115 : tensor<1x8x64xf32>, tensor<1x64xf32>
  }
}
