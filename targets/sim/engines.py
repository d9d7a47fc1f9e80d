"""The timing model of the simulated accelerator: engines, their queues, shared bandwidth.

Time is counted in cycles of `hw.clock_hz` (floats: a DMA can end mid-cycle).

Two phases. While the simulator runs the program (in program order, for numerics and
the race checks), `Engines` records every accel op as a node of a graph: its engine,
its dependencies (the tokens it waits for) and its work. `Engines.run` then times the
whole graph with an event-driven simulation, so that a transfer issued later can take
a share of the DRAM channel from one issued earlier, as real arbitration does, without
changing a time some dependent op already used. Nothing the program computes depends
on time, so the two phases give what one interleaved run would.

Issue. A control processor walks the program in order and issues every op at once
into its engine's queue (queues are unbounded: control never stalls on a full queue).
Only `accel.wait` stalls it: ops after a wait are issued no earlier than the completion
of every token it waits for. An op is *ready* at max(issue time, completion of each of
its dependency tokens).

Engines (decoupled access/execute):

- DMA: `hw.dma.engines` identical engines. A transfer first pays the memory latency
  (`dram.latency_ns`; 0 on a design without DRAM), then moves its bytes through a
  channel whose capacity is min(DRAM bandwidth, SRAM bandwidth) (SRAM bandwidth alone
  without DRAM, where copies are SRAM to SRAM). The transfers moving bytes share the
  channel equally (processor sharing: n of them move capacity / n bytes per cycle
  each), the fluid limit of a DRAM controller that serves the engines' bursts
  round-robin. A transfer is interleaved across the SRAM banks (see
  targets/hardware.py), so one transfer alone fills the channel: a lone transfer of
  B bytes takes latency + B / channel cycles. Which engine serves a transfer:
    * A transfer with a `queue` attribute goes to engine `queue`, which serves its
      queue in issue order, one transfer moving bytes at a time, like a descriptor
      ring. A ready transfer sends its requests at once, even while the transfer
      before it on the queue still moves bytes (the engine prefetches descriptors and
      keeps requests outstanding), so its latency overlaps that transfer and it moves
      its first byte at max(ready + latency, the end of the one before): back-to-back
      transfers on a queue pay the latency once. It starts (requests) only after the
      transfers issued before it on the queue have, so a transfer that is not ready
      holds up the ones behind it. Approximation: the requests a real engine keeps
      outstanding are bounded (Little's law: bandwidth x latency bytes suffice to
      stream at the full rate), here they are not.
    * A transfer without one goes to the pool: the engines no queue of the program
      names (the simulator rejects a program whose queues leave none). A ready
      transfer starts at once on an idle pool engine (the one idle longest); when
      none is idle it waits, and an engine that frees up takes the ready transfer
      issued first. The engine is held from the start to the last byte.
  An engine is busy while it has a transfer between its start and its last byte.

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
  The matrix unit executes its queue in issue order, one mma at a time. An mma alone
  takes load + occupancy + drain cycles. It streams from max(array free, ready +
  load), the array is free again after its occupancy, and its token completes after
  the drain. Accumulation is in order: an mma that depends on an earlier mma writing
  the same accumulator may stream as soon as that one's occupancy ends (its partial
  sums reach the accumulator after the earlier ones), so a K loop accumulating into
  one tile pays the drain once, not per step; and that dependency does not hold back
  its weight load, which touches no accumulator: with `ready` counting the other
  dependencies and `acc_ready` the occupancy ends of those earlier mmas, it streams
  from max(array free, ready + load, acc_ready). With accumulate = true the old
  accumulator is read alongside (no extra cycles).
  The matrix and vector units have their own SRAM ports: SRAM bandwidth bounds DMA
  transfers only, it is not shared with compute.

- Vector unit: executes its queue in issue order; `lanes` f32 operations per cycle. accel.rescale does
  RESCALE_OPS_PER_ELEMENT = 3 operations per accumulator element (convert i32 to f32,
  multiply by the row scale, multiply by the column scale):
    cycles = ceil(TM * TN * 3 / lanes)
  with no pipeline latency modelled.

The program ends when every op it issued has completed (queues drain at return).
"""

from __future__ import annotations

import heapq
import math

RESCALE_OPS_PER_ELEMENT = 3

# Node kinds of the recorded graph.
DMA, MATRIX, VECTOR, WAIT = range(4)

# Events of the timing simulation, in the order they are handled at equal times.
_END, _STREAMED, _DATA, _CHANNEL = range(4)

