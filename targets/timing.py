"""The accelerator's timing formulas: what one op costs on a `Hardware`, shared by the
compiler's cost model (compiler/cost_model.py) and the simulator's engines
(targets/sim/engines.py), so that both time the same machine.

Time is counted in cycles of `hw.clock_hz` (floats where a transfer can end mid-cycle).
How ops overlap, queue and share the DMA channel is the simulator's (engines.py); this
module is what each op takes on its own.

- DMA: a transfer first pays the memory latency, `dma_latency_cycles` (DRAM's
  `latency_ns`; 0 on a design without DRAM), then moves its bytes through a channel of
  `dma_channel_bytes_per_cycle`: min(DRAM bandwidth, SRAM bandwidth), SRAM bandwidth
  alone without DRAM, where copies are SRAM to SRAM.

- Matrix unit (`MatrixTiming`): `units` systolic arrays of `rows` x `cols` processing
  elements (PEs), all working on one `accel.mma` at a time (the tile is split across
  the arrays, which run in lockstep: a pass is one block on each array). A PE does
  s = matrix.pe_macs_per_cycle[precision] MACs per cycle (2 for int8 on a
  TPU-v5e-like part, 1/4 for bf16 on the edge preset). Timing uses the tile as
  allocated (padding included). An mma is `passes` passes of `stream` cycles each;
  between two passes the array's *port* is used for `port` cycles (below), and the
  port is double-buffered: it works for the next pass while the current one streams,
  never further ahead. So passes start `step` = max(stream, port) cycles apart, the
  same within an mma and from one mma to the next (the simulator carries the port's
  state across mmas: targets/sim/engines.py): a run of identical mmas takes `period`
  = passes * step cycles each. An mma has three phases: `load` (fill before
  streaming), `occupancy` (operands streaming: the array is busy), `drain` (the last
  results leave the array; the array already streams the next mma). For a tile
  TM x TN x TK (R = rows, C = cols, U = units):
    weight_stationary: the array holds an R(K) x C(N) block of the weight tile and the
      TM lhs rows stream through it: blocks = ceil(TK/R) * ceil(TN/C), passes =
      ceil(blocks / U), stream = ceil(TM / s) cycles per pass. The port is the
      weight-load port: loading a block takes L = ceil(R /
      matrix.weight_load_rows_per_cycle) cycles; the next block loads into the second
      weight buffer while the current pass streams (exposed when stream < L):
        port = L,  load = L,  occupancy = (passes - 1) * max(stream, L) + stream,
        drain = R + C - 1 (the skew of the array)
    output_stationary: each PE holds one output: blocks = ceil(TM/R) * ceil(TN/C),
      passes = ceil(blocks / U), stream = ceil(TK / s) cycles of K per pass. The port
      is the output port: the results of a pass drain in R cycles into
      double-buffered output registers while the next pass streams, so a pass ends
      no sooner than R cycles after the one before; the last drain and the skew
      follow the occupancy:
        port = R,  load = 0,  occupancy = (passes - 1) * max(stream, R) + stream,
        drain = R + C - 1 + R
  An mma alone on an idle array takes load + occupancy + drain cycles (`cycles`).
  Every weight byte enters an array through its port: the weight-load rate is
  `weight_bytes_per_cycle` (R x C weight elements per L cycles per array).

- Vector unit: `lanes` f32 operations per cycle. accel.rescale does
  RESCALE_OPS_PER_ELEMENT = 3 operations per accumulator element (convert i32 to f32,
  multiply by the row scale, multiply by the column scale), with no pipeline latency
  modelled: `rescale_cycles` = ceil(TM * TN * 3 / lanes).
  The vector ops (accel.vunary, vbinary, vreduce, and accel.gather from an SRAM table)
  count lane operations by class (`VECTOR_KIND_OPS`: what one element of each kind
  takes of simple, divide and transcendental operations; composite kinds are their
  steps, e.g. silu = neg, exp, add, divide). One lane takes
  `vector.cycles_per_op[class]` cycles per operation. The unit reads its operands
  from SRAM and writes its result through its own port, which moves at most the
  SRAM's bandwidth (`sram_bytes_per_cycle`); compute and port overlap (streaming), so
  for an op of E elements moving B bytes (every operand buffer read once, out
  written once):
    `vector_cycles` = max(ceil(E * sum_c ops[c] * cycles_per_op[c] / lanes),
                          ceil(B / sram_bytes_per_cycle)).
  No pipeline latency is modelled (as for rescale).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from accel.targets.hardware import VECTOR_OP_CLASSES

RESCALE_OPS_PER_ELEMENT = 3


def dma_latency_cycles(hw) -> float:
    """Cycles from a transfer's request to its first byte: DRAM's latency, 0 without DRAM."""
    return hw.dram_latency_cycles if hw.has_dram else 0.0


def dma_channel_bytes_per_cycle(hw) -> float:
    """Bytes per cycle the DMA channel moves, shared by the transfers in flight."""
    channel = hw.sram.bandwidth if not hw.has_dram else min(hw.dram.bandwidth, hw.sram.bandwidth)
    return channel / hw.clock_hz


class Phases(NamedTuple):
    """The timing of one accel.mma (see the module docstring): its three phases, then
    the blocks and passes that make up its occupancy and the port cycles per pass."""

    load: int
    occupancy: int
    drain: int
    blocks: int  # rows x cols blocks of the held operand (weights, or outputs)
    passes: int  # blocks / units, rounded up: the arrays take one block each per pass
    stream: int  # cycles each pass streams
    port: int  # cycles of the port (weight load or output drain) per pass

    @property
    def step(self) -> int:
        """Cycles from the start of one pass to the start of the next."""
        return max(self.stream, self.port)

    @property
    def period(self) -> int:
        """Cycles one mma takes in a run of identical mmas: the port and the array
        both keep pace, so each takes `passes` steps."""
        return self.passes * self.step

    @property
    def cycles(self) -> int:
        """Cycles of the mma alone on an idle array."""
        return self.load + self.occupancy + self.drain


class MatrixTiming:
    """The `Phases` of one accel.mma (see the module docstring)."""

    def __init__(self, hw):
        self.hw = hw
        self._cache: dict[tuple, Phases] = {}

    def pe_rate(self, precision: str) -> float:
        """MACs one PE does per cycle at `precision`."""
        return self.hw.matrix.pe_macs_per_cycle[precision]

    def held(self, tm: int, tn: int, tk: int) -> tuple[tuple[str, int], tuple[str, int]]:
        """The tile's extents the array holds across its rows and its columns, with the
        matmul dimension each is (the dataflow's mapping; the third dimension streams):
        weight_stationary (K, N), output_stationary (M, N)."""
        if self.hw.matrix.dataflow == "weight_stationary":
            return ("K", tk), ("N", tn)
        return ("M", tm), ("N", tn)

    def fill(self, tm: int, tn: int, tk: int) -> float:
        """The fraction of an array's PEs an mma of this tile uses: the extents `held`
        over the rows x cols blocks they occupy (a tile narrower than the array, or not
        a multiple of it, leaves PEs idle while it streams)."""
        (_, on_rows), (_, on_cols) = self.held(tm, tn, tk)
        rows, cols = self.hw.matrix.rows, self.hw.matrix.cols
        return on_rows * on_cols / (math.ceil(on_rows / rows) * rows * math.ceil(on_cols / cols) * cols)

    def phases(self, tm: int, tn: int, tk: int, precision: str) -> Phases:
        key = (tm, tn, tk, precision)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        m = self.hw.matrix
        rows, cols, units = m.rows, m.cols, m.units
        rate = self.pe_rate(precision)
        skew = rows + cols - 1
        (_, on_rows), (_, on_cols) = self.held(tm, tn, tk)
        blocks = math.ceil(on_rows / rows) * math.ceil(on_cols / cols)
        if m.dataflow == "weight_stationary":
            stream = math.ceil(tm / rate)
            port = load = m.weight_load_cycles
            drain = skew
        else:
            stream = math.ceil(tk / rate)
            port, load, drain = rows, 0, skew + rows
        passes = math.ceil(blocks / units)
        occupancy = (passes - 1) * max(stream, port) + stream
        phases = Phases(load, occupancy, drain, blocks, passes, stream, port)
        self._cache[key] = phases
        return phases

    def cycles(self, tm: int, tn: int, tk: int, precision: str) -> int:
        """Cycles of the mma alone on an idle array."""
        return self.phases(tm, tn, tk, precision).cycles


def weight_bytes_per_cycle(hw, weight_bytes: float = 1.0) -> float:
    """Weight bytes the matrix unit takes in per cycle at most, all arrays' weight-load
    ports together (weight-stationary; `weight_bytes` per weight element)."""
    m = hw.matrix
    return m.units * m.rows * m.cols * weight_bytes / m.weight_load_cycles


def rescale_cycles(hw, tm: int, tn: int) -> int:
    """Cycles of an accel.rescale of a [tm, tn] accumulator on the vector unit."""
    return math.ceil(tm * tn * RESCALE_OPS_PER_ELEMENT / hw.vector.lanes)


# Lane operations per element of each vector op kind, by class (simple, divide,
# transcendental): per out element for accel.vunary / vbinary, per input element for
# accel.vreduce, per copied element for accel.gather ("copy").
VECTOR_KIND_OPS: dict[str, tuple[int, int, int]] = {
    "copy": (1, 0, 0),
    "cast": (1, 0, 0),
    "neg": (1, 0, 0),
    "abs": (1, 0, 0),
    "round": (1, 0, 0),
    "clamp": (2, 0, 0),  # max, then min
    "add": (1, 0, 0),
    "sub": (1, 0, 0),
    "mul": (1, 0, 0),
    "max": (1, 0, 0),
    "min": (1, 0, 0),
    "sum": (1, 0, 0),
    "div": (0, 1, 0),
    "recip": (0, 1, 0),
    "sqrt": (0, 1, 0),
    "rsqrt": (0, 1, 0),
    "exp": (0, 0, 1),
    "erf": (0, 0, 1),
    "silu": (2, 1, 1),  # x / (1 + exp(-x)): neg, exp, add, divide
    "gelu": (4, 0, 1),  # x * 0.5 * (1 + erf(x * (1 / sqrt 2))): mul, erf, add, mul, mul
}


def vector_ops(kind: str, elements: int) -> dict[str, int]:
    """The lane operations of a vector op of `kind` over `elements`, by class."""
    return {c: n * elements for c, n in zip(VECTOR_OP_CLASSES, VECTOR_KIND_OPS[kind]) if n}


def vector_cycles(hw, kind: str, elements: int, sram_bytes: int) -> int:
    """Cycles of a vector op of `kind` over `elements` that moves `sram_bytes` through
    the vector unit's SRAM port (see the module docstring)."""
    per_op = hw.vector.cycles_per_op
    lane_cycles = sum(getattr(per_op, c) * n for c, n in vector_ops(kind, elements).items())
    return max(math.ceil(lane_cycles / hw.vector.lanes), math.ceil(sram_bytes / hw.sram_bytes_per_cycle))
