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
hardware's SRAM: option `hw`): lhs tiles A0, A1 [tm, tk] i8, weight tiles W0, W1
[tn, tk] i8 (double buffers), ACC [tm, tn] i32, OUT [tm, tn] f32, RS [tm] f32,
CS [tn] f32. Each tile becomes:

    dma_load  K step 0 -> pair P (A, W)           after the last mma that read P
    dma_load  K step 1 -> pair Q                  after the last mma that read Q
    mma       P -> ACC, accumulate = false        after both loads and the previous rescale (it read ACC)
    scf.for   K steps 1 .. n-2, iter_args (the pair to compute, the other pair, the tokens
              of the loads into the first, the previous mma), swapping the pairs:
        dma_load K step s+1 -> the other pair     after the previous mma (it read that pair)
        mma      this pair -> ACC, accumulate     after its loads and the previous mma
    mma       last step (peeled: accumulate stays a static attribute)
    dma_load  lhs-scale window -> RS, weight-scale window -> CS   after the previous rescale
    rescale   ACC, RS, CS -> OUT                  after the last mma, RS, CS and the previous store (it read OUT)
    dma_store OUT -> the destination window       after the rescale

so the load of step s+1 overlaps the mma of step s. Edge tiles load smaller windows
(the DMA zero-fills the rest of the SRAM tile, so padded MACs add zero) and store
only the window; the last K step's window size is `arith.minsi(tk, K - k)`. The tile
loops carry, as extra iter_args, the two pairs (which one the next tile loads first)
and four tokens: the last reader of each pair, the last rescale and the last store.
A tile therefore waits only for what truly reads the buffer it overwrites (WAR); the
first loads of tile t+1 go to the pair the last mma of tile t does not read and wait
for neither its rescale nor its store. Before the first tile those tokens are
`accel.ready`. An `accel.wait` on a matmul's last store token goes before the first
later op that may touch its DRAM operands (a later matmul only when one writes what
the other reads or writes), at the latest before the function returns.

The qmatmuls of one function with the same tile sizes share one set of SRAM buffers
and chain their tokens from one loop nest to the next; each other tile shape gets its
own set. SRAM buffers live until the function returns, so the sets sit side by side
and must fit together.

