// The last chunk cannot be lowered (a scheduled op): accel-opt still prints the
// others and exits 1; its diagnostics go to %t.err.
// RUN: not accel-opt %s --split-input-file --accel-lower-to-linalg 2> %t.err | filecheck %s
// RUN: filecheck %s --check-prefix ERR < %t.err
// No accel op is left: IREE's own parser, which knows no accel op, reads the result.
// RUN: not accel-opt %s --split-input-file --accel-lower-to-linalg 2> %t.err | iree-opt --split-input-file | filecheck %s --check-prefix IREE

// accel.quantize: absmax per row (from 0), scale = absmax / 127 (1 where that is
// 0), q = fptosi(clamp(roundeven(x / scale), -127, 127)), all in f32, in that order.

// CHECK-DAG: #[[ID2:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[ID1:.*]] = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @quantize
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xf32>)
// CHECK-DAG: %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG: %[[QMAX:.*]] = arith.constant 1.270000e+02 : f32
// CHECK-DAG: %[[QMIN:.*]] = arith.constant -1.270000e+02 : f32
// CHECK-DAG: %[[M:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x64xf32>
// CHECK: %[[PEAK0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<?xf32>)
// CHECK: %[[PEAK:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<?x64xf32>) outs(%[[PEAK0]] : tensor<?xf32>)
// CHECK: ^bb0(%[[IN:.*]]: f32, %[[ACC:.*]]: f32):
// CHECK-NEXT: %[[ABS:.*]] = math.absf %[[IN]] : f32
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %[[ACC]], %[[ABS]] : f32
// CHECK-NEXT: linalg.yield %[[MAX]] : f32
// CHECK: %[[SCALE:.*]] = linalg.generic {indexing_maps = [#[[ID1]], #[[ID1]]], iterator_types = ["parallel"]} ins(%[[PEAK]] : tensor<?xf32>)
// CHECK: ^bb0(%[[P:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[DIV:.*]] = arith.divf %[[P]], %[[QMAX]] : f32
// CHECK-NEXT: %[[IS0:.*]] = arith.cmpf oeq, %[[DIV]], %[[ZERO]] : f32
// CHECK-NEXT: %[[S:.*]] = arith.select %[[IS0]], %[[ONE]], %[[DIV]] : f32
// CHECK-NEXT: linalg.yield %[[S]] : f32
// CHECK: %[[EMPTY:.*]] = tensor.empty(%[[M]]) : tensor<?x64xi8>
// CHECK: %[[Q:.*]] = linalg.generic {indexing_maps = [#[[ID2]], #[[ROW]], #[[ID2]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[SCALE]] : tensor<?x64xf32>, tensor<?xf32>) outs(%[[EMPTY]] : tensor<?x64xi8>)
// CHECK: ^bb0(%[[V:.*]]: f32, %[[VS:.*]]: f32, %{{.*}}: i8):
// CHECK-NEXT: %[[R:.*]] = arith.divf %[[V]], %[[VS]] : f32
// CHECK-NEXT: %[[RE:.*]] = math.roundeven %[[R]] : f32
// CHECK-NEXT: %[[LO:.*]] = arith.maximumf %[[RE]], %[[QMIN]] : f32
// CHECK-NEXT: %[[HI:.*]] = arith.minimumf %[[LO]], %[[QMAX]] : f32
// CHECK-NEXT: %[[I8:.*]] = arith.fptosi %[[HI]] : f32 to i8
// CHECK-NEXT: linalg.yield %[[I8]] : i8
// CHECK: return %[[Q]], %[[SCALE]] : tensor<?x64xi8>, tensor<?xf32>
// CHECK-NOT: accel.

// IREE-LABEL: func.func @quantize
// IREE: math.roundeven
// IREE-LABEL: func.func @quantize_f16_rank3
// IREE-LABEL: func.func @dequantize_int8
// IREE-LABEL: func.func @dequantize_int4
// IREE-LABEL: func.func @qmatmul_w8a8
// IREE-LABEL: func.func @qmatmul_w8a8_dynamic
// IREE-LABEL: func.func @qmatmul_w8a16
// IREE-LABEL: func.func @qmatmul_w4a16
// IREE-NOT: accel.
func.func @quantize(%x: tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>) {
  %q, %scale = "accel.quantize"(%x) : (tensor<?x64xf32>) -> (tensor<?x64xi8>, tensor<?xf32>)
  return %q, %scale : tensor<?x64xi8>, tensor<?xf32>
}

// -----

// f16 input: converted to f32 first, as the golden model does.

