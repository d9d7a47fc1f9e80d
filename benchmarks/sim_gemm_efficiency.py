"""Simulated efficiency (roofline time / simulated time) of int8 GEMMs.

Goals (issue: quantized matmul end to end): >= 0.85 for GEMMs with M, N, K in
{512, 1024, 4096} and non-power-of-two shapes, on datacenter and edge-npu; >= 0.90 for
decode-shaped GEMV (M = 1..8, N = K = 4096). Each shape is compiled for the sim target
(accel-tile sizes from the hardware model) and simulated in timing-only mode. With
--tune N, each is also compiled with `tune=N` (accel.tuning: the model's N best tile
sizes simulated, the fastest kept); the goal is then checked on the tuned program and
both figures are printed.

    python benchmarks/sim_gemm_efficiency.py [--hw edge-npu,datacenter] [--quick] [--tune N]
"""

import argparse
import itertools
import sys
import time

import accel
from accel.workloads import int8_gemm

CUBES = [(m, n, k) for m, n, k in itertools.product((512, 1024, 4096), repeat=3)]
ODD = [(384, 2304, 768), (384, 768, 3072), (197, 768, 768), (1000, 1000, 1000), (130, 4100, 250)]
GEMV = [(m, 4096, 4096) for m in (1, 2, 4, 8)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hw", default="edge-npu,datacenter")
    parser.add_argument("--quick", action="store_true", help="a few shapes only")
    parser.add_argument("--tune", type=int, default=0, metavar="N", help="also compile with tune=N and check the goal on that")
    args = parser.parse_args()
    shapes = [(s, 0.85) for s in (CUBES if not args.quick else CUBES[:3]) + ODD] + [(s, 0.90) for s in GEMV]
    failures = 0
    tuned_header = f" {'tuned tiles':<16} {'tuned':>6}" if args.tune else ""
    print(f"{'hw':<11} {'M':>5} {'N':>5} {'K':>5}  {'tiles':<16} {'efficiency':>10}{tuned_header} {'goal':>5}  {'sim us':>10} {'wall s':>7}")
    for hw in args.hw.split(","):
        for (m, n, k), goal in shapes:
            started = time.perf_counter()
            artifact = accel.compile(int8_gemm(m, n, k), target="sim", hw=hw)
            artifact.run(timing_only=True)
            wall = time.perf_counter() - started
            report = artifact.report
            tiles = artifact.ir["tiled"].split("accel.tile = array<i64: ", 1)[1].split(">", 1)[0].replace(" ", "")
            efficiency, tuned = report["efficiency"], ""
            if args.tune:
                best = accel.compile(int8_gemm(m, n, k), target="sim", hw=hw, tune=args.tune).tuning[0]
                efficiency = best["efficiency"]
                choice = ",".join(map(str, best["tile_sizes"]))
                tuned = f" {choice:<16} {efficiency:>6.3f}"
                wall = time.perf_counter() - started
            ok = efficiency >= goal
            failures += not ok
            print(f"{hw:<11} {m:>5} {n:>5} {k:>5}  {tiles:<16} {report['efficiency']:>10.3f}{tuned} {goal:>5.2f}  {report['seconds'] * 1e6:>10.1f} {wall:>7.2f}  {'ok' if ok else 'BELOW GOAL'}")
    print(f"{failures} shape(s) below goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
