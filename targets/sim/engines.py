"""The timing model of the simulated accelerator: engines, their queues, shared bandwidth.

Time is counted in cycles of `hw.clock_hz` (floats: a DMA can end mid-cycle).

Issue. A control processor walks the program in order and issues every op at once
into its engine's queue (queues are unbounded: control never stalls on a full queue).
Only `accel.wait` stalls it: ops after a wait are issued no earlier than the completion
of every token it waits for. An op is *ready* at max(issue time, completion of each of
its dependency tokens) and *starts* at max(ready, the time its engine becomes free):
every engine executes its queue in order, one op at a time.

Engines (decoupled access/execute):

- DMA: `hw.dma.engines` identical engines. A transfer goes to the engine on which it
  can start first (ties: the engine idle longest). It first pays the memory latency
  (`dram.latency_ns`; 0 on a design without DRAM), then moves its bytes through a
  shared channel whose capacity is min(DRAM bandwidth, SRAM bandwidth) (SRAM bandwidth
  alone without DRAM, where copies are SRAM to SRAM). A transfer is interleaved across
  the SRAM banks (see targets/hardware.py), so one transfer alone can fill the channel:
  a lone transfer of B bytes takes latency + B / channel cycles. Bandwidth is granted in issue
  order: a transfer uses what earlier-issued transfers leave free at every instant
  (`BandwidthCalendar`). This keeps the model one pass (a later transfer never delays
  an earlier one). The channel is as busy as under fair sharing; what differs is the
  order of completion among overlapping transfers (the earlier-issued one finishes
  first instead of all finishing late together).
  The engine is busy from the transfer's start to its last byte.

- Matrix unit: `units` systolic arrays of `rows` x `cols` processing elements (PEs),
  all working on one `accel.mma` at a time (the tile is split across the arrays).
  A PE does s = macs_per_cycle[precision] / (rows * cols * units) MACs per cycle
  (2 for int8 on a TPU-v5e-like part, 1/4 for bf16 on the edge preset). Timing uses
  the tile as allocated (padding included). An mma has three phases: `load` (fill
  before streaming), `occupancy` (operands streaming: the array is busy), `drain`
  (the last results leave the array; the array already streams the next mma). For a
  tile TM x TN x TK (R = rows, C = cols, U = units):
    weight_stationary: the array holds an R(K) x C(N) block of the weight tile and the
      TM lhs rows stream through it: blocks = ceil(TK/R) * ceil(TN/C), passes =
      ceil(blocks / U), stream = ceil(TM / s) cycles per pass. Loading a weight block
      takes L = ceil(R / matrix.weight_load_rows_per_cycle) cycles; weights are
      double-buffered, so each block loads while the previous pass streams (exposed
      only when stream < L), and the first block of an mma loads while the previous
      mma streams, if its operands are ready L cycles before the array frees up
      (otherwise what is left of those L cycles is exposed).
        load = L,  occupancy = (passes - 1) * max(stream, L) + stream,
        drain = R + C - 1 (the skew of the array)
    output_stationary: each PE holds one output: blocks = ceil(TM/R) * ceil(TN/C),
      passes = ceil(blocks / U), stream = ceil(TK / s) cycles of K per pass. Results
      of a pass drain in R cycles into double-buffered output registers while the
      next pass streams; the last drain and the skew follow the occupancy:
        load = 0,  occupancy = (passes - 1) * max(stream, R) + stream,
        drain = R + C - 1 + R
  An mma alone takes load + occupancy + drain cycles. It streams from
  max(array free, ready + load), the array is free again after its occupancy, and its
  token completes after the drain. Accumulation is in order: an mma that depends on
  an earlier mma writing the same accumulator may stream as soon as that one's
  occupancy ends (its partial sums reach the accumulator after the earlier ones), so
  a K loop accumulating into one tile pays the drain once, not per step. With
  accumulate = true the old accumulator is read alongside (no extra cycles).
  The matrix and vector units have their own SRAM ports: SRAM bandwidth bounds DMA
  transfers only, it is not shared with compute.

- Vector unit: `lanes` f32 operations per cycle. accel.rescale does
  RESCALE_OPS_PER_ELEMENT = 3 operations per accumulator element (convert i32 to f32,
  multiply by the row scale, multiply by the column scale):
    cycles = ceil(TM * TN * 3 / lanes)
  with no pipeline latency modelled.

The program ends when every op it issued has completed (queues drain at return).
"""

from __future__ import annotations

import math
from bisect import bisect_right

RESCALE_OPS_PER_ELEMENT = 3

# A transfer cannot use a sliver of bandwidth smaller than this fraction of the
# channel: float rounding of earlier reservations leaves such slivers.
_SLIVER = 1e-9


