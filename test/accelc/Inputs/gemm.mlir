// A small int8 GEMM that the error tests give accelc with bad options.
func.func @gemm(%x: tensor<8x16xi8>, %w: tensor<4x16xi8>, %w_scale: tensor<4xf32>, %x_scale: tensor<8xf32>) -> tensor<8x4xf32> {
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : (tensor<8x16xi8>, tensor<4x16xi8>, tensor<4xf32>, tensor<8xf32>) -> tensor<8x4xf32>
  return %y : tensor<8x4xf32>
}
