// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.rmsnorm.

// CHECK-LABEL: func.func @rmsnorm_hidden
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x256xf32>, %[[W:.*]]: tensor<256xf32>)
func.func @rmsnorm_hidden(%x: tensor<1x16x256xf32>, %w: tensor<256xf32>) -> tensor<1x16x256xf32> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.rmsnorm"(%[[X]], %[[W]]) {epsilon = 9.9999999999999995E-7 : f64} : (tensor<1x16x256xf32>, tensor<256xf32>) -> tensor<1x16x256xf32>
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.0e-6 : f64} : (tensor<1x16x256xf32>, tensor<256xf32>) -> tensor<1x16x256xf32>
  // CHECK-NEXT: return %[[Y]] : tensor<1x16x256xf32>
  return %y : tensor<1x16x256xf32>
}

// bf16 activations and weight, dynamic rows, epsilon 0.
// CHECK-LABEL: func.func @rmsnorm_bf16_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xbf16>, %[[W:.*]]: tensor<64xbf16>)
func.func @rmsnorm_bf16_dynamic(%x: tensor<?x64xbf16>, %w: tensor<64xbf16>) -> tensor<?x64xbf16> {
  // CHECK-NEXT: %[[Y:.*]] = "accel.rmsnorm"(%[[X]], %[[W]]) {epsilon = 0.000000e+00 : f64} : (tensor<?x64xbf16>, tensor<64xbf16>) -> tensor<?x64xbf16>
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 0.0 : f64} : (tensor<?x64xbf16>, tensor<64xbf16>) -> tensor<?x64xbf16>
  // CHECK-NEXT: return %[[Y]] : tensor<?x64xbf16>
  return %y : tensor<?x64xbf16>
}
