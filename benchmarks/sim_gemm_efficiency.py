"""Simulated efficiency (roofline time / simulated time) of int8 GEMMs.

Goals (issue: quantized matmul end to end): >= 0.85 for GEMMs with M, N, K in
{512, 1024, 4096} and non-power-of-two shapes, on datacenter and edge-npu; >= 0.90 for
decode-shaped GEMV (M = 1..8, N = K = 4096). Each shape is compiled for the sim target
as `accel.compile` does by default (the tile-size model's best choices simulated, the
fastest kept: accel.targets.sim.tuning) and simulated in timing-only mode; the goal is checked on
that. The "model" column is the model's own choice (the candidate tuning timed first),
for comparison; "wall s" is the default compile (tuning included) and its run.

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
    parser.add_argument("--tune", type=int, metavar="N", help="tile-size choices to simulate (default: accel.compile's)")
    args = parser.parse_args()
    shapes = [(s, 0.85) for s in (CUBES if not args.quick else CUBES[:3]) + ODD] + [(s, 0.90) for s in GEMV]
    failures = 0
    print(f"{'hw':<11} {'M':>5} {'N':>5} {'K':>5}  {'model tiles':<16} {'model':>6}  {'tiles':<16} {'efficiency':>10} {'goal':>5}  {'sim us':>10} {'wall s':>7}")
    for hw in args.hw.split(","):
        for (m, n, k), goal in shapes:
            started = time.perf_counter()
            artifact = accel.compile(int8_gemm(m, n, k), target="sim", hw=hw, tune=args.tune)
            artifact.run(timing_only=True)
            wall = time.perf_counter() - started
            report = artifact.report
            # Tuning timed the model's choice among its candidates (without tuning, it is the artifact).
            model = next((row for row in artifact.tuning if row["model_choice"]), None)
            model_tiles, model_efficiency = (",".join(map(str, model["tile_sizes"])), model["efficiency"]) if model else (_tiles(artifact), report["efficiency"])
            ok = report["efficiency"] >= goal
            failures += not ok
            print(f"{hw:<11} {m:>5} {n:>5} {k:>5}  {model_tiles:<16} {model_efficiency:>6.3f}  {_tiles(artifact):<16} "
                  f"{report['efficiency']:>10.3f} {goal:>5.2f}  {report['seconds'] * 1e6:>10.1f} {wall:>7.2f}  {'ok' if ok else 'BELOW GOAL'}")
    print(f"{failures} shape(s) below goal")
    return 0


def _tiles(artifact) -> str:
    return artifact.ir["tiled"].split("accel.tile = array<i64: ", 1)[1].split(">", 1)[0].replace(" ", "")


if __name__ == "__main__":
    sys.exit(main())
