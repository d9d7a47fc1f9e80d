// accelc run on both targets: the summary on stdout (the report's headline numbers
// on sim, the wall time on cpu); --check runs the cpu target too and compares bits.

// RUN: accelc run %s --target sim --hw edge-npu -q | filecheck %s --check-prefix SIM
// RUN: accelc run %s --target sim --hw datacenter -q --seed 3 --check | filecheck %s --check-prefixes SIM-DC,BITS
// RUN: accelc run %s --target cpu -q | filecheck %s --check-prefix CPU
// RUN: accelc run %s --target sim --timing-only -q | filecheck %s --check-prefix TIMING

// SIM:      @qkv on sim (edge-npu), quant none
// SIM-NEXT:   result0: float32 [20, 48]  min {{\S+}}  max {{\S+}}  mean {{\S+}}
// SIM-NEXT:   cycles         {{[0-9,]+$}}
// SIM-NEXT:   time           {{[0-9.]+}} us
// SIM-NEXT:   roofline       {{[0-9.]+}} us
// SIM-NEXT:   efficiency     {{0\.[0-9]{3}$}}
// SIM-NEXT:   MACs (useful)  61,440
// SIM-NEXT:   DRAM traffic   {{[0-9.]+}} KiB
// SIM-NEXT:   SRAM traffic   {{[0-9.]+}} KiB
// SIM-NEXT:   energy         {{[0-9.]+}} uJ
// SIM-NEXT:   utilization    matrix {{[0-9.]+}}  vector {{[0-9.]+}}  dma0 {{[0-9.]+}}  dma1 {{[0-9.]+}}{{.*$}}
// SIM-NOT: {{.}}

// SIM-DC: @qkv on sim (datacenter), quant none
// SIM-DC: MACs (useful)  61,440
// BITS:   check: sim == cpu, 1 output(s) bit-identical

// CPU:      @qkv on cpu, quant none
// CPU-NEXT:   result0: float32 [20, 48]  min {{\S+}}  max {{\S+}}  mean {{\S+}}
// CPU-NEXT:   wall time  {{[0-9.]+}} ms
// CPU-NOT: {{.}}

// TIMING:      @qkv on sim (edge-npu), quant none
// TIMING-NOT:  result0
// TIMING:      cycles

func.func @qkv(%x: tensor<20x64xi8>, %w: tensor<48x64xi8>, %w_scale: tensor<48xf32>, %x_scale: tensor<20xf32>) -> tensor<20x48xf32> {
  %y = "accel.qmatmul"(%x, %w, %w_scale, %x_scale) {scheme = "w8a8", group_size = 0 : i64} : (tensor<20x64xi8>, tensor<48x64xi8>, tensor<48xf32>, tensor<20xf32>) -> tensor<20x48xf32>
  return %y : tensor<20x48xf32>
}
