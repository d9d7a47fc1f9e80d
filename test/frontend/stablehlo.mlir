// StableHLO in, linalg out: IREE's StableHLO input pipeline, in-process; the
// constant becomes a util.global; the function stays a func.func.

// RUN: accelc import %s -o - | filecheck %s

// CHECK: util.global private @__constant_tensor_1x16xf32
// CHECK-LABEL: func.func @main(%{{.*}}: tensor<4x8xf32>, %{{.*}}: tensor<8x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[BIAS:.+]] = util.global.load immutable @__constant_tensor_1x16xf32
// CHECK: %[[MM:.+]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x16xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[BIAS]] : tensor<1x16xf32>)
// CHECK: math.tanh
// CHECK-NOT: stablehlo.
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %b = stablehlo.constant dense<[[0.5, -1.0, 2.0, 0.0, 1.5, -0.5, 0.25, 3.0, 1.0, -2.0, 0.75, 0.1, -0.1, 0.2, -0.3, 0.4]]> : tensor<1x16xf32>
  %0 = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = stablehlo.broadcast_in_dim %b, dims = [0, 1] : (tensor<1x16xf32>) -> tensor<4x16xf32>
  %2 = stablehlo.add %0, %1 : tensor<4x16xf32>
  %3 = stablehlo.tanh %2 : tensor<4x16xf32>
  return %3 : tensor<4x16xf32>
}
