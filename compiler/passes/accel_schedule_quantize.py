"""accel-schedule-quantize: bufferized accel.quantize row tiles (L3) -> vector-unit code with DMA and tokens (L4).

Input: the output of accel-tile (which tiles a [M, K] accel.quantize into blocks of
R rows, `accel.tile = array<i64: R>`) after MLIR's bufferization, as accel-schedule
takes it: each row tile reads `%x = bufferization.to_tensor %input_window`, computes
`%q, %s = "accel.quantize"(%x)` and writes `memref.copy (bufferization.to_buffer %q),
%q_window` and the same for %s. An untiled or unbufferized quantize is a located
error. Where one-shot-bufferize (allow-unknown-ops) left a tensor flowing straight
between two accel ops (a qmatmul's result into the quantize, the quantize's results
into the next qmatmul), the pass gives it a DRAM buffer of the function's own
(`memref.alloc`, which the simulator keeps as scratch DRAM): the producer's result is
copied there and its readers read it back, the form both schedule passes take.

Each row block runs on the vector unit, exactly as accel.quantize's golden
(accel.runtime.quantization.quantize_rows) computes it, f32 step by step in its order:

    dma_load  x rows -> X                               after the set's last cast (WAR on X, A)
    vunary    abs X -> A
    vreduce   max A -> S                                after the set's last scale store
    vbinary   S / 127 -> S                              scale = absmax / 127
    vbinary   S * 2^100 -> T, T * 2^50 -> T             T = 0 where S == 0, >= 2 elsewhere
    vunary    clamp T to [0, 1] -> T, vbinary 1 - T -> T    1 where S == 0, else 0
    vbinary   S + T -> S                                scale = 1 where it is 0 (exact elsewhere)
    vbinary   X / S -> A, vunary round A, clamp A to [-127, 127], cast A -> Q (int8)
    dma_store Q -> the int8 rows, S -> the scales       (a [M, 1] view of the [M] scales)

The blocks use two sets of buffers in turn (X A Q S T): double buffering, so the
load of a block waits only for the set's block before the last, and overlaps the
vector ops of the block before it. The loop over row blocks carries the two sets
(which one the next block uses) with each set's tokens as iter_args. The constants
(127, 2^100, 2^50, 1) are [1, 1] SRAM buffers made once at entry by `clamp` to
[c, c] (c for any input but NaN; a new buffer reads as zeros), so no DRAM holds them.
Edge blocks load fewer rows: the DMA zero-fills the rest of X (scale 1, q 0 there)
and only the window is stored.

SRAM: the buffers of each block shape (R, K) sit at the top of the SRAM (address
plan of accel.compiler.sram_plan), below them accel-schedule plans the matmuls'
buffers; `quantize_block_rows` sizes R so a shape's buffers take at most
SRAM_SHARE of the SRAM. The stores of a quantize are waited for (accel.wait) before
the first later op that touches its DRAM results, at the latest before the return.

Not yet: fusion with the producer or with the qmatmul that consumes the int8 rows
(the rows go through DRAM); inputs of rank other than 2 (accel-tile leaves them
untiled, and this pass refuses them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from accel.compiler.ir_utils import (
    VIEW_OPS,
    EntryBuilder,
    add_iter_args,
    extend_yield,
    forward_staging_buffers,
    index_in,
    memref_root,
    next_op,
    ops_named,
    previous_in_block,
    producer_text,
    subview_parts,
    touches,
    unique,
)
from accel.compiler.passes import Pass, hardware_option
from accel.compiler.passes.accel_tile import TILE_ATTR
from accel.compiler.sram_plan import ALIGNMENT, SramBuffer, plan_sram
from accel.core.diagnostics import AccelError
from accel.dialects.accel import (
    AllocOp,
    DmaLoadOp,
    DmaStoreOp,
    QuantizeOp,
    ReadyOp,
    VBinaryOp,
    VReduceOp,
    VUnaryOp,
    WaitOp,
    static_shape,
)
from accel.dialects.ods import memspace_text, token_type
from accel.core.mlir import functions, ir, memref
from accel.runtime.quantization import INT8_QMAX
from accel.targets.hardware import Hardware, load_hardware

# The share of the SRAM one quantize block shape's buffers may take: the rest is the
# matmuls' (accel-schedule plans them below).
SRAM_SHARE = 1 / 8

# Double buffering: the row blocks use this many buffer sets in turn.
SETS = 2

# The constants of the schedule, [1, 1] f32 SRAM buffers: qmax, and the factors that
# take the smallest positive scale (2^-149) to >= 1 in two exact steps (2^150 itself
# is no f32), and 1.
CONSTANTS = (("K127", float(INT8_QMAX)), ("KB1", 2.0**100), ("KB2", 2.0**50), ("K1", 1.0))

# DMA queues (accel.dma_load / dma_store `queue`): loads on one, stores on another,
# as accel-schedule (OPERAND_QUEUE, OUTPUT_QUEUE).
LOAD_QUEUE, STORE_QUEUE = 0, 1


def quantize_buffers(rows: int, k: int) -> list[SramBuffer]:
    """The SRAM buffers of a [rows, k] quantize block schedule, in address order."""
    buffers = [SramBuffer(name, (1, 1), "f32") for name, _ in CONSTANTS]
    for i in range(SETS):
        buffers += [SramBuffer(f"X{i}", (rows, k), "f32"), SramBuffer(f"A{i}", (rows, k), "f32"),
                    SramBuffer(f"Q{i}", (rows, k), "i8"), SramBuffer(f"S{i}", (rows, 1), "f32"),
                    SramBuffer(f"T{i}", (rows, 1), "f32")]
    return buffers


def _bytes(buffers: list[SramBuffer]) -> int:
    return plan_sram(buffers, math.inf).peak


def quantize_block_rows(k: int, hw: Hardware) -> int:
    """The most rows of K values whose block schedule fits SRAM_SHARE of `hw`'s SRAM
    (0 if not even one row does)."""
    budget = int(hw.sram.bytes * SRAM_SHARE)
    if _bytes(quantize_buffers(1, k)) > budget:
        return 0
    low, high = 1, 2
    while _bytes(quantize_buffers(high, k)) <= budget:
        low, high = high, high * 2
    while high - low > 1:  # the largest fitting row count, in [low, high)
        middle = (low + high) // 2
        low, high = (middle, high) if _bytes(quantize_buffers(middle, k)) <= budget else (low, middle)
    return low


@dataclass(eq=False)
class _Tile:
    op: ir.Operation  # the accel.quantize
    rows: int  # R, the block's rows
    k: int
    input: ir.Value  # DRAM windows: [r, K] f32, [r, K] i8, [r] f32
    q: ir.Value
    scale: ir.Value
    to_tensor: ir.Operation
    to_buffers: list[ir.Operation]
    copies: list[ir.Operation]
    loop: ir.Operation | None  # the row loop (None: one block)

    @property
    def reads(self) -> list[ir.Value]:
        return [memref_root(self.input)]

    @property
    def writes(self) -> list[ir.Value]:
        return unique([memref_root(self.q), memref_root(self.scale)])


def _fail(message: str, op) -> AccelError:
    return Pass.fail(message, op)


def _materialize(op: ir.Operation, entry: ir.Block, anchor: ir.Operation) -> None:
    """Gives each result of `op` (a quantize tile, or the qmatmul a quantize reads)
    that is not written to a destination window (read straight by the next op, as
    one-shot-bufferize leaves it with allow-unknown-ops) a DRAM buffer of its own, allocated before
    `anchor` in `entry`: the result is copied there, and its readers read it back
    (`bufferization.to_tensor`), the form accel-schedule takes."""
    last = op  # the copies follow the quantize in result order
    for result in op.results:
        uses = list(result.uses)
        if len(uses) == 1 and _copied(uses[0].owner):
            continue
        shape = static_shape(result)
        if None in shape:
            raise _fail("accel-schedule-quantize: a quantize read by another op directly must have a static shape "
                        f"(its DRAM buffer's), got {result.type}", op)
        buffer_type = ir.MemRefType.get(shape, result.type.element_type, loc=op.location)
        with ir.InsertionPoint(anchor), op.location:
            buffer = ir.Operation.create("memref.alloc", results=[buffer_type], operands=[],
                                         attributes={"operandSegmentSizes": ir.DenseI32ArrayAttr.get([0, 0])}).results[0]
        with ir.InsertionPoint(next_op(last)), op.location:
            staged = ir.Operation.create("bufferization.to_buffer", results=[buffer_type], operands=[result]).results[0]
            memref.CopyOp(staged, buffer)
            back = ir.Operation.create("bufferization.to_tensor", results=[result.type], operands=[buffer],
                                       attributes={"restrict": ir.UnitAttr.get()}).results[0]
        last = back.owner
        for use in uses:
            owner = use.owner
            if owner.name == "bufferization.to_buffer":
                # Views of the result (a qmatmul's tile windows) are views of the buffer.
                with ir.InsertionPoint(owner), op.location:
                    view = buffer if owner.results[0].type == buffer_type else memref.CastOp(owner.results[0].type, buffer).result
                owner.results[0].replace_all_uses_with(view)
                owner.erase()
            else:
                owner.operands[use.operand_number] = back
        if not list(back.uses):
            last = previous_in_block(back.owner.operation.block, back.owner.operation)
            back.owner.operation.erase()


def _producer(value: ir.Value) -> ir.Operation | None:
    """The accel op whose tensor result `value` reads, through the views and
    to_tensor / to_buffer one-shot-bufferize leaves around an unknown op (None: a
    memref, as a function argument, is read)."""
    while not isinstance(value.owner, ir.Block):
        owner = value.owner
        if owner.name.startswith("accel."):
            return owner.operation
        if owner.name not in ("bufferization.to_tensor", "bufferization.to_buffer", *VIEW_OPS):
            return None
        value = owner.operands[0]
    return None


def _copied(op: ir.Operation) -> bool:
    """Whether `op` is a to_buffer whose only use copies it to a destination window."""
    if op.name != "bufferization.to_buffer":
        return False
    uses = list(op.results[0].uses)
    return len(uses) == 1 and uses[0].owner.name == "memref.copy" and uses[0].operand_number == 0


def _read_tile(op: ir.Operation) -> _Tile:
    """The tile around a tiled, bufferized quantize; located errors for anything else."""
    quantize = QuantizeOp(op)
    if len(static_shape(quantize.input)) != 2:
        raise _fail(f"accel-schedule-quantize schedules accel.quantize of 2-D inputs only, got {quantize.input.type}; "
                    "use the cpu target for this model", op)
    if TILE_ATTR not in op.attributes:
        raise _fail("accel-schedule-quantize needs tiled quantizes (an accel.tile attribute): run --accel-tile first", op)
    (rows,) = ir.DenseI64ArrayAttr(op.attributes[TILE_ATTR])
    source = op.operands[0]
    if isinstance(source.owner, ir.Block) or source.owner.name != "bufferization.to_tensor":
        raise _fail(f"accel-schedule-quantize needs bufferized input: the input of this quantize is {producer_text(source)}, "
                    "not a bufferization.to_tensor of a memref; run one-shot-bufferize first (see accel-schedule)", op)
    dests, to_buffers, copies = [], [], []
    for result in op.results:
        uses = list(result.uses)
        to_buffer = uses[0].owner if len(uses) == 1 else None
        copy = None
        if to_buffer is not None and to_buffer.name == "bufferization.to_buffer":
            buffer_uses = list(to_buffer.results[0].uses)
            if len(buffer_uses) == 1 and buffer_uses[0].owner.name == "memref.copy" and buffer_uses[0].operand_number == 0:
                copy = buffer_uses[0].owner
        if copy is None or copy.parent != op.parent:
            raise _fail("accel-schedule-quantize needs both results of the tile written to destination windows in its block "
                        "(bufferization.to_buffer then memref.copy, as one-shot-bufferize emits them)", op)
        dests.append(copy.operands[1])
        to_buffers.append(to_buffer.operation)
        copies.append(copy.operation)
    loop = op.parent
    if loop.name == "func.func":
        loop = None
    elif loop.name != "scf.for" or loop.parent.name != "func.func":
        raise _fail("accel-schedule-quantize expects a row tile in one scf.for directly in a function (as accel-tile makes it)", op)
    return _Tile(op=op, rows=rows, k=static_shape(quantize.input)[1], input=source.owner.operands[0], q=dests[0],
                 scale=dests[1], to_tensor=source.owner.operation, to_buffers=to_buffers, copies=copies, loop=loop)


@dataclass(frozen=True)
class _Set:
    """One buffer set (X, A, Q, S, T) and its tokens: `done` the last cast (every
    vector op of its block, which read X, A, S and T, precedes it), `stored_q`,
    `stored_s` the last stores of Q and S."""

    buffers: tuple[ir.Value, ...]
    done: ir.Value
    stored_q: ir.Value
    stored_s: ir.Value

    def values(self) -> list[ir.Value]:
        return [*self.buffers, self.done, self.stored_q, self.stored_s]

    @staticmethod
    def of(values) -> "_Set":
        values = list(values)
        return _Set(tuple(values[:5]), *values[5:8])


def _sets_of(values) -> list[_Set]:
    values = list(values)
    return [_Set.of(values[i * 8 : (i + 1) * 8]) for i in range(SETS)]


class _Emitter(EntryBuilder):
    def __init__(self, function: ir.Operation, hw):
        self.hw = hw
        self.token = token_type()
        with ir.InsertionPoint.at_block_begin(function.regions[0].blocks[0]), function.location:
            self.ready = ReadyOp.build(result_types=[self.token]).token
        super().__init__(self.ready.owner)
        self.expanded: list[tuple[ir.Value, ir.Value]] = []

    def queue(self, queue: int) -> int:
        return queue if queue < self.hw.dma.engines else LOAD_QUEUE

    def vunary(self, kind, input, out, deps, **bounds):
        attrs = {name: ir.FloatAttr.get(ir.F64Type.get(), value) for name, value in bounds.items()}
        op = VUnaryOp.build(result_types=[self.token], input=input, out=out, deps=unique(deps), kind=kind)
        for name, attr in attrs.items():
            op.operation.attributes[name] = attr
        return op.token

    def vbinary(self, kind, lhs, rhs, out, deps):
        return VBinaryOp.build(result_types=[self.token], lhs=lhs, rhs=rhs, out=out, deps=unique(deps), kind=kind).token

    def column(self, root: ir.Value) -> ir.Value:
        """A [M, 1] view of the [M] scales `root` (made once, at entry): the shape of
        the S buffers the scales are stored from."""
        for known, view in self.expanded:
            if known == root:
                return view
        (m,) = static_shape(root)
        result = ir.MemRefType.get([m, 1], root.type.element_type, None, root.type.memory_space)

        def build():
            with root.owner.location if not isinstance(root.owner, ir.Block) else ir.Location.unknown():
                return memref.ExpandShapeOp(result, root, ir.Attribute.parse("[[0, 1]]"), [], [m, 1]).result

        view = self.at_entry(build) if isinstance(root.owner, ir.Block) else _after(root.owner, build)
        self.expanded.append((root, view))
        return view


def _after(op: ir.Operation, build):
    with ir.InsertionPoint(next_op(op)):
        return build()


def _sram_type(shape, element: str) -> ir.MemRefType:
    return ir.MemRefType.get(list(shape), ir.Type.parse(element), None, ir.Attribute.parse(memspace_text("sram")))


def _emit_block(em: _Emitter, tile: _Tile, constants: dict, current: _Set) -> _Set:
    """One row block's program at the insertion point, on the buffer set `current`."""
    x, a, q, s, t = current.buffers
    rows = em.sizes(tile.input)[0]
    load = DmaLoadOp.build(result_types=[em.token], source=tile.input, dest=x, deps=[current.done],
                           queue=em.queue(LOAD_QUEUE)).token
    absolute = em.vunary("abs", x, a, [load, current.done])
    absmax = VReduceOp.build(result_types=[em.token], input=a, out=s, deps=unique([absolute, current.stored_s]), kind="max").token
    scale = em.vbinary("div", s, constants["K127"], s, [absmax])
    big = em.vbinary("mul", s, constants["KB1"], t, [scale])
    big = em.vbinary("mul", t, constants["KB2"], t, [big])
    nonzero = em.vunary("clamp", t, t, [big], min=0.0, max=1.0)
    zero = em.vbinary("sub", constants["K1"], t, t, [nonzero])
    scale = em.vbinary("add", s, t, s, [zero])
    scaled = em.vbinary("div", x, s, a, [scale])
    rounded = em.vunary("round", a, a, [scaled])
    clamped = em.vunary("clamp", a, a, [rounded], min=-float(INT8_QMAX), max=float(INT8_QMAX))
    cast = em.vunary("cast", a, q, [clamped, current.stored_q])
    stored_q = DmaStoreOp.build(result_types=[em.token], source=q, dest=tile.q, deps=[cast], queue=em.queue(STORE_QUEUE)).token
    offsets, sizes, root = subview_parts(tile.scale) or ([0], [rows], tile.scale)
    window = em.subview(em.column(root), [offsets[0], 0], [sizes[0], 1])
    stored_s = DmaStoreOp.build(result_types=[em.token], source=s, dest=window, deps=[scale], queue=em.queue(STORE_QUEUE)).token
    return _Set(current.buffers, cast, stored_q, stored_s)


