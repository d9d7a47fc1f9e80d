"""accel-raise-kv-cache: the KV cache writes and reads of an imported decoder step become accel.kv_append / accel.kv_read.

A causal LM's step over an explicit cache (accel.compiler.frontend.decode: the caches
[B, Hkv, T, D] are function arguments and results, the position is an argument)
imports as linalg in which

- each cache write is an `iree_linalg_ext.scatter` (transformers' StaticCache writes
  with `index_copy` at positions `pos + arange(S)`): the new keys or values
  [B, Hkv, S, D], collapsed over their first k dims, scattered (overwriting) into the
  cache at an index tensor [B * Hkv * S (* D), k] computed from the position; or a
  `tensor.insert_slice` of [B, Hkv, S, D] into a cache argument at [0, 0, pos, 0];
- each read is an `accel.attention` (accel-raise-attention ran first) over the whole
  cache, T keys, under an additive mask computed from the position: 0 where key
  j <= pos + i, hidden (-inf, or at most -FLT_MAX / 2) beyond.

The index tensors and masks are computed in the graph from the position, so the pass
checks them by computing them: a tensor that depends on nothing but constants and one
integer argument holding one value (the position) is compiled on the CPU target alone
(its function cloned, everything else erased) and evaluated at every position the
cache admits, 0 <= pos <= T - S; one that depends on no argument at all is evaluated
once, and the position is the one its values imply. A write whose indices are
`(b, h, pos + s, d)` for each flattened (b, h, s, d), at every position, becomes

    %c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"}

and an attention whose mask is that causal mask at every position reads only what is
cached, causally (accel.attention aligns its causal mask to the end of the keys):

    %k = "accel.kv_read"(%c, %len) {layout = "contiguous"}    // %len = %pos + S
    %o = "accel.attention"(%q, %k, %v) {causal = true, ...}   // T = pos + S, dynamic

with `%pos` the position argument as an index (or a constant). Both are exact on the
positions checked: the write copies the same elements; the keys dropped from the
attention had a mask that makes exp underflow to 0, as causal = true does for the
keys it hides, and the others had a mask of 0. Positions outside [0, T - S] are
outside the cache (kv_append and kv_read leave them undefined). Writes and masks
that fail a check, or depend on anything else (another argument, a value computed in
a loop), are left as they are.

Why raise instead of constructing: the decoder step is transformers' own code and
cache (what `generate` with a static cache runs), imported like any model; the cache
ops come out of that IR by what it computes, the way every other accel op is raised.

`layout=paged` then pages every cache that is a function argument: the argument
becomes a block pool [num-blocks, Hkv, block-size, D] (num-blocks 0: B * ceil(T /
block-size), room for every sequence at full length), the kv ops take a block table,
a new last argument [B, ceil(T / block-size)] of i32 shared by the function's caches,
and the function returns the pools. The caches must be used by nothing but kv ops
and the return (each use of a cache is checked; another use is an error located at it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from accel.compiler.const_eval import Evaluator, Positional, entry_block
from accel.compiler.linalg_match import producer, static_dims
from accel.compiler.passes import Pass, RaisePass, option
from accel.compiler.passes.accel_raise_attention import HIDDEN, is_causal_mask
from accel.dialects import KV_LAYOUTS, AttentionOp, KvAppendOp, KvReadOp
from accel.core.mlir import arith, functions, ir, tensor

_DYNAMIC = ir.ShapedType.get_dynamic_size()


def _index_type() -> ir.Type:
    return ir.IndexType.get()


# ---------------------------------------------------------------------------
# Tensors computed from the position (evaluated by accel.compiler.const_eval), checked


@dataclass(frozen=True)
class Checked:
    """A tensor that passed its check: at every position (`position` None: the
    argument's value), or at the one constant `position` its values imply."""

    position: int | None


def check_positions(found: Positional, implied: Callable[[np.ndarray], int | None], span: int, matches: Callable[[np.ndarray, int], bool]) -> Checked | None:
    """Checks `found` with `matches(values, position)` at every position in [0, span];
    a constant at the one position `implied(values)` gives. None if a check fails."""
    if found.argument is None:
        values = found.at(0)
        position = implied(values)
        ok = position is not None and 0 <= position <= span and matches(values, position)
        return Checked(position) if ok else None
    return Checked(None) if all(matches(found.at(position), position) for position in range(span + 1)) else None


# ---------------------------------------------------------------------------
# Writes


@dataclass(frozen=True)
class _Write:
    """A write of `new` [B, Hkv, S, D] into `cache` [B, Hkv, T, D] along dim 2: a
    scatter at `indices` (the first `index_dims` coordinates of each element), or an
    insert_slice at `offset` (an index value or a constant)."""

    op: ir.Operation
    cache: ir.Value
    new: ir.Value
    indices: ir.Value | None = None
    index_dims: int = 0
    offset: ir.Value | int | None = None


def _cache_shapes(cache: ir.Value, new: ir.Value) -> bool:
    """[B, Hkv, T, D] and [B, Hkv, S, D], static, same element type, S <= T."""
    if not (isinstance(cache.type, ir.RankedTensorType) and isinstance(new.type, ir.RankedTensorType)):
        return False
    c, n = static_dims(cache), static_dims(new)
    if len(c) != 4 or len(n) != 4 or None in c or None in n or cache.type.element_type != new.type.element_type:
        return False
    return c[0] == n[0] and c[1] == n[1] and c[3] == n[3] and n[2] <= c[2]


def _reassociation(op: ir.Operation) -> list[list[int]]:
    return [[ir.IntegerAttr(d).value for d in group] for group in op.attributes["reassociation"]]


def _overwrites(op: ir.Operation) -> bool:
    """The scatter's region yields the update: a write, not an accumulation."""
    block = op.regions[0].blocks[0]
    body = list(block.operations)
    return len(body) == 1 and len(body[0].operands) == 1 and body[0].operands[0] == block.arguments[0]


def _scatter_write(op: ir.Operation) -> _Write | None:
    if op.name != "iree_linalg_ext.scatter" or len(op.operands) != 3 or len(op.results) != 1:
        return None
    updates, indices, cache = op.operands
    dims = list(ir.DenseI64ArrayAttr(op.attributes["dimension_map"]))
    count = len(dims)
    if dims != list(range(count)) or count < 3 or not _overwrites(op):
        return None
    collapse = producer(updates)
    if collapse is None or collapse.name != "tensor.collapse_shape":
        return None
    if _reassociation(collapse) != [list(range(count))] + [[d] for d in range(count, 4)]:
        return None
    new = collapse.operands[0]
    if not _cache_shapes(cache, new):
        return None
    rows = int(np.prod(static_dims(new)[:count]))
    if static_dims(indices) != [rows, count] or not isinstance(indices.type.element_type, ir.IntegerType):
        return None
    return _Write(op, cache, new, indices=indices, index_dims=count)


def _insert_write(op: ir.Operation, function: ir.Operation) -> _Write | None:
    if op.name != "tensor.insert_slice":
        return None
    new, cache = op.operands[0], op.operands[1]
    if not (isinstance(cache.owner, ir.Block) and cache.owner == entry_block(function)) or not _cache_shapes(cache, new):
        return None
    offsets = list(ir.DenseI64ArrayAttr(op.attributes["static_offsets"]))
    sizes = list(ir.DenseI64ArrayAttr(op.attributes["static_sizes"]))
    strides = list(ir.DenseI64ArrayAttr(op.attributes["static_strides"]))
    if sizes != static_dims(new) or strides != [1] * 4 or offsets[0] != 0 or offsets[1] != 0 or offsets[3] != 0:
        return None
    dynamic = ir.ShapedType.get_dynamic_stride_or_offset()
    if offsets[2] == dynamic:
        return _Write(op, cache, new, offset=op.operands[2]) if len(op.operands) == 3 else None
    return _Write(op, cache, new, offset=offsets[2]) if len(op.operands) == 2 else None


def expected_indices(new_shape: list[int], index_dims: int, position: int) -> np.ndarray:
    """The index tensor of a write of `new_shape` at `position`: (b, h, position + s, d)
    for each element (its first `index_dims` coordinates), in row-major order."""
    grid = np.indices(new_shape[:index_dims]).reshape(index_dims, -1).T.astype(np.int64)
    grid[:, 2] += position
    return grid


# ---------------------------------------------------------------------------
# Reads


def causal_at(mask: np.ndarray, queries: int, position: int) -> bool:
    """`mask` [.., S or 1, T] is the causal mask of S queries at cache position
    `position`: 0 where key j <= position + i, hidden beyond (every batch and head)."""
    full = np.broadcast_to(mask, (*mask.shape[:2], queries, mask.shape[3]))
    end = position + queries
    return is_causal_mask(full[..., :end], queries, end) and bool(np.all(full[..., end:] <= HIDDEN))


def _first_visible_run(mask: np.ndarray) -> int | None:
    """The position a constant causal mask implies: visible keys of the first query, minus one."""
    row = mask.reshape(-1, mask.shape[-1])[0]
    return int(np.count_nonzero(row == 0.0)) - 1


# ---------------------------------------------------------------------------
# The pass


class _FunctionRaiser:
    """Raises the writes and reads of one function."""

    def __init__(self, function: ir.Operation, evaluator: Evaluator):
        self.function = function
        self.evaluator = evaluator
        self.positions: dict[int, ir.Value] = {}

    def position(self, constant: int | None, argument: int | None, where: ir.Operation) -> ir.Value:
        """The position as an index value: `constant` (before `where`), or the
        argument's value (extracted once, at the top of the function)."""
        if argument is None:
            with ir.InsertionPoint(where), where.location:
                return arith.constant(_index_type(), constant)
        if argument not in self.positions:
            entry = entry_block(self.function)
            value = entry.arguments[argument]
            with ir.InsertionPoint.at_block_begin(entry), self.function.location:
                if isinstance(value.type, ir.RankedTensorType):
                    zero = [arith.constant(_index_type(), 0) for _ in value.type.shape]
                    value = tensor.extract(value, zero)
                self.positions[argument] = arith.index_cast(_index_type(), value)
        return self.positions[argument]

    def run(self) -> None:
        writes: list[_Write] = []
        attentions: list[ir.Operation] = []

        def visit(op):
            write = _scatter_write(op) or _insert_write(op, self.function)
            if write is not None:
                writes.append(write)
            elif op.name == AttentionOp.op_name():
                attentions.append(op)
            return ir.WalkResult.ADVANCE

        self.function.walk(visit)
        for write in writes:
            self.raise_write(write)
        for op in attentions:
            self.raise_read(op)

    def raise_write(self, write: _Write) -> None:
        new_shape = static_dims(write.new)
        span = static_dims(write.cache)[2] - new_shape[2]
        if write.indices is None:
            offset = write.offset
            if isinstance(offset, int):
                position = self.position(offset, None, write.op)
            else:
                position = offset
        else:
            found = self.evaluator.evaluate(self.function, write.indices)
            if found is None:
                return
            count = write.index_dims
            checked = check_positions(
                found,
                lambda values: int(values[0, 2]) if values.size else None,
                span,
                lambda values, at: np.array_equal(values, expected_indices(new_shape, count, at)),
            )
            if checked is None:
                return
            position = self.position(checked.position, found.argument, write.op)
        with ir.InsertionPoint(write.op), write.op.location:
            append = KvAppendOp.build(cache=write.cache, new=write.new, pos=position, layout="contiguous", result_types=[write.cache.type])
        write.op.results[0].replace_all_uses_with(append.result)
        write.op.erase()

    def raise_read(self, op: ir.Operation) -> None:
        view = AttentionOp(op)
        if view.mask is None or view.causal:
            return
        queries, keys = static_dims(view.query)[2], static_dims(view.key)[2]
        if queries is None or keys is None or static_dims(view.value)[2] != keys or keys < queries:
            return
        found = self.evaluator.evaluate(self.function, view.mask)
        if found is None:
            return
        checked = check_positions(found, _first_visible_run, keys - queries, lambda values, at: causal_at(values, queries, at))
        if checked is None:
            return
        position = self.position(checked.position, found.argument, op)
        with ir.InsertionPoint(op), op.location:
            if found.argument is None:
                length, cached = arith.constant(_index_type(), checked.position + queries), checked.position + queries
            else:
                length, cached = arith.addi(position, arith.constant(_index_type(), queries)), _DYNAMIC
            reads = []
            for value in (view.key, view.value):
                dims = static_dims(value)
                read_type = ir.RankedTensorType.get([dims[0], dims[1], cached, dims[3]], value.type.element_type)
                reads.append(KvReadOp.build(cache=value, length=length, layout="contiguous", result_types=[read_type]).result)
            attention = AttentionOp.build(
                query=view.query, key=reads[0], value=reads[1], num_heads=view.num_heads, num_kv_heads=view.num_kv_heads,
                causal=True, scale=view.scale, result_types=[view.result.type],
            )
        op.results[0].replace_all_uses_with(attention.result)
        op.erase()


# ---------------------------------------------------------------------------
# Paged layout


def paged_shapes(cache_shape: list[int], block_size: int, num_blocks: int = 0) -> tuple[list[int], list[int]]:
    """(pool shape, block table shape) that page a contiguous cache [B, Hkv, T, D]:
    [num_blocks, Hkv, block_size, D] (0: B * ceil(T / block_size)) and [B, ceil(T / block_size)]."""
    batch, heads, length, dim = cache_shape
    blocks_per_sequence = math.ceil(length / block_size)
    return [num_blocks or batch * blocks_per_sequence, heads, block_size, dim], [batch, blocks_per_sequence]


def _uses(value: ir.Value) -> list[tuple[ir.Operation, int]]:
    return [(use.owner.operation if hasattr(use.owner, "operation") else use.owner, use.operand_number) for use in value.uses]


def _chain(argument: ir.Value, terminator: ir.Operation) -> list[ir.Operation]:
    """The kv ops a cache argument flows through (appends and reads), checking that
    nothing else uses it or its updates but the function's return."""
    ops: list[ir.Operation] = []
    pending = [argument]
    while pending:
        value = pending.pop()
        for owner, number in _uses(value):
            if owner.name == KvAppendOp.op_name() and number == 0:
                ops.append(owner)
                pending.append(owner.results[0])
            elif owner.name == KvReadOp.op_name() and number == 0:
                ops.append(owner)
            elif owner != terminator:
                raise Pass.fail(f"accel-raise-kv-cache: layout=paged pages the caches, but '{owner.name}' reads a cache directly (only accel.kv_append, accel.kv_read and the return may)", owner)
    return ops


def page(function: ir.Operation, block_size: int, num_blocks: int) -> None:
    """Pages every cache argument of `function` (see the module docstring)."""
    entry = entry_block(function)
    terminator = list(entry.operations)[-1].operation
    kv_ops = []

    def visit(op):
        if op.name in (KvAppendOp.op_name(), KvReadOp.op_name()):
            kv_ops.append(op)
        return ir.WalkResult.ADVANCE

    function.walk(visit)
    paged = [op for op in kv_ops if op.attributes["layout"] == ir.StringAttr.get("paged")]
    if not kv_ops or len(paged) == len(kv_ops):
        return  # nothing to page, or paged already
    caches = [argument for argument in entry.arguments if any(owner.name == KvAppendOp.op_name() and number == 0 for owner, number in _uses(argument))]
    chained = [op for argument in caches for op in _chain(argument, terminator)]
    for op in kv_ops:
        if op not in chained:
            raise Pass.fail("accel-raise-kv-cache: layout=paged pages caches that are function arguments; this one is not", op)
        if op in paged:
            raise Pass.fail("accel-raise-kv-cache: layout=paged: this cache is paged already, others of the function are not", op)
    shapes = {tuple(static_dims(argument)) for argument in caches}
    batches_and_lengths = {(shape[0], shape[2]) for shape in shapes}
    if len(batches_and_lengths) != 1:
        raise Pass.fail(f"accel-raise-kv-cache: layout=paged shares one block table between caches of one batch and length, got shapes {sorted(shapes)}", function)
    function_type = ir.TypeAttr(function.attributes["function_type"]).value
    table_shape = paged_shapes(list(next(iter(shapes))), block_size, num_blocks)[1]
    table = entry.add_argument(ir.RankedTensorType.get(table_shape, ir.IntegerType.get_signless(32)), function.location)
    if "arg_attrs" in function.attributes:
        attrs = list(ir.ArrayAttr(function.attributes["arg_attrs"]))
        function.attributes["arg_attrs"] = ir.ArrayAttr.get(attrs + [ir.DictAttr.get({})])
    for argument in caches:
        pool_shape = paged_shapes(static_dims(argument), block_size, num_blocks)[0]
        argument.set_type(ir.RankedTensorType.get(pool_shape, argument.type.element_type))
    order = {op.operation: index for index, op in enumerate(entry.operations)}
    for op in sorted(chained, key=lambda op: order.get(op, -1)):
        with ir.InsertionPoint(op), op.location:
            if op.name == KvAppendOp.op_name():
                view = KvAppendOp(op)
                paged = KvAppendOp.build(cache=view.cache, new=view.new, pos=view.pos, block_table=table, layout="paged", result_types=[view.cache.type])
            else:
                view = KvReadOp(op)
                paged = KvReadOp.build(cache=view.cache, length=view.length, block_table=table, layout="paged", result_types=[view.result.type])
        op.results[0].replace_all_uses_with(paged.result)
        op.erase()
    results = [operand.type for operand in terminator.operands]
    function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get([a.type for a in entry.arguments], results or list(function_type.results)))


