// TOSA in, linalg out: IREE's TOSA input pipeline; the constant becomes a util.global.

// RUN: accelc import %s -o - | filecheck %s

// CHECK: util.global private @__constant_tensor_1x8xf32
// CHECK-LABEL: func.func @main(%{{.*}}: tensor<4x8xf32>) -> tensor<4x8xf32>
// CHECK: util.global.load immutable @__constant_tensor_1x8xf32
// CHECK: math.tanh
// CHECK: arith.addf
// CHECK-NOT: tosa.{{[a-z]}}
func.func @main(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = tosa.tanh %x : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %c = "tosa.const"() <{values = dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]]> : tensor<1x8xf32>}> : () -> tensor<1x8xf32>
  %1 = tosa.add %0, %c : (tensor<4x8xf32>, tensor<1x8xf32>) -> tensor<4x8xf32>
  return %1 : tensor<4x8xf32>
}
