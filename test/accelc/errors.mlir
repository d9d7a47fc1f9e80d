// User errors: one line LOCATION: error: message on stderr, exit status 1, no
// traceback. Malformed MLIR is located at FILE:LINE:COL; bad options at the option;
// a bad hardware file at the file and its field.

// RUN: not accelc run %s 2>&1 | filecheck %s --check-prefix PARSE
// RUN: not accelc compile %s --target sim -o %t.out 2>&1 | filecheck %s --check-prefix PARSE
// RUN: not accelc run %t.does-not-exist.mlir 2>&1 | filecheck %s --check-prefix MISSING
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --hw edge-nup 2>&1 | filecheck %s --check-prefix PRESET
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --hw %S/Inputs/bad-hardware.toml 2>&1 | filecheck %s --check-prefix TOML
// RUN: not accelc run %S/Inputs/gemm.mlir --target cpu --trace %t.json 2>&1 | filecheck %s --check-prefix TRACE
// RUN: not accelc run %S/Inputs/gemm.mlir --target cpu --check 2>&1 | filecheck %s --check-prefix CHECK-CPU
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --tile-sizes 8,8 2>&1 | filecheck %s --check-prefix TILES

// PARSE-NOT: {{Traceback|internal error}}
// PARSE: errors.mlir:[[# @LINE + 5]]:22: error: expected SSA operand
// PARSE-NOT: {{.}}

// The broken function: `arith.addi` is missing its second operand.
func.func @broken(%x: i32) -> i32 {
  %y = arith.addi %x, : i32
  return %y : i32
}

// MISSING: errors.mlir.tmp.does-not-exist.mlir: error: cannot read input: No such file or directory
// MISSING-NOT: {{.}}

// PRESET: --hw: error: unknown hardware preset 'edge-nup' (did you mean 'edge-npu'? presets: datacenter, edge-npu, sram-only; or give the path of a .toml hardware file)
// PRESET-NOT: {{.}}

// TOML-NOT: Traceback
// TOML: Inputs/bad-hardware.toml: error: field 'matrix.dataflow' must be one of weight_stationary, output_stationary, got "diagonal"
// TOML: Inputs/bad-hardware.toml: error: missing field 'vector'
// TOML-NOT: Traceback

// TRACE: --trace: error: --trace needs a target with timing, such as --target sim (--target cpu has no engine timeline)
// TRACE-NOT: {{.}}

// CHECK-CPU: --check: error: --check compares a run (with values) against the cpu target: use another --target, without --timing-only
// CHECK-CPU-NOT: {{.}}

// TILES: --tile-sizes: error: tile sizes are three positive integers TM,TN,TK, got '8,8'
// TILES-NOT: {{.}}
