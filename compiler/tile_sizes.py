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
    precision = "int8" if scheme == "w8a8" else "bf16"
    peak = hw.peak_macs_per_second(precision) or hw.peak_macs_per_second("int8")
    bandwidth = hw.dma_bandwidth
    per_dma_seconds = hw.dram.latency_ns * 1e-9
    k_unit = min(k, rows)
    min_tk = k_unit
    best = None
    for tm in _candidates(m, rows):
        for tn in _candidates(n, cols):
            if working_set_bytes(tm, tn, min_tk, scheme) > budget:
                continue
            tk = _largest_tk(tm, tn, k, k_unit, budget, scheme)
            row_tiles, col_tiles, k_steps = math.ceil(m / tm), math.ceil(n / tn), math.ceil(k / tk)
            padded_macs = row_tiles * tm * col_tiles * tn * k_steps * tk
            traffic = (
                m * k * _LHS_BYTES[scheme] * col_tiles
                + n * k * _WEIGHT_BYTES[scheme] * row_tiles
                + m * n * 4
            )
            dmas = row_tiles * col_tiles * (2 * k_steps + 1)
            # Nothing overlaps the first step's loads nor the last tile's store.
            fill_drain = ((tm * _LHS_BYTES[scheme] + tn * _WEIGHT_BYTES[scheme]) * tk + tm * tn * 4) / bandwidth
            estimate = max(padded_macs / peak, traffic / bandwidth) + fill_drain + dmas * per_dma_seconds / max(1, hw.dma.engines)
            key = (estimate, -tm * tn, -tk)
            if best is None or key < best[0]:
                best = (key, TileSizes(tm, tn, tk))
    if best is None:
        raise AccelError(
            f"no tile of a {m}x{n}x{k} {scheme} matmul fits {budget} bytes of SRAM on '{hw.name}' "
            f"(the smallest needs {working_set_bytes(min(m, rows), min(n, cols), min_tk, scheme)})"
        )
    return best[1]


def _largest_tk(tm: int, tn: int, k: int, k_unit: int, budget: int, scheme: str) -> int:
    """The largest multiple of k_unit (or k itself) whose working set fits `budget`."""
    if working_set_bytes(tm, tn, k, scheme) <= budget:
        return k
    fixed = working_set_bytes(tm, tn, 0, scheme)
    per_k = 2 * (tm * _LHS_BYTES[scheme] + tn * _WEIGHT_BYTES[scheme])
    tk = int((budget - fixed) // per_k)
    return max(k_unit, tk // k_unit * k_unit)
