// Inputs accelc import cannot take: located errors, exit status 1, no traceback.

// RUN: not accelc import %S/Inputs/not-a-model.txt -o %t.mlir 2>&1 | filecheck %s --check-prefix NOT-A-MODEL
// RUN: not accelc import %S/Inputs/mixed.mlir -o %t.mlir 2>&1 | filecheck %s --check-prefix MIXED
// RUN: not accelc import %S/Inputs/does-not-exist.onnx -o %t.mlir 2>&1 | filecheck %s --check-prefix MISSING
// RUN: not accelc import %S/Inputs/mixed.mlir --hf-model %S -o %t.mlir 2>&1 | filecheck %s --check-prefix TWO
// RUN: not accelc import %s -o %t.mlir 2>&1 | filecheck %s --check-prefix UNREGISTERED

// NOT-A-MODEL-NOT: Traceback
// NOT-A-MODEL: not-a-model.txt: error: not a model accel imports: expected an .onnx or .mlir file, got 'not-a-model.txt' (Hugging Face: --hf-config, --hf-model)

// MIXED-NOT: Traceback
// MIXED: mixed.mlir:6:8: error: the module mixes stablehlo and torch operations: IREE converts one input dialect per module

// MISSING: does-not-exist.onnx: error: cannot read input: No such file or directory

// TWO: accelc import: error: give one input: IN (.onnx or .mlir), --hf-config CONFIG.json or --hf-model DIR (got IN, --hf-model)

// UNREGISTERED-NOT: Traceback
// UNREGISTERED: errors.mlir:[[# @LINE + 2]]:8: error: 'foo.bar' is not an operation of an input dialect accel imports (torch, ONNX, StableHLO, TOSA, linalg)
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "foo.bar"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
