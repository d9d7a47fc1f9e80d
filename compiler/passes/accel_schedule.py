"""accel-schedule: bufferized qmatmul tiles (L3) -> a DMA / mma / rescale program with tokens (L4).

Input: the output of accel-tile after MLIR's own bufferization,

    accel-opt in.mlir --accel-tile --canonicalize --cse \\
      --one-shot-bufferize='bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map' \\
      --canonicalize --buffer-results-to-out-params=modify-public-functions --canonicalize \\
      --accel-schedule

where each tile, inside scf.for loops over M and N tiles, reads
`%a = bufferization.to_tensor %lhs_window` (and the weight, weight-scale and
lhs-scale windows), computes `%r = "accel.qmatmul"(...) {accel.tile = array<i64:
tm, tn, tk>}` and writes `memref.copy (bufferization.to_buffer %r), %dst_window`.
A qmatmul whose operands are not such windows is a located error: the pass needs
bufferized input. (`buffer-results-to-out-params{hoist-static-allocs}` does not fire
in this IREE build, so a function result is still staged in a `memref.alloc` copied
whole into the out-parameter at the end; the pass writes the tiles into the
out-parameter directly and drops that copy.)

Output, per function: SRAM buffers allocated once at entry (`accel.alloc {offset}`,
offsets from the address plan of accel.compiler.sram_plan, checked against the
hardware's SRAM: option `hw`), and the tiles' DMA / mma / rescale program. How a
tile shape is buffered is decided by accel.compiler.cost_model.buffering (the same
rules the tile-size model costs and budgets), from the tile sizes, the extents and
the hardware:

- Residency. The operand that the innermost tile loop does not move along (the lhs
  row block [tm, K] under a loop over N, the weight block [tn, K] under a loop over
  M alone) is loaded once per pass of that loop, into one buffer R0 .. R{s-1} per K
  step, and every tile of the pass reads it from SRAM (its window is computed
  before the loop: a loop-invariant code motion of the window's pure index ops).
  The loop's first tile is peeled off before the loop and loads the chunks itself,
  each with its own K step's streamed loads, so its first mma waits for one step's
  loads, not the whole block (when the loop does not have the form this needs, the
  chunks are loaded before the loop). Each chunk waits for the mmas of the previous
  pass that read its buffer. The K steps of such a tile are unrolled (a resident
  chunk per step). Otherwise both operands stream.
- Ring. The streamed operands' K steps go through a ring of B slots (A0 W0, A1 W1,
  ...; B = 2 is double buffering): a tile's prologue loads steps 0 .. B-2, and step
  s loads step s+B-1 into the slot the mma of step s-1 read, after that mma (WAR),
  then multiplies, so B-1 steps of loads overlap each mma. Without a resident
  operand, the steps in the middle run in an scf.for whose iter_args turn the ring
  (the slots from step s on, the loads in flight, the last mma); the first step
  (accumulate = false) and the last B-1 (no more loads) are peeled.
- DMA queues. Operand loads are issued in the order the mmas need them (resident
  chunks and streamed steps alike, across tiles and sub-tiles), all on one DMA queue
  (`queue` attribute, OPERAND_QUEUE): its engine moves them one after the other,
  each at the channel's full rate but for what the other queues take, and requests
  the next while one streams, so the DRAM latency shows once, not per load (see
  targets/sim/engines.py). A load issued early for a later step therefore never
  slows down the one the next mma waits for. Stores go on a queue of their own and
  scale loads on a third, so that neither holds up an operand load (nor a scale
  load wait behind a store).
- Output sets. The accumulator ACC [tm, tn] i32, the result OUT [tm, tn] f32 and the
  scales RS [tm], CS [tn] come in Q sets that the tiles use in turn: the first mma of
  a tile overwrites its set's ACC after that set's last rescale (which read it), the
  rescale overwrites OUT after that set's last store, so a tile's mmas wait for
  neither the rescale nor the store of the tile before.
- Split. With a single pass over the innermost loop, that loop stops one tile short
  and its last tile runs as sub-tiles along the loop's dimension (tile_sizes.sub_tile)
  in a loop after it: they share the resident operand, stream their own windows of the
  other through a ring and output sets of their own, and store as they finish, so
  only the last sub-tile's drain, rescale and store follow the last mma.

Each tile, then (the mmas interleaved with the loads B-1 steps ahead of them):

    dma_load  the streamed operands' K steps into the ring   after each slot's last reader
    dma_load  lhs-scale window -> RS, weight-scale window -> CS   after the set's last rescale
              (issued after the tile's last operand load)
    mma       step 0 -> ACC, accumulate = false    after its loads, its resident chunk and the set's last rescale
    mma       step s -> ACC, accumulate             after its loads, its resident chunk and the mma of step s-1
    rescale   ACC, RS, CS -> OUT                    after the last mma, RS, CS and the set's last store
    dma_store OUT -> the destination window         after the rescale

Edge tiles load smaller windows (the DMA zero-fills the rest of the SRAM tile, so
padded MACs add zero) and store only the window; the last K step's window is
`min(tk, K - k)` wide. The tile loops carry, as extra iter_args, the ring (which slot
the next tile loads first) with the token of each slot's last reader, and the output
sets (which one the next tile uses) with each set's last rescale and store; before the
first tile those tokens are `accel.ready`. A tile therefore waits only for what truly
reads a buffer it overwrites (WAR). An `accel.wait` on a matmul's last stores goes
before the first later op that may touch its DRAM operands (a later matmul only when
one writes what the other reads or writes), at the latest before the function returns.

The qmatmuls of one function with the same tile sizes and buffering share one set of
SRAM buffers and chain their tokens from one loop nest to the next (whatever their K:
the set has a resident buffer per K step of the longest); each other shape gets its
own set. SRAM buffers live until the function returns, so the sets sit side
by side and must fit together (if they do not, the function is planned again with
plain double buffering, then it is an error).

Scope: w8a8 only (the sim target's scope for now); a w8a16 or w4a16 tile is a
located error "accel-schedule supports w8a8 ...; use the cpu target". Any tensor or
bufferization op that does not belong to a scheduled tile is a located error too: the
result is a complete L4 program (verify_accel; iree-opt --irdl-file accepts it).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from accel.compiler.ir_utils import (
    EntryBuilder,
    add_iter_args,
    constant_int,
    contains,
    extend_yield,
    forward_staging_buffers,
    hoist,
    index_in,
    is_invariant,
    memref_root,
    next_in_block,
    next_op,
    ops_named,
    previous_in_block,
    producer_text,
    same_value,
    subview_parts,
    touches,
    unique,
)
from accel.compiler.passes import Pass, hardware_option
from accel.compiler.passes.accel_tile import TILE_ATTR
from accel.compiler.sram_plan import SramBuffer, plan_sram
from accel.compiler.cost_model import Buffering, TileSizes, buffering, sub_tile
from accel.core.diagnostics import AccelError
from accel.dialects.accel import (
    AllocOp,
    DmaLoadOp,
    DmaStoreOp,
    MmaOp,
    QMatmulOp,
    ReadyOp,
    RescaleOp,
    WaitOp,
    static_shape,
)
from accel.dialects.ods import memspace_text, token_type
from accel.core.mlir import arith, functions, ir, scf
from accel.targets.hardware import Hardware, load_hardware

SCHEDULED_SCHEMES = ("w8a8",)

# MLIR's bufferization as accel-schedule expects it to have run: (pass, options).
BUFFERIZE_PASSES = [
    ("one-shot-bufferize", "bufferize-function-boundaries allow-unknown-ops function-boundary-type-conversion=identity-layout-map"),
    ("canonicalize", None),
    ("buffer-results-to-out-params", "modify-public-functions"),
    ("canonicalize", None),
]
# The same, as pipeline elements (`builtin.module(accel-tile, canonicalize, cse, <these>, accel-schedule)`)...
BUFFERIZE_PIPELINE = ", ".join(name + (f"{{{options}}}" if options else "") for name, options in BUFFERIZE_PASSES)


def _flag(name: str, options: str | None) -> str:
    if options is None:
        return f"--{name}"
    return f"--{name}='{options}'" if " " in options else f"--{name}={options}"


# ... and as accel-opt flags, for error messages.
BUFFERIZE_HINT = " ".join(_flag(name, options) for name, options in BUFFERIZE_PASSES)

_OPERAND_NAMES = [operand.name for operand in QMatmulOp.OPERANDS]


# ---------------------------------------------------------------------------
# What the pass reads: one bufferized qmatmul tile


@dataclass(eq=False)
class _Tile:
    op: ir.Operation  # the accel.qmatmul
    tm: int
    tn: int
    tk: int
    k: int
    lhs: ir.Value  # DRAM windows: [rows, K] i8, [cols, K] i8, [cols] f32, [rows] f32, [rows, cols] f32
    weight: ir.Value
    weight_scale: ir.Value
    lhs_scale: ir.Value
    dest: ir.Value
    to_tensors: list[ir.Operation]
    to_buffer: ir.Operation
    copy: ir.Operation
    loops: list[ir.Operation]  # the scf.for nest around the tile, outermost first

    @property
    def sizes(self) -> tuple[int, int, int]:
        return (self.tm, self.tn, self.tk)

    @property
    def steps(self) -> int:
        return math.ceil(self.k / self.tk)


def _read_tile(op: ir.Operation) -> _Tile:
    """The tile around a tiled, bufferized qmatmul; located errors for anything else."""
    qmatmul = QMatmulOp(op)
    if TILE_ATTR not in op.attributes:
        raise Pass.fail("accel-schedule needs tiled qmatmuls (an accel.tile attribute): run --accel-tile first", op)
    if qmatmul.scheme not in SCHEDULED_SCHEMES:
        raise Pass.fail(
            f"accel-schedule supports w8a8 qmatmul tiles only (the sim target's scope), got {qmatmul.scheme}; "
            "use the cpu target for this model",
            op,
        )
    tm, tn, tk = ir.DenseI64ArrayAttr(op.attributes[TILE_ATTR])
    windows, to_tensors = {}, []
    for name, value in zip(_OPERAND_NAMES, op.operands):
        owner = value.owner
        if isinstance(owner, ir.Block) or owner.name != "bufferization.to_tensor":
            raise Pass.fail(
                f"accel-schedule needs bufferized input: operand '{name}' of this qmatmul is "
                f"{producer_text(value)}, not a bufferization.to_tensor of a memref; run {BUFFERIZE_HINT} first",
                op,
            )
        windows[name] = owner.operands[0]
        to_tensors.append(owner.operation)
    uses = list(op.results[0].uses)
    to_buffer = uses[0].owner if len(uses) == 1 else None
    copy = None
    if to_buffer is not None and to_buffer.name == "bufferization.to_buffer":
        buffer_uses = list(to_buffer.results[0].uses)
        if len(buffer_uses) == 1 and buffer_uses[0].owner.name == "memref.copy" and buffer_uses[0].operand_number == 0:
            copy = buffer_uses[0].owner
    if copy is None:
        raise Pass.fail(
            "accel-schedule needs the tile's result written to a destination window "
            "(bufferization.to_buffer then memref.copy, as one-shot-bufferize emits it, with "
            f"--buffer-results-to-out-params=modify-public-functions); run {BUFFERIZE_HINT} first",
            op,
        )
    if copy.parent != op.parent:
        raise Pass.fail("accel-schedule: the copy of a tile's result must be in the tile's block", copy)
    k = static_shape(windows["lhs"])[1]
    if k is None:
        raise Pass.fail("accel-schedule needs a static K (the K loop's step count is static)", op)
    loops = []
    parent = op.parent
    while parent.name != "func.func":
        if parent.name != "scf.for":
            raise Pass.fail(
                f"accel-schedule expects tiles in scf.for loops directly in a function, found {parent.name} around one",
                op,
            )
        loops.insert(0, parent)
        parent = parent.parent
    return _Tile(
        op=op,
        tm=tm,
        tn=tn,
        tk=tk,
        k=k,
        lhs=windows["lhs"],
        weight=windows["weight"],
        weight_scale=windows["weight_scale"],
        lhs_scale=windows["lhs_scale"],
        dest=copy.operands[1],
        to_tensors=to_tensors,
        to_buffer=to_buffer.operation,
        copy=copy.operation,
        loops=loops,
    )


# ---------------------------------------------------------------------------
# What the pass carries: buffers and tokens


@dataclass(eq=False)
class _Buffers:
    """The SRAM buffers tiles use (a set per tile shape and buffering, and the
    sub-tiles' of a split): the ring of the streamed operands, the resident operand's
    K-step buffers (shared with the sub-tiles), the output sets."""

    resident: str | None  # "lhs", "weight" or None
    ring: tuple[tuple[ir.Value, ...], ...]  # (A0, W0), (A1, W1), ...: the streamed operands only
    chunks: tuple[ir.Value, ...]  # R0 .. R{steps-1}: the resident operand's K steps
    outs: tuple[tuple[ir.Value, ...], ...]  # (ACC0, OUT0, RS0, CS0), (ACC1, OUT1, RS1, CS1), ...


@dataclass(frozen=True)
class _State:
    """What one tile hands the next: the ring of the streamed operands' slots (the next
    tile loads K step 0 into the first) with the token of the last mma that read each,
    and the ring of output sets (the next tile uses the first) with the tokens of each
    set's last rescale (it read ACC, RS, CS) and last store (it read OUT)."""

    ring: tuple[tuple[ir.Value, ...], ...]
    frees: tuple[ir.Value, ...]
    outs: tuple[tuple[ir.Value, ...], ...]  # (ACC, OUT, RS, CS) per set
    rescaled: tuple[ir.Value, ...]
    stored: tuple[ir.Value, ...]

    def values(self) -> list[ir.Value]:
        return [*(b for slot in self.ring for b in slot), *self.frees, *(b for out in self.outs for b in out), *self.rescaled, *self.stored]

    def like(self, values) -> "_State":
        """A state of this one's shape made of `values` (the last ones, as iter_args or results)."""
        values = list(values)[-len(self.values()) :]
        b, p, q = len(self.ring), len(self.ring[0]), len(self.outs)
        ring = tuple(tuple(values[i * p : (i + 1) * p]) for i in range(b))
        frees, rest = tuple(values[b * p : b * p + b]), values[b * p + b :]
        outs = tuple(tuple(rest[i * 4 : (i + 1) * 4]) for i in range(q))
        return _State(ring, frees, outs, tuple(rest[4 * q : 5 * q]), tuple(rest[5 * q : 6 * q]))


