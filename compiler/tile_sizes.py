"""Tile sizes for accel.qmatmul, chosen from the hardware model.

One step of the scheduled K loop holds, in SRAM, an lhs tile [tm, tk], a weight tile
[tn, tk'] (tk' = tk / 2 for packed int4), both double-buffered so the DMA of the next
step overlaps the compute of this one, plus the i32/f32 accumulator [tm, tn], the
result tile [tm, tn] and the scales. `working_set_bytes` is that sum; a choice is legal
when it fits `hw.sram.bytes`.

Among legal choices (tm a multiple of the matrix unit's rows, tn of its columns,
where the shape allows), `choose_tile_sizes` minimises a first-order time estimate:
max(padded MACs / peak MAC rate, DRAM traffic / DRAM bandwidth) plus the pipeline
fill and drain (the first step's loads and the last store overlap nothing) and a
fixed cost per DMA, where the traffic re-reads lhs once per column of tiles and the weights once
per row of tiles. tk is then the largest that fits. This is a model, not a search
over simulated schedules; the simulator reports how close the result gets to the
roofline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accel.diagnostics import AccelError

# Bytes per element of the operands of a qmatmul, by scheme: (lhs, weight, lhs_scale?)
_LHS_BYTES = {"w8a8": 1, "w8a16": 2, "w4a16": 2, "none": 4}
_WEIGHT_BYTES = {"w8a8": 1.0, "w8a16": 1.0, "w4a16": 0.5, "none": 4.0}


@dataclass(frozen=True)
class TileSizes:
    tm: int
    tn: int
    tk: int

    def as_list(self) -> list[int]:
        return [self.tm, self.tn, self.tk]


def working_set_bytes(tm: int, tn: int, tk: int, scheme: str = "w8a8") -> int:
    """SRAM bytes of one double-buffered K step of a [tm, tn, tk] qmatmul tile."""
    lhs = tm * tk * _LHS_BYTES[scheme]
    weight = math.ceil(tn * tk * _WEIGHT_BYTES[scheme])
    accumulator = tm * tn * 4
    result = tm * tn * 4
    scales = (tm + tn) * 4
    return 2 * (lhs + weight) + accumulator + result + scales


def _candidates(extent: int, unit: int, limit: int = 64) -> list[int]:
    """Multiples of `unit` no larger than `extent`, and `extent` itself (one tile)."""
    if extent <= unit:
        return [extent]
    top = extent // unit
    step = max(1, top // limit)
    return sorted({unit * i for i in range(1, top + 1, step)} | {unit * top, extent})


def choose_tile_sizes(m: int, n: int, k: int, hw, scheme: str = "w8a8") -> TileSizes:
    """The tile sizes for an [m, k] x [n, k] qmatmul on `hw` (see module docstring)."""
    rows, cols = hw.matrix.rows, hw.matrix.cols
    budget = hw.sram.bytes
    k_unit = min(k, rows)
    best = None
    for tm in _candidates(m, rows):
        for tn in _candidates(n, cols):
            if working_set_bytes(tm, tn, k_unit, scheme) > budget:
                continue
            largest = _largest_tk(tm, tn, k, k_unit, budget, scheme)
            for tk in _candidates(largest, k_unit, limit=16):
                estimate = estimated_cycles(m, n, k, TileSizes(tm, tn, tk), hw, scheme)
                key = (estimate, -tm * tn, -tk)
                if best is None or key < best[0]:
                    best = (key, TileSizes(tm, tn, tk))
    if best is None:
        raise AccelError(
            f"no tile of a {m}x{n}x{k} {scheme} matmul fits {budget} bytes of SRAM on '{hw.name}' "
            f"(the smallest needs {working_set_bytes(min(m, rows), min(n, cols), k_unit, scheme)})"
        )
    return best[1]


def estimated_cycles(m: int, n: int, k: int, tiles: TileSizes, hw, scheme: str = "w8a8") -> float:
    """First-order cycles of the schedule accel-schedule builds for these tiles.

    The steady state is bound by the busier of the DMA channel (every tile re-reads
    its lhs and weight windows, K step by K step) and the matrix unit (the engine
    model's occupancy of each mma); on top come what overlaps nothing: the first K
    step's loads, and after the last mma its drain, the rescale and the store.
    """
    from accel.targets.sim.engines import MatrixTiming, rescale_cycles

    tm, tn, tk = tiles.tm, tiles.tn, tiles.tk
    clock = hw.clock_hz
    bandwidth = hw.dma_bandwidth / clock  # bytes per cycle
    latency = hw.dram.latency_ns * 1e-9 * clock if hw.dram.bytes else 0.0
    precision = "int8" if scheme == "w8a8" else "bf16"
    row_tiles, col_tiles, k_steps = math.ceil(m / tm), math.ceil(n / tn), math.ceil(k / tk)
    tiles_count = row_tiles * col_tiles
    step_bytes = tm * tk * _LHS_BYTES[scheme] + tn * tk * _WEIGHT_BYTES[scheme]
    scale_bytes = (tm + tn) * 4
    dma_bytes = tiles_count * (k_steps * step_bytes + scale_bytes) + m * n * 4
    transfers = tiles_count * (2 * k_steps + 3)
    dma_cycles = dma_bytes / bandwidth + transfers * latency / max(1, hw.dma.engines)
    timing = MatrixTiming(hw)
    load, occupancy, drain = timing.phases(tm, tn, tk, precision)
    compute_cycles = tiles_count * k_steps * occupancy
    fill = latency + step_bytes / bandwidth + load
    tail = drain + rescale_cycles(hw, tm, tn) + latency + tm * tn * 4 / bandwidth
    return max(dma_cycles, compute_cycles) + fill + tail


def _largest_tk(tm: int, tn: int, k: int, k_unit: int, budget: int, scheme: str) -> int:
    """The largest multiple of k_unit (or k itself) whose working set fits `budget`."""
    if working_set_bytes(tm, tn, k, scheme) <= budget:
        return k
    fixed = working_set_bytes(tm, tn, 0, scheme)
    per_k = 2 * (tm * _LHS_BYTES[scheme] + tn * _WEIGHT_BYTES[scheme])
    tk = int((budget - fixed) // per_k)
    return max(k_unit, tk // k_unit * k_unit)
