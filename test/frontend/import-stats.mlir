// accelc import --stats: the op histogram as imported and after raising, the unit
// each op runs on, and the ops accel cannot raise (they fall back to the host), named
// by what they compute and located. The import itself succeeds and is unchanged.

// RUN: accelc import %s --stats -q -o %t.mlir 2>&1 | filecheck %s
// RUN: filecheck %s --input-file %t.mlir --check-prefix IMPORTED

// CHECK: // ----- op statistics: imported -> raised -----
// CHECK-NEXT: op{{ +}}imported  raised  unit
// CHECK-NEXT: linalg.matmul{{ +}}1{{ +}}1  matrix unit
// CHECK-NEXT: accel.softmax{{ +}}0{{ +}}1  vector unit
// CHECK-NEXT: linalg.generic{{ +}}1{{ +}}1  fallback (host)
// CHECK-NEXT: linalg.softmax{{ +}}1{{ +}}0  fallback (host)
// CHECK: units (ops imported -> raised): matrix unit 1 -> 1, vector unit 0 -> 1, fallback (host) 2 -> 1, not compute {{[0-9]+}} -> {{[0-9]+}}
// CHECK-NEXT: falls back (accel does not raise these: they stay linalg and run on the host):
// CHECK-NEXT:   linalg.generic{math.erf, arith.mulf}  x1  (first at {{.*}}import-stats.mlir:[[# @LINE + 16]]:8)

// IMPORTED-LABEL: func.func @main
// IMPORTED: linalg.matmul
// IMPORTED: linalg.softmax
// IMPORTED: math.erf
// IMPORTED-NOT: accel.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %half = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%init : tensor<4x16xf32>) -> tensor<4x16xf32>
  %p = linalg.softmax dimension(1) ins(%y : tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  // Not a transformer op accel knows: erf(p) * 0.5 stays a linalg.generic.
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%p : tensor<4x16xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.erf %a : f32
    %s = arith.mulf %r, %half : f32
    linalg.yield %s : f32
  } -> tensor<4x16xf32>
  return %g : tensor<4x16xf32>
}
