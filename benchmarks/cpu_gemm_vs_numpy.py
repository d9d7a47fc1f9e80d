"""The CPU target (IREE, llvm-cpu) on a float32 GEMM against numpy's float32 matmul.

Goal (issue: quantized matmul end to end): a 1024^3 float GEMM within 2x of numpy,
same machine, same run. Both are timed side by side, interleaved, best of --repeat
(the machine is shared and noisy); the ratio is IREE time / numpy time. numpy uses
whatever BLAS it ships with, on all cores; IREE's local-task device uses all cores.

    python benchmarks/cpu_gemm_vs_numpy.py [--size 1024] [--repeat 10]
"""

import argparse
import sys
import time

import numpy as np

import accel
from accel.workloads import float_gemm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    n = args.size
    started = time.perf_counter()
    artifact = accel.compile(float_gemm(n, n, n), target="cpu")
    compile_seconds = time.perf_counter() - started
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    (result,) = artifact.run(a, b)  # warm-up: loads the module, spins up workers
    expected = a @ b
    error = float(np.abs(result - expected).max() / np.abs(expected).max())
    iree_times, numpy_times = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        artifact.run(a, b)
        t1 = time.perf_counter()
        np.matmul(a, b)
        t2 = time.perf_counter()
        iree_times.append(t1 - t0)
        numpy_times.append(t2 - t1)
    iree, ref = min(iree_times), min(numpy_times)
    flops = 2 * n**3
    print(f"{n}^3 f32 GEMM: compile {compile_seconds:.2f} s, max relative error vs numpy {error:.2e}")
    print(f"  IREE cpu target: {iree * 1e3:8.2f} ms  ({flops / iree / 1e9:6.1f} GFLOP/s)")
    print(f"  numpy matmul:    {ref * 1e3:8.2f} ms  ({flops / ref / 1e9:6.1f} GFLOP/s)")
    print(f"  ratio IREE / numpy = {iree / ref:.2f} (goal <= 2.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