Scope: w8a8 only (the sim target's scope for now); a w8a16 or w4a16 tile is a
located error "accel-schedule supports w8a8 ...; use the cpu target". Any tensor or
bufferization op that does not belong to a scheduled tile is a located error too: the
result is a complete L4 program (verify_accel; iree-opt --irdl-file accepts it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

from accel.compiler.passes import Option, Pass
from accel.compiler.passes.accel_tile import TILE_ATTR, _mixed
from accel.compiler.sram_plan import SramBuffer, plan_sram
from accel.diagnostics import AccelError
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
from accel.mlir import arith, ir, memref, scf
from accel.targets.hardware import load_hardware

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

# memref ops that only make a view: they read and write no memory themselves.
_VIEW_OPS = {
    "memref.subview",
    "memref.cast",
    "memref.reinterpret_cast",
    "memref.expand_shape",
    "memref.collapse_shape",
    "memref.transpose",
    "memref.view",
}

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


def _producer_text(value: ir.Value) -> str:
    if isinstance(value.owner, ir.Block):
        return f"a block argument of type {value.type}"
    return f"the result of {value.owner.name}"


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
                f"{_producer_text(value)}, not a bufferization.to_tensor of a memref; run {BUFFERIZE_HINT} first",
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


@dataclass(frozen=True)
class _State:
    """What one tile hands the next: the double-buffer pairs and the tokens of their
    last readers, the last rescale (it read ACC, RS, CS) and the last store (it read OUT)."""

    a_first: ir.Value  # the pair the next tile loads K step 0 into
    w_first: ir.Value
    a_second: ir.Value
    w_second: ir.Value
    first_free: ir.Value  # token: the last mma that read the first pair
    second_free: ir.Value
    rescaled: ir.Value
    stored: ir.Value

    def values(self) -> list[ir.Value]:
        return [getattr(self, f.name) for f in fields(self)]

    @staticmethod
    def of(values) -> "_State":
        return _State(*list(values)[-len(fields(_State)) :])


@dataclass(eq=False)
class _Buffers:
    a: tuple[ir.Value, ir.Value]
    w: tuple[ir.Value, ir.Value]
    acc: ir.Value
    out: ir.Value
    rs: ir.Value
    cs: ir.Value


# Each buffer of a tile's working set: (name, shape from (tm, tn, tk), element type).
_BUFFER_SPECS = [
    ("A0", lambda tm, tn, tk: (tm, tk), "i8"),
    ("W0", lambda tm, tn, tk: (tn, tk), "i8"),
    ("A1", lambda tm, tn, tk: (tm, tk), "i8"),
    ("W1", lambda tm, tn, tk: (tn, tk), "i8"),
    ("ACC", lambda tm, tn, tk: (tm, tn), "i32"),
    ("OUT", lambda tm, tn, tk: (tm, tn), "f32"),
    ("RS", lambda tm, tn, tk: (tm,), "f32"),
    ("CS", lambda tm, tn, tk: (tn,), "f32"),
]


def sram_buffers(tm: int, tn: int, tk: int, *, prefix: str = "") -> list[SramBuffer]:
    """The SRAM buffers of one [tm, tn, tk] w8a8 tile schedule, in address order."""
    return [SramBuffer(prefix + name, shape(tm, tn, tk), element) for name, shape, element in _BUFFER_SPECS]


def _set_name(tile: "_Tile") -> str:
    """The prefix of the SRAM buffer names of a tile shape's set, in the plan."""
    return "x".join(map(str, tile.sizes)) + "."


def _sram_type(shape, element: str) -> ir.MemRefType:
    element_type = ir.Type.parse(element)
    return ir.MemRefType.get(list(shape), element_type, None, ir.Attribute.parse(memspace_text("sram")))


# ---------------------------------------------------------------------------
# IR helpers


def _root(value: ir.Value) -> ir.Value:
    """The memref a view is a view of (a function argument or an allocation)."""
    while not isinstance(value.owner, ir.Block) and value.owner.name in _VIEW_OPS:
        value = value.owner.operands[0]
    return value


def _contains(values, value) -> bool:
    return any(v == value for v in values)


def _unique(values) -> list:
    out = []
    for value in values:
        if not _contains(out, value):
            out.append(value)
    return out


def _add_iter_args(loop: ir.Operation, extra: list[ir.Value]) -> scf.ForOp:
    """Rebuilds an scf.for with `extra` iter_args appended (the old loop is erased).

    The body moves over; the old iter_args, induction variable and results map to the
    new loop's. The body still yields the old values only: the caller extends the yield.
    """
    old = loop.opview
    with ir.InsertionPoint(loop), loop.location:
        new = scf.ForOp(old.lowerBound, old.upperBound, old.step, list(old.initArgs) + list(extra))
    for named in loop.attributes:
        if named.name not in new.operation.attributes:
            new.operation.attributes[named.name] = named.attr
    old_block = old.regions[0].blocks[0]
    for operation in list(old_block.operations):
        new.body.append(operation)
    for old_arg, new_arg in zip(old_block.arguments, new.body.arguments):
        old_arg.replace_all_uses_with(new_arg)
    for old_result, new_result in zip(loop.results, new.results):
        old_result.replace_all_uses_with(new_result)
    loop.erase()
    return new


def _extend_yield(block: ir.Block, extra: list[ir.Value]) -> None:
    terminator = list(block.operations)[-1]
    with ir.InsertionPoint(terminator), terminator.location:
        scf.YieldOp(list(terminator.operands) + list(extra))
    terminator.erase()


class _Emitter:
    """Builds one function's L4 code: index constants at entry, views, accel ops."""

    def __init__(self, function: ir.Operation):
        self.constants: dict[int, ir.Value] = {}
        self.token = token_type()
        # The one completed token opens the function; constants and allocations go
        # before it, in creation order (it is an op the pass never erases).
        with ir.InsertionPoint.at_block_begin(function.regions[0].blocks[0]), function.location:
            self.ready = ReadyOp.build(result_types=[self.token]).token
        self.entry_anchor = self.ready.owner

    def index(self, value: int) -> ir.Value:
        if value not in self.constants:
            with ir.InsertionPoint(self.entry_anchor), ir.Location.unknown():
                self.constants[value] = arith.ConstantOp(ir.IndexType.get(), value).result
        return self.constants[value]

    def at_entry(self, build):
        with ir.InsertionPoint(self.entry_anchor):
            return build()

    def sizes(self, window: ir.Value) -> list:
        """The dims of a window: ints where static, else the size values of the subview
        that made it (memref.dim when there is none)."""
        shape = static_shape(window)
        if None not in shape:
            return shape
        owner = window.owner
        if not isinstance(owner, ir.Block) and owner.name == "memref.subview":
            sizes = _mixed(owner, "static_sizes", list(owner.sizes))
            if len(sizes) == len(shape):
                return [s if d is None else d for s, d in zip(sizes, shape)]
        return [d if d is not None else memref.DimOp(window, self.index(i)).result for i, d in enumerate(shape)]

    def subview(self, source: ir.Value, offsets: list, sizes: list) -> ir.Value:
        """A unit-stride window of `source`; offsets and sizes mix ints and index values."""
        if all(isinstance(o, int) and o == 0 for o in offsets) and all(
            type(a) is type(b) and a == b for a, b in zip(sizes, self.sizes(source))
        ):
            return source
        source_type = source.type
        strides, offset = source_type.get_strides_and_offset()
        dynamic = ir.ShapedType.get_dynamic_stride_or_offset()
        if offset == dynamic or any(isinstance(o, ir.Value) or (o and s == dynamic) for o, s in zip(offsets, strides)):
            new_offset = dynamic
        else:
            new_offset = offset + sum(o * s for o, s in zip(offsets, strides))
        static_sizes = [s if isinstance(s, int) else ir.ShapedType.get_dynamic_size() for s in sizes]
        result_type = ir.MemRefType.get(
            static_sizes,
            source_type.element_type,
            ir.StridedLayoutAttr.get(new_offset, strides),
            source_type.memory_space,
        )
        return memref.subview(source, offsets, sizes, [1] * len(offsets), result_type=result_type)

    def load(self, window: ir.Value, buffer: ir.Value, deps) -> ir.Value:
        return DmaLoadOp.build(result_types=[self.token], source=window, dest=buffer, deps=_unique(deps)).token

    def mma(self, a: ir.Value, w: ir.Value, acc: ir.Value, deps, accumulate: bool) -> ir.Value:
        return MmaOp.build(result_types=[self.token], lhs=a, rhs=w, acc=acc, deps=_unique(deps), accumulate=accumulate).token


# ---------------------------------------------------------------------------
# The schedule of one tile


def _emit_tile(em: _Emitter, tile: _Tile, buffers: _Buffers, state: _State) -> _State:
    """The L4 program of one tile, before the tile's copy; returns the state after it."""
    rows = em.sizes(tile.lhs)[0]
    cols = em.sizes(tile.weight)[0]
    tk, k, steps = tile.tk, tile.k, tile.steps

    def k_windows(offset, size):
        return em.subview(tile.lhs, [0, offset], [rows, size]), em.subview(tile.weight, [0, offset], [cols, size])

    def load_step(offset, size, a, w, after):
        lhs, weight = k_windows(offset, size)
        return em.load(lhs, a, [after]), em.load(weight, w, [after])

    cur_a, cur_w, cur_free = state.a_first, state.w_first, state.first_free
    oth_a, oth_w, oth_free = state.a_second, state.w_second, state.second_free
    load_a, load_w = load_step(0, min(tk, k), cur_a, cur_w, cur_free)
    if steps == 1:
        last = em.mma(cur_a, cur_w, buffers.acc, [load_a, load_w, state.rescaled], accumulate=False)
        # Step 0 read the first pair; the next tile starts on the other one.
        spare_free = oth_free
    else:
        next_a, next_w = load_step(tk, min(tk, k - tk), oth_a, oth_w, oth_free)
        previous = em.mma(cur_a, cur_w, buffers.acc, [load_a, load_w, state.rescaled], accumulate=False)
        cur_a, cur_w, oth_a, oth_w = oth_a, oth_w, cur_a, cur_w
        load_a, load_w = next_a, next_w
        if steps > 2:
            # Steps 1 .. steps-2; each loads the step after it into the pair the previous mma read.
            loop = scf.ForOp(
                em.index(tk), em.index((steps - 1) * tk), em.index(tk), [cur_a, cur_w, oth_a, oth_w, load_a, load_w, previous]
            )
            with ir.InsertionPoint(loop.body):
                offset, (a, w, other_a, other_w, ta, tw, before) = loop.induction_variable, loop.inner_iter_args
                following = arith.AddIOp(offset, em.index(tk)).result
                size = tk if k % tk == 0 else arith.MinSIOp(em.index(tk), arith.SubIOp(em.index(k), following).result).result
                next_a, next_w = load_step(following, size, other_a, other_w, before)
                done = em.mma(a, w, buffers.acc, [ta, tw, before], accumulate=True)
                scf.YieldOp([other_a, other_w, a, w, next_a, next_w, done])
            cur_a, cur_w, oth_a, oth_w, load_a, load_w, previous = loop.results
        last = em.mma(cur_a, cur_w, buffers.acc, [load_a, load_w, previous], accumulate=True)
        spare_free = previous  # the other pair was last read by the mma before the last
    rs_done = em.load(tile.lhs_scale, buffers.rs, [state.rescaled])
    cs_done = em.load(tile.weight_scale, buffers.cs, [state.rescaled])
    rescaled = RescaleOp.build(
        result_types=[em.token],
        acc=buffers.acc,
        row_scale=buffers.rs,
        col_scale=buffers.cs,
        out=buffers.out,
        deps=_unique([last, rs_done, cs_done, state.stored]),
    ).token
    stored = DmaStoreOp.build(result_types=[em.token], source=buffers.out, dest=tile.dest, deps=[rescaled]).token
    return _State(oth_a, oth_w, cur_a, cur_w, spare_free, last, rescaled, stored)


def _schedule_nest(em: _Emitter, tile: _Tile, buffers: _Buffers, state: _State, depth: int = 0) -> _State:
    """Threads `state` through the tile loops (as extra iter_args) down to the tile."""
    if depth == len(tile.loops):
        with ir.InsertionPoint(tile.copy), tile.op.location:
            return _emit_tile(em, tile, buffers, state)
    loop = _add_iter_args(tile.loops[depth], state.values())
    tile.loops[depth] = loop.operation
    after = _schedule_nest(em, tile, buffers, _State.of(loop.inner_iter_args), depth + 1)
    _extend_yield(loop.body, after.values())
    return _State.of(loop.results)


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
    stored: ir.Value | None = None  # its last store token

    @property
    def reads(self) -> list[ir.Value]:
        return _unique(_root(v) for v in (self.tile.lhs, self.tile.weight, self.tile.weight_scale, self.tile.lhs_scale))

    @property
    def writes(self) -> list[ir.Value]:
        return [_root(self.tile.dest)]


class AccelSchedule(Pass):
    ARGUMENT = "accel-schedule"
    SUMMARY = "Schedule bufferized w8a8 qmatmul tiles: SRAM plan, double-buffered DMA/mma/rescale with tokens"
    DESCRIPTION = __doc__
    OPTIONS = [
        Option("hw", str, "edge-npu", "hardware preset name or .toml file whose SRAM holds the buffers"),
    ]

    def run(self, module):
        functions = []

        def collect(op):
            if op.name == "func.func" and len(op.regions[0].blocks):
                functions.append(op)
            return ir.WalkResult.ADVANCE

        module.walk(collect)
        hw = None
        for function in functions:
            tiles = self._read_tiles(function)
            if not tiles:
                continue
            hw = hw or load_hardware(self.options["hw"])
            self._schedule_function(function, tiles, hw)

    # -- reading -------------------------------------------------------------

    def _read_tiles(self, function: ir.Operation) -> list[_Tile]:
        qmatmuls = []

        def collect(op):
            if op.name == QMatmulOp.op_name():
                qmatmuls.append(op)
            return ir.WalkResult.ADVANCE

        function.walk(collect)
        tiles = [_read_tile(op) for op in qmatmuls]
        scheduled = [op for tile in tiles for op in (tile.op, tile.to_buffer, tile.copy, *tile.to_tensors)]
        outermost = []
        for tile in tiles:
            if tile.loops and _contains(outermost, tile.loops[0]):
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
            if op.name == "func.func" or _contains(scheduled, op):
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
        _forward_staging_buffers(entry)
        order = list(entry.operations)
        tiles.sort(key=lambda t: _index_in(order, t.loops[0] if t.loops else t.copy))
        groups: dict[tuple[int, int, int], list[_Tile]] = {}
        for tile in tiles:
            groups.setdefault(tile.sizes, []).append(tile)
        groups = list(groups.values())
        plan = self._plan(groups, hw)
        em = _Emitter(function)
        ready = em.ready
        nests: list[_Nest] = []
        for index, group in enumerate(groups):
            buffers = self._allocate(em, plan, group[0])
            state = _State(buffers.a[0], buffers.w[0], buffers.a[1], buffers.w[1], ready, ready, ready, ready)
            for tile in group:
                nest = _Nest(tile, index, tile.op.location)
                before = _previous_in_block(entry, tile.loops[0] if tile.loops else tile.copy)
                state = _schedule_nest(em, tile, buffers, state)
                operations = list(entry.operations)
                nest.first = operations[_index_in(operations, before) + 1]
                nest.last = tile.loops[0] if tile.loops else _previous_in_block(entry, tile.copy)
                nest.stored = state.stored
                nests.append(nest)
                _erase_tile(tile)
        self._place_waits(entry, nests)

    def _plan(self, groups: list[list[_Tile]], hw):
        """Offsets of every group's buffers: a located error if a tile shape does not
        fit the hardware's SRAM alone, or the function's tile shapes not together."""
        hardware = f"hardware '{hw.name}'"
        for group in groups:
            tm, tn, tk = group[0].sizes
            try:
                plan_sram(sram_buffers(tm, tn, tk), hw.sram.bytes, hardware=hardware)
            except AccelError as error:
                raise self.fail(
                    f"accel-schedule: the w8a8 tile {tm}x{tn}x{tk} does not fit in SRAM: {error.diagnostics[0].message}; "
                    "choose smaller tile sizes (accel-tile) or hardware with more SRAM",
                    group[0].op,
                ) from None
        requests = [buffer for group in groups for buffer in sram_buffers(*group[0].sizes, prefix=_set_name(group[0]))]
        try:
            return plan_sram(requests, hw.sram.bytes, hardware=hardware)
        except AccelError as error:
            shapes = ", ".join("x".join(map(str, group[0].sizes)) for group in groups)
            raise self.fail(
                f"accel-schedule: the {len(groups)} tile shapes of this function ({shapes}) do not fit in SRAM "
                f"together: {error.diagnostics[0].message}; give its qmatmuls the same tile sizes (accel-tile)",
                groups[-1][0].op,
            ) from None

    def _allocate(self, em: _Emitter, plan, tile: _Tile) -> _Buffers:
        values = {}
        with tile.op.location:  # where the simulator reports an SRAM problem of the buffer
            for buffer in sram_buffers(*tile.sizes):
                name = _set_name(tile) + buffer.name
                values[buffer.name] = em.at_entry(
                    lambda b=buffer, n=name: AllocOp.build(
                        result_types=[_sram_type(b.shape, b.element)], offset=plan.offset(n)
                    ).buffer
                )
        return _Buffers(
            (values["A0"], values["A1"]), (values["W0"], values["W1"]), values["ACC"], values["OUT"], values["RS"], values["CS"]
        )

    def _place_waits(self, entry: ir.Block, nests: list[_Nest]) -> None:
        """An accel.wait on each nest's last store before the first later op that
        depends on its completion: one that may touch its DRAM operands."""
        order = list(entry.operations)
        owner = {}
        for nest in nests:
            for i in range(_index_in(order, nest.first), _index_in(order, nest.last) + 1):
                owner[i] = nest

        positions: dict[int, list[_Nest]] = {}
        for nest in nests:
            start = _index_in(order, nest.last) + 1
            where = len(order) - 1  # the terminator
            for i in range(start, len(order) - 1):
                other = owner.get(i)
                if other is nest:
                    continue
                if other is not None:
                    # Loads of the same input may overlap; a write on either side orders them.
                    if any(_contains(nest.reads + nest.writes, v) for v in other.writes) or any(
                        _contains(nest.writes, v) for v in other.reads
                    ):
                        where = _index_in(order, other.first)
                        break
                elif _touches(order[i], nest.reads + nest.writes):
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
                WaitOp.build(tokens=[nest.stored for nest in waiting])


def _index_in(operations: list[ir.Operation], op: ir.Operation) -> int:
    for i, candidate in enumerate(operations):
        if candidate == op:
            return i
    raise ValueError(f"{op.name} is not in the block")


def _previous_in_block(block: ir.Block, op: ir.Operation):
    operations = list(block.operations)
    index = _index_in(operations, op)
    return operations[index - 1] if index > 0 else None


def _touches(op: ir.Operation, roots: list[ir.Value]) -> bool:
    """Whether `op` (or an op nested in it) may read or write memory of `roots`; views don't."""
    found = []

    def visit(inner):
        if inner.name not in _VIEW_OPS and any(
            isinstance(v.type, ir.MemRefType) and _contains(roots, _root(v)) for v in inner.operands
        ):
            found.append(inner)
            return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return bool(found)


def _erase_tile(tile: _Tile) -> None:
    tile.copy.erase()
    tile.to_buffer.erase()
    tile.op.erase()
    for to_tensor in tile.to_tensors:
        if not list(to_tensor.results[0].uses):
            to_tensor.erase()


def _forward_staging_buffers(entry: ir.Block) -> None:
    """Writes results straight into their out-parameters.

    buffer-results-to-out-params leaves `%r = memref.alloc` ... `memref.copy %r, %out`
    (its hoist-static-allocs option does not fire in this build). When the staging
    buffer is only used before that copy and %out only by it, the copy is dropped and
    %out used instead, so tiles store into the caller's buffer.
    """
    arguments = list(entry.arguments)
    for copy in [op for op in entry.operations if op.name == "memref.copy"]:
        operations = list(entry.operations)
        source, target = copy.operands
        staging = source.owner
        if isinstance(staging, ir.Block) or staging.name != "memref.alloc" or not _contains(arguments, target):
            continue
        if source.type != target.type or len(list(target.uses)) != 1:
            continue
        copy_index = _index_in(operations, copy)
        users = [use.owner for use in source.uses if use.owner != copy]
        if any(_index_in(operations, _top_level(user, entry)) > copy_index or user.name == "memref.dealloc" for user in users):
            continue
        copy.erase()
        source.replace_all_uses_with(target)
        staging.operation.erase()


def _top_level(op: ir.Operation, block: ir.Block) -> ir.Operation:
    while op.parent is not None and op.parent != block.owner:
        op = op.parent
    return op