class BandwidthCalendar:
    """How much of a shared bandwidth is in use over time, reserved in issue order.

    The use is piecewise constant: segment i covers [times[i], times[i+1]) (the last
    one extends forever) and uses `used[i]` bytes per cycle of `capacity`.
    """

    def __init__(self, capacity: float):
        self.capacity = capacity
        self.times = [0.0]
        self.used = [0.0]

    def reserve(self, start: float, nbytes: float, rate_cap: float) -> float:
        """Moves `nbytes` from `start` on, at most `rate_cap` bytes per cycle, using
        what is left of the capacity; returns the time the last byte moves."""
        times, used = self.times, self.used
        capacity = self.capacity
        limit = min(rate_cap, capacity)
        sliver = capacity * _SLIVER
        i = bisect_right(times, start) - 1
        if i < 0:
            # Before the pruned horizon: nothing is reserved there any more.
            times.insert(0, start)
            used.insert(0, 0.0)
            i = 0
        elif times[i] < start:
            times.insert(i + 1, start)
            used.insert(i + 1, used[i])
            i += 1
        remaining = float(nbytes)
        while True:
            free = capacity - used[i]
            if free > sliver:
                rate = limit if limit < free else free
                begin = times[i]
                end = times[i + 1] if i + 1 < len(times) else math.inf
                finish = begin + remaining / rate
                if finish <= end:
                    if finish < end:
                        times.insert(i + 1, finish)
                        used.insert(i + 1, used[i])
                    used[i] += rate
                    return finish
                used[i] += rate
                remaining -= rate * (end - begin)
            i += 1

    def forget_before(self, horizon: float) -> None:
        """Drops the use before `horizon`: no transfer can start earlier any more."""
        j = bisect_right(self.times, horizon) - 1
        if j > 0:
            del self.times[:j]
            del self.used[:j]


class MatrixTiming:
    """The (load, occupancy, drain) cycles of one accel.mma (see the module docstring)."""

    def __init__(self, hw):
        self.hw = hw
        self._cache: dict[tuple, tuple[int, int, int]] = {}

    def pe_rate(self, precision: str) -> float:
        m = self.hw.matrix
        return m.macs_per_cycle[precision] / (m.rows * m.cols * m.units)

    def phases(self, tm: int, tn: int, tk: int, precision: str) -> tuple[int, int, int]:
        key = (tm, tn, tk, precision)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        m = self.hw.matrix
        rows, cols, units = m.rows, m.cols, m.units
        rate = self.pe_rate(precision)
        skew = rows + cols - 1
        if m.dataflow == "weight_stationary":
            blocks = math.ceil(tk / rows) * math.ceil(tn / cols)
            stream = math.ceil(tm / rate)
            load = m.weight_load_cycles
            drain = skew
            step = max(stream, load)
        else:
            blocks = math.ceil(tm / rows) * math.ceil(tn / cols)
            stream = math.ceil(tk / rate)
            load, drain = 0, skew + rows
            step = max(stream, rows)
        passes = math.ceil(blocks / units)
        occupancy = (passes - 1) * step + stream
        phases = (load, occupancy, drain)
        self._cache[key] = phases
        return phases

    def cycles(self, tm: int, tn: int, tk: int, precision: str) -> int:
        """Cycles of the mma alone on an idle array."""
        return sum(self.phases(tm, tn, tk, precision))


def rescale_cycles(hw, tm: int, tn: int) -> int:
    return math.ceil(tm * tn * RESCALE_OPS_PER_ELEMENT / hw.vector.lanes)


class Engines:
    """Busy state of every engine and of the DMA channel; returns each op's start/end."""

    def __init__(self, hw):
        self.hw = hw
        clock = hw.clock_hz
        self.dma_count = hw.dma.engines
        self.dma_free = [0.0] * self.dma_count
        self.dma_busy = [0.0] * self.dma_count
        self.matrix_free = 0.0
        self.matrix_busy = 0.0
        self.vector_free = 0.0
        self.vector_busy = 0.0
        self.issue = 0.0
        self.latency = hw.dram.latency_ns * 1e-9 * clock if hw.has_dram else 0.0
        channel = hw.sram.bandwidth if not hw.has_dram else min(hw.dram.bandwidth, hw.sram.bandwidth)
        self.channel_bytes_per_cycle = channel / clock
        self.transfer_bytes_per_cycle = channel / clock
        self.calendar = BandwidthCalendar(self.channel_bytes_per_cycle)
        self.matrix = MatrixTiming(hw)
        self.end = 0.0

    def dma(self, ready: float, nbytes: int) -> tuple[int, float, float]:
        """(engine, start, end) of a transfer of `nbytes` ready at `ready`."""
        free = self.dma_free
        engine = 0
        best_start = ready if ready > free[0] else free[0]
        for e in range(1, self.dma_count):
            f = free[e]
            s = ready if ready > f else f
            if s < best_start or (s == best_start and f < free[engine]):
                engine, best_start = e, s
        start = best_start
        data = start + self.latency
        end = self.calendar.reserve(data, nbytes, self.transfer_bytes_per_cycle) if nbytes else data
        free[engine] = end
        self.dma_busy[engine] += end - start
        # Every later transfer starts at or after the earliest free engine.
        self.calendar.forget_before(min(free) + self.latency)
        if end > self.end:
            self.end = end
        return engine, start, end

    def mma(self, ready: float, load: int, occupancy: int, drain: int) -> tuple[float, float, float]:
        """(start, free, end): the array works on the mma from start (weight load
        included) to free, its results are complete at end."""
        free = self.matrix_free
        begin = ready if ready > free else free
        stream = ready + load if ready + load > free else free
        occupied = stream + occupancy
        end = occupied + drain
        self.matrix_free = occupied
        self.matrix_busy += occupied - begin
        if end > self.end:
            self.end = end
        return begin, occupied, end

    def vector(self, ready: float, cycles: int) -> tuple[float, float]:
        start = ready if ready > self.vector_free else self.vector_free
        end = start + cycles
        self.vector_free = end
        self.vector_busy += cycles
        if end > self.end:
            self.end = end
        return start, end

    def wait(self, until: float) -> tuple[float, float]:
        """Stalls issue until `until`; returns the (start, end) of the stall."""
        start = self.issue
        if until > self.issue:
            self.issue = until
        return start, self.issue

    @property
    def makespan(self) -> float:
        return max(self.end, self.issue)
