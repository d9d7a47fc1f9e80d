"""The cpu target: accel ops lowered back to linalg, compiled by IREE (llvm-cpu), run by iree.runtime."""