// CHECK-LABEL: func.func @quantize_f16_rank3
// CHECK: linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]} ins(%{{.*}} : tensor<2x3x8xf16>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: arith.extf %{{.*}} : f16 to f32
// CHECK: -> tensor<2x3x8xi8>
func.func @quantize_f16_rank3(%x: tensor<2x3x8xf16>) -> (tensor<2x3x8xi8>, tensor<2x3xf32>) {
  %q, %scale = "accel.quantize"(%x) : (tensor<2x3x8xf16>) -> (tensor<2x3x8xi8>, tensor<2x3xf32>)
  return %q, %scale : tensor<2x3x8xi8>, tensor<2x3xf32>
}

// -----

// accel.dequantize, int8 per channel: sitofp(q) * scale[n].

// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @dequantize_int8
// CHECK-SAME: (%[[Q:.*]]: tensor<16x64xi8>, %[[S:.*]]: tensor<16xf32>)
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[Q]], %[[S]] : tensor<16x64xi8>, tensor<16xf32>)
// CHECK: ^bb0(%[[B:.*]]: i8, %[[BS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[B]] : i8 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[F]], %[[BS]] : f32
// CHECK-NEXT: linalg.yield %[[P]] : f32
// CHECK: return %[[W]] : tensor<16x64xf32>
func.func @dequantize_int8(%q: tensor<16x64xi8>, %s: tensor<16xf32>) -> tensor<16x64xf32> {
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<16x64xi8>, tensor<16xf32>) -> tensor<16x64xf32>
  return %w : tensor<16x64xf32>
}

// -----

// accel.dequantize, int4 in groups of 32: bytes [N, K / 2] are viewed as
// [N, groups, 16], and each byte yields two values (loop 3: low nibble, high nibble)
// so every indexing map is a projection; the result is collapsed to [N, K].

// CHECK-DAG: #[[BYTE:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-DAG: #[[GROUP:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
// CHECK-DAG: #[[ALL:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @dequantize_int4
// CHECK-SAME: (%[[Q:.*]]: tensor<16x32xi8>, %[[S:.*]]: tensor<16x2xf32>)
// CHECK: %[[G:.*]] = tensor.expand_shape %[[Q]] {{\[\[}}0], [1, 2]] output_shape [16, 2, 16] : tensor<16x32xi8> into tensor<16x2x16xi8>
// CHECK-DAG: %[[FOUR:.*]] = arith.constant 4 : i8
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[U:.*]] = linalg.generic {indexing_maps = [#[[BYTE]], #[[GROUP]], #[[ALL]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[G]], %[[S]] : tensor<16x2x16xi8>, tensor<16x2xf32>) outs(%{{.*}} : tensor<16x2x16x2xf32>)
// CHECK: ^bb0(%[[B:.*]]: i8, %[[BS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[SHL:.*]] = arith.shli %[[B]], %[[FOUR]] : i8
// CHECK-NEXT: %[[LOW:.*]] = arith.shrsi %[[SHL]], %[[FOUR]] : i8
// CHECK-NEXT: %[[HIGH:.*]] = arith.shrsi %[[B]], %[[FOUR]] : i8
// CHECK-NEXT: %[[J:.*]] = linalg.index 3 : index
// CHECK-NEXT: %[[ISLOW:.*]] = arith.cmpi eq, %[[J]], %[[C0]] : index
// CHECK-NEXT: %[[V:.*]] = arith.select %[[ISLOW]], %[[LOW]], %[[HIGH]] : i8
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[V]] : i8 to f32
// CHECK-NEXT: %[[P:.*]] = arith.mulf %[[F]], %[[BS]] : f32
// CHECK-NEXT: linalg.yield %[[P]] : f32
// CHECK: %[[W:.*]] = tensor.collapse_shape %[[U]] {{\[\[}}0], [1, 2, 3]] : tensor<16x2x16x2xf32> into tensor<16x64xf32>
// CHECK: return %[[W]]
func.func @dequantize_int4(%q: tensor<16x32xi8>, %s: tensor<16x2xf32>) -> tensor<16x64xf32> {
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
  return %w : tensor<16x64xf32>
}

// -----

// qmatmul w8a8: i8 x i8 -> i32 matmul with the weight read as [N, K] (sign
// extension by linalg.matmul's default cast), then (f32(acc) * lhs_scale[m]) * weight_scale[n],
// materialized behind a barrier so that IREE cannot contract a consumer's add into
// an FMA with the last multiply.

// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG: #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[MN:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[M:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG: #[[N:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @qmatmul_w8a8
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xi8>, %[[W:.*]]: tensor<32x64xi8>, %[[WS:.*]]: tensor<32xf32>, %[[XS:.*]]: tensor<4xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : i32) outs(%{{.*}} : tensor<4x32xi32>)
// CHECK: %[[ACC:.*]] = linalg.matmul indexing_maps = [#[[A]], #[[B]], #[[C]]] ins(%[[X]], %[[W]] : tensor<4x64xi8>, tensor<32x64xi8>) outs(%[[ZERO]] : tensor<4x32xi32>)
// CHECK: %[[Y:.*]] = linalg.generic {indexing_maps = [#[[MN]], #[[M]], #[[N]], #[[MN]]], iterator_types = ["parallel", "parallel"]} ins(%[[ACC]], %[[XS]], %[[WS]] : tensor<4x32xi32>, tensor<4xf32>, tensor<32xf32>)
// CHECK: ^bb0(%[[I:.*]]: i32, %[[RS:.*]]: f32, %[[CS:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[F:.*]] = arith.sitofp %[[I]] : i32 to f32
// CHECK-NEXT: %[[T:.*]] = arith.mulf %[[F]], %[[RS]] : f32
// CHECK-NEXT: %[[U:.*]] = arith.mulf %[[T]], %[[CS]] : f32
// CHECK-NEXT: linalg.yield %[[U]] : f32
// CHECK: %[[R:.*]] = util.optimization_barrier %[[Y]] : tensor<4x32xf32>
// CHECK: return %[[R]] : tensor<4x32xf32>
func.func @qmatmul_w8a8(%x: tensor<4x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<4xf32>) -> tensor<4x32xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// -----

