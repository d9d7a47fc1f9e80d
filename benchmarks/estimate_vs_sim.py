"""The estimate target against the sim target: how close, how much faster.

For screening many designs, `--target estimate` costs each qmatmul with the cost model
instead of simulating it. This prints, per GEMM shape and preset, the estimated and the
simulated cycles of the same tile sizes (the model's choice: the sim target with
tune=0), their ratio, and the wall time of each (compile + timing-only run), measured
side by side in one run.

    python benchmarks/estimate_vs_sim.py [--hw edge-npu,datacenter] [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time

import accel
from accel.workloads import int8_gemm

SHAPES = [(512, 512, 512), (1024, 1024, 1024), (384, 2304, 768), (197, 768, 768), (1, 4096, 4096), (8, 4096, 4096), (2048, 4096, 1024)]
QUICK = SHAPES[:3]


def timed(source: str, **options) -> tuple[dict, float]:
    started = time.perf_counter()
    artifact = accel.compile(source, **options)
    artifact.run(timing_only=True)
    return artifact.report, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hw", default="edge-npu,datacenter")
    parser.add_argument("--quick", action="store_true", help="three shapes only")
    args = parser.parse_args()
    print(f"{'hw':<11} {'M':>5} {'N':>5} {'K':>5}  {'estimate':>10} {'simulated':>10} {'est/sim':>8}  {'est s':>7} {'sim s':>7} {'speed-up':>8}")
    for target in ("estimate", "sim"):  # imports and first-use costs out of the figures
        timed(int8_gemm(8, 8, 16), target=target, hw="edge-npu")
    ratios, speedups = [], []
    for hw in args.hw.split(","):
        for m, n, k in QUICK if args.quick else SHAPES:
            source = int8_gemm(m, n, k)
            estimate, estimate_seconds = timed(source, target="estimate", hw=hw)
            simulated, sim_seconds = timed(source, target="sim", hw=hw, tune=0)
            ratio = estimate["cycles"] / simulated["cycles"]
            ratios.append(ratio)
            speedups.append(sim_seconds / estimate_seconds)
            print(f"{hw:<11} {m:>5} {n:>5} {k:>5}  {estimate['cycles']:>10,} {simulated['cycles']:>10,} {ratio:>8.3f}  "
                  f"{estimate_seconds:>7.3f} {sim_seconds:>7.3f} {speedups[-1]:>7.1f}x")
    print(f"est/sim: min {min(ratios):.3f}, max {max(ratios):.3f}, median {statistics.median(ratios):.3f}; "
          f"median speed-up {statistics.median(speedups):.1f}x")


if __name__ == "__main__":
    main()