@dataclass(frozen=True)
class AccelScheduleQuantize(Pass):
    ARGUMENT = "accel-schedule-quantize"
    SUMMARY = "Schedule bufferized accel.quantize row tiles on the vector unit: double-buffered DMA, per-row scales, int8"
    DESCRIPTION = __doc__

    hw: str | Hardware = hardware_option("hardware preset name or .toml file whose SRAM holds the buffers")

    def run(self, module):
        hw = None
        for function in functions(module):
            if not len(function.regions[0].blocks):
                continue  # a declaration
            quantizes = ops_named(function, QuantizeOp.op_name())
            entry = function.regions[0].blocks[0]
            for op in quantizes:
                if TILE_ATTR in op.attributes:
                    producer = _producer(op.operands[0])
                    if producer is not None:  # a qmatmul's result, say: it goes through DRAM
                        _materialize(producer, entry, list(entry.operations)[0])
                    _materialize(op, entry, list(entry.operations)[0])
            tiles = [_read_tile(op) for op in quantizes]
            if not tiles:
                continue
            hw = hw or load_hardware(self.hw)
            self._schedule_function(function, tiles, hw)

    def _schedule_function(self, function: ir.Operation, tiles: list[_Tile], hw) -> None:
        entry = function.regions[0].blocks[0]
        forward_staging_buffers(entry)
        for tile in tiles:  # the staging buffers may have been forwarded: read the windows again
            tile.q, tile.scale = tile.copies[0].operands[1], tile.copies[1].operands[1]
        em = _Emitter(function, hw)
        shapes = unique((tile.rows, tile.k) for tile in tiles)
        requests = [SramBuffer(f"{rows}x{k}.{b.name}", b.shape, b.element) for rows, k in shapes for b in quantize_buffers(rows, k)]
        try:
            plan = plan_sram(requests, hw.sram.bytes, hardware=f"hardware '{hw.name}'")
        except AccelError as error:
            raise self.fail(f"accel-schedule-quantize: the row blocks of this function's quantizes do not fit in SRAM: "
                            f"{error.diagnostics[0].message}; give them fewer rows (accel-tile quantize-rows)", tiles[0].op) from None
        # At the top of the SRAM: accel-schedule plans the matmuls' buffers below.
        base = (hw.sram.bytes - plan.peak) // ALIGNMENT * ALIGNMENT
        sets, constants = {}, {}
        for rows, k in shapes:
            tile = next(t for t in tiles if (t.rows, t.k) == (rows, k))
            values = {}
            with tile.op.location:
                for buffer in quantize_buffers(rows, k):
                    offset = base + plan.offset(f"{rows}x{k}.{buffer.name}")
                    values[buffer.name] = em.at_entry(
                        lambda b=buffer, o=offset: AllocOp.build(result_types=[_sram_type(b.shape, b.element)], offset=o).buffer)
                # Chained, so that the last one's token stands for them all: each set's
                # first block waits for it.
                made = None
                for name, value in CONSTANTS:
                    made = em.at_entry(lambda n=name, v=value, d=made: em.vunary("clamp", values[n], values[n], [d] if d else [], min=v, max=v))
            constants[(rows, k)] = {name: values[name] for name, _ in CONSTANTS}
            sets[(rows, k)] = [_Set(tuple(values[f"{n}{i}"] for n in "XAQST"), made, em.ready, em.ready) for i in range(SETS)]
        for tile in tiles:
            key = (tile.rows, tile.k)
            location = tile.op.location  # the quantize's: the op is erased once scheduled
            with location:
                sets[key], stores = self._schedule_tile(em, tile, constants[key], sets[key])
            self._wait(entry, tile, stores, location)

    def _schedule_tile(self, em: _Emitter, tile: _Tile, constants: dict, sets: list[_Set]):
        """The blocks of `tile` (in its loop, which carries the sets); returns the sets
        after it and the tokens of its last stores."""
        if tile.loop is None:
            with ir.InsertionPoint(tile.copies[0]):
                after = _emit_block(em, tile, constants, sets[0])
            result = sets[1:] + [after]
            _erase(tile)
            return result, [after.stored_q, after.stored_s]
        carried = [v for s in sets for v in s.values()]
        loop = add_iter_args(tile.loop, carried)
        tile.loop = loop.operation
        inner = _sets_of(loop.inner_iter_args)
        with ir.InsertionPoint(tile.copies[0]):
            after = _emit_block(em, tile, constants, inner[0])
        extend_yield(loop.body, [v for s in inner[1:] + [after] for v in s.values()])
        _erase(tile)
        result = _sets_of(list(loop.results)[-8 * SETS :])
        return result, [t for s in result for t in (s.stored_q, s.stored_s)]

    def _wait(self, entry: ir.Block, tile: _Tile, stores: list[ir.Value], location: ir.Location) -> None:
        """An accel.wait on the tile's last stores before the first later op that may
        touch its DRAM results or input (at the latest, the return)."""
        order = list(entry.operations)
        top = tile.loop if tile.loop is not None else _last_store(stores)
        start = index_in(order, top) + 1
        where = len(order) - 1
        roots = tile.writes + tile.reads
        for i in range(start, len(order) - 1):
            if touches(order[i], roots):
                where = i
                break
        with ir.InsertionPoint(order[where]), location:
            WaitOp.build(tokens=unique(t for t in stores if t.owner is not None))


def _last_store(stores: list[ir.Value]) -> ir.Operation:
    return stores[-1].owner


def _erase(tile: _Tile) -> None:
    for copy in tile.copies:
        copy.erase()
    for to_buffer in tile.to_buffers:
        to_buffer.erase()
    tile.op.erase()
    if not list(tile.to_tensor.results[0].uses):
        tile.to_tensor.erase()
