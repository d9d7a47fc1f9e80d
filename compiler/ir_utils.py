"""Generic helpers on MLIR IR through the Python bindings, for passes that rewrite
bufferized code (memrefs in scf.for loops); nothing here knows accel's ops.

- Values: `contains`, `unique`, `same_value`, `constant_int`, `producer_text` (for
  messages).
- Ops and blocks: `ops_named`, `index_in`, `next_in_block`, `previous_in_block`,
  `next_op`, `top_level`, `is_inside`.
- Memref views: `VIEW_OPS`, `memref_root` (the memref a view is a view of),
  `touches` (may an op access some memrefs), `mixed_values` and `subview_parts` (a
  slice's or subview's offsets and sizes as ints and Values), `forward_staging_buffers`
  (what buffer-results-to-out-params leaves behind, written into the out-parameter).
- scf.for loops: `add_iter_args`, `extend_yield`, and a loop-invariant code motion
  of one value (`is_invariant`, `hoist`).
- `EntryBuilder`: builds in a function, with one index constant per value at entry
  and unit-stride windows (memref.subview) of memrefs.
"""

from __future__ import annotations

from accel.core.mlir import arith, ir, memref, scf
from accel.dialects.accel import static_shape

# ---------------------------------------------------------------------------
# Values


def contains(values, value) -> bool:
    """Whether `value` is in `values` (any iterable; compared with ==, which for IR
    objects compares what they wrap, not the Python objects)."""
    return any(v == value for v in values)


def unique(values) -> list:
    """`values` without repeats, in order (by ==, see `contains`)."""
    out = []
    for value in values:
        if not contains(out, value):
            out.append(value)
    return out


def same_value(a, b) -> bool:
    """Whether `a` is the Value `b` (where offsets and sizes mix ints and Values)."""
    return isinstance(a, ir.Value) and a == b


def constant_int(value: ir.Value) -> int | None:
    """The integer of an arith.constant result; None for any other value."""
    owner = value.owner
    if isinstance(owner, ir.Block) or owner.name != "arith.constant":
        return None
    return ir.IntegerAttr(owner.attributes["value"]).value


def producer_text(value: ir.Value) -> str:
    """What made `value`, for a message: "the result of OP" or "a block argument of type T"."""
    if isinstance(value.owner, ir.Block):
        return f"a block argument of type {value.type}"
    return f"the result of {value.owner.name}"


# ---------------------------------------------------------------------------
# Ops and blocks


def ops_named(root: ir.Operation, name: str) -> list[ir.Operation]:
    """The ops called `name` nested in `root` (and `root` itself), in walk order."""
    found = []

    def collect(op):
        if op.name == name:
            found.append(op)
        return ir.WalkResult.ADVANCE

    root.walk(collect)
    return found


def index_in(operations: list[ir.Operation], op: ir.Operation) -> int:
    """The position of `op` in `operations` (a ValueError if it is not there)."""
    for i, candidate in enumerate(operations):
        if candidate == op:
            return i
    raise ValueError(f"{op.name} is not in the block")


def next_in_block(block: ir.Block, op: ir.Operation):
    """The op after `op` in `block`."""
    operations = list(block.operations)
    return operations[index_in(operations, op) + 1]


def previous_in_block(block: ir.Block, op: ir.Operation):
    """The op before `op` in `block`, or None when `op` is the first."""
    operations = list(block.operations)
    index = index_in(operations, op)
    return operations[index - 1] if index > 0 else None


def next_op(op: ir.Operation) -> ir.Operation:
    """The op after `op` in its own block."""
    operations = list(op.operation.block.operations)
    return operations[index_in(operations, op.operation) + 1]


def top_level(op: ir.Operation, block: ir.Block) -> ir.Operation:
    """The op of `block` that is `op` or holds it."""
    while op.parent is not None and op.parent != block.owner:
        op = op.parent
    return op


def is_inside(op, ancestor: ir.Operation) -> bool:
    """Whether `op` is `ancestor` or nested in it."""
    ancestor = ancestor.operation
    op = op.operation
    while op is not None:
        if op == ancestor:
            return True
        op = op.parent
    return False


# ---------------------------------------------------------------------------
# Memref views

# memref ops that only make a view: they read and write no memory themselves.
VIEW_OPS = {
    "memref.subview",
    "memref.cast",
    "memref.reinterpret_cast",
    "memref.expand_shape",
    "memref.collapse_shape",
    "memref.transpose",
    "memref.view",
}


def memref_root(value: ir.Value) -> ir.Value:
    """The memref a view is a view of (a function argument or an allocation)."""
    while not isinstance(value.owner, ir.Block) and value.owner.name in VIEW_OPS:
        value = value.owner.operands[0]
    return value


