// RUN: not accel-opt %s --split-input-file --accel-schedule 2>&1 | filecheck %s
// RUN: not accel-opt %s --split-input-file --accel-schedule=hw=%S/Inputs/tiny-sram.toml 2>&1 | filecheck %s --check-prefix=TINY

// What accel-schedule refuses, each with a located error and no traceback: input that
// is not bufferized, untiled qmatmuls, schemes other than w8a8, tiles that do not fit
// the hardware's SRAM (a 4 KiB design in Inputs/tiny-sram.toml; huge tiles on the
// default edge-npu), and tensor code it cannot schedule.

// CHECK-NOT: Traceback
// TINY-NOT: Traceback

// The L3 form before bufferization: the tile reads tensor slices.
#rows = affine_map<(d0) -> (-d0 + 100, 64)>
#cols = affine_map<(d0) -> (-d0 + 72, 32)>
func.func @not_bufferized(%x: tensor<100x64xi8>, %w: tensor<72x64xi8>, %ws: tensor<72xf32>, %xs: tensor<100xf32>) -> tensor<100x72xf32> {
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %c72 = arith.constant 72 : index
  %c100 = arith.constant 100 : index
  %c0 = arith.constant 0 : index
  %init = tensor.empty() : tensor<100x72xf32>
  %r = scf.for %i = %c0 to %c100 step %c64 iter_args(%acc = %init) -> (tensor<100x72xf32>) {
    %r2 = scf.for %j = %c0 to %c72 step %c32 iter_args(%acc2 = %acc) -> (tensor<100x72xf32>) {
      %rows = affine.min #rows(%i)
      %cols = affine.min #cols(%j)
      %xt = tensor.extract_slice %x[%i, 0] [%rows, 64] [1, 1] : tensor<100x64xi8> to tensor<?x64xi8>
      %wt = tensor.extract_slice %w[%j, 0] [%cols, 64] [1, 1] : tensor<72x64xi8> to tensor<?x64xi8>
      %wst = tensor.extract_slice %ws[%j] [%cols] [1] : tensor<72xf32> to tensor<?xf32>
      %xst = tensor.extract_slice %xs[%i] [%rows] [1] : tensor<100xf32> to tensor<?xf32>
      // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 2]]:12: error: accel-schedule needs bufferized input: operand 'lhs' of this qmatmul is the result of tensor.extract_slice, not a bufferization.to_tensor of a memref; run --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize first
      // TINY: accel-schedule-invalid.mlir:[[# @LINE + 1]]:12: error: accel-schedule needs bufferized input
      %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<?x64xi8>, tensor<?x64xi8>, tensor<?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
      %u = tensor.insert_slice %t into %acc2[%i, %j] [%rows, %cols] [1, 1] : tensor<?x?xf32> into tensor<100x72xf32>
      scf.yield %u : tensor<100x72xf32>
    }
    scf.yield %r2 : tensor<100x72xf32>
  }
  return %r : tensor<100x72xf32>
}

// -----