def sram_buffers(tm: int, tn: int, tk: int, *, prefix: str = "", plan: Buffering = Buffering(), k: int | None = None) -> list[SramBuffer]:
    """The SRAM buffers of a [tm, tn, tk] w8a8 tile schedule, in address order: the
    streamed operands' ring A0 W0 A1 W1 ... (without the resident operand's), the
    resident operand's K steps R0 .. R{s-1}, the output sets ACC0 OUT0 RS0 CS0 ACC1
    ..., and with a split the sub-tiles' ring and output sets (T.A0 ..., T.ACC0 ...).
    `accel.compiler.cost_model.working_set_bytes` counts the same bytes."""

    def ring_and_outputs(tm: int, tn: int, name: str, depth: int) -> tuple[list[SramBuffer], list[SramBuffer]]:
        lhs, weight = SramBuffer(name + "A", (tm, tk), "i8"), SramBuffer(name + "W", (tn, tk), "i8")
        streamed = [b for b, role in ((lhs, "lhs"), (weight, "weight")) if role != plan.resident]
        ring = [SramBuffer(f"{b.name}{i}", b.shape, b.element) for i in range(depth) for b in streamed]
        outputs = [
            buffer
            for i in range(plan.outputs)
            for buffer in (SramBuffer(f"{name}ACC{i}", (tm, tn), "i32"), SramBuffer(f"{name}OUT{i}", (tm, tn), "f32"),
                           SramBuffer(f"{name}RS{i}", (tm,), "f32"), SramBuffer(f"{name}CS{i}", (tn,), "f32"))
        ]
        return ring, outputs

    ring, outputs = ring_and_outputs(tm, tn, "", plan.ring)
    buffers = list(ring)
    if plan.resident is not None:
        rows = tm if plan.resident == "lhs" else tn
        buffers += [SramBuffer(f"R{s}", (rows, tk), "i8") for s in range(math.ceil(k / tk))]
    buffers += outputs
    if plan.split > 1:
        sub = sub_tile(TileSizes(tm, tn, tk), plan)
        for part in ring_and_outputs(sub.tm, sub.tn, "T.", plan.sub_ring):
            buffers += part
    return [SramBuffer(prefix + b.name, b.shape, b.element) for b in buffers]


