// --input by argument name and by position, --output-dir, and a .npy that does not
// fit its argument (an error located at the file). With all-constant inputs every
// output element is 2 * -3 * 8 (the K sum) * 0.5 (x_scale) * 1 (w_scale) = -24.

// RUN: %PYTHON -c "import numpy as np; np.save(r'%t.x.npy', np.full((4, 8), 2, np.int8)); np.save(r'%t.w.npy', np.full((3, 8), -3, np.int8)); np.save(r'%t.ws.npy', np.ones(3, np.float32)); np.save(r'%t.xs.npy', np.full(4, 0.5, np.float32))"
// RUN: rm -rf %t.out
// RUN: accelc run %s --target sim -q --check --input x=%t.x.npy --input w=%t.w.npy --input 2=%t.ws.npy --input 3=%t.xs.npy --output-dir %t.out | filecheck %s
// RUN: %PYTHON -c "import numpy as np; a = np.load(r'%t.out/result0.npy'); print(a.dtype, a.shape, sorted(set(a.ravel().tolist())))" | filecheck %s --check-prefix SAVED

// RUN: not accelc run %s --target sim -q --input x=%t.w.npy 2>&1 | filecheck %s --check-prefix SHAPE
// RUN: not accelc run %s --target sim -q --input 0=%t.xs.npy 2>&1 | filecheck %s --check-prefix DTYPE
// RUN: not accelc run %s --target sim -q --input bias=%t.x.npy 2>&1 | filecheck %s --check-prefix NAME

// CHECK:      @small on sim (edge-npu), quant none
// CHECK-NEXT:   result0: float32 [4, 3]  min -24  max -24  mean -24 -> {{.*}}inputs.mlir.tmp.out/result0.npy
// CHECK:      check: sim == cpu, 1 output(s) bit-identical

// SAVED: float32 (4, 3) [-24.0]

// SHAPE-NOT: Traceback
// SHAPE: inputs.mlir.tmp.w.npy: error: input 0 (x: tensor<4x8xi8>) needs int8 (4, 8), the file holds int8 (3, 8)
// DTYPE: inputs.mlir.tmp.xs.npy: error: input 0 (x: tensor<4x8xi8>) needs int8 (4, 8), the file holds float32 (4,)
// NAME:  --input: error: no input 'bias' (inputs: 0/x, 1/w, 2/w_scale, 3/x_scale)

func.func @small(%x: tensor<4x8xi8>, %w: tensor<3x8xi8>, %w_scale: tensor<3xf32>, %x_scale: tensor<4xf32>) -> tensor<4x3xf32> {
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x8xi8>, tensor<3x8xi8>, tensor<3xf32>, tensor<4xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
