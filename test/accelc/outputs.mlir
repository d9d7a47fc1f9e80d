// Output paths are checked before any work: an error names the path and the option,
// exit 1, no traceback, and nothing is written (not even the outputs that could be).
// `import` writes to stdout without -o.

// RUN: rm -rf %t && mkdir %t && touch %t/afile
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --trace %t/nodir/t.json 2>&1 | filecheck %s --check-prefix TRACE
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --output-dir %t/afile/sub 2>&1 | filecheck %s --check-prefix OUTPUT-DIR
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --dump-ir %t/afile/ir 2>&1 | filecheck %s --check-prefix DUMP-IR
// RUN: not accelc run %S/Inputs/gemm.mlir --target sim --output-dir %t/out --report %t/nodir/r.json 2>&1 | filecheck %s --check-prefix REPORT
// RUN: not accelc compile %S/Inputs/gemm.mlir --target sim -o %t/afile/x.mlir 2>&1 | filecheck %s --check-prefix COMPILE
// RUN: not accelc import %S/Inputs/gemm.mlir -o %t/nodir/x.mlir 2>&1 | filecheck %s --check-prefix IMPORT
// RUN: ls -A %t | filecheck %s --check-prefix NOTHING-WRITTEN
// RUN: accelc import %S/Inputs/gemm.mlir -q | filecheck %s --check-prefix STDOUT

// Without -q: no progress line comes before the error (no stage ran).
// TRACE-NOT: accelc:
// TRACE: nodir/t.json: error: cannot write --trace: directory '{{.*}}nodir' does not exist
// TRACE-NOT: {{.}}

// OUTPUT-DIR: afile/sub: error: cannot write --output-dir: '{{.*}}afile' is not a directory
// OUTPUT-DIR-NOT: {{.}}

// DUMP-IR: afile/ir: error: cannot write --dump-ir: '{{.*}}afile' is not a directory
// DUMP-IR-NOT: {{.}}

// REPORT: nodir/r.json: error: cannot write --report: directory '{{.*}}nodir' does not exist
// REPORT-NOT: {{.}}

// COMPILE: afile/x.mlir: error: cannot write -o: '{{.*}}afile' is not a directory
// COMPILE-NOT: {{.}}

// IMPORT: nodir/x.mlir: error: cannot write -o: directory '{{.*}}nodir' does not exist
// IMPORT-NOT: {{.}}

// NOTHING-WRITTEN: afile
// NOTHING-WRITTEN-NOT: {{.}}

// STDOUT: module {
// STDOUT: "accel.qmatmul"