func.func @untiled(%x: memref<64x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %xt = bufferization.to_tensor %x : memref<64x32xi8> to tensor<64x32xi8>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:8: error: accel-schedule needs tiled qmatmuls (an accel.tile attribute): run --accel-tile first
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

func.func @w4a16(%x: memref<64x128xf32>, %w: memref<32x64xi8>, %ws: memref<32x4xf32>, %y: memref<64x32xf32>) {
  %wst = bufferization.to_tensor %ws : memref<32x4xf32> to tensor<32x4xf32>
  %wt = bufferization.to_tensor %w : memref<32x64xi8> to tensor<32x64xi8>
  %xt = bufferization.to_tensor %x : memref<64x128xf32> to tensor<64x128xf32>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:8: error: accel-schedule supports w8a8 qmatmul tiles only (the sim target's scope), got w4a16; use the cpu target for this model
  %t = "accel.qmatmul"(%xt, %wt, %wst) {accel.tile = array<i64: 64, 32, 32>, group_size = 32 : i64, scheme = "w4a16"} : (tensor<64x128xf32>, tensor<32x64xi8>, tensor<32x4xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

// The tile's result is returned, not copied into an out-parameter.
func.func @no_destination(%x: memref<64x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>) -> memref<64x32xf32> {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %xt = bufferization.to_tensor %x : memref<64x32xi8> to tensor<64x32xi8>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:8: error: accel-schedule needs the tile's result written to a destination window (bufferization.to_buffer then memref.copy, as one-shot-bufferize emits it, with --buffer-results-to-out-params=modify-public-functions); run
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  return %b : memref<64x32xf32>
}

// -----

// A 64x32x32 tile needs 39680 bytes of SRAM: more than the 4 KiB of tiny-sram.
func.func @tiny_sram(%x: memref<64x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %xt = bufferization.to_tensor %x : memref<64x32xi8> to tensor<64x32xi8>
  // TINY: accel-schedule-invalid.mlir:[[# @LINE + 1]]:8: error: accel-schedule: the w8a8 tile 64x32x32 does not fit in SRAM: the SRAM plan needs 39680 bytes but hardware 'tiny-sram' has 4096 (buffers, each aligned to 64 B: A0 64x32xi8 (2048 B), W0 32x32xi8 (1024 B), A1 64x32xi8 (2048 B), W1 32x32xi8 (1024 B), ACC0 64x32xi32 (8192 B), OUT0 64x32xf32 (8192 B), RS0 64xf32 (256 B), CS0 32xf32 (128 B), ACC1 64x32xi32 (8192 B), OUT1 64x32xf32 (8192 B), RS1 64xf32 (256 B), CS1 32xf32 (128 B)); choose smaller tile sizes (accel-tile) or hardware with more SRAM
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 64, 32, 32>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

// 1024x1024x1024 tiles need 20 MiB: more than edge-npu's 2 MiB.
func.func @huge_tiles(%x: memref<64x32xi8>, %w: memref<32x32xi8>, %ws: memref<32xf32>, %xs: memref<64xf32>, %y: memref<64x32xf32>) {
  %xst = bufferization.to_tensor %xs : memref<64xf32> to tensor<64xf32>
  %wst = bufferization.to_tensor %ws : memref<32xf32> to tensor<32xf32>
  %wt = bufferization.to_tensor %w : memref<32x32xi8> to tensor<32x32xi8>
  %xt = bufferization.to_tensor %x : memref<64x32xi8> to tensor<64x32xi8>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:8: error: accel-schedule: the w8a8 tile 1024x1024x1024 does not fit in SRAM: the SRAM plan needs 20987904 bytes but hardware 'edge-npu' has 2097152 (buffers, each aligned to 64 B: A0 1024x1024xi8 (1048576 B), W0 1024x1024xi8 (1048576 B), A1 1024x1024xi8 (1048576 B), W1 1024x1024xi8 (1048576 B), ACC0 1024x1024xi32 (4194304 B), OUT0 1024x1024xf32 (4194304 B), RS0 1024xf32 (4096 B), CS0 1024xf32 (4096 B), ACC1 1024x1024xi32 (4194304 B), OUT1 1024x1024xf32 (4194304 B), RS1 1024xf32 (4096 B), CS1 1024xf32 (4096 B)); choose smaller tile sizes (accel-tile) or hardware with more SRAM
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 1024, 1024, 1024>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<64x32xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<64xf32>) -> tensor<64x32xf32>
  %b = bufferization.to_buffer %t : tensor<64x32xf32> to memref<64x32xf32>
  memref.copy %b, %y : memref<64x32xf32> to memref<64x32xf32>
  return
}

// -----

// Each tile shape fits alone, not both together (with the lhs resident or not).
func.func @shapes_together(%x: memref<512x512xi8>, %w: memref<256x512xi8>, %ws: memref<256xf32>, %xs: memref<512xf32>, %y: memref<512x256xf32>, %y2: memref<512x256xf32>) {
  %xst = bufferization.to_tensor %xs : memref<512xf32> to tensor<512xf32>
  %wst = bufferization.to_tensor %ws : memref<256xf32> to tensor<256xf32>
  %wt = bufferization.to_tensor %w : memref<256x512xi8> to tensor<256x512xi8>
  %xt = bufferization.to_tensor %x : memref<512x512xi8> to tensor<512x512xi8>
  %t = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 512, 128, 512>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<512x512xi8>, tensor<256x512xi8>, tensor<256xf32>, tensor<512xf32>) -> tensor<512x256xf32>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:9: error: accel-schedule: the 2 tile shapes of this function (512x128x512, 512x128x256) do not fit in SRAM together: the SRAM plan needs 3090432 bytes but hardware 'edge-npu' has 2097152 (buffers, each aligned to 64 B: 512x128x512.A0 512x512xi8 (262144 B), 512x128x512.W0 128x512xi8 (65536 B),
  %t2 = "accel.qmatmul"(%xt, %wt, %wst, %xst) {accel.tile = array<i64: 512, 128, 256>, group_size = 0 : i64, scheme = "w8a8"} : (tensor<512x512xi8>, tensor<256x512xi8>, tensor<256xf32>, tensor<512xf32>) -> tensor<512x256xf32>
  %b = bufferization.to_buffer %t : tensor<512x256xf32> to memref<512x256xf32>
  memref.copy %b, %y : memref<512x256xf32> to memref<512x256xf32>
  %b2 = bufferization.to_buffer %t2 : tensor<512x256xf32> to memref<512x256xf32>
  memref.copy %b2, %y2 : memref<512x256xf32> to memref<512x256xf32>
  return
}

// -----

// Tensor code other than qmatmul tiles cannot become L4 code.
func.func @quantize_left(%x: memref<64x128xf32>, %q: memref<64x128xi8>, %s: memref<64xf32>) {
  %xt = bufferization.to_tensor %x : memref<64x128xf32> to tensor<64x128xf32>
  // CHECK: accel-schedule-invalid.mlir:[[# @LINE + 1]]:10: error: accel-schedule cannot schedule accel.quantize (it schedules w8a8 accel.qmatmul tiles only); tensor code would remain in the L4 program
  %r:2 = "accel.quantize"(%xt) : (tensor<64x128xf32>) -> (tensor<64x128xi8>, tensor<64xf32>)
  %qb = bufferization.to_buffer %r#0 : tensor<64x128xi8> to memref<64x128xi8>
  %sb = bufferization.to_buffer %r#1 : tensor<64xf32> to memref<64xf32>
  memref.copy %qb, %q : memref<64x128xi8> to memref<64x128xi8>
  memref.copy %sb, %s : memref<64xf32> to memref<64xf32>
  return
}
