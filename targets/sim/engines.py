"""The simulator's engine model: the accelerator's engines, their queues, shared bandwidth.

Time is counted in cycles of `hw.clock_hz` (floats: a DMA can end mid-cycle). What one
op takes on its own (an mma's phases, a rescale's cycles, the DMA latency and channel)
is the hardware-level timing model, targets/timing.py, which the compiler's cost model
shares; this module is how the ops of a program overlap, queue and share.

Two phases. While the simulator runs the program (in program order, for numerics and
the race checks), `Engines` records every accel op as a node of a graph: its engine,
its dependencies (the tokens it waits for) and its work. `Engines.run` then times the
whole graph with an event-driven simulation (`_Timing`), so that a transfer issued
later can take a share of the DRAM channel from one issued earlier, as real
arbitration does, without changing a time some dependent op already used. Nothing the
program computes depends on time, so the two phases give what one interleaved run would.

Issue. A control processor walks the program in order and issues every op at once
into its engine's queue (queues are unbounded: control never stalls on a full queue).
Only `accel.wait` stalls it: ops after a wait are issued no earlier than the completion
of every token it waits for. An op is *ready* at max(issue time, completion of each of
its dependency tokens).

Engines (decoupled access/execute):

- DMA: `hw.dma.engines` identical engines. A transfer first pays the memory latency,
  then moves its bytes through the DMA channel (targets/timing.py). The transfers
  moving bytes share the channel equally (processor sharing: n of them move
  capacity / n bytes per cycle each), the fluid limit of a DRAM controller that serves
  the engines' bursts round-robin. A transfer is interleaved across the SRAM banks (see
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

- Matrix unit: an mma has the `Phases` of targets/timing.py: `passes` passes of
  `stream` cycles, (load, occupancy, drain). The matrix unit executes its queue in
  issue order, one mma at a time; an mma alone takes load + occupancy + drain cycles.
  Its token completes `drain` cycles after its occupancy ends (the array streams the
  next mma meanwhile).
  The port. Between two passes the array's port works `port` cycles: on a
  weight-stationary array the weight-load port loads the next weight block, on an
  output-stationary one the output port drains a pass's results. Each array has two
  weight buffers (two output-register sets): the port works for the pass after the
  current one while it streams, never further ahead, and does one thing at a time.
  timing.py applies this inside an mma (its passes are `step` apart); the unit carries
  the port's state from one mma to the next, so a run of mmas obeys it too: however
  the work is cut into mmas, the weights enter at most at the port's rate. Exactly,
  with t0 the time an mma starts streaming, free the time the array frees up (the
  previous mma's occupancy ends), and `ready` / `acc_ready` as below:
    * weight_stationary: the mma's first block loads from
        load_start = max(ready, port_free, buffer_free)
      (the port is free once the previous block's load ends; the buffer it loads
      into once the pass before the current one has streamed) and it streams from
        t0 = max(load_start + load, acc_ready, free).
      Its later blocks load while the earlier passes stream, as timing.py times
      them; afterwards port_free = t0 + (passes - 1) * step (the last block's load
      ends; load_start + load for a one-pass mma) and buffer_free = the end of its
      second-to-last pass, t0 + occupancy - step (for a one-pass mma, the end of the
      previous mma's last pass: `free` before it).
    * output_stationary: a pass's results start draining when it ends, once the
      port has drained the previous pass: the first pass ends no sooner than
      port_free, so t0 = max(ready, acc_ready, free, port_free - stream); afterwards
      port_free = t0 + occupancy + port (the last pass's results are out).
  A run of identical mmas whose operands are ready so takes `Phases.period` =
  passes * max(stream, port) cycles each (the cost model's figure), never less.
  The first weight block of an mma therefore loads while the previous mma streams,
  if the port and its buffer are free and its operands ready `load` cycles before
  the array frees up (otherwise what is left of those cycles is exposed).
  Approximations: all `units` arrays work in lockstep on one mma (a tile of fewer
  blocks than arrays leaves the others, and their ports, idle: pessimistic for
  tiny tiles); an output-stationary pass's results leave the output registers for
  SRAM within the skew, without a further port of their own.
  Accumulation is in order: an mma that depends on an earlier mma writing the same
  accumulator may stream as soon as that one's occupancy ends (its partial sums
  reach the accumulator after the earlier ones), so a K loop accumulating into one
  tile pays the drain once, not per step; and that dependency does not hold back its
  weight load, which touches no accumulator (`ready` counts the other
  dependencies, `acc_ready` is the occupancy ends of those earlier mmas). With
  accumulate = true the old accumulator is read alongside (no extra cycles).
  The unit is busy (`matrix_busy`) from max(its first load's start, free) to the end
  of its occupancy: exposed loads count as busy, as they do inside an mma.
  The matrix and vector units have their own SRAM ports: SRAM bandwidth bounds DMA
  transfers only, it is not shared with compute. Approximate: that holds on hardware
  whose SRAM bandwidth feeds the matrix unit at peak beside the DMA channel (the
  presets' rule, targets/hardware.py); a file with less is simulated optimistically.

- Vector unit: executes its queue in issue order, each op taking its cycles
  (targets/timing.py: `rescale_cycles`, `vector_cycles`) from max(ready, the previous
  op's end).

The program ends when every op it issued has completed (queues drain at return).
"""

