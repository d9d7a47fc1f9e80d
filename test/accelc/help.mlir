// accelc --help and accelc run --help explain the commands and every option;
// accelc --version names accel's and IREE's versions.

// RUN: accelc --help | filecheck %s
// RUN: accelc --version | filecheck %s --check-prefix VERSION
// RUN: accelc run --help | filecheck %s --check-prefix RUN-OPTIONS
// RUN: accelc compile --help | filecheck %s --check-prefix COMPILE

// CHECK: usage: accelc [-h] [--version] {compile,run,import,generate} ...
// CHECK: examples:
// CHECK: accelc run examples/gemm.mlir --target sim --hw edge-npu
// CHECK: compile {{.*}}compile to an artifact
// CHECK: run {{.*}}compile and run, print a summary

// RUN-OPTIONS: --target {cpu,estimate,sim}
// RUN-OPTIONS: cpu: the CPU reference
// RUN-OPTIONS: estimate: the
// RUN-OPTIONS: sim: the simulated accelerator of --hw
// RUN-OPTIONS: --hw PRESET|FILE.toml
// RUN-OPTIONS: --quant {none,w8a8,w8a16,w4a16}
// RUN-OPTIONS: --tile-sizes TM,TN,TK
// RUN-OPTIONS: --input NAME=FILE.npy
// RUN-OPTIONS: --output-dir DIR
// RUN-OPTIONS: --report FILE.json
// RUN-OPTIONS: --trace FILE.json
// RUN-OPTIONS: --timing-only
// RUN-OPTIONS: --check

// COMPILE: usage: accelc compile
// COMPILE: -o OUT{{ +}}where to write the compiled artifact

// VERSION: accelc {{[0-9]+\.[0-9]+\.[0-9]+}}
// VERSION-NEXT: IREE compiler {{[0-9]+\.[0-9]+.*}}
// VERSION-NOT: {{.}}
