"""Tile sizes for accel.qmatmul, chosen from the hardware model, and how accel-schedule buffers them.

`buffering` decides, for a tile shape of a qmatmul on a hardware, what accel-schedule
builds (see compiler/passes/accel_schedule.py): which operand stays resident across
the innermost tile loop, how deep the ring of K-step buffers of the streamed operands
is, how many output sets (accumulator, result tile, scales) the tiles use in turn,
and into how many sub-tiles the last tile of a pass is split. `working_set_bytes` is
the SRAM those buffers take (accel-schedule's address plan needs exactly that plus
alignment); a tile choice is legal when it fits `hw.sram.bytes`.

Among legal choices (tm a multiple of the matrix unit's rows or a fraction of them
for a weight-stationary array, tn of its columns, tk of its rows, each taken for 1 to
8 and powers-of-two tiles per dimension), `choose_tile_sizes` minimises
`estimated_cycles`, a first-order model of that schedule on the timing formulas the
simulator uses (targets/timing.py; the simulator's engines then overlap the ops): tile
by tile the busier of the matrix unit and the DMA channel (bytes over it; the operand
queue hides the latency), the resident block's load with the first tile of each pass,
and the head and tail that overlap nothing.
It is a model, not a search over simulated schedules; a test keeps it within a margin
of the simulator. Its ranking of close candidates is not reliable, so the sim target's
driver simulates the first few of `ranked_tile_sizes` and keeps the fastest
(targets/sim/tuning.py); benchmarks/sim_gemm_efficiency.py prints both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accel.core.diagnostics import AccelError
from accel.targets.timing import MatrixTiming, dma_latency_cycles, rescale_cycles

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


# accel-schedule unrolls the K steps of a tile whose other operand is resident (one
# SRAM buffer per step): past this many steps it streams both operands instead.
MAX_RESIDENT_STEPS = 64

RESIDENT_OPERANDS = ("lhs", "weight")

# The deepest ring of K-step buffers accel-schedule builds for a streamed operand.
MAX_RING = 16

# The most sub-tiles accel-schedule cuts the last tile of a pass into.
MAX_SPLIT = 4

# Estimates this close to the lowest count as a tie when the best takes more mmas
# than MANY_MMAS (see choose_tile_sizes).
NEAR_BEST = 0.01
MANY_MMAS = 4096


@dataclass(frozen=True)
class Buffering:
    """How accel-schedule buffers the operands of a tile shape (see `buffering`)."""

    resident: str | None = None  # "lhs", "weight" or None: kept in SRAM across the innermost tile loop
    ring: int = 2  # K-step buffers of each streamed operand: 2 = double buffering
    outputs: int = 2  # output sets (accumulator, result tile, scales), used in turn by the tiles
    split: int = 1  # sub-tiles the last tile of each pass is cut into (see `sub_tile`)
    sub_ring: int = 2  # the sub-tiles' ring


def sub_tile(tiles: "TileSizes", plan: Buffering) -> "TileSizes":
    """The tiles the last tile of a pass over the innermost loop is cut into: along
    the loop's dimension (N under a resident lhs, M under resident weights), so they
    share the resident operand and each stores its part as soon as it is done."""
    if plan.resident == "lhs":
        return TileSizes(tiles.tm, tiles.tn // plan.split, tiles.tk)
    return TileSizes(tiles.tm // plan.split, tiles.tn, tiles.tk)


def working_set_bytes(tm: int, tn: int, tk: int, scheme: str = "w8a8", *, k: int | None = None, plan: Buffering = Buffering()) -> int:
    """SRAM bytes of the buffers accel-schedule allocates for [tm, tn, tk] tiles.

    Each streamed operand has `plan.ring` K-step tiles; a resident operand has one
    [tm or tn, tk] buffer per K step of the K-long reduction instead. The accumulator,
    the result tile and the scales come `plan.outputs` times (output sets used in
    turn). With `plan.split`, the sub-tiles have a ring and output sets of their own.
    """
    if plan.resident is not None and (plan.resident not in RESIDENT_OPERANDS or k is None):
        raise ValueError(f"a resident operand is one of {RESIDENT_OPERANDS} and needs K, got {plan.resident!r}, k={k}")

    def streamed_and_outputs(tm: int, tn: int, ring: int) -> int:
        lhs = tm * tk * _LHS_BYTES[scheme] if plan.resident != "lhs" else 0
        weight = math.ceil(tn * tk * _WEIGHT_BYTES[scheme]) if plan.resident != "weight" else 0
        accumulator, result, scales = tm * tn * 4, tm * tn * 4, (tm + tn) * 4
        return ring * (lhs + weight) + plan.outputs * (accumulator + result + scales)

    total = streamed_and_outputs(tm, tn, plan.ring)
    if plan.resident is not None:
        chunk = tm * tk * _LHS_BYTES[scheme] if plan.resident == "lhs" else math.ceil(tn * tk * _WEIGHT_BYTES[scheme])
        total += math.ceil(k / tk) * chunk
    if plan.split > 1:
        sub = sub_tile(TileSizes(tm, tn, tk), plan)
        total += streamed_and_outputs(sub.tm, sub.tn, plan.sub_ring)
    return total


def buffering(m: int, n: int, k: int, tiles: "TileSizes", hw, scheme: str = "w8a8") -> Buffering:
    """How accel-schedule buffers [tm, tn, tk] tiles of an [m, k] x [n, k] qmatmul on `hw`.

    Residency. The tile loops run over M (outer) and N (inner); a loop exists where
    the tile is smaller than the extent. The operand the innermost loop does not move
    along is the same for every tile of that loop: the lhs row block [tm, K] under a
    loop over N, the weight block [tn, K] under a loop over M alone. It stays resident,
    loaded once per pass of the loop K step by K step, when it has at most
    MAX_RESIDENT_STEPS K steps and the working set fits the SRAM.

    Ring depth. A streamed slot is reloaded once the mma that read it completes
    (after its drain): with B slots, the load of step s + B - 1 starts when the mma of
    step s - 1 ends, and must land L (weight-load) cycles before the mma of step
    s + B - 1 streams, B steps of P = max(period, streamed bytes / bandwidth)
    cycles after the mma of step s - 1 did (an mma's period: what a run of them
    takes each, its weight loads included, targets/timing.py `Phases.period`):
        B >= (occupancy + drain + latency + load + bytes / bandwidth) / P,
    and one more slot on a DMA-bound step (bytes / bandwidth > period), where the
    loads in flight share the channel and complete close together; at most
    MAX_RING, and no more than the K steps of all the tiles.

    Output sets. The rescale of tile t waits for the store of tile t - Q (it reads
    OUT) and the first mma of tile t + Q for that rescale (it reads ACC). Q = 2, and 3
    when a tile's rescale and store take longer than its K steps compute (with more
    than two tiles), so the stores stream back to back instead of pacing the array.

    Split. With a single pass over the innermost loop, its last tile is cut into the
    most sub-tiles (up to MAX_SPLIT) that keep the matrix unit's rate (the periods of
    the sub-tiles' mmas add up to no more than the tile's: whole array blocks along N,
    enough lhs rows to cover a weight load along M) and whose K-step loads the DMA engines keep
    up with, so what follows the last mma is a sub-tile's drain, rescale and store.

    The deepest ring, then the most output sets, then the split, that fit the SRAM
    (down to plain double buffering).
    """
    sram = hw.sram.bytes
    tm, tn, tk = tiles.tm, tiles.tn, tiles.tk
    resident = "lhs" if tn < n else "weight" if tm < m else None
    if resident is not None and (
        math.ceil(k / tk) > MAX_RESIDENT_STEPS or working_set_bytes(tm, tn, tk, scheme, k=k, plan=Buffering(resident)) > sram
    ):
        resident = None
    timing = MatrixTiming(hw)
    period = timing.phases(tm, tn, tk, _precision(scheme)).period
    latency = dma_latency_cycles(hw)

    def ring_depth(tm: int, tn: int) -> int:
        streamed = (tm * tk * _LHS_BYTES[scheme] if resident != "lhs" else 0) + (tn * tk * _WEIGHT_BYTES[scheme] if resident != "weight" else 0)
        phases = timing.phases(tm, tn, tk, _precision(scheme))
        transfer = streamed / hw.dma_bytes_per_cycle
        chain = phases.occupancy + phases.drain + latency + phases.load + transfer
        depth = math.ceil(chain / max(phases.period, transfer)) + (transfer > phases.period)
        return min(max(depth, 2), MAX_RING)

    tiles_count = math.ceil(m / tm) * math.ceil(n / tn)
    ring = min(ring_depth(tm, tn), max(2, math.ceil(k / tk) * tiles_count))
    store = latency + tm * tn * 4 / hw.dma_bytes_per_cycle + rescale_cycles(hw, tm, tn)
    outputs = 3 if store > math.ceil(k / tk) * period and tiles_count > 2 else 2
    split = 1
    if resident == "weight" or (resident == "lhs" and tm >= m):
        extent, unit = (tn, hw.matrix.cols) if resident == "lhs" else (tm, 1)
        for parts in range(MAX_SPLIT, 1, -1):
            if extent % (parts * unit) == 0:
                sub = sub_tile(tiles, Buffering(resident, split=parts))
                sub_period = timing.phases(sub.tm, sub.tn, tk, _precision(scheme)).period
                sub_bytes = sub.tm * tk * _LHS_BYTES[scheme] if resident == "weight" else sub.tn * tk * _WEIGHT_BYTES[scheme]
                engines_busy = (latency + sub_bytes / hw.dma_bytes_per_cycle) / hw.dma.engines
                if parts * sub_period <= period and engines_busy <= sub_period:
                    split = parts
                    break
    sub = sub_tile(tiles, Buffering(resident, split=split))
    sub_ring = ring_depth(sub.tm, sub.tn) if split > 1 else 2
    for depth in range(ring, 1, -1):
        for sets in range(outputs, 1, -1):
            for parts in sorted({split, 1}, reverse=True):
                plan = Buffering(resident, depth, sets, parts, sub_ring if parts > 1 else 2)
                if working_set_bytes(tm, tn, tk, scheme, k=k, plan=plan) <= sram:
                    return plan
    return Buffering(resident)


def _precision(scheme: str) -> str:
    return "int8" if scheme == "w8a8" else "bf16"


def _candidates(extent: int, unit: int) -> list[int]:
    """Tile sizes along one dimension: for 1 to 8 tiles and for powers of two tiles,
    the smallest multiple of `unit` that covers `extent` in that many (so edge tiles
    stay small), and `extent` itself (one tile)."""
    if extent <= unit:
        return [extent]
    most = math.ceil(extent / unit)
    counts = set(range(1, 9)) | {2**i for i in range(most.bit_length())} | {most}
    return sorted({min(extent, unit * math.ceil(extent / (count * unit))) for count in counts if count <= most})


def ranked_tile_sizes(m: int, n: int, k: int, hw, scheme: str = "w8a8") -> list[TileSizes]:
    """The legal tile sizes for an [m, k] x [n, k] qmatmul on `hw`, best first: the
    order `choose_tile_sizes` ranks them in (its choice comes first). `accel.compile`
    with `tune` simulates the first few of them."""
    rows, cols = hw.matrix.rows, hw.matrix.cols
    budget = hw.sram.bytes
    k_unit = min(k, rows)
    row_sizes = set(_candidates(m, rows))
    if hw.matrix.dataflow == "weight_stationary":
        # The lhs rows stream through the array: a tile of fewer rows than the array
        # wastes no PE (it only streams for less time than a weight block takes to load).
        row_sizes |= {size for size in (rows // 2, rows // 4) if 0 < size < m}
    scored = []
    for tm in sorted(row_sizes):
        for tn in _candidates(n, cols):
            if working_set_bytes(tm, tn, k_unit, scheme) > budget:
                continue
            for tk in _candidates(k, k_unit):
                tiles = TileSizes(tm, tn, tk)
                plan = buffering(m, n, k, tiles, hw, scheme)
                if working_set_bytes(tm, tn, tk, scheme, k=k, plan=plan) > budget:
                    continue
                mmas = math.ceil(m / tm) * math.ceil(n / tn) * math.ceil(k / tk)
                scored.append((estimated_cycles(m, n, k, tiles, hw, scheme, plan), mmas, tiles))
    if not scored:
        raise AccelError(
            f"no tile of a {m}x{n}x{k} {scheme} matmul fits {budget} bytes of SRAM on '{hw.name}' "
            f"(the smallest needs {working_set_bytes(min(m, rows), min(n, cols), k_unit, scheme)})"
        )
    scored.sort(key=lambda e: (e[0], -e[2].tm * e[2].tn, -e[2].tk))
    best = scored[0]
    if best[1] > MANY_MMAS:
        # Among the estimates within NEAR_BEST of the lowest, fewer mmas first.
        near = [entry for entry in scored if entry[0] <= best[0] * (1 + NEAR_BEST)]
        near.sort(key=lambda e: (e[1], e[0], -e[2].tm * e[2].tn, -e[2].tk))
        scored = near + scored[len(near) :]
    return [entry[2] for entry in scored]


def choose_tile_sizes(m: int, n: int, k: int, hw, scheme: str = "w8a8") -> TileSizes:
    """The tile sizes for an [m, k] x [n, k] qmatmul on `hw` (see module docstring).

    The lowest estimate; but when that takes more than MANY_MMAS mmas (tiles times K
    steps), the candidate with the fewest mmas among those within NEAR_BEST of it:
    the model does not resolve smaller differences, and each op costs the control
    processor (which the timing model leaves out) and the simulator's run time.
    """
    return ranked_tile_sizes(m, n, k, hw, scheme)[0]


def estimated_cycles(m: int, n: int, k: int, tiles: TileSizes, hw, scheme: str = "w8a8", plan: Buffering | None = None) -> float:
    """First-order cycles of the schedule accel-schedule builds for these tiles.

    Tile by tile, the busier of the matrix unit and the DMA channel: a tile computes
    its K steps (each at least its mma's period, the array streaming and the weight
    loads through the array's port one ahead, targets/timing.py; and at least what the
    ring of `plan` lets through when every reload waits for an mma, its drain and the
    DRAM latency), while the channel brings its streamed operands and stores the tile before. The
    first tile of a pass over the innermost loop also brings the resident operand's
    block. The operand loads stream one after the other on their DMA queue, which
    requests each while the one before streams: the latency shows once, before the
    first mma. On top comes what overlaps nothing: before the first mma, the latency
    and the loads of its K step; after the last mma, its drain, the rescale, the
    latency and the last tile's store. Other edge tiles count at the average extent.
    """
    plan = plan or buffering(m, n, k, tiles, hw, scheme)
    tm, tn, tk = tiles.tm, tiles.tn, tiles.tk
    bandwidth = hw.dma_bytes_per_cycle
    latency = dma_latency_cycles(hw)
    rows, cols, steps = math.ceil(m / tm), math.ceil(n / tn), math.ceil(k / tk)
    lhs_bytes, weight_bytes = _LHS_BYTES[scheme], _WEIGHT_BYTES[scheme]
    phases = MatrixTiming(hw).phases(tm, tn, tk, _precision(scheme))
    load, occupancy, drain = phases.load, phases.occupancy, phases.drain
    # Per tile, at the average extent of the tiles in each dimension.
    rows_of_tile, cols_of_tile = m / rows, n / cols
    lhs_block, weight_block = rows_of_tile * k * lhs_bytes, cols_of_tile * k * weight_bytes
    streamed = (lhs_block if plan.resident != "lhs" else 0.0) + (weight_block if plan.resident != "weight" else 0.0)
    streamed += (rows_of_tile + cols_of_tile) * 4  # the scales
    output = rows_of_tile * cols_of_tile * 4
    step_transfer = streamed / steps / bandwidth
    step = max(phases.period, (occupancy + drain + latency + load + step_transfer) / plan.ring)
    compute = steps * step

    # Per tile: its streamed operands and scales; each tile's DMA also stores the tile
    # before (the very first has none to store).
    later = max(compute, (streamed + output) / bandwidth)
    if plan.resident is None:
        body = max(compute, streamed / bandwidth) + (rows * cols - 1) * later
    else:
        block, passes, per_pass = (lhs_block, rows, cols) if plan.resident == "lhs" else (weight_block, 1, rows)
        first = max(compute, (block + streamed + output) / bandwidth)
        body = passes * (first + (per_pass - 1) * later) - first + max(compute, (block + streamed) / bandwidth)
        if plan.split > 1 and per_pass > 1:
            # The sub-tiles of a pass's last tile store all but the last of their parts
            # while the others compute.
            parts = output * (plan.split - 1) / plan.split
            split_tile = max(compute, (streamed + output + parts) / bandwidth)
            body += passes * (split_tile - later)
    # Before the first mma: the loads of its K step, first on the operand queue.
    head = latency + (lhs_block + weight_block) / steps / bandwidth + load
    # The last tile is the bottom-right one: an edge tile when the sizes do not divide
    # the extents, with less to store (its rescale runs on the whole buffer).
    last_output = (m - (rows - 1) * tm) * (n - (cols - 1) * tn) * 4
    last = sub_tile(tiles, plan) if plan.split > 1 else tiles
    tail = drain + rescale_cycles(hw, last.tm, last.tn) + latency + last_output / plan.split / bandwidth
    return head + body + tail