def touches(op: ir.Operation, roots: list[ir.Value]) -> bool:
    """Whether `op` (or an op nested in it) may read or write memory of `roots`; views don't."""
    found = []

    def visit(inner):
        if inner.name not in VIEW_OPS and any(
            isinstance(v.type, ir.MemRefType) and contains(roots, memref_root(v)) for v in inner.operands
        ):
            found.append(inner)
            return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return bool(found)


def mixed_values(op, static_name: str, dynamic: list) -> list:
    """The offsets or sizes of a slice or subview (`static_name`: "static_offsets" or
    "static_sizes"; `dynamic`: its dynamic operands of that kind) as ints and Values, in order."""
    values = iter(dynamic)
    dyn = ir.ShapedType.get_dynamic_size()
    return [next(values) if s == dyn else s for s in ir.DenseI64ArrayAttr(op.attributes[static_name])]


def subview_parts(value: ir.Value):
    """(offsets, sizes, source) of a memref.subview result, ints where static; None otherwise."""
    owner = value.owner
    if isinstance(owner, ir.Block) or owner.name != "memref.subview":
        return None
    view = owner.opview
    return mixed_values(view, "static_offsets", list(view.offsets)), mixed_values(view, "static_sizes", list(view.sizes)), view.source


def forward_staging_buffers(entry: ir.Block) -> None:
    """Writes results straight into their out-parameters.

    buffer-results-to-out-params leaves `%r = memref.alloc` ... `memref.copy %r, %out`
    (its hoist-static-allocs option does not fire in this build). When the staging
    buffer is only used before that copy and %out only by it, the copy is dropped and
    %out used instead.
    """
    arguments = list(entry.arguments)
    for copy in [op for op in entry.operations if op.name == "memref.copy"]:
        operations = list(entry.operations)
        source, target = copy.operands
        staging = source.owner
        if isinstance(staging, ir.Block) or staging.name != "memref.alloc" or not contains(arguments, target):
            continue
        if source.type != target.type or len(list(target.uses)) != 1:
            continue
        copy_index = index_in(operations, copy)
        users = [use.owner for use in source.uses if use.owner != copy]
        if any(index_in(operations, top_level(user, entry)) > copy_index or user.name == "memref.dealloc" for user in users):
            continue
        copy.erase()
        source.replace_all_uses_with(target)
        staging.operation.erase()


# ---------------------------------------------------------------------------
# scf.for loops


def add_iter_args(loop: ir.Operation, extra: list[ir.Value]) -> scf.ForOp:
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


def extend_yield(block: ir.Block, extra: list[ir.Value]) -> None:
    """Appends `extra` to what the scf.yield ending `block` yields."""
    terminator = list(block.operations)[-1]
    with ir.InsertionPoint(terminator), terminator.location:
        scf.YieldOp(list(terminator.operands) + list(extra))
    terminator.erase()


# Ops that compute a window from outer induction variables: side-effect free, so
# they may move out of a loop.
HOISTABLE_OPS = VIEW_OPS | {"affine.min", "affine.max", "affine.apply"}


def is_invariant(value: ir.Value, loop: ir.Operation) -> bool:
    """Whether `hoist` can move `value`'s computation out of `loop`: it is defined
    outside, or by pure ops (HOISTABLE_OPS, arith) of such values."""
    owner = value.owner
    if isinstance(owner, ir.Block):
        return not is_inside(owner.owner, loop)
    if not is_inside(owner, loop):
        return True
    pure = owner.name in HOISTABLE_OPS or owner.name.startswith("arith.")
    return pure and not owner.regions and all(is_invariant(operand, loop) for operand in owner.operands)


def hoist(value: ir.Value, loop: ir.Operation) -> None:
    """Moves the ops computing `value` (`is_invariant` in `loop`) before `loop`: a
    loop-invariant code motion of one value."""
    owner = value.owner
    if isinstance(owner, ir.Block) or not is_inside(owner, loop):
        return
    for operand in owner.operands:
        hoist(operand, loop)
    owner.move_before(loop)


# ---------------------------------------------------------------------------
# Building


class EntryBuilder:
    """Builds ops in a function at the current insertion point, with what does not
    change inside it (index constants, `at_entry` builds) before `anchor`, an op of
    the entry block that the caller never erases, in creation order."""

    def __init__(self, anchor: ir.Operation):
        self.entry_anchor = anchor
        self.constants: dict[int, ir.Value] = {}

    def index(self, value: int) -> ir.Value:
        """The index constant `value` (one per value, at entry)."""
        if value not in self.constants:
            with ir.InsertionPoint(self.entry_anchor), ir.Location.unknown():
                self.constants[value] = arith.ConstantOp(ir.IndexType.get(), value).result
        return self.constants[value]

    def at_entry(self, build):
        """Calls `build` with the insertion point at entry; returns what it returns."""
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
            sizes = mixed_values(owner, "static_sizes", list(owner.sizes))
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
