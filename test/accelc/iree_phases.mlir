// accelc compile inside IREE's pipeline: iree-compile's flags pass through, accel's
// stages (here: quantize the constant weights to int8, w8a16) run after IREE's phase
// --accel-after, in the same session; --compile-to=PHASE writes MLIR at that phase.
// The weights are integers with |w| <= 127 and 127 in every column: their int8 scale
// is exactly 1, so quantization keeps them and the sums are exact.

// RUN: accelc compile %s --compile-to=abi --quant w8a16 -q -o %t.abi.mlir
// RUN: filecheck %s --input-file %t.abi.mlir --check-prefix ABI
// RUN: accelc compile %s --iree-opt-data-tiling=false --accel-after global-optimization --quant w8a16 -q -o %t.vmfb
// RUN: iree-run-module --device=local-task --module=%t.vmfb --function=linear --input=2x4xf32=1 | filecheck %s --check-prefix IREE
// RUN: not accelc compile %s --accel-after flow -o %t.refused 2>&1 | filecheck %s --check-prefix REFUSED
// RUN: not accelc compile %s --iree-no-such-flag -o %t.bad 2>&1 | filecheck %s --check-prefix FLAG

// IREE's ABI (from the abi phase on) around accel's int8 weights and their scales.
// ABI:      util.func public @linear(%{{.*}}: !hal.buffer_view) -> !hal.buffer_view
// ABI-DAG:  arith.constant dense<[[127, 2, -1, 0], [1, 127, -2, 3], [-127, 3, 127, 4]]> : tensor<3x4xi8>
// ABI-DAG:  arith.constant dense<1.000000e+00> : tensor<3xf32>
// ABI:      hal.tensor.import
// ABI:      linalg.matmul {{.*}} tensor<3x4xi8>
// ABI:      hal.tensor.export

// Column sums of the weights: 127 + 2 - 1 + 0, 1 + 127 - 2 + 3, -127 + 3 + 127 + 4.
// IREE:      result[0]: hal.buffer_view
// IREE-NEXT: 2x3xf32=[128 129 7][128 129 7]

// REFUSED: --accel-after: error: accel's passes run on linalg on tensors, after one of IREE's phases start, input, abi, preprocessing, global-optimization, not after 'flow'
// FLAG: --iree-no-such-flag: error: bad IREE compiler flags: Error parsing flags: option not found: iree-no-such-flag

func.func @linear(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<[[127.0, 1.0, -127.0], [2.0, 127.0, 3.0], [-1.0, -2.0, 127.0], [0.0, 3.0, 4.0]]> : tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<2x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<2x3xf32>) -> tensor<2x3xf32>
  %y = linalg.matmul ins(%x, %w : tensor<2x4xf32>, tensor<4x3xf32>) outs(%init : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}
