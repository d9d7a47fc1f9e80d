// RUN: accel-opt %s --split-input-file --accel-raise-silu-mul | filecheck %s
// RUN: accel-opt %S/Inputs/llama-eager.mlir --accel-raise-silu-mul | filecheck %s --check-prefix LLAMA

// The gated MLP activation in linalg becomes accel.silu_mul: Llama's
// act_fn(gate) * up as torch-to-iree lowers it (sigmoid, times the gate, times up),
// the g / (1 + exp(-g)) form fused in one generic with the operands swapped, and a
// plain SiLU and a sigmoid gate (left alone). Then an imported Llama layer.

// LLAMA-LABEL: util.func public @main
// LLAMA: %[[G:.*]] = tensor.expand_shape %{{.*}} : tensor<8x128xf32> into tensor<1x8x128xf32>
// LLAMA: %[[U:.*]] = tensor.expand_shape %{{.*}} : tensor<8x128xf32> into tensor<1x8x128xf32>
// LLAMA-NEXT: %[[H:.*]] = "accel.silu_mul"(%[[G]], %[[U]]) : (tensor<1x8x128xf32>, tensor<1x8x128xf32>) -> tensor<1x8x128xf32>
// LLAMA: tensor.collapse_shape %[[H]]
// LLAMA-NOT: math.exp

#id2 = affine_map<(d0, d1) -> (d0, d1)>

// Llama's MLP activation: sigmoid(g), g * sigmoid(g), then * up.
// CHECK-LABEL: func.func @silu_mul_torch
// CHECK-SAME: (%[[G:.*]]: tensor<8x32xf32>, %[[U:.*]]: tensor<8x32xf32>)
// CHECK: %[[H:.*]] = "accel.silu_mul"(%[[G]], %[[U]]) : (tensor<8x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>
// CHECK-NEXT: return %[[H]]
func.func @silu_mul_torch(%g: tensor<8x32xf32>, %u: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %sig = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %n = arith.negf %a0 : f32
    %x = math.exp %n : f32
    %d = arith.addf %x, %one : f32
    %r = arith.divf %one, %d : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  %silu = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g, %sig : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  %h = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%silu, %u : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  return %h : tensor<8x32xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
// One generic, up * (g / (1 + exp(-g))).
// CHECK-LABEL: func.func @silu_mul_fused
// CHECK-SAME: (%[[U:.*]]: tensor<8x32xf32>, %[[G:.*]]: tensor<8x32xf32>)
// CHECK: %[[H:.*]] = "accel.silu_mul"(%[[G]], %[[U]])
// CHECK-NEXT: return %[[H]]
func.func @silu_mul_fused(%u: tensor<8x32xf32>, %g: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %h = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%u, %g : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %n = arith.negf %a1 : f32
    %x = math.exp %n : f32
    %d = arith.addf %one, %x : f32
    %s = arith.divf %a1, %d : f32
    %r = arith.mulf %a0, %s : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  return %h : tensor<8x32xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
// A plain SiLU (no up projection): not silu_mul, left alone.
// CHECK-LABEL: func.func @silu_alone
// CHECK-NOT: accel.silu_mul
// CHECK: math.exp
func.func @silu_alone(%g: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %sig = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g : tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %n = arith.negf %a0 : f32
    %x = math.exp %n : f32
    %d = arith.addf %x, %one : f32
    %r = arith.divf %one, %d : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  %silu = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g, %sig : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  return %silu : tensor<8x32xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
// sigmoid(u) * g: a sigmoid of another tensor than the one it multiplies, left alone.
// CHECK-LABEL: func.func @sigmoid_gate
// CHECK-NOT: accel.silu_mul
// CHECK: math.exp
func.func @sigmoid_gate(%g: tensor<8x32xf32>, %u: tensor<8x32xf32>) -> tensor<8x32xf32> {
  %one = arith.constant 1.000000e+00 : f32
  %e = tensor.empty() : tensor<8x32xf32>
  %sig = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%u : tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %o: f32):
    %n = arith.negf %a0 : f32
    %x = math.exp %n : f32
    %d = arith.addf %x, %one : f32
    %r = arith.divf %one, %d : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  %gs = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%g, %sig : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  %h = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]} ins(%gs, %u : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e : tensor<8x32xf32>) {
  ^bb0(%a0: f32, %a1: f32, %o: f32):
    %r = arith.mulf %a0, %a1 : f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  return %h : tensor<8x32xf32>
}

// CHECK-NOT: Traceback
