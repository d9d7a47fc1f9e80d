"""The simulated accelerator: runs a scheduled (L4) program for numerics and timing.

`simulate(module, hw)` translates the function once (accel.targets.sim.program) and
runs it. Every accel op, as the program issues it:

1. is checked against the schedule's synchronisation (accel.targets.sim.hazards): an
   op that reads an SRAM buffer (mma / rescale / vector-op operand, gather indices or
   SRAM table, dma_store source) needs the buffer's last write to happen before it; an
   op that writes one (dma_load dest, mma acc, rescale / vector-op / gather out) needs
   the last write and every read since to happen before it.
   A violation is an AccelError at the op, with a note at the op it races with.
   Buffers start as zeros (the golden semantics of accel.alloc), written by nobody.
2. computes its result with the golden handler of the op (accel.runtime.golden): the
   simulator moves windows in and out of buffers but never defines what an op means.
   Executing in program order is a legal order of the schedule, because step 1 has
   checked that every conflicting pair of accesses is ordered by tokens or waits.
   `timing_only` skips this step (and needs no inputs).
3. is recorded for the engine model (accel.targets.sim.engines, on the per-op formulas
   of accel.targets.timing; every formula and approximation is written down there),
   which times the whole program once it has run, and counted: bytes at each level,
   MACs, vector ops.

Counting:
- `macs` are the useful MACs: each buffer remembers the valid extent of what was last
  written into it (the window a dma_load brought in, the valid rows and columns an
  mma or rescale produced), and an mma counts valid_m x valid_n x valid_k.
  `padded_macs` are those of the tiles as allocated: what the array executes.
- DRAM bytes are the window bytes of every DMA (none on a design without DRAM, where
  DMA copies SRAM to SRAM). SRAM bytes: a dma_load writes the whole buffer (window plus
  zero fill), a dma_store reads the window; SRAM-to-SRAM copies read and write it;
  an mma reads lhs and rhs once, reads acc if it accumulates and writes acc once (the
  array's internal operand buffers supply the reuse within a tile); a rescale reads
  acc and both scale vectors and writes out; a vector op (vunary, vbinary, vreduce)
  reads each operand buffer once and writes out; a gather reads the indices and
  writes the rows (from an SRAM table it reads the rows too; from DRAM the rows are
  DRAM bytes, like a dma_load's).
- vector ops are lane operations by class (simple, divide, transcendental), what
  accel.targets.timing.VECTOR_KIND_OPS says each element of each kind takes; a
  rescale is 3 simple ones per element. A gather from DRAM is a DMA transfer (on a
  DMA engine, `queue` as for dma_load), from SRAM a vector-unit copy.
- energy = padded MACs x mac_pj[precision] + DRAM bytes x dram_byte_pj + SRAM bytes x
  sram_byte_pj + vector ops of each class x vector_op_pj x its vector_op_ratio (1 for
  simple ones). Padding is computed, not skipped, so it costs energy.
- the roofline is `hw.roofline_seconds(macs, compulsory bytes, precision)`: the
  compulsory DRAM bytes count every argument the program reads once and every
  argument it writes once (an argument read and written counts twice), each capped by
  the bytes the program actually moved for it (a program that touches part of an
  argument is not charged for the rest), so efficiency <= 1; 0 without DRAM. With
  several matrix precisions the compute term sums macs / peak per precision.

Not checked: races on DRAM (a dma_load of a window an unfinished dma_store writes);
schedules are expected to order those through tokens too.
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np

from accel.core.diagnostics import AccelError, Diagnostic, format_location
from accel.runtime.golden import HANDLERS, numpy_dtype
from accel.targets.hardware import Hardware, load_hardware, precision_of
from accel.targets.sim.engines import DMA, Engines
from accel.targets.sim.engines import MATRIX as MATRIX_UNIT
from accel.targets.sim.hazards import EMPTY, LOAD, MATRIX, STORE, VECTOR, Token, before, join, with_op
from accel.targets.sim.program import Program, translate
from accel.targets.timing import RESCALE_OPS_PER_ELEMENT, rescale_cycles, vector_cycles, vector_ops

_DMA_LOAD = HANDLERS["accel.dma_load"]
_DMA_STORE = HANDLERS["accel.dma_store"]
_MMA = HANDLERS["accel.mma"]
_RESCALE = HANDLERS["accel.rescale"]
_ALLOC = HANDLERS["accel.alloc"]
_VUNARY = HANDLERS["accel.vunary"]
_VBINARY = HANDLERS["accel.vbinary"]
_VREDUCE = HANDLERS["accel.vreduce"]
_GATHER = HANDLERS["accel.gather"]
_VECTOR_OPS = ("accel.vunary", "accel.vbinary", "accel.vreduce")


class Window:
    """A strided window of a DRAM argument (what memref.subview makes), of the
    argument seen with `shape` (its own, or what memref.expand_shape made of it)."""

    __slots__ = ("arg", "offsets", "sizes", "strides", "count", "shape")

    def __init__(self, arg: int, offsets: tuple, sizes: tuple, strides: tuple, shape: tuple | None = None):
        self.arg = arg
        self.offsets = offsets
        self.sizes = sizes
        self.strides = strides
        self.count = math.prod(sizes)
        self.shape = shape

    def of(self, array):
        """This window of the argument's array (a view)."""
        return (array if self.shape is None else array.reshape(self.shape))[self.slices()]

    def slices(self) -> tuple:
        return tuple(slice(o, o + (s - 1) * st + 1 if s else o, st) for o, s, st in zip(self.offsets, self.sizes, self.strides))