def _set_name(tile: "_Tile", plan: Buffering) -> str:
    """The prefix of the SRAM buffer names of a set, in the plan."""
    default = Buffering()
    marks = [plan.resident or ""] + [f"{mark}{value}" for mark, value, usual in (
        ("r", plan.ring, default.ring), ("o", plan.outputs, default.outputs), ("s", plan.split, default.split)) if value != usual]
    return ".".join(["x".join(map(str, tile.sizes))] + [m for m in marks if m]) + "."


def _set_k(group: list["_Tile"]) -> int:
    """The K a set's resident buffers cover: the longest of the tiles that share it.

    A set is shared by the tiles of one shape and buffering, whatever their K; the
    resident operand takes one buffer per K step, so the set holds as many as its
    tile with the most K steps needs (that tile's working set fits the SRAM: the
    buffering was chosen for it) and a tile with fewer uses the first ones."""
    return max(tile.k for tile in group)


def _sram_type(shape, element: str) -> ir.MemRefType:
    element_type = ir.Type.parse(element)
    return ir.MemRefType.get(list(shape), element_type, None, ir.Attribute.parse(memspace_text("sram")))


# The DMA queues of the schedule (accel.dma_load / dma_store `queue`; how an engine
# serves its queue: targets/sim/engines.py). The operand loads go on one, in the order
# the mmas need them: each moves its bytes after the one before, and its DRAM latency
# passes while that one streams. The stores go on another, so an output waiting for
# its rescale never holds up an operand load, and the scale loads on a third, so they
# wait behind no store (on hardware with fewer engines, see `_Emitter.queue`).
OPERAND_QUEUE, OUTPUT_QUEUE, SCALE_QUEUE = 0, 1, 2


