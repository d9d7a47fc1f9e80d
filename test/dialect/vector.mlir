// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of the vector unit's ops: elementwise (with a broadcast operand), a row
// reduction, the int8 cast of quantization, and the embedding gather from DRAM.

// CHECK-LABEL: func.func @rmsnorm_steps
// CHECK: "accel.vbinary"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {kind = "mul"}
// CHECK: "accel.vreduce"(%{{.*}}, %{{.*}}, %{{.*}}) {kind = "sum"}
// CHECK: "accel.vunary"(%{{.*}}, %{{.*}}, %{{.*}}) {kind = "rsqrt"}
// CHECK: "accel.vbinary"(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
func.func @rmsnorm_steps(%x: memref<16x64xf32, #accel.memspace<"sram">>, %sq: memref<16x64xf32, #accel.memspace<"sram">>, %r: memref<16x1xf32, #accel.memspace<"sram">>, %y: memref<16x64xf32, #accel.memspace<"sram">>, %t: !accel.token) -> !accel.token {
  %t0 = "accel.vbinary"(%x, %x, %sq, %t) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %t1 = "accel.vreduce"(%sq, %r, %t0) {kind = "sum"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %t2 = "accel.vunary"(%r, %r, %t1) {kind = "rsqrt"} : (memref<16x1xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  %t3 = "accel.vbinary"(%x, %r, %y, %t2) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  return %t3 : !accel.token
}

// CHECK-LABEL: func.func @quantize_steps
// CHECK: "accel.vunary"(%{{.*}}, %{{.*}}) {kind = "clamp", max = 1.270000e+02 : f64, min = -1.270000e+02 : f64}
// CHECK: "accel.vunary"(%{{.*}}, %{{.*}}, %{{.*}}) {kind = "cast"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xi8, #accel.memspace<"sram">>, !accel.token) -> !accel.token
func.func @quantize_steps(%x: memref<16x64xf32, #accel.memspace<"sram">>, %q: memref<16x64xi8, #accel.memspace<"sram">>) -> !accel.token {
  %t0 = "accel.vunary"(%x, %x) {kind = "clamp", min = -127.0 : f64, max = 127.0 : f64} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token
  %t1 = "accel.vunary"(%x, %q, %t0) {kind = "cast"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xi8, #accel.memspace<"sram">>, !accel.token) -> !accel.token
  return %t1 : !accel.token
}

// CHECK-LABEL: func.func @embedding
// CHECK: "accel.gather"(%{{.*}}, %{{.*}}, %{{.*}}) {queue = 1 : i64} : (memref<32000x64xf32>, memref<16xi32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token
func.func @embedding(%table: memref<32000x64xf32>, %ids: memref<16xi32, #accel.memspace<"sram">>, %rows: memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token {
  %t = "accel.gather"(%table, %ids, %rows) {queue = 1 : i64} : (memref<32000x64xf32>, memref<16xi32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token
  return %t : !accel.token
}