// With dynamic rows the barrier's result gets its shape back (tie_shape).

// CHECK-LABEL: func.func @qmatmul_w8a8_dynamic
// CHECK-SAME: (%[[X:.*]]: tensor<?x64xi8>,
// CHECK: %[[M:.*]] = tensor.dim %[[X]], %{{.*}} : tensor<?x64xi8>
// CHECK: %[[Y:.*]] = linalg.generic
// CHECK: %[[B:.*]] = util.optimization_barrier %[[Y]] : tensor<?x32xf32>
// CHECK: %[[R:.*]] = flow.tensor.tie_shape %[[B]] : tensor<?x32xf32>{%[[M]]}
// CHECK: return %[[R]]
func.func @qmatmul_w8a8_dynamic(%x: tensor<?x64xi8>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>, %xs: tensor<?xf32>) -> tensor<?x32xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<?x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<?xf32>) -> tensor<?x32xf32>
  return %y : tensor<?x32xf32>
}

// -----

// qmatmul w8a16: a float matmul by the int8 weight (linalg.matmul converts it with
// sitofp), then * weight_scale[n].

// CHECK-LABEL: func.func @qmatmul_w8a16
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>, %[[W:.*]]: tensor<32x64xi8>, %[[WS:.*]]: tensor<32xf32>)
// CHECK: %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<4x32xf32>)
// CHECK: %[[ACC:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[W]] : tensor<4x64xf32>, tensor<32x64xi8>) outs(%[[ZERO]] : tensor<4x32xf32>)
// CHECK: %[[Y:.*]] = linalg.generic {{.*}} ins(%[[ACC]], %[[WS]] : tensor<4x32xf32>, tensor<32xf32>)
// CHECK: arith.mulf
// CHECK: return %[[Y]]
func.func @qmatmul_w8a16(%x: tensor<4x64xf32>, %w: tensor<32x64xi8>, %ws: tensor<32xf32>) -> tensor<4x32xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// -----

// qmatmul w4a16: the weight is dequantized (as accel.dequantize) and multiplied.

// CHECK-LABEL: func.func @qmatmul_w4a16
// CHECK-SAME: (%[[X:.*]]: tensor<4x64xf32>, %[[W:.*]]: tensor<32x32xi8>, %[[WS:.*]]: tensor<32x2xf32>)
// CHECK: tensor.expand_shape %[[W]]
// CHECK: arith.shrsi
// CHECK: %[[DEQ:.*]] = tensor.collapse_shape %{{.*}} : tensor<32x2x16x2xf32> into tensor<32x64xf32>
// CHECK: %[[Y:.*]] = linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[X]], %[[DEQ]] : tensor<4x64xf32>, tensor<32x64xf32>) outs(%{{.*}} : tensor<4x32xf32>)
// CHECK: return %[[Y]]
func.func @qmatmul_w4a16(%x: tensor<4x64xf32>, %w: tensor<32x32xi8>, %ws: tensor<32x2xf32>) -> tensor<4x32xf32> {
  %y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>
  return %y : tensor<4x32xf32>
}

// -----

// Scheduled-level ops have no linalg form: a located error, no traceback.

// ERR: accel-lower-to-linalg.mlir:[[# @LINE + 4]]:13: error: accel-lower-to-linalg: 'accel.alloc' has no linalg lowering (only the graph ops accel.attention, accel.dequantize, accel.kv_append, accel.kv_read, accel.qmatmul, accel.quantize, accel.rmsnorm, accel.rope, accel.silu_mul, accel.softmax do; lower before scheduling)
// ERR-NOT: error
// ERR-NOT: Traceback
func.func @scheduled() {
  %buffer = "accel.alloc"() {offset = 0 : i64} : () -> memref<4x4xi8, #accel.memspace<"sram">>
  return
}