class _Token(Token):
    """A token that also names its op's node in the timing graph (None: accel.ready)."""

    __slots__ = ("node",)

    def __init__(self, clock: tuple, channel: int, seq: int, op: int, node: int | None, accumulator=None):
        # Times are known only after the run (Engines.run): `end` stays unset here.
        super().__init__(math.nan, clock, channel, seq, op, accumulator)
        self.node = node


class Buffer:
    """An SRAM buffer while the program runs: contents, valid extent, last accesses."""

    __slots__ = ("spec", "shape", "nbytes", "array", "valid", "writer", "readers")

    def __init__(self, spec, array):
        self.spec = spec
        self.shape = spec.shape
        self.nbytes = spec.nbytes
        self.array = array
        self.valid = (0,) * len(spec.shape)
        self.writer: Token | None = None
        self.readers: list[Token] = []


class SimResult:
    """What a simulation gives: `outputs` (every argument array after the run, None in
    timing-only mode), `report` (a JSON-serialisable dict) and `trace` (Chrome
    trace-event JSON, built on first use)."""

    def __init__(self, outputs, report: dict, trace_builder, wall_seconds: dict):
        self.outputs = outputs
        self.report = report
        # Host time spent translating and running (kept out of the report, which is
        # deterministic).
        self.wall_seconds = wall_seconds
        self._trace_builder = trace_builder
        self._trace = None

    @property
    def trace(self) -> dict:
        if self._trace is None:
            self._trace = self._trace_builder(None)
        return self._trace

    def chrome_trace(self, filename: str | None = None) -> dict:
        """The trace, its op locations naming `filename` for a module parsed from a string."""
        return self._trace_builder(filename) if filename else self.trace

    def write_trace(self, path, filename: str | None = None) -> None:
        """Writes the trace as JSON: open it in Perfetto (ui.perfetto.dev) or chrome://tracing."""
        Path(path).write_text(json.dumps(self.chrome_trace(filename)))


# A run reports its progress every this many ops (a power of two: a mask tests it).
PROGRESS_EVERY = 4096