class _Emitter(EntryBuilder):
    """Builds one function's L4 code: index constants at entry, views, accel ops."""

    def __init__(self, function: ir.Operation, hw):
        self.hw = hw  # the hardware the schedule is for
        self.token = token_type()
        # The one completed token opens the function; constants and allocations go
        # before it, in creation order (it is an op the pass never erases).
        with ir.InsertionPoint.at_block_begin(function.regions[0].blocks[0]), function.location:
            self.ready = ReadyOp.build(result_types=[self.token]).token
        super().__init__(self.ready.owner)

    def queue(self, queue: int) -> int:
        """`queue` (OPERAND_QUEUE, ...) on this hardware: where it has fewer DMA
        engines, the queues it lacks are the operand queue (a scale load, issued after
        the tile's last operand load, waits behind no store there)."""
        return queue if queue < self.hw.dma.engines else OPERAND_QUEUE

    def load(self, window: ir.Value, buffer: ir.Value, deps, queue: int = OPERAND_QUEUE) -> ir.Value:
        return DmaLoadOp.build(result_types=[self.token], source=window, dest=buffer, deps=unique(deps), queue=self.queue(queue)).token

    def store(self, buffer: ir.Value, window: ir.Value, deps) -> ir.Value:
        return DmaStoreOp.build(result_types=[self.token], source=buffer, dest=window, deps=unique(deps), queue=self.queue(OUTPUT_QUEUE)).token

    def mma(self, a: ir.Value, w: ir.Value, acc: ir.Value, deps, accumulate: bool) -> ir.Value:
        return MmaOp.build(result_types=[self.token], lhs=a, rhs=w, acc=acc, deps=unique(deps), accumulate=accumulate).token


# ---------------------------------------------------------------------------
# The schedule of one tile



