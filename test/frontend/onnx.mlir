// An ONNX file in (built by Inputs/make_onnx.py), linalg out. The initializer at or
// over the importer's threshold is a util.global named after it: inline, its bytes
// as a dense_resource blob; external, a named parameter reference.

// REQUIRES: torch
// RUN: %PYTHON %S/Inputs/make_onnx.py %t.onnx
// RUN: accelc import %t.onnx -o - | filecheck %s
// RUN: accelc import %t.onnx --weights external -o - | filecheck %s --check-prefix EXTERNAL

// CHECK: util.global private @encoder.W = dense_resource<encoder.W> : tensor<8x16xf32>
// CHECK-LABEL: util.func public @dense_relu(%{{.*}}: tensor<2x8xf32>) -> tensor<2x16xf32>
// CHECK: %[[W:.+]] = util.global.load @encoder.W : tensor<8x16xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %[[W]] : tensor<2x8xf32>, tensor<8x16xf32>)
// CHECK: encoder.W: "0x

// EXTERNAL: util.global private @encoder.W = #stream.parameter.named<"model"::"encoder.W"> : tensor<8x16xf32>
// EXTERNAL-NOT: dense_resource<encoder.W>
