// An int8 GEMM at the graph level (L2): BERT-base's QKV projection, 384 tokens,
// hidden 768 -> 3 x 768. Activations and weights are int8 with per-row and
// per-output-channel f32 scales (the w8a8 scheme); the result is f32.
//
//   accelc run examples/gemm.mlir --target sim --hw edge-npu
//   accelc run examples/gemm.mlir --target cpu
func.func @gemm(%x: tensor<384x768xi8>, %w: tensor<2304x768xi8>, %w_scale: tensor<2304xf32>, %x_scale: tensor<384xf32>) -> tensor<384x2304xf32> {
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : (tensor<384x768xi8>, tensor<2304x768xi8>, tensor<2304xf32>, tensor<384xf32>) -> tensor<384x2304xf32>
  return %y : tensor<384x2304xf32>
}