@dataclass(frozen=True)
class AccelRaiseKvCache(RaisePass):
    ARGUMENT = "accel-raise-kv-cache"
    SUMMARY = "Raise a decoder step's KV cache writes (scatter / insert_slice at the position) and masked reads to accel.kv_append / accel.kv_read"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]

    layout: str = option("contiguous", help="the caches' layout: contiguous [B, Hkv, T, D], or paged (block pools and a block table argument)", choices=KV_LAYOUTS)
    block_size: int = option(16, parse=int, help="paged: positions per block")
    num_blocks: int = option(0, parse=int, help="paged: blocks in each pool (0: B * ceil(T / block-size))")

    def run(self, module):
        if self.block_size < 1 or self.num_blocks < 0:
            raise self.fail(f"accel-raise-kv-cache: block-size must be positive and num-blocks non-negative, got {self.block_size} and {self.num_blocks}", module)
        with Evaluator() as evaluator:
            for function in functions(module):
                _FunctionRaiser(function, evaluator).run()
        # No patterns: the index tensors and masks the rewrites made dead go, nothing else changes.
        super().run(module)
        if self.layout == "paged":
            for function in functions(module):
                with function.location:
                    page(function, self.block_size, self.num_blocks)


__all__ = ["AccelRaiseKvCache", "Checked", "causal_at", "check_positions", "expected_indices", "page", "paged_shapes"]
