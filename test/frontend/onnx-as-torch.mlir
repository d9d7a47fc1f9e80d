// ONNX ops in the torch dialect (what iree-import-onnx writes) are recognized by the
// function's ONNX opset and lowered through torch-onnx-to-torch-backend-pipeline.

// RUN: accelc import %s -o - | filecheck %s

// CHECK-LABEL: util.func public @main_graph(%{{.*}}: tensor<2x3xf32>, %{{.*}}: tensor<3x4xf32>) -> tensor<2x4xf32>
// CHECK: linalg.matmul
// CHECK: arith.cmpf ugt
// CHECK: arith.select
// CHECK-NOT: onnx.
func.func @main_graph(%a: !torch.vtensor<[2,3],f32>, %b: !torch.vtensor<[3,4],f32>) -> !torch.vtensor<[2,4],f32> attributes {torch.onnx_meta.ir_version = 8 : si64, torch.onnx_meta.opset_version = 17 : si64, torch.onnx_meta.producer_name = "accel-test", torch.onnx_meta.producer_version = ""} {
  %0 = torch.operator "onnx.MatMul"(%a, %b) : (!torch.vtensor<[2,3],f32>, !torch.vtensor<[3,4],f32>) -> !torch.vtensor<[2,4],f32>
  %1 = torch.operator "onnx.Relu"(%0) : (!torch.vtensor<[2,4],f32>) -> !torch.vtensor<[2,4],f32>
  return %1 : !torch.vtensor<[2,4],f32>
}