class _Machine:
    """The runtime the translated program calls into (one method per accel op)."""

    def __init__(self, program: Program, hw: Hardware, arrays: list | None, progress=None):
        self.program = program
        self.ops = program.ops
        self.hw = hw
        self.arrays = arrays
        self.engines = Engines(hw)
        self.frontier = EMPTY
        self.seq = [0, 0, 0, 0]
        # accel.ready: complete before the program starts, ordered before every op.
        self.ready = _Token(EMPTY, LOAD, 0, -1, None)
        self.has_dram = hw.has_dram
        self.events: list[tuple] = []  # (tid, op, start, end, amount), filled by `finish`
        self.timed: list[tuple] = []  # (node, op, amount) of every timed op, in issue order
        self.waits: list[tuple] = []  # (node, op) of every accel.wait
        self.dram_read = 0
        self.dram_write = 0
        self.sram_bytes = 0
        self.padded_macs: dict[str, int] = {}
        self.useful_macs: dict[str, int] = {}
        self.vector_ops = 0
        self.vector_ops_by_class: dict[str, int] = {}
        self.counts = {"dma_load": 0, "dma_store": 0, "mma": 0, "rescale": 0, "vunary": 0, "vbinary": 0, "vreduce": 0, "gather": 0, "wait": 0}
        # Bytes moved per argument, each direction: what the compulsory traffic is capped by.
        # (The function's own DRAM regions, program.memories, are numbered after the arguments.)
        regions = [*program.arguments, *program.memories]
        self.arg_read = [0] * len(regions)
        self.arg_written = [0] * len(regions)
        self.arg_shapes = [a.shape for a in regions]
        self.element_bytes = [a.element_bytes for a in regions]
        # mma: (load, occupancy, drain) cycles; rescale: cycles.
        self.op_cycles: dict[int, tuple | int] = {}
        # Progress (see `simulate`): ops issued, and the steps of the run (issuing every
        # op, then timing it), known before the run when the loops' bounds are constant.
        self.progress = progress
        self.issued = 0
        self.steps = None if program.op_count is None else 2 * program.op_count
        self._prepare_ops()

    def _prepare_ops(self) -> None:
        """Static per-op facts that depend on the hardware: precision support, cycles,
        DMA queues the hardware has (and an engine left for the transfers without one)."""
        problems = []
        engines = self.engines.dma_count
        transfers = [
            info for info in self.ops
            if info.name in ("accel.dma_load", "accel.dma_store") or (info.name == "accel.gather" and info.attrs["dram"])
        ]
        queues = {info.attrs["queue"] for info in transfers if info.attrs.get("queue") is not None}
        for info in transfers:
            queue = info.attrs.get("queue")
            if queue is not None and queue >= engines:
                problems.append(Diagnostic(
                    f"'{info.name}' op uses DMA queue {queue}, but hardware '{self.hw.name}' has {engines} DMA engine(s) "
                    f"(queues 0 .. {engines - 1})", info.location))
            elif queue is None and len(queues) >= engines:
                problems.append(Diagnostic(
                    f"'{info.name}' op has no DMA queue, and the program's queues take all {engines} DMA engine(s) of "
                    f"hardware '{self.hw.name}': none is left to serve it", info.location))
                break
        for index, info in enumerate(self.ops):
            if info.name == "accel.mma":
                tm, tn, tk = info.attrs["shape"]
                try:
                    precision = precision_of(info.attrs["element"])
                except AccelError as error:
                    problems.append(Diagnostic(f"'accel.mma' op: {error.diagnostics[0].message}", info.location))
                    continue
                if not self.hw.matrix.supports(precision):
                    problems.append(Diagnostic(
                        f"'accel.mma' op multiplies {precision} operands, which hardware '{self.hw.name}' does not "
                        f"support (matrix.pe_macs_per_cycle.{precision} is 0)",
                        info.location,
                    ))
                    continue
                info.attrs["precision"] = precision
                self.op_cycles[index] = self.engines.matrix.phases(tm, tn, tk, precision)
            elif info.name == "accel.rescale":
                tm, tn = info.attrs["shape"]
                self.op_cycles[index] = rescale_cycles(self.hw, tm, tn)
            elif info.name in _VECTOR_OPS or (info.name == "accel.gather" and not info.attrs["dram"]):
                attrs = info.attrs
                self.op_cycles[index] = vector_cycles(self.hw, attrs["kind"], attrs["elements"], attrs["sram_bytes"])
        if problems:
            raise AccelError(problems)

    # -- helpers -------------------------------------------------------------

    def fail(self, op: int, message: str, notes=()):
        info = self.ops[op]
        raise AccelError([Diagnostic(f"'{info.name}' op {message}", info.location, notes=list(notes))])

    def _ready(self, deps: tuple) -> tuple[tuple, list]:
        """The clock of what happens before an op with these dependencies, and their nodes."""
        if not deps:
            return EMPTY, []
        clock = deps[0].clock
        for token in deps[1:]:
            clock = join(clock, token.clock)
        return clock, [token.node for token in deps]

    def _ready_mma(self, deps: tuple, acc: "Buffer") -> tuple[tuple, list, list]:
        """As _ready, but an earlier mma into the same accumulator only has to have
        streamed its operands (in-order accumulation): those come separately."""
        clock = deps[0].clock if deps else EMPTY
        nodes, streamed = [], []
        for token in deps:
            clock = join(clock, token.clock)
            (streamed if token.accumulator is acc else nodes).append(token.node)
        return clock, nodes, streamed

    def _ordered(self, token: Token, clock: tuple) -> bool:
        return before(token, clock) or before(token, self.frontier)

    def _race(self, op: int, buffer: Buffer, other: Token, what: str, note: str):
        other_name = self.ops[other.op].name
        self.fail(
            op,
            f"{what} {buffer.spec.describe()} while '{other_name}' {note}: that op is not ordered "
            "before this one (make its token a dependency, directly or through other tokens, or wait for it)",
            [Diagnostic(f"the '{other_name}' it races with", self.ops[other.op].location, "note")],
        )

    def _check_read(self, op: int, buffer: Buffer, clock: tuple) -> None:
        writer = buffer.writer
        if writer is not None and not self._ordered(writer, clock):
            self._race(op, buffer, writer, "reads", "that writes it may still be running")

    def _check_write(self, op: int, buffer: Buffer, clock: tuple) -> None:
        # Readers first: each reader follows the last write, so when a reader is
        # unordered it is the more telling culprit; the write matters without readers.
        for reader in buffer.readers:
            if not self._ordered(reader, clock):
                self._race(op, buffer, reader, "overwrites", "that reads it may still be running (write over a live buffer)")
        writer = buffer.writer
        if writer is not None and not self._ordered(writer, clock):
            self._race(op, buffer, writer, "overwrites", "that writes it may still be running (write over a live buffer)")

    def _issued(self) -> None:
        """Counts an issued op; reports progress every PROGRESS_EVERY ops."""
        self.issued += 1
        if not self.issued & (PROGRESS_EVERY - 1) and self.progress is not None:
            self.progress(self.issued, self.steps)

    def _token(self, channel: int, clock: tuple, node: int, op: int, amount, accumulator=None) -> _Token:
        seq = self.seq[channel] + 1
        self.seq[channel] = seq
        self.timed.append((node, op, amount))
        self._issued()
        return _Token(with_op(clock, channel, seq), channel, seq, op, node, accumulator)

    def _golden(self, op: int, handler, *args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except ValueError as error:
            self.fail(op, str(error))

    def _fits(self, op: int, window: Window, buffer: Buffer, verb: str) -> None:
        for w, s in zip(window.sizes, buffer.shape):
            if w > s:
                self.fail(op, f"{verb} a {'x'.join(map(str, window.sizes))} DRAM window, larger than its {buffer.spec.describe()}")

    def _count_vector(self, ops: dict[str, int]) -> None:
        for kind, count in ops.items():
            self.vector_ops += count
            self.vector_ops_by_class[kind] = self.vector_ops_by_class.get(kind, 0) + count

    # -- the ops -----------------------------------------------------------------

    def subview(self, op: int, source: Window, offsets: tuple, sizes: tuple, strides: tuple) -> Window:
        base = source.offsets
        base_strides = source.strides
        shape = source.shape or self.arg_shapes[source.arg]
        new_offsets = []
        new_strides = []
        for d, (o, s, st) in enumerate(zip(offsets, sizes, strides)):
            first = base[d] + o * base_strides[d]
            stride = base_strides[d] * st
            last = first + (s - 1) * stride
            if s < 0 or (s > 0 and not (0 <= first < shape[d] and 0 <= last < shape[d])):
                self.fail(op, f"takes a window out of bounds of argument #{source.arg} ({'x'.join(map(str, shape))}): dim {d} offset {first}, size {s}, stride {stride}")
            new_offsets.append(first)
            new_strides.append(stride)
        return Window(source.arg, tuple(new_offsets), tuple(sizes), tuple(new_strides), source.shape)

    def expand_shape(self, op: int, source: Window, shape: tuple) -> Window:
        """memref.expand_shape of a whole argument: the same bytes seen with `shape`."""
        whole = self.arg_shapes[source.arg]
        if source.shape is not None or source.sizes != whole or any(source.offsets) or any(s != 1 for s in source.strides):
            self.fail(op, f"expands a window of argument #{source.arg}: the simulator expands whole arguments only")
        return Window(source.arg, (0,) * len(shape), tuple(shape), (1,) * len(shape), tuple(shape))

    def _queue(self, op: int) -> int | None:
        """The DMA queue of transfer `op` (None: an engine of the pool; see `_prepare_ops`)."""
        return self.ops[op].attrs.get("queue")

    def dma_load(self, op: int, window: Window, buffer: Buffer, deps: tuple) -> Token:
        clock, ready = self._ready(deps)
        self._check_write(op, buffer, clock)
        self._fits(op, window, buffer, "loads")
        arrays = self.arrays
        if arrays is not None:
            buffer.array = self._golden(op, _DMA_LOAD, window.of(arrays[window.arg]), buffer.array)
        buffer.valid = window.sizes
        nbytes = window.count * self.element_bytes[window.arg]
        node = self.engines.dma(ready, nbytes, self._queue(op))
        if self.has_dram:
            self.dram_read += nbytes
            self.sram_bytes += buffer.nbytes
        else:
            self.sram_bytes += nbytes + buffer.nbytes
        self.arg_read[window.arg] += nbytes
        self.counts["dma_load"] += 1
        token = self._token(LOAD, clock, node, op, nbytes)
        buffer.writer = token
        buffer.readers = []
        return token

    def dma_store(self, op: int, buffer: Buffer, window: Window, deps: tuple) -> Token:
        clock, ready = self._ready(deps)
        self._check_read(op, buffer, clock)
        self._fits(op, window, buffer, "stores")
        arrays = self.arrays
        if arrays is not None:
            target = window.of(arrays[window.arg])
            target[...] = self._golden(op, _DMA_STORE, buffer.array, target)
        nbytes = window.count * self.element_bytes[window.arg]
        node = self.engines.dma(ready, nbytes, self._queue(op))
        if self.has_dram:
            self.dram_write += nbytes
            self.sram_bytes += nbytes
        else:
            self.sram_bytes += 2 * nbytes
        self.arg_written[window.arg] += nbytes
        self.counts["dma_store"] += 1
        token = self._token(STORE, clock, node, op, nbytes)
        buffer.readers.append(token)
        return token

    def mma(self, op: int, lhs: Buffer, rhs: Buffer, acc: Buffer, deps: tuple) -> Token:
        clock, ready, streamed = self._ready_mma(deps, acc)
        info = self.ops[op].attrs
        accumulate = info["accumulate"]
        self._check_read(op, lhs, clock)
        self._check_read(op, rhs, clock)
        if accumulate:
            self._check_read(op, acc, clock)
        self._check_write(op, acc, clock)
        if self.arrays is not None:
            acc.array = self._golden(op, _MMA, lhs.array, rhs.array, acc.array, accumulate=accumulate)
        valid_m = lhs.valid[0]
        valid_n = rhs.valid[0]
        valid_k = min(lhs.valid[1], rhs.valid[1])
        if accumulate:
            acc.valid = (max(acc.valid[0], valid_m), max(acc.valid[1], valid_n))
        else:
            acc.valid = (valid_m, valid_n)
        precision = info["precision"]
        tm, tn, tk = info["shape"]
        self.useful_macs[precision] = self.useful_macs.get(precision, 0) + valid_m * valid_n * valid_k
        self.padded_macs[precision] = self.padded_macs.get(precision, 0) + tm * tn * tk
        node = self.engines.mma(ready, self.op_cycles[op], streamed)
        self.sram_bytes += lhs.nbytes + rhs.nbytes + (2 if accumulate else 1) * acc.nbytes
        self.counts["mma"] += 1
        token = self._token(MATRIX, clock, node, op, valid_m * valid_n * valid_k, acc)
        lhs.readers.append(token)
        rhs.readers.append(token)
        acc.writer = token
        acc.readers = []
        return token

    def rescale(self, op: int, acc: Buffer, row_scale: Buffer, col_scale: Buffer, out: Buffer, deps: tuple) -> Token:
        clock, ready = self._ready(deps)
        for operand in (acc, row_scale, col_scale):
            self._check_read(op, operand, clock)
        self._check_write(op, out, clock)
        if self.arrays is not None:
            out.array = self._golden(op, _RESCALE, acc.array, row_scale.array, col_scale.array, out.array)
        out.valid = (min(acc.valid[0], row_scale.valid[0]), min(acc.valid[1], col_scale.valid[0]))
        tm, tn = acc.shape
        self._count_vector({"simple": tm * tn * RESCALE_OPS_PER_ELEMENT})
        node = self.engines.vector(ready, self.op_cycles[op])
        self.sram_bytes += acc.nbytes + row_scale.nbytes + col_scale.nbytes + out.nbytes
        self.counts["rescale"] += 1
        token = self._token(VECTOR, clock, node, op, tm * tn)
        for operand in (acc, row_scale, col_scale):
            operand.readers.append(token)
        out.writer = token
        out.readers = []
        return token

    def _vector(self, op: int, reads: tuple, out: Buffer, deps: tuple, compute) -> Token:
        """A vector-unit op reading `reads` and writing `out` (all SRAM buffers):
        checked, computed by `compute()` (the golden handler's call), counted, timed."""
        clock, ready = self._ready(deps)
        for operand in reads:
            self._check_read(op, operand, clock)
        self._check_write(op, out, clock)
        if self.arrays is not None:
            out.array = self._golden(op, compute)
        info = self.ops[op]
        attrs = info.attrs
        if info.name == "accel.vreduce":
            out.valid = reads[0].valid[:-1] + (min(1, reads[0].valid[-1]),)
        elif info.name != "accel.gather":
            # A broadcast dim (size 1 in an operand) takes its extent from the others.
            out.valid = tuple(
                min((r.valid[d] for r in reads if r.shape[d] == size), default=size)
                for d, size in enumerate(out.shape)
            )
        self._count_vector(vector_ops(attrs["kind"], attrs["elements"]))
        node = self.engines.vector(ready, self.op_cycles[op])
        self.sram_bytes += attrs["sram_bytes"]
        self.counts[info.name.split(".", 1)[1]] += 1
        token = self._token(VECTOR, clock, node, op, attrs["elements"])
        for operand in reads:
            operand.readers.append(token)
        out.writer = token
        out.readers = []
        return token

    def vunary(self, op: int, input: Buffer, out: Buffer, deps: tuple) -> Token:
        attrs = self.ops[op].attrs
        bounds = {"min": attrs["min"], "max": attrs["max"]} if attrs["kind"] == "clamp" else {}
        return self._vector(op, (input,), out, deps, lambda: _VUNARY(input.array, out.array, kind=attrs["kind"], **bounds))

    def vbinary(self, op: int, lhs: Buffer, rhs: Buffer, out: Buffer, deps: tuple) -> Token:
        kind = self.ops[op].attrs["kind"]
        return self._vector(op, (lhs, rhs), out, deps, lambda: _VBINARY(lhs.array, rhs.array, out.array, kind=kind))

    def vreduce(self, op: int, input: Buffer, out: Buffer, deps: tuple) -> Token:
        kind = self.ops[op].attrs["kind"]
        return self._vector(op, (input,), out, deps, lambda: _VREDUCE(input.array, out.array, kind=kind))

    def gather(self, op: int, table, indices: Buffer, out: Buffer, deps: tuple) -> Token:
        """Rows of an SRAM table: the vector unit copies them (`_vector`). Rows of a
        DRAM window: a DMA transfer of the gathered rows, which reads the indices from
        SRAM (the rows are requested back to back: the latency is paid once, as for one
        transfer; a row shorter than a DRAM burst would waste bandwidth, not modelled)."""
        if isinstance(table, Buffer):
            token = self._vector(op, (table, indices), out, deps, lambda: _GATHER(table.array, indices.array, out.array))
            out.valid = (indices.valid[0], table.valid[1])
            return token
        clock, ready = self._ready(deps)
        self._check_read(op, indices, clock)
        self._check_write(op, out, clock)
        if self.arrays is not None:
            out.array = self._golden(op, _GATHER, table.of(self.arrays[table.arg]), indices.array, out.array)
        out.valid = (indices.valid[0], table.sizes[1])
        nbytes = self.ops[op].attrs["bytes"]
        node = self.engines.dma(ready, nbytes, self._queue(op))
        if self.has_dram:
            self.dram_read += nbytes
            self.sram_bytes += nbytes + indices.nbytes
        else:
            self.sram_bytes += 2 * nbytes + indices.nbytes
        self.arg_read[table.arg] += nbytes
        self.counts["gather"] += 1
        token = self._token(LOAD, clock, node, op, self.ops[op].attrs["elements"])
        indices.readers.append(token)
        out.writer = token
        out.readers = []
        return token

    def wait(self, op: int, tokens: tuple) -> None:
        frontier = self.frontier
        for token in tokens:
            frontier = join(frontier, token.clock)
        self.frontier = frontier
        self.waits.append((self.engines.wait([token.node for token in tokens]), op))
        self.counts["wait"] += 1
        self._issued()

    def finish(self) -> None:
        """Times the program's ops (Engines.run) and lists them for the trace."""
        engines = self.engines
        issued = self.issued
        steps = self.steps = 2 * issued  # the count is exact now (whatever the loops' bounds)
        progress = self.progress
        if progress is not None:
            progress(issued, steps)
            engines.run(lambda timed: progress(issued + timed, steps), PROGRESS_EVERY)
            progress(steps, steps)
        else:
            engines.run()
        start, end, kinds = engines.start, engines.end, engines.kind
        matrix_tid = 1 + engines.dma_count
        events = []
        for node, op, amount in self.timed:
            kind = kinds[node]
            if kind == DMA:
                # A queued transfer's latency overlaps the one before it on its engine:
                # its track shows it moving bytes, one at a time.
                begin = engines.first_byte[node] if node in engines.queue else start[node]
                events.append((1 + engines.engine[node], op, begin, end[node], amount))
            elif kind == MATRIX_UNIT:
                # The trace shows the array's occupancy; the drain overlaps the next mma.
                events.append((matrix_tid, op, start[node], engines.streamed[node], amount))
            else:
                events.append((matrix_tid + 1, op, start[node], end[node], amount))
        for node, op in self.waits:
            if end[node] > start[node]:
                events.append((0, op, start[node], end[node], 0))
        self.events = events


# ---------------------------------------------------------------------------
# Memory plan


def check_memory_plan(program: Program, hw: Hardware) -> None:
    """Every buffer fits in SRAM and no two overlap (all live until the function ends)."""
    problems = []
    capacity = hw.sram.bytes
    for spec in program.buffers:
        end = spec.offset + spec.nbytes
        if end > capacity:
            problems.append(Diagnostic(
                f"'accel.alloc' op {spec.describe()} occupies bytes [{spec.offset}, {end}), beyond the "
                f"{capacity} bytes of SRAM of '{hw.name}' (SRAM overflow)",
                program.ops[spec.op].location,
            ))
    ordered = sorted(program.buffers, key=lambda s: (s.offset, s.index))
    widest = None
    for spec in ordered:
        if spec.nbytes == 0:
            continue
        if widest is not None and spec.offset < widest.offset + widest.nbytes:
            later, earlier = (spec, widest) if spec.index > widest.index else (widest, spec)
            problems.append(Diagnostic(
                f"'accel.alloc' op {later.describe()} [{later.offset}, {later.offset + later.nbytes}) overlaps "
                f"{earlier.describe()} [{earlier.offset}, {earlier.offset + earlier.nbytes}), which is live too",
                program.ops[later.op].location,
                notes=[Diagnostic("the other buffer", program.ops[earlier.op].location, "note")],
            ))
        if widest is None or spec.offset + spec.nbytes > widest.offset + widest.nbytes:
            widest = spec
    if problems:
        raise AccelError(problems)


# ---------------------------------------------------------------------------
# Inputs


def _bind_inputs(program: Program, inputs) -> list[np.ndarray]:
    where = program.location
    if inputs is None:
        raise AccelError([Diagnostic(f"@{program.function} needs inputs (one array per argument), unless timing_only=True", where)])
    inputs = list(inputs)
    if len(inputs) != len(program.arguments):
        raise AccelError([Diagnostic(f"@{program.function} takes {len(program.arguments)} arguments, got {len(inputs)} inputs", where)])
    arrays = []
    for spec, given in zip(program.arguments, inputs):
        try:
            dtype = numpy_dtype(spec.element)
        except ValueError as error:
            raise AccelError([Diagnostic(f"argument #{spec.index}: {error}", where)]) from None
        array = np.asarray(given)
        if array.dtype != dtype or array.shape != spec.shape:
            raise AccelError([Diagnostic(
                f"argument #{spec.index} is {spec.type_text}: expected a {dtype} array of shape {spec.shape}, "
                f"got {array.dtype} {array.shape}",
                where,
            )])
        # A copy: the run writes outputs (and could write any argument) in place.
        arrays.append(np.array(array, copy=True))
    return arrays


def _initial_contents(program: Program, spec) -> np.ndarray:
    location = program.ops[spec.op].location
    try:
        return _ALLOC(spec.shape, numpy_dtype(spec.element), offset=spec.offset)
    except ValueError as error:
        raise AccelError([Diagnostic(f"'accel.alloc' op: {error} (run with timing_only=True)", location)]) from None


# ---------------------------------------------------------------------------
# Report and trace


def _report(machine: _Machine, program: Program, hw: Hardware) -> dict:
    engines = machine.engines
    clock = hw.clock_hz
    cycles = engines.makespan
    seconds = cycles / clock
    useful = sum(machine.useful_macs.values())
    padded = sum(machine.padded_macs.values())
    dram_bytes = machine.dram_read + machine.dram_write
    compulsory = (
        sum(min(a.nbytes, machine.arg_read[a.index]) + min(a.nbytes, machine.arg_written[a.index]) for a in program.arguments)
        if hw.has_dram
        else 0
    )
    precisions = sorted(machine.padded_macs)
    if len(precisions) <= 1:
        precision = precisions[0] if precisions else "int8"
        roofline = hw.roofline_seconds(useful, compulsory, precision)
    else:
        precision = "mixed"
        compute = sum(machine.useful_macs[p] / hw.peak_macs_per_second(p) for p in precisions)
        roofline = max(compute, hw.roofline_seconds(0, compulsory, precisions[0]))
    energy = {
        "matrix": sum(machine.padded_macs[p] * hw.energy.mac_pj[p] for p in precisions),
        "dram": dram_bytes * hw.energy.dram_byte_pj,
        "sram": machine.sram_bytes * hw.energy.sram_byte_pj,
        "vector": hw.energy.vector_pj(machine.vector_ops_by_class),
    }

    def share(busy: float) -> float:
        return min(1.0, busy / cycles) if cycles > 0 else 0.0

    utilization = {"matrix": share(engines.matrix_busy), "vector": share(engines.vector_busy)}
    for e, busy in enumerate(engines.dma_busy):
        utilization[f"dma{e}"] = share(busy)
    utilization["dram_bandwidth"] = min(1.0, dram_bytes / (hw.dram.bandwidth * seconds)) if hw.has_dram and seconds > 0 else 0.0
    dma_bytes = machine.dram_read + machine.dram_write if hw.has_dram else machine.sram_bytes
    return {
        "hardware": hw.name,
        "function": program.function,
        "precision": precision,
        "cycles": math.ceil(cycles),
        "seconds": seconds,
        "macs": useful,
        "padded_macs": padded,
        "macs_by_precision": dict(machine.useful_macs),
        "dram_bytes": dram_bytes,
        "dram_read_bytes": machine.dram_read,
        "dram_write_bytes": machine.dram_write,
        "compulsory_dram_bytes": compulsory,
        "sram_bytes": machine.sram_bytes,
        "vector_ops": machine.vector_ops,
        "vector_ops_by_class": dict(machine.vector_ops_by_class),
        "energy_pj": sum(energy.values()),
        "energy_breakdown_pj": energy,
        "roofline_seconds": roofline,
        "efficiency": roofline / seconds if seconds > 0 else 0.0,
        "utilization": utilization,
        "busy_cycles": {
            "matrix": engines.matrix_busy,
            "vector": engines.vector_busy,
            **{f"dma{e}": busy for e, busy in enumerate(engines.dma_busy)},
        },
        "ops": dict(machine.counts),
        "sram_bytes_allocated": sum(b.nbytes for b in program.buffers),
    }


def _trace_builder(machine: _Machine, program: Program, hw: Hardware):
    events = machine.events
    ops = program.ops
    dma_count = machine.engines.dma_count
    to_us = 1e6 / hw.clock_hz

    def build(filename: str | None) -> dict:
        pid = 1
        threads = ["control (accel.wait)"] + [f"DMA {e}" for e in range(dma_count)] + ["matrix unit", "vector unit"]
        trace = [{"name": "process_name", "ph": "M", "pid": pid, "args": {"name": f"accel sim: {hw.name}"}}]
        for tid, name in enumerate(threads):
            trace.append({"name": "thread_name", "ph": "M", "pid": pid, "tid": tid, "args": {"name": name}})
            trace.append({"name": "thread_sort_index", "ph": "M", "pid": pid, "tid": tid, "args": {"sort_index": tid}})
        locations: dict[int, str] = {}
        amount_name = {
            "accel.dma_load": "bytes", "accel.dma_store": "bytes", "accel.mma": "useful_macs", "accel.rescale": "elements",
            "accel.vunary": "elements", "accel.vbinary": "elements", "accel.vreduce": "elements", "accel.gather": "elements",
        }
        for tid, op, start, end, amount in events:
            name = ops[op].name
            where = locations.get(op)
            if where is None:
                where = locations[op] = format_location(ops[op].location, filename)
            args = {"loc": where}
            if name in amount_name:
                args[amount_name[name]] = amount
            trace.append({
                "name": name.split(".", 1)[1],
                "cat": name,
                "ph": "X",
                "pid": pid,
                "tid": tid,
                "ts": start * to_us,
                "dur": (end - start) * to_us,
                "args": args,
            })
        return {"traceEvents": trace, "displayTimeUnit": "ns"}

    return build


# ---------------------------------------------------------------------------
# Entry point


def simulate(module, hw, *, function: str | None = None, inputs=None, timing_only: bool = False, progress=None) -> SimResult:
    """Runs the scheduled function of `module` on the accelerator `hw`.

    module: an ir.Module (or a func.func op) holding scheduled L4 IR, or a Program
    from `translate` (to simulate one program on several designs without translating
    it again). hw: a Hardware, a preset name or a hardware-file path. inputs: one numpy
    array per function argument (outputs may be zeros), not needed with timing_only.
    Raises AccelError, located at the op, for an op it cannot execute, a schedule bug
    (a race on an SRAM buffer, SRAM overflow, overlapping buffers) or a bad input.

    progress: None, or called as `progress(done, total)` every few thousand steps and
    at the end. A run takes two steps per op: it issues every op (numerics, race
    checks), then times them all (Engines.run); `total` is twice the ops the program
    issues, None while that is unknown (loops whose bounds are not constants). The
    simulator itself prints nothing (accelc draws a progress bar from these calls).
    """
    started = time.perf_counter()
    hw = load_hardware(hw)
    program = module if isinstance(module, Program) else translate(module, function)
    translated = time.perf_counter()
    check_memory_plan(program, hw)
    arrays = None if timing_only else _bind_inputs(program, inputs)
    if arrays is not None:  # the function's own DRAM: scratch starts as zeros, constants hold their data
        arrays += [np.zeros(m.shape, numpy_dtype(m.element)) if m.data is None else m.data.copy() for m in program.memories]
    machine = _Machine(program, hw, arrays, progress)
    buffers = [Buffer(spec, None if arrays is None else _initial_contents(program, spec)) for spec in program.buffers]
    windows = [Window(a.index, (0,) * len(a.shape), a.shape, (1,) * len(a.shape)) for a in [*program.arguments, *program.memories]]
    program.entry(machine, windows, buffers)
    machine.finish()
    finished = time.perf_counter()
    wall = {"translate": translated - started, "run": finished - translated}
    outputs = None if arrays is None else arrays[: len(program.arguments)]
    return SimResult(outputs, _report(machine, program, hw), _trace_builder(machine, program, hw), wall)