def _emit_tile(em: _Emitter, tile: _Tile, buffers: _Buffers, state: _State, resident_loads: list, load_resident=None) -> _State:
    """The L4 program of one tile at the insertion point; returns the state after it.

    `resident_loads`: the tokens of the resident operand's K-step loads (empty when
    both operands stream). With `load_resident` (the tokens the resident buffers'
    loads wait for), the tile loads the resident operand itself, each K step's chunk
    with that step's streamed loads, and appends the tokens to `resident_loads`.

    The streamed operands go through a ring of B slots: the prologue loads K steps
    0 .. B-2, and step s loads step s + B - 1 into the slot the mma of step s - 1 read
    (after that mma), then multiplies. The loads are issued in the order the mmas need
    them, on the operand DMA queue (OPERAND_QUEUE). `rot` is the
    ring seen from the current step (rot[j] holds step s + j), `readers[j]` the last
    mma that read rot[j].
    """
    rows = em.sizes(tile.lhs)[0]
    cols = em.sizes(tile.weight)[0]
    tk, k, steps = tile.tk, tile.k, tile.steps
    streamed = [(window, extent) for window, extent, role in ((tile.lhs, rows, "lhs"), (tile.weight, cols, "weight")) if role != buffers.resident]
    acc, out, rs, cs = state.outs[0]
    set_rescaled, set_stored = state.rescaled[0], state.stored[0]
    ring = len(state.ring)
    p = len(streamed)

    scales = []

    def load_scales():
        """The scales, which the rescale needs after the last mma: they follow the
        tile's last operand load (on a queue of their own where there is one)."""
        scales.extend(em.load(window, buffer, [set_rescaled], SCALE_QUEUE) for window, buffer in ((tile.lhs_scale, rs), (tile.weight_scale, cs)))

    def load_step(offset, size, slot, after):
        """Loads K step [offset, offset + size) of the streamed operands into `slot`,
        after the last reader of the slot (and the resident chunk of a static step
        first; and after a static last step, the scales)."""
        if load_resident is not None and isinstance(offset, int):
            resident_loads.append(_load_chunk(em, tile, buffers, offset // tk, load_resident))
        tokens = tuple(em.load(em.subview(window, [0, offset], [extent, size]), buffer, [after]) for (window, extent), buffer in zip(streamed, slot))
        if isinstance(offset, int) and offset + size == k:
            load_scales()
        return tokens

    def mma(step, slot, loads, before):
        """The mma of K step `step` (a static int; None inside the K loop, where no operand is resident)."""
        if buffers.resident == "lhs":
            lhs, rhs = buffers.chunks[step], slot[0]
        elif buffers.resident == "weight":
            lhs, rhs = slot[0], buffers.chunks[step]
        else:
            lhs, rhs = slot
        resident = [resident_loads[step]] if resident_loads else []
        return em.mma(lhs, rhs, acc, [*loads, *resident, before], accumulate=step != 0)

    rot, readers = list(state.ring), list(state.frees)
    pending = []
    for s in range(min(ring - 1, steps)):
        pending.append(load_step(s * tk, min(tk, k - s * tk), rot[s], readers[s]))
    before = set_rescaled  # step 0 overwrites ACC, which the set's last rescale read

    def static_step(s):
        nonlocal before, rot, readers
        ahead = s + ring - 1
        if ahead < steps:
            pending.append(load_step(ahead * tk, min(tk, k - ahead * tk), rot[-1], readers[-1]))
        before = mma(s, rot[0], pending.pop(0), before)
        rot, readers = rot[1:] + rot[:1], readers[1:] + [before]

    static_step(0)
    looped = buffers.resident is None and steps - ring >= 1
    if not looped:
        for s in range(1, steps):
            static_step(s)
    if looped:
        # Steps 1 .. steps-ring, each the same: the ring rotates through iter_args.
        loop = scf.ForOp(em.index(tk), em.index((steps - ring + 1) * tk), em.index(tk),
                         [*(b for slot in rot for b in slot), *(t for step in pending for t in step), before])
        with ir.InsertionPoint(loop.body):
            offset, carried = loop.induction_variable, list(loop.inner_iter_args)
            slots = [tuple(carried[i * p : (i + 1) * p]) for i in range(ring)]
            in_ring = [carried[ring * p + i * p : ring * p + (i + 1) * p] for i in range(ring - 1)]
            previous = carried[-1]
            ahead = arith.AddIOp(offset, em.index((ring - 1) * tk)).result
            size = tk if k % tk == 0 else arith.MinSIOp(em.index(tk), arith.SubIOp(em.index(k), ahead).result).result
            new_loads = load_step(ahead, size, slots[-1], previous)
            done = mma(None, slots[0], in_ring[0], previous)
            scf.YieldOp([*(b for slot in slots[1:] + slots[:1] for b in slot), *(t for ts in in_ring[1:] for t in ts), *new_loads,
                         done])
        results = list(loop.results)
        rot = [tuple(results[i * p : (i + 1) * p]) for i in range(ring)]
        pending = [tuple(results[ring * p + i * p : ring * p + (i + 1) * p]) for i in range(ring - 1)]
        before = results[-1]
        readers = [None] * (ring - 1) + [before]  # the others hold pending loads; the tail reads them
        load_scales()  # the loop loaded the last step
        for s in range(steps - ring + 1, steps):
            static_step(s)
    last = before
    rs_done, cs_done = scales
    rescaled = RescaleOp.build(
        result_types=[em.token],
        acc=acc,
        row_scale=rs,
        col_scale=cs,
        out=out,
        deps=unique([last, rs_done, cs_done, set_stored]),
    ).token
    stored = em.store(out, tile.dest, [rescaled])
    # The next tile starts on the slot read longest ago, and on the output set used longest ago.
    return _State(tuple(rot), tuple(readers), state.outs[1:] + state.outs[:1],
                  state.rescaled[1:] + (rescaled,), state.stored[1:] + (stored,))


def _load_chunk(em: _Emitter, tile: _Tile, buffers: _Buffers, step: int, frees: list[ir.Value]) -> ir.Value:
    """Loads K step `step` of the resident operand into its buffer, after `frees` (the
    mmas that read the buffers in the previous pass of the loop: every mma of a pass
    happens before the last mmas that read the slots of the rings)."""
    window = tile.lhs if buffers.resident == "lhs" else tile.weight
    offset = step * tile.tk
    return em.load(em.subview(window, [0, offset], [em.sizes(window)[0], min(tile.tk, tile.k - offset)]), buffers.chunks[step], frees)


def _load_resident(em: _Emitter, tile: _Tile, buffers: _Buffers, frees: list[ir.Value]) -> list[ir.Value]:
    """Loads the resident operand's K steps before the innermost tile loop (when its
    first tile cannot be peeled off to load them, see `_Pass`); returns their tokens."""
    return [_load_chunk(em, tile, buffers, step, frees) for step in range(tile.steps)]


def _flatten(states: list[_State]) -> list[ir.Value]:
    return [value for state in states for value in state.values()]


def _rebuild(states: list[_State], values: list[ir.Value]) -> list[_State]:
    """States of the shapes of `states` made of `values`, in order."""
    out, at = [], 0
    for state in states:
        size = len(state.values())
        out.append(state.like(values[at : at + size]))
        at += size
    return out


def _schedule_nest(em: _Emitter, tile: _Tile, sets: list[_Buffers], states: list[_State], inner: "_Pass | None",
                   depth: int = 0, resident_loads=()) -> list[_State]:
    """Threads the states (the tiles', and the sub-tiles' of a split) through the tile
    loops as extra iter_args down to the tile. Before the innermost loop, the resident
    operand is loaded by the loop's first tile, peeled off (or, when `inner` is None,
    by itself); with a split, the innermost loop stops one tile short and the
    sub-tiles follow it (they need not pass through it)."""
    if depth == len(tile.loops):
        with ir.InsertionPoint(tile.copy), tile.op.location:
            return [_emit_tile(em, tile, sets[0], states[0], list(resident_loads))] + states[1:]
    innermost = depth == len(tile.loops) - 1
    split = inner if inner is not None and inner.split else None
    if sets[0].resident is not None and innermost:
        frees = [free for state in states for free in state.frees]
        with ir.InsertionPoint(tile.loops[depth]), tile.op.location:
            if inner is not None:
                resident_loads, first = inner.peel_first(em, sets[0], states[0], frees)
            else:
                resident_loads, first = _load_resident(em, tile, sets[0], frees), states[0]
        states = [first] + states[1:]
        if split is not None:
            split.shorten(em)
    carried = states[:1] if innermost else states
    loop = add_iter_args(tile.loops[depth], _flatten(carried))
    tile.loops[depth] = loop.operation
    inner_states = _rebuild(carried, list(loop.inner_iter_args)) + states[len(carried) :]
    after = _schedule_nest(em, tile, sets, inner_states, inner, depth + 1, resident_loads)
    extend_yield(loop.body, _flatten(after[: len(carried)]))
    result = _rebuild(carried, list(loop.results)) + states[len(carried) :]
    if split is not None and innermost:
        with tile.op.location:
            result[1] = split.emit_split(em, sets[1], result[1], list(resident_loads), loop.operation)
    return result


class _Pass:
    """The innermost tile loop under a resident operand: one pass over the streamed
    operand's dimension (N under a resident lhs, M under resident weights).

    Its first tile is peeled off before the loop: it loads the resident operand
    itself, each K step's chunk together with that step's streamed loads, so the
    operand queue serves the loads in the order the mmas need them and the first
    mma waits for one step's loads, not for the whole resident block.

    With a split (`split`), its last tile is cut into sub-tiles along the loop's
    dimension (tile_sizes.sub_tile), in a loop after it: they share the resident
    operand and stream their own windows of the other, so each stores its part as soon
    as it is done and what follows the last mma is a sub-tile's drain, rescale and store.

    `of` checks the form accel-tile gives the loop (constant bounds; the streamed
    operand's window and scales, and the result window, at the induction variable
    along that dimension; the rest invariant in the loop) and returns None otherwise.
    """

    def __init__(self, tile: _Tile, plan: Buffering, dim: int, bounds: tuple[int, int, int]):
        self.tile = tile
        self.dim = dim  # 1: along N (resident lhs), 0: along M (resident weights)
        self.split = plan.split > 1
        self.sub = sub_tile(TileSizes(*tile.sizes), plan)
        self.bounds = bounds  # the innermost loop's (lower, upper, step)
        streamed, scale = (tile.weight, tile.weight_scale) if dim == 1 else (tile.lhs, tile.lhs_scale)
        self.streamed_root, self.scale_root, self.dest_root = memref_root(streamed), memref_root(scale), memref_root(tile.dest)

    @staticmethod
    def of(tile: _Tile, plan: Buffering) -> "_Pass | None":
        if plan.resident is None or not tile.loops:
            return None
        loop = tile.loops[-1]
        bounds = [constant_int(v) for v in (loop.opview.lowerBound, loop.opview.upperBound, loop.opview.step)]
        if None in bounds:
            return None
        iv = loop.opview.induction_variable
        dim = 1 if plan.resident == "lhs" else 0
        streamed, scale = (tile.weight, tile.weight_scale) if dim == 1 else (tile.lhs, tile.lhs_scale)
        kept = tile.lhs_scale if dim == 1 else tile.weight_scale
        windows = [subview_parts(v) for v in (streamed, scale, tile.dest)]
        if None in windows:
            return None
        (w_off, w_size, w_src), (s_off, _, s_src), (d_off, d_size, d_src) = windows
        shapes_ok = len(w_off) == 2 and len(s_off) == 1 and len(d_off) == 2 and w_size[1] == tile.k
        if not shapes_ok or not all(isinstance(src.owner, ir.Block) for src in (w_src, s_src, d_src)):
            return None
        if not (same_value(w_off[0], iv) and w_off[1] == 0 and same_value(s_off[0], iv) and same_value(d_off[dim], iv)):
            return None
        other = [d_off[1 - dim], d_size[1 - dim]]
        if not (is_invariant(kept, loop) and all(isinstance(v, int) or is_invariant(v, loop) for v in other)):
            return None
        return _Pass(tile, plan, dim, tuple(bounds))

    def hoist_windows(self) -> None:
        """Moves what the peeled and sub-tiles take from the loop body out of it (see `hoist`)."""
        loop = self.tile.loops[-1]
        hoist(self.tile.lhs_scale if self.dim == 1 else self.tile.weight_scale, loop)
        offsets, sizes, _ = subview_parts(self.tile.dest)
        for value in (offsets[1 - self.dim], sizes[1 - self.dim]):
            if not isinstance(value, int):
                hoist(value, loop)

    @property
    def start(self) -> int:
        """Where the last tile of the loop starts."""
        lower, upper, step = self.bounds
        return lower + (math.ceil((upper - lower) / step) - 1) * step

    def _tile_at(self, em: _Emitter, at, size, sizes: TileSizes) -> _Tile:
        """The tile of `sizes` whose window along the loop's dimension is [at, at + size)."""
        tile, dim = self.tile, self.dim
        offsets, extents, _ = subview_parts(tile.dest)
        streamed = em.subview(self.streamed_root, [at, 0], [size, tile.k])
        scale = em.subview(self.scale_root, [at], [size])
        dest_offsets, dest_sizes = [offsets[0], offsets[1]], [extents[0], extents[1]]
        dest_offsets[dim], dest_sizes[dim] = at, size
        dest = em.subview(self.dest_root, dest_offsets, dest_sizes)
        windows = dict(lhs=tile.lhs, weight=streamed, weight_scale=scale, lhs_scale=tile.lhs_scale) if dim == 1 else dict(
            lhs=streamed, weight=tile.weight, weight_scale=tile.weight_scale, lhs_scale=scale)
        return _Tile(op=tile.op, tm=sizes.tm, tn=sizes.tn, tk=tile.tk, k=tile.k, dest=dest,
                     to_tensors=[], to_buffer=None, copy=None, loops=[], **windows)

    def peel_first(self, em: _Emitter, buffers: _Buffers, state: _State, frees: list[ir.Value]) -> tuple[list[ir.Value], _State]:
        """The loop's first tile, at the insertion point (before the loop), loading the
        resident operand after `frees`; the loop then starts at its second tile.
        Returns the resident loads' tokens and the state after the tile."""
        lower, upper, step = self.bounds
        resident_loads: list[ir.Value] = []
        first = self._tile_at(em, em.index(lower), min(step, upper - lower), TileSizes(*self.tile.sizes))
        after = _emit_tile(em, first, buffers, state, resident_loads, load_resident=frees)
        self.tile.loops[-1].operands[0] = em.index(min(lower + step, upper))
        return resident_loads, after

    def shorten(self, em: _Emitter) -> None:
        """Ends the innermost loop before its last tile."""
        self.tile.loops[-1].operands[1] = em.index(self.start)

    def emit_split(self, em: _Emitter, buffers: _Buffers, state: _State, resident_loads: list, loop: ir.Operation) -> _State:
        """The sub-tiles, in a loop after the innermost tile loop `loop`; returns the state after them."""
        upper = self.bounds[1]
        extent = self.sub.tn if self.dim == 1 else self.sub.tm
        with ir.InsertionPoint(next_op(loop)):
            tail = scf.ForOp(em.index(self.start), em.index(upper), em.index(extent), state.values())
        with ir.InsertionPoint(tail.body):
            at = tail.induction_variable
            size = extent if (upper - self.start) % extent == 0 else arith.MinSIOp(em.index(extent), arith.SubIOp(em.index(upper), at).result).result
            after = _emit_tile(em, self._tile_at(em, at, size, self.sub), buffers, state.like(tail.inner_iter_args), resident_loads)
            scf.YieldOp(after.values())
        return state.like(tail.results)


def _buffering(tile: _Tile, hw) -> Buffering:
    """How to buffer the tile's operands (tile_sizes.buffering), keeping an operand
    resident only if its window is indeed invariant in the innermost tile loop."""
    m, n = static_shape(memref_root(tile.lhs))[0], static_shape(memref_root(tile.weight))[0]
    if m is None or n is None:
        m, n = tile.tm, tile.tn  # no static extent: no loop to keep an operand across
    plan = buffering(m, n, tile.k, TileSizes(*tile.sizes), hw)
    if plan.resident is not None and not (tile.loops and is_invariant(tile.lhs if plan.resident == "lhs" else tile.weight, tile.loops[-1])):
        plan = buffering(tile.tm, tile.tn, tile.k, TileSizes(*tile.sizes), hw)
    if plan.split > 1 and _Pass.of(tile, plan) is None:
        plan = dataclasses.replace(plan, split=1)
    return plan


# ---------------------------------------------------------------------------
# The pass


@dataclass(eq=False)
class _Nest:
    """A scheduled tile loop nest in the function's entry block."""

    tile: _Tile
    group: int
    location: ir.Location  # the qmatmul's (erased once scheduled)
    first: ir.Operation | None = None  # its first and last top-level ops
    last: ir.Operation | None = None
    stored: list[ir.Value] = field(default_factory=list)  # its last store on each output set

    @property
    def reads(self) -> list[ir.Value]:
        return unique(memref_root(v) for v in (self.tile.lhs, self.tile.weight, self.tile.weight_scale, self.tile.lhs_scale))

    @property
    def writes(self) -> list[ir.Value]:
        return [memref_root(self.tile.dest)]


@dataclass(frozen=True)
class AccelSchedule(Pass):
    ARGUMENT = "accel-schedule"
    SUMMARY = "Schedule bufferized w8a8 qmatmul tiles: SRAM plan, double-buffered DMA/mma/rescale with tokens"
    DESCRIPTION = __doc__

    hw: str | Hardware = hardware_option("hardware preset name or .toml file whose SRAM holds the buffers")

    def run(self, module):
        hw = None
        for function in functions(module):
            if not len(function.regions[0].blocks):
                continue  # a declaration
            tiles = self._read_tiles(function)
            if not tiles:
                continue
            hw = hw or load_hardware(self.hw)
            self._schedule_function(function, tiles, hw)

    # -- reading -------------------------------------------------------------

    def _read_tiles(self, function: ir.Operation) -> list[_Tile]:
        tiles = [_read_tile(op) for op in ops_named(function, QMatmulOp.op_name())]
        scheduled = [op for tile in tiles for op in (tile.op, tile.to_buffer, tile.copy, *tile.to_tensors)]
        outermost = []
        for tile in tiles:
            if tile.loops and contains(outermost, tile.loops[0]):
                raise self.fail("accel-schedule expects one qmatmul per tile loop nest", tile.op)
            outermost += tile.loops[:1]
        self._reject_leftover_tensor_code(function, scheduled)
        return tiles

    def _reject_leftover_tensor_code(self, function: ir.Operation, scheduled: list[ir.Operation]) -> None:
        """The output must be a complete L4 program: no tensor code may stay behind."""
        for argument_type in function.opview.type.inputs + function.opview.type.results:
            if isinstance(argument_type, ir.RankedTensorType | ir.UnrankedTensorType):
                raise self.fail(
                    f"accel-schedule needs bufferized input: the function takes or returns {argument_type}; "
                    f"run {BUFFERIZE_HINT} first",
                    function,
                )
        problems = []

        def check(op):
            if op.name == "func.func" or contains(scheduled, op):
                return ir.WalkResult.ADVANCE
            types = list(op.results.types) + [v.type for v in op.operands]
            if op.name.startswith(("tensor.", "bufferization.")) or any(
                isinstance(t, ir.RankedTensorType | ir.UnrankedTensorType) for t in types
            ):
                problems.append(op)
            return ir.WalkResult.ADVANCE

        function.walk(check)
        if problems:
            # Name the op that computes on tensors, not the to_tensor feeding it.
            op = next((p for p in problems if not p.name.startswith("bufferization.")), problems[0])
            raise self.fail(
                f"accel-schedule cannot schedule {op.name} (it schedules w8a8 accel.qmatmul tiles only); "
                "tensor code would remain in the L4 program",
                op,
            )

    # -- scheduling ------------------------------------------------------------

    def _schedule_function(self, function: ir.Operation, tiles: list[_Tile], hw) -> None:
        entry = function.regions[0].blocks[0]
        forward_staging_buffers(entry)
        order = list(entry.operations)
        tiles.sort(key=lambda t: index_in(order, t.loops[0] if t.loops else t.copy))
        # SRAM already allocated (accel-schedule-quantize's buffers, at the top) is not the matmuls'.
        taken = [AllocOp(op).offset for op in entry.operations if op.name == AllocOp.op_name()]
        capacity = min(taken, default=hw.sram.bytes)
        groups, plan = self._plan(tiles, {id(tile): _buffering(tile, hw) for tile in tiles}, hw, capacity)
        em = _Emitter(function, hw)
        ready = em.ready
        nests: list[_Nest] = []
        for index, ((_, buffering_), group) in enumerate(groups.items()):
            sets = self._allocate(em, plan, group, buffering_)
            states = [_State(b.ring, (ready,) * len(b.ring), b.outs, (ready,) * len(b.outs), (ready,) * len(b.outs)) for b in sets]
            for tile in group:
                nest = _Nest(tile, index, tile.op.location)
                top = tile.loops[0] if tile.loops else tile.copy
                before, following = previous_in_block(entry, top), next_in_block(entry, top)
                inner = _Pass.of(tile, buffering_)
                if buffering_.resident is not None:
                    hoist(tile.lhs if buffering_.resident == "lhs" else tile.weight, tile.loops[-1])
                    if inner is not None:
                        inner.hoist_windows()
                states = _schedule_nest(em, tile, sets, states, inner)
                operations = list(entry.operations)
                nest.first = operations[index_in(operations, before) + 1]
                nest.last = previous_in_block(entry, following) if tile.loops else previous_in_block(entry, tile.copy)
                nest.stored = [token for token in unique(t for state in states for t in state.stored) if token != ready]
                nests.append(nest)
                _erase_tile(tile)
        self._place_waits(entry, nests)

    def _plan(self, tiles: list[_Tile], plans: dict, hw, capacity: int):
        """Groups the tiles by shape and buffering (one set of buffers each) and plans
        every set's offsets: a located error if a tile shape does not fit the
        hardware's SRAM alone, or the function's sets not together even with plain
        double buffering. `capacity`: the SRAM bytes from address 0 that are free."""
        hardware = f"hardware '{hw.name}'"
        groups: dict[tuple, list[_Tile]] = {}
        for tile in tiles:
            groups.setdefault((tile.sizes, plans[id(tile)]), []).append(tile)
        for (sizes, plan), group in groups.items():
            tm, tn, tk = sizes
            try:
                plan_sram(sram_buffers(tm, tn, tk, plan=plan, k=_set_k(group)), capacity, hardware=hardware)
            except AccelError as error:
                raise self.fail(
                    f"accel-schedule: the w8a8 tile {tm}x{tn}x{tk} does not fit in SRAM: {error.diagnostics[0].message}; "
                    "choose smaller tile sizes (accel-tile) or hardware with more SRAM",
                    group[0].op,
                ) from None
        requests = [
            buffer
            for (sizes, plan), group in groups.items()
            for buffer in sram_buffers(*sizes, prefix=_set_name(group[0], plan), plan=plan, k=_set_k(group))
        ]
        try:
            return groups, plan_sram(requests, capacity, hardware=hardware)
        except AccelError as error:
            if any(plan != Buffering() for plan in plans.values()):
                # Residency and deeper rings are optimisations: the sets may fit without them.
                return self._plan(tiles, {key: Buffering() for key in plans}, hw, capacity)
            shapes = ", ".join("x".join(map(str, sizes)) for sizes, _ in groups)
            raise self.fail(
                f"accel-schedule: the {len(groups)} tile shapes of this function ({shapes}) do not fit in SRAM "
                f"together: {error.diagnostics[0].message}; give its qmatmuls the same tile sizes (accel-tile)",
                tiles[-1].op,
            ) from None

    def _allocate(self, em: _Emitter, plan, group: list[_Tile], buffering_: Buffering) -> list[_Buffers]:
        """The set's buffers as allocated at entry: the tiles', and the sub-tiles' of a split."""
        values = {}
        tile, k = group[0], _set_k(group)
        with tile.op.location:  # where the simulator reports an SRAM problem of the buffer
            for buffer in sram_buffers(*tile.sizes, plan=buffering_, k=k):
                name = _set_name(tile, buffering_) + buffer.name
                values[buffer.name] = em.at_entry(
                    lambda b=buffer, n=name: AllocOp.build(
                        result_types=[_sram_type(b.shape, b.element)], offset=plan.offset(n)
                    ).buffer
                )
        streamed = [name for name, role in (("A", "lhs"), ("W", "weight")) if role != buffering_.resident]
        chunks = tuple(values[f"R{s}"] for s in range(math.ceil(k / tile.tk))) if buffering_.resident else ()

        def buffers(prefix: str, depth: int) -> _Buffers:
            return _Buffers(
                buffering_.resident,
                tuple(tuple(values[f"{prefix}{name}{i}"] for name in streamed) for i in range(depth)),
                chunks,
                tuple(tuple(values[f"{prefix}{name}{i}"] for name in ("ACC", "OUT", "RS", "CS")) for i in range(buffering_.outputs)),
            )

        main = buffers("", buffering_.ring)
        return [main, buffers("T.", buffering_.sub_ring)] if buffering_.split > 1 else [main]

    def _place_waits(self, entry: ir.Block, nests: list[_Nest]) -> None:
        """An accel.wait on each nest's last store before the first later op that
        depends on its completion: one that may touch its DRAM operands."""
        order = list(entry.operations)
        owner = {}
        for nest in nests:
            for i in range(index_in(order, nest.first), index_in(order, nest.last) + 1):
                owner[i] = nest

        positions: dict[int, list[_Nest]] = {}
        for nest in nests:
            start = index_in(order, nest.last) + 1
            where = len(order) - 1  # the terminator
            for i in range(start, len(order) - 1):
                other = owner.get(i)
                if other is nest:
                    continue
                if other is not None:
                    # Loads of the same input may overlap; a write on either side orders them.
                    if any(contains(nest.reads + nest.writes, v) for v in other.writes) or any(
                        contains(nest.writes, v) for v in other.reads
                    ):
                        where = index_in(order, other.first)
                        break
                elif touches(order[i], nest.reads + nest.writes):
                    where = i
                    break
            positions.setdefault(where, []).append(nest)
        # A later nest of the same group waited for at or before a point implies the earlier ones.
        kept: dict[int, list[_Nest]] = {}
        for where, waiting in positions.items():
            for nest in waiting:
                implied = any(
                    other.group == nest.group and nests.index(other) > nests.index(nest) and at <= where
                    for at, others in positions.items()
                    for other in others
                )
                if not implied:
                    kept.setdefault(where, []).append(nest)
        for where, waiting in sorted(kept.items()):
            with ir.InsertionPoint(order[where]), waiting[-1].location:
                WaitOp.build(tokens=unique(token for nest in waiting for token in nest.stored))


def _erase_tile(tile: _Tile) -> None:
    tile.copy.erase()
    tile.to_buffer.erase()
    tile.op.erase()
    for to_tensor in tile.to_tensors:
        if not list(to_tensor.results[0].uses):
            to_tensor.erase()