from __future__ import annotations

import heapq

from accel.targets.timing import MatrixTiming, Phases, dma_channel_bytes_per_cycle, dma_latency_cycles

# Node kinds of the recorded graph.
DMA, MATRIX, VECTOR, WAIT = range(4)

# Events of the timing simulation, in the order they are handled at equal times.
_END, _STREAMED, _DATA, _CHANNEL = range(4)

# A transfer whose bytes left are below this is done (float rounding of the shares).
_DONE_BYTES = 1e-6


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
        self.dma_count = hw.dma.engines
        self.latency = dma_latency_cycles(hw)
        self.channel_bytes_per_cycle = dma_channel_bytes_per_cycle(hw)
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

    def mma(self, deps, phases: Phases, streamed_deps=()) -> int:
        """An mma with `phases` (targets/timing.py) after `deps` complete and after
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

    def run(self, progress=None, every: int = 4096) -> None:
        """Times every recorded node (see the module docstring). `progress(timed)` is
        called each time another `every` nodes (a power of two) have completed."""
        timing = _Timing(self)
        timing.run(progress, every)
        self.start, self.end, self.streamed, self.engine, self.first_byte = (
            timing.start, timing.end, timing.streamed, timing.engine, timing.first_byte)
        self.dma_busy, self.matrix_busy, self.vector_busy = timing.dma_busy, timing.matrix_busy, timing.vector_busy
        self.makespan = max(timing.end, default=0.0)


class _Timing:
    """One event-driven timing of the graph an `Engines` recorded: the events in a heap
    by (time, kind, sequence), and the state of every engine, queue and the channel."""

    def __init__(self, graph: Engines):
        count = len(graph.kind)
        self.kind, self.deps, self.work = graph.kind, graph.deps, graph.work
        # Who waits for a node's end (on_end) or for an mma's streaming (on_streamed),
        # and how many dependencies each node still waits for.
        self.on_end: list[list[int]] = [[] for _ in range(count)]
        self.on_streamed: list[list[int]] = [[] for _ in range(count)]
        self.waiting = [0] * count
        for node, node_deps in enumerate(self.deps):
            self.waiting[node] = len(node_deps)
            for d in node_deps:
                (self.on_end[d] if d >= 0 else self.on_streamed[~d]).append(node)
        self.ready = [0.0] * count  # when the dependencies complete (but those below)
        self.acc_ready = [0.0] * count  # when the earlier mmas into the same accumulator have streamed
        self.start = [0.0] * count
        self.end = [0.0] * count
        self.streamed = [0.0] * count
        self.first_byte = [0.0] * count  # a transfer's: when it starts moving bytes
        self.engine = [-1] * count
        self.events: list[tuple] = []
        self.sequence = 0

        # In-order queues of the matrix and vector units: node lists and the next to start.
        kind = self.kind
        self.unit_queue = {MATRIX: [n for n in range(count) if kind[n] == MATRIX], VECTOR: [n for n in range(count) if kind[n] == VECTOR]}
        self.unit_head = {MATRIX: 0, VECTOR: 0}
        self.is_ready = [False] * count
        self.unit_free = {MATRIX: 0.0, VECTOR: 0.0}
        # The matrix unit's port (see the module docstring): when it is free, and
        # (weight-stationary) when the weight buffer the next load goes into is.
        self.weight_stationary = graph.hw.matrix.dataflow == "weight_stationary"
        self.port_free = self.buffer_free = 0.0
        self.matrix_busy = self.vector_busy = 0.0

        # DMA: ready transfers by issue order, idle engines, transfers moving bytes.
        dma_count = graph.dma_count
        self.pending: list[int] = []
        self.idle_since = [0.0] * dma_count
        self.queue_of = graph.queue
        self.queued = {q: [n for n in range(count) if self.queue_of.get(n) == q] for q in sorted(set(self.queue_of.values()))}
        self.next_in_queue = dict.fromkeys(self.queued, 0)
        self.streamed_in_queue = dict.fromkeys(self.queued, 0)
        self.streaming: dict[int, int | None] = dict.fromkeys(self.queued)
        self.latency_done: set[int] = set()
        self.busy_until = [0.0] * dma_count  # the engine's busy cycles count each cycle once
        self.idle = set(range(dma_count)) - set(self.queued)  # the pool: engines no queue names
        self.dma_busy = [0.0] * dma_count
        self.moving: dict[int, float] = {}  # node -> bytes left
        self.channel = graph.channel_bytes_per_cycle
        self.latency = graph.latency
        self.channel_time = 0.0  # when the shares of `moving` were last counted
        self.channel_version = 0  # the _CHANNEL event that is current (earlier ones are stale)

    def push(self, time: float, event: int, node: int) -> None:
        self.sequence += 1
        heapq.heappush(self.events, (time, event, self.sequence, node))

    def run(self, progress=None, every: int = 4096) -> None:
        for node in range(len(self.kind)):
            if self.waiting[node] == 0:
                self.become_ready(node)
        mask = every - 1
        ended = 0  # every node has one _END event
        while self.events:
            now, event, _, subject = heapq.heappop(self.events)
            if event == _END:
                ended += 1
                if not ended & mask and progress is not None:
                    progress(ended)
                self.release(self.on_end[subject], now, self.ready)
            elif event == _STREAMED:
                self.release(self.on_streamed[subject], now, self.acc_ready)
            elif event == _DATA:
                self.data_ready(subject, now)
            elif subject == self.channel_version:
                self.channel_event(now)
        stuck = [n for n in range(len(self.kind)) if self.waiting[n] > 0]
        if stuck:
            raise RuntimeError(f"timing: {len(stuck)} ops never became ready (a dependency cycle)")

    # -- dependencies ----------------------------------------------------------------

    def release(self, dependents: list[int], now: float, times: list[float]) -> None:
        for node in dependents:
            times[node] = now
            self.waiting[node] -= 1
            if self.waiting[node] == 0:
                self.become_ready(node)

    def become_ready(self, node: int) -> None:
        # Events come in time order: an op that is not an mma becomes ready now.
        now = self.ready[node]
        k = self.kind[node]
        if k == DMA:
            q = self.queue_of.get(node)
            if q is None:
                heapq.heappush(self.pending, node)
                self.dispatch(now)
            else:
                self.is_ready[node] = True
                self.start_queue(q, now)
        elif k == WAIT:
            barrier = [d for d in self.deps[node] if d >= 0 and self.kind[d] == WAIT]
            self.start[node] = self.end[barrier[0]] if barrier else 0.0
            self.end[node] = now
            self.push(now, _END, node)
        else:
            self.is_ready[node] = True
            self.advance_unit(k)

    # -- the DMA channel -------------------------------------------------------------

    def advance_channel(self, now: float) -> None:
        """Counts the bytes the moving transfers moved since the channel's last event."""
        moving = self.moving
        if moving:
            moved = (now - self.channel_time) * self.channel / len(moving)
            for n in moving:
                moving[n] -= moved
        self.channel_time = now

    def reschedule_channel(self, now: float) -> None:
        """The next end of a transfer, at the current shares (earlier events go stale)."""
        self.channel_version += 1
        if self.moving:
            self.push(now + min(self.moving.values()) * len(self.moving) / self.channel, _CHANNEL, self.channel_version)

    def channel_event(self, now: float) -> None:
        """The transfers that moved their last byte end; the others take their shares."""
        self.advance_channel(now)
        moving = self.moving
        done = [n for n, left in moving.items() if left <= _DONE_BYTES] or [min(moving, key=moving.get)]
        for node in done:
            del moving[node]
            self.finish_transfer(node, now)
        self.reschedule_channel(now)
        self.dispatch(now)

    # -- DMA engines -----------------------------------------------------------------

    def dispatch(self, now: float) -> None:
        """Ready pool transfers start on idle pool engines (the one idle longest first)."""
        idle, idle_since = self.idle, self.idle_since
        while idle and self.pending:
            node = heapq.heappop(self.pending)
            e = min(idle, key=lambda i: (idle_since[i], i))
            idle.discard(e)
            self.engine[node] = e
            self.start[node] = now
            if self.latency > 0.0:
                self.push(now + self.latency, _DATA, node)
            else:
                self.begin_data(node, now)

    def start_queue(self, q: int, now: float) -> None:
        """The ready transfers at the head of queue q request their data, in order:
        their latencies overlap whatever the queue is streaming."""
        queue = self.queued[q]
        position = self.next_in_queue[q]
        while position < len(queue) and self.is_ready[queue[position]]:
            node = queue[position]
            position += 1
            self.engine[node] = q
            self.start[node] = now
            self.push(now + self.latency, _DATA, node)
        self.next_in_queue[q] = position

    def stream_next(self, q: int, now: float) -> None:
        """Queue q streams one transfer at a time, in order."""
        queue = self.queued[q]
        position = self.streamed_in_queue[q]
        if self.streaming[q] is None and position < len(queue) and queue[position] in self.latency_done:
            node = queue[position]
            self.streamed_in_queue[q] = position + 1
            self.streaming[q] = node
            self.begin_data(node, now)

    def data_ready(self, node: int, now: float) -> None:
        """A transfer's latency is over: it moves bytes (a queued one when its turn comes)."""
        q = self.queue_of.get(node)
        if q is None:
            self.begin_data(node, now)
            return
        self.latency_done.add(node)
        self.stream_next(q, now)

    def begin_data(self, node: int, now: float) -> None:
        self.first_byte[node] = now
        if self.work[node] == 0:
            self.finish_transfer(node, now)
            return
        self.advance_channel(now)
        self.moving[node] = float(self.work[node])
        self.reschedule_channel(now)

    def finish_transfer(self, node: int, now: float) -> None:
        e = self.engine[node]
        self.end[node] = now
        self.dma_busy[e] += now - max(self.start[node], self.busy_until[e])
        self.busy_until[e] = now
        self.push(now, _END, node)
        q = self.queue_of.get(node)
        if q is None:
            self.idle.add(e)
            self.idle_since[e] = now
            return
        self.streaming[q] = None
        self.stream_next(q, now)

    # -- matrix and vector units -----------------------------------------------------

    def advance_unit(self, unit: int) -> None:
        """Starts the ready ops at the head of the unit's in-order queue."""
        queue, head = self.unit_queue[unit], self.unit_head[unit]
        free = self.unit_free[unit]
        start, end, work = self.start, self.end, self.work
        while head < len(queue) and self.is_ready[queue[head]]:
            node = queue[head]
            at = self.ready[node]
            if unit == MATRIX:
                phases = work[node]
                if self.weight_stationary:
                    load_start = max(at, self.port_free, self.buffer_free)
                    stream = max(load_start + phases.load, self.acc_ready[node], free)
                    begin = max(load_start, free)
                    if phases.passes > 1:
                        self.port_free = stream + (phases.passes - 1) * phases.step
                        self.buffer_free = stream + phases.occupancy - phases.step
                    else:
                        self.port_free = load_start + phases.load
                        self.buffer_free = free
                else:
                    stream = max(at, self.acc_ready[node], free, self.port_free - phases.stream)
                    begin = stream
                    self.port_free = stream + phases.occupancy + phases.port
                free = stream + phases.occupancy
                drained = free + phases.drain
                self.matrix_busy += free - begin
                start[node], self.streamed[node], end[node] = begin, free, drained
                self.push(free, _STREAMED, node)
                self.push(drained, _END, node)
            else:
                begin = at if at > free else free
                free = begin + work[node]
                self.vector_busy += work[node]
                start[node], end[node] = begin, free
                self.push(free, _END, node)
            head += 1
        self.unit_head[unit] = head
        self.unit_free[unit] = free
