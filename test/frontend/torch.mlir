// The torch dialect (what the fx importer emits) in, linalg out: torch-to-iree
// without IREE's buffer-view ABI, so the public function keeps tensor types.

// RUN: accelc import %s -o - | filecheck %s

// CHECK-LABEL: util.func public @main(%{{.*}}: tensor<4x8xf32>, %{{.*}}: tensor<8x16xf32>) -> tensor<4x16xf32>
// CHECK: %[[MM:.+]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<4x8xf32>, tensor<8x16xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[MM]] : tensor<4x16xf32>)
// CHECK: arith.cmpf ugt
// CHECK: arith.select
// CHECK: util.return
// CHECK-NOT: torch.
// CHECK-NOT: hal.buffer_view
func.func @main(%x: !torch.vtensor<[4,8],f32>, %w: !torch.vtensor<[8,16],f32>) -> !torch.vtensor<[4,16],f32> {
  %0 = torch.aten.mm %x, %w : !torch.vtensor<[4,8],f32>, !torch.vtensor<[8,16],f32> -> !torch.vtensor<[4,16],f32>
  %1 = torch.aten.relu %0 : !torch.vtensor<[4,16],f32> -> !torch.vtensor<[4,16],f32>
  return %1 : !torch.vtensor<[4,16],f32>
}