# A transfer whose bytes left are below this is done (float rounding of the shares).
_DONE_BYTES = 1e-6


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
    """The graph of a program's ops (recorded in issue order) and its timing.

    `dma`, `mma`, `vector` and `wait` record a node and return its number; a node's
    dependencies are node numbers (None for `accel.ready`, complete from the start).
    After `run`: `start[i]` / `end[i]` of every node (an mma's `end` is after its
    drain, `streamed[i]` when the array frees up; a wait's span is the stall of
    issue; a transfer starts when it requests its data and `first_byte[i]` is when
    its bytes start moving), `engine[i]` of every transfer, the busy cycles of every
    engine and the makespan.
    """

    def __init__(self, hw):
        self.hw = hw
        clock = hw.clock_hz
        self.dma_count = hw.dma.engines
        self.latency = hw.dram.latency_ns * 1e-9 * clock if hw.has_dram else 0.0
        channel = hw.sram.bandwidth if not hw.has_dram else min(hw.dram.bandwidth, hw.sram.bandwidth)
        self.channel_bytes_per_cycle = channel / clock
        self.matrix = MatrixTiming(hw)
        # The graph: per node its kind, dependencies (~d: the mma d has streamed, see
        # `mma`) and work (bytes; (load, occupancy, drain); cycles).
        self.kind: list[int] = []
        self.deps: list[tuple] = []
        self.work: list = []
        self.queue: dict[int, int] = {}  # transfer -> its DMA queue (the engine that serves it in order)
        self.barrier: int | None = None  # the last wait: what issue waits for
        # Filled by run().
        self.start: list[float] = []
        self.end: list[float] = []
        self.streamed: list[float] = []
        self.first_byte: list[float] = []
        self.engine: list[int] = []
        self.dma_busy = [0.0] * self.dma_count
        self.matrix_busy = 0.0
        self.vector_busy = 0.0
        self.makespan = 0.0

    # -- recording -----------------------------------------------------------------

    def _node(self, kind: int, deps, work) -> int:
        deps = [d for d in deps if d is not None]
        if self.barrier is not None:
            deps.append(self.barrier)
        self.kind.append(kind)
        self.deps.append(tuple(set(deps)))
        self.work.append(work)
        return len(self.kind) - 1

    def dma(self, deps, nbytes: int, queue: int | None = None) -> int:
        """A transfer of `nbytes` after `deps`; on DMA queue `queue` (an engine that
        serves its transfers in issue order), or on any idle engine."""
        node = self._node(DMA, deps, nbytes)
        if queue is not None:
            self.queue[node] = queue
        return node

    def mma(self, deps, phases: tuple[int, int, int], streamed_deps=()) -> int:
        """An mma with (load, occupancy, drain) `phases` after `deps` complete and after
        `streamed_deps` (earlier mmas into the same accumulator: in-order accumulation)
        have streamed their operands."""
        return self._node(MATRIX, [*deps, *(~d for d in streamed_deps if d is not None)], phases)

    def vector(self, deps, cycles: int) -> int:
        return self._node(VECTOR, deps, cycles)

    def wait(self, deps) -> int:
        """An accel.wait: every op recorded after it is issued once `deps` complete."""
        node = self._node(WAIT, deps, None)
        self.barrier = node
        return node

    # -- timing --------------------------------------------------------------------

    def run(self) -> None:
        """Times every recorded node (see the module docstring)."""
        count = len(self.kind)
        kind, deps, work = self.kind, self.deps, self.work
        on_end: list[list[int]] = [[] for _ in range(count)]
        on_streamed: list[list[int]] = [[] for _ in range(count)]
        waiting = [0] * count
        for node, node_deps in enumerate(deps):
            waiting[node] = len(node_deps)
            for d in node_deps:
                (on_end[d] if d >= 0 else on_streamed[~d]).append(node)
        ready = [0.0] * count  # when the dependencies complete (but those below)
        acc_ready = [0.0] * count  # when the earlier mmas into the same accumulator have streamed
        start = [0.0] * count
        end = [0.0] * count
        streamed = [0.0] * count
        first_byte = [0.0] * count  # a transfer's: when it starts moving bytes
        engine = [-1] * count
        events: list[tuple] = []
        sequence = 0

        def push(time: float, event: int, node: int) -> None:
            nonlocal sequence
            sequence += 1
            heapq.heappush(events, (time, event, sequence, node))

        # In-order queues of the matrix and vector units: node lists and the next to start.
        queues = {MATRIX: [n for n in range(count) if kind[n] == MATRIX], VECTOR: [n for n in range(count) if kind[n] == VECTOR]}
        heads = {MATRIX: 0, VECTOR: 0}
        is_ready = [False] * count
        unit_free = {MATRIX: 0.0, VECTOR: 0.0}
        matrix_busy = vector_busy = 0.0

        # DMA: ready transfers by issue order, idle engines, transfers moving bytes.
        pending: list[int] = []
        idle_since = [0.0] * self.dma_count
        queue_of = self.queue
        queued = {q: [n for n in range(count) if queue_of.get(n) == q] for q in sorted(set(queue_of.values()))}
        next_in_queue = dict.fromkeys(queued, 0)
        streamed_in_queue = dict.fromkeys(queued, 0)
        streaming: dict[int, int | None] = dict.fromkeys(queued)
        latency_done: set[int] = set()
        busy_until = [0.0] * self.dma_count  # the engine's busy cycles count each cycle once
        idle = set(range(self.dma_count)) - set(queued)  # the pool: engines no queue names
        dma_busy = [0.0] * self.dma_count
        moving: dict[int, float] = {}  # node -> bytes left
        channel = self.channel_bytes_per_cycle
        latency = self.latency
        shared = {"time": 0.0, "version": 0}

        def advance_channel(now: float) -> None:
            if moving:
                moved = (now - shared["time"]) * channel / len(moving)
                for n in moving:
                    moving[n] -= moved
            shared["time"] = now

        def reschedule_channel(now: float) -> None:
            shared["version"] += 1
            if moving:
                push(now + min(moving.values()) * len(moving) / channel, _CHANNEL, shared["version"])

        def dispatch(now: float) -> None:
            while idle and pending:
                node = heapq.heappop(pending)
                e = min(idle, key=lambda i: (idle_since[i], i))
                idle.discard(e)
                engine[node] = e
                start[node] = now
                if latency > 0.0:
                    push(now + latency, _DATA, node)
                else:
                    begin_data(node, now)

        def start_queue(q: int, now: float) -> None:
            """The ready transfers at the head of queue q request their data, in order:
            their latencies overlap whatever the queue is streaming."""
            position = next_in_queue[q]
            while position < len(queued[q]) and is_ready[queued[q][position]]:
                node = queued[q][position]
                position += 1
                engine[node] = q
                start[node] = now
                push(now + latency, _DATA, node)
            next_in_queue[q] = position

        def stream_next(q: int, now: float) -> None:
            """Queue q streams one transfer at a time, in order."""
            position = streamed_in_queue[q]
            if streaming[q] is None and position < len(queued[q]) and queued[q][position] in latency_done:
                node = queued[q][position]
                streamed_in_queue[q] = position + 1
                streaming[q] = node
                begin_data(node, now)

        def data_ready(node: int, now: float) -> None:
            q = queue_of.get(node)
            if q is None:
                begin_data(node, now)
                return
            latency_done.add(node)
            stream_next(q, now)

        def begin_data(node: int, now: float) -> None:
            first_byte[node] = now
            if work[node] == 0:
                finish_transfer(node, now)
                return
            advance_channel(now)
            moving[node] = float(work[node])
            reschedule_channel(now)

        def finish_transfer(node: int, now: float) -> None:
            e = engine[node]
            end[node] = now
            dma_busy[e] += now - max(start[node], busy_until[e])
            busy_until[e] = now
            push(now, _END, node)
            q = queue_of.get(node)
            if q is None:
                idle.add(e)
                idle_since[e] = now
                return
            streaming[q] = None
            stream_next(q, now)

        def advance_unit(unit: int) -> None:
            nonlocal matrix_busy, vector_busy
            queue, head = queues[unit], heads[unit]
            free = unit_free[unit]
            while head < len(queue) and is_ready[queue[head]]:
                node = queue[head]
                at = ready[node]
                if unit == MATRIX:
                    load, occupancy, drain = work[node]
                    stream = max(at + load, acc_ready[node], free)
                    begin = max(stream - load, free)
                    free = stream + occupancy
                    matrix_busy += free - begin
                    start[node], streamed[node], end[node] = begin, free, free + drain
                    push(free, _STREAMED, node)
                    push(free + drain, _END, node)
                else:
                    begin = at if at > free else free
                    free = begin + work[node]
                    vector_busy += work[node]
                    start[node], end[node] = begin, free
                    push(free, _END, node)
                head += 1
            heads[unit] = head
            unit_free[unit] = free

        def become_ready(node: int) -> None:
            # Events come in time order: an op that is not an mma becomes ready now.
            now = ready[node]
            k = kind[node]
            if k == DMA:
                q = queue_of.get(node)
                if q is None:
                    heapq.heappush(pending, node)
                    dispatch(now)
                else:
                    is_ready[node] = True
                    start_queue(q, now)
            elif k == WAIT:
                barrier = [d for d in deps[node] if d >= 0 and kind[d] == WAIT]
                start[node] = end[barrier[0]] if barrier else 0.0
                end[node] = now
                push(now, _END, node)
            else:
                is_ready[node] = True
                advance_unit(k)

        def release(dependents: list[int], now: float, times: list[float]) -> None:
            for node in dependents:
                times[node] = now
                waiting[node] -= 1
                if waiting[node] == 0:
                    become_ready(node)

        for node in range(count):
            if waiting[node] == 0:
                become_ready(node)
        while events:
            now, event, _, subject = heapq.heappop(events)
            if event == _END:
                release(on_end[subject], now, ready)
            elif event == _STREAMED:
                release(on_streamed[subject], now, acc_ready)
            elif event == _DATA:
                data_ready(subject, now)
            elif subject == shared["version"]:
                advance_channel(now)
                done = [n for n, left in moving.items() if left <= _DONE_BYTES] or [min(moving, key=moving.get)]
                for node in done:
                    del moving[node]
                    finish_transfer(node, now)
                reschedule_channel(now)
                dispatch(now)
        stuck = [n for n in range(count) if waiting[n] > 0]
        if stuck:
            raise RuntimeError(f"timing: {len(stuck)} ops never became ready (a dependency cycle)")
        self.start, self.end, self.streamed, self.engine, self.first_byte = start, end, streamed, engine, first_byte
        self.dma_busy, self.matrix_busy, self.vector_busy = dma_busy, matrix_busy, vector_busy
        self.makespan = max(end, default=0.0)
