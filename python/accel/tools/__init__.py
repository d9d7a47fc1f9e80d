"""Command-line tools: accel-opt (the mlir-opt of accel) and accelc (the compiler driver)."""
