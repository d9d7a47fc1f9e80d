"""accel-tile: tiles accel.qmatmul into loops over [tm, tn] output tiles, and
accel.quantize into loops over row blocks (L2 -> L3).

Sizes come from the hardware model (compiler/cost_model.py) or the `tile-sizes`
option: `tm,tn,tk` for every qmatmul, or `MxNxK:tm,tn,tk;...` for the qmatmuls of
those shapes (the others get the model's). The loops are made by MLIR's own tiling: each qmatmul gets a proxy
`linalg.generic` over its [M, N] output space, which the transform dialect's
`transform.structured.tile_using_for` tiles (loop bounds, edge-tile sizes with
affine.min, tensor.extract_slice / insert_slice of the result). Each tiled proxy is
then replaced by an accel.qmatmul on slices of the original operands at the tile's
offsets. K is not split here: the qmatmul of a tile reduces over all of K, and the
K tile size is recorded as `accel.tile = array<i64: tm, tn, tk>` for accel-schedule,
which builds the double-buffered K loop (w8a8 scales apply only after the full sum).

An accel.quantize of a [M, K] input is tiled the same way into blocks of rows (its
scales are per row, so a row block is independent of the others): its proxy is a
`linalg.generic` over [M, K] with two outputs, the int8 [M, K] and the f32 scales [M]
(K a reduction), tiled by `tile_using_for` with sizes [rows, 0]; each tiled proxy
becomes an accel.quantize of the input's row slice, marked `accel.tile = array<i64:
rows>` for accel-schedule-quantize. The row count is the `quantize-rows` option or,
by default, what fits the SRAM share the vector-unit schedule takes
(accel_schedule_quantize.quantize_block_rows).

Tile sizes that waste the machine are warned about (`tiling_warnings`), once per
qmatmul shape, located at the first qmatmul of that shape; the pass keeps them in
`warnings` (Diagnostics of severity "warning") for its caller (accel.compile puts
them on the artifact, accelc prints them):
- tiles narrower than the matrix array where the matmul is not (its PEs idle);
- more than MANY_TILE_STEPS tile steps (output tiles x K steps) in one qmatmul: a
  simulation of minutes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accel.compiler.ir_utils import mixed_values
from accel.compiler.passes import Pass, hardware_option, int_list, option
from accel.compiler.cost_model import TileSizes, choose_tile_sizes
from accel.dialects.accel import QMatmulOp, QuantizeOp, static_shape
from accel.core.mlir import ir, linalg, tensor, transform_interpreter
from accel.targets.timing import MatrixTiming

if TYPE_CHECKING:
    from accel.targets.hardware import Hardware


def load_hardware(spec):
    from accel.targets.hardware import load_hardware as load

    return load(spec)

PROXY_ATTR = "accel.tile_proxy"
TILE_ATTR = "accel.tile"

# One qmatmul in more tile steps (output tiles x K steps) than this is worth a
# warning: the sim target spends some 100 us of host time per step (issuing and
# timing its transfers and mma), so 100k steps are a run of ten seconds or more.
MANY_TILE_STEPS = 100_000


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.3g}%"


def tiling_warnings(shape: tuple[int, int, int], sizes: TileSizes, hw, given: bool) -> list[str]:
    """What is wasteful about tiling a qmatmul of `shape` (m, n, k) with `sizes` on the
    Hardware `hw` (`given`: the sizes are the user's --tile-sizes): messages, or none."""
    m, n, k = shape
    tm, tn, tk = sizes.as_list()
    where = " (--tile-sizes)" if given else ""
    messages = []
    timing = MatrixTiming(hw)
    rows, cols = hw.matrix.rows, hw.matrix.cols
    (row_dim, on_rows), (col_dim, on_cols) = timing.held(tm, tn, tk)
    # The fill the matmul allows: each held extent raised to the array's, as far as
    # the matmul's own dimension goes (a matmul narrower than the array is not the
    # tiles' fault).
    extent = {"M": m, "N": n, "K": k}
    fuller = {"M": tm, "N": tn, "K": tk}
    fuller[row_dim] = max(on_rows, min(extent[row_dim], rows))
    fuller[col_dim] = max(on_cols, min(extent[col_dim], cols))
    fill = timing.fill(tm, tn, tk)
    best = timing.fill(fuller["M"], fuller["N"], fuller["K"])
    if fill < best:
        messages.append(
            f"tiles {tm},{tn},{tk} use {_percent(fill)} of the {rows}x{cols} matrix array ({row_dim} {on_rows} of its "
            f"{rows} rows, {col_dim} {on_cols} of its {cols} columns): the other PEs idle; tiles "
            f"{fuller['M']},{fuller['N']},{fuller['K']} would use {_percent(best)}{where}"
        )
    tiles = math.ceil(m / tm) * math.ceil(n / tn)
    k_steps = math.ceil(k / tk)
    if tiles * k_steps > MANY_TILE_STEPS:
        messages.append(
            f"tiles {tm},{tn},{tk} cut this {m}x{n}x{k} matmul into {tiles * k_steps:,} tile steps ({tiles:,} tiles of "
            f"{k_steps} K steps): simulating them takes long; larger tiles make fewer{where}"
        )
    return messages


def _tile_triple(text: str) -> list[int]:
    sizes = int_list(text)
    if len(sizes) != 3 or min(sizes) <= 0:
        raise ValueError(f"expected three positive integers tm,tn,tk, got '{text}'")
    return sizes


def _tile_override(text: str) -> dict:
    """The `tile-sizes` option: {None: sizes} for 'tm,tn,tk' (every qmatmul), or
    {(m, n, k): sizes} for 'MxNxK:tm,tn,tk;...' (the qmatmuls of those shapes)."""
    if ":" not in text:
        return {None: _tile_triple(text)}
    override = {}
    for entry in text.split(";"):
        shape, _, sizes = entry.partition(":")
        dims = shape.split("x")
        if len(dims) != 3 or not all(d.isdigit() and int(d) > 0 for d in dims):
            raise ValueError(f"expected MxNxK:tm,tn,tk, got '{entry}'")
        override[tuple(int(d) for d in dims)] = _tile_triple(sizes)
    return override


def _tile_override_value(value) -> dict:
    """The `tile-sizes` option given from Python: (tm, tn, tk) for every qmatmul, or
    {(m, n, k): (tm, tn, tk)} for the qmatmuls of those shapes ({None: ...} as the
    parsed text gives is accepted too); checked as the text is."""
    if isinstance(value, Mapping):
        override = {}
        for shape, sizes in value.items():
            if shape is not None and (len(shape) != 3 or not all(isinstance(d, int) and d > 0 for d in shape)):
                raise ValueError(f"matmul shapes are three positive integers M,N,K, got {shape!r}")
            override[None if shape is None else tuple(shape)] = _tile_triple(",".join(map(str, sizes)))
        return override
    if isinstance(value, Sequence):
        return {None: _tile_triple(",".join(map(str, value)))}
    raise TypeError(f"expected tm,tn,tk or a mapping of MxNxK shapes to them, got {type(value).__name__}")


def _rows(value) -> int:
    """The `quantize-rows` option: a row count >= 0 (0: chosen from the SRAM)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a row count >= 0 (0: chosen from the SRAM), got {value!r}")
    return value


def tile_override_text(override: dict) -> str:
    """The `tile-sizes` option text of an override (see `_tile_override`)."""
    if None in override:
        return ",".join(map(str, override[None]))
    return ";".join(f"{m}x{n}x{k}:{','.join(map(str, sizes))}" for (m, n, k), sizes in override.items())


def _tiling_script(tile_sizes: list[tuple[int, int]]) -> str:
    """Tiles proxy i with sizes tile_sizes[i] (0: that dim not tiled, no loop)."""
    def tile(i, sizes):
        loops = sum(1 for size in sizes if size)
        handles = ", ".join(f"%l{i}_{j}" for j in range(loops))
        types = ", ".join(["!transform.any_op"] * (loops + 1))
        return (f"""    %p{i} = transform.structured.match ops{{["linalg.generic"]}} attributes{{{PROXY_ATTR} = {i} : i64}} in %root : (!transform.any_op) -> !transform.any_op
    %t{i}, {handles} = transform.structured.tile_using_for %p{i} tile_sizes [{", ".join(map(str, sizes))}] : (!transform.any_op) -> ({types})""")

    steps = "\n".join(tile(i, sizes) for i, sizes in enumerate(tile_sizes))
    return f"""module attributes {{transform.with_named_sequence}} {{
  transform.named_sequence @__transform_main(%root: !transform.any_op {{transform.readonly}}) {{
{steps}
    transform.yield
  }}
}}"""


def _i64(value: int) -> ir.IntegerAttr:
    return ir.IntegerAttr.get(ir.IntegerType.get_signless(64), value)


def _make_proxy(op: QMatmulOp, index: int) -> ir.Operation:
    """A linalg.generic over the qmatmul's [M, N] result space: what MLIR tiles."""
    result_type = op.result.type
    with ir.InsertionPoint(op.operation), op.operation.location:
        init = tensor.EmptyOp(list(result_type.shape), result_type.element_type)
        identity = ir.AffineMapAttr.get(ir.AffineMap.get_identity(2))
        parallel = ir.Attribute.parse("#linalg.iterator_type<parallel>")
        proxy = linalg.GenericOp([result_type], [], [init.result], ir.ArrayAttr.get([identity]), ir.ArrayAttr.get([parallel] * 2))
        proxy.operation.attributes[PROXY_ATTR] = _i64(index)
        block = proxy.regions[0].blocks.append(result_type.element_type)
        with ir.InsertionPoint(block):
            linalg.YieldOp([block.arguments[0]])
    return proxy.operation


def _slice(source: ir.Value, offsets: list, sizes: list) -> ir.Value:
    """tensor.extract_slice of `source`; offsets/sizes mix ints and index Values."""
    dynamic_offsets = [o for o in offsets if isinstance(o, ir.Value)]
    dynamic_sizes = [s for s in sizes if isinstance(s, ir.Value)]
    dyn = ir.ShapedType.get_dynamic_size()
    static_offsets = [dyn if isinstance(o, ir.Value) else o for o in offsets]
    static_sizes = [dyn if isinstance(s, ir.Value) else s for s in sizes]
    element = source.type.element_type
    result_type = ir.RankedTensorType.get(static_sizes, element)
    return tensor.ExtractSliceOp(
        result_type, source, dynamic_offsets, dynamic_sizes, [], static_offsets, static_sizes, [1] * len(offsets)
    ).result


def _replace_proxy(proxy: ir.Operation, original: QMatmulOp, sizes: TileSizes) -> None:
    """Replaces a tiled proxy by a qmatmul on slices of `original`'s operands."""
    out_slice = proxy.operands[0].owner.opview
    offsets = mixed_values(out_slice, "static_offsets", list(out_slice.offsets))
    extents = mixed_values(out_slice, "static_sizes", list(out_slice.sizes))
    (row, col), (rows, cols) = offsets, extents
    with ir.InsertionPoint(proxy), proxy.location:
        lhs_k = static_shape(original.lhs)[1]
        weight_k = static_shape(original.weight)[1]
        scale_shape = static_shape(original.weight_scale)
        operands = dict(
            lhs=_slice(original.lhs, [row, 0], [rows, lhs_k]),
            weight=_slice(original.weight, [col, 0], [cols, weight_k]),
            weight_scale=_slice(original.weight_scale, [col] + [0] * (len(scale_shape) - 1), [cols] + scale_shape[1:]),
        )
        if original.lhs_scale is not None:
            operands["lhs_scale"] = _slice(original.lhs_scale, [row], [rows])
        tiled = QMatmulOp.build(
            result_types=[proxy.results[0].type],
            scheme=original.scheme,
            group_size=original.group_size,
            **operands,
        )
        tiled.operation.attributes[TILE_ATTR] = ir.DenseI64ArrayAttr.get(sizes.as_list())
    proxy.results[0].replace_all_uses_with(tiled.result)
    proxy.erase()


@dataclass(frozen=True)
class AccelTile(Pass):
    ARGUMENT = "accel-tile"
    SUMMARY = "Tile accel.qmatmul into [tm, tn] output tiles sized for the hardware's SRAM"
    DESCRIPTION = __doc__

    hw: str | Hardware = hardware_option("hardware preset name or .toml file the sizes are chosen for")
    tile_sizes: dict = option(
        default_factory=dict, parse=_tile_override, coerce=_tile_override_value, format=tile_override_text,
        help="override: tm,tn,tk for every qmatmul, or MxNxK:tm,tn,tk;... for the qmatmuls of those shapes",
    )
    quantize_rows: int = option(0, parse=lambda text: _rows(int(text)), coerce=_rows,
                                help="rows per block of a tiled accel.quantize (0: what fits the SRAM)")

    def run(self, module):
        targets, quantizes = [], []

        def collect(op):
            if op.name == QMatmulOp.op_name() and TILE_ATTR not in op.attributes:
                targets.append(QMatmulOp(op))
            elif op.name == QuantizeOp.op_name() and TILE_ATTR not in op.attributes and len(static_shape(QuantizeOp(op).input)) == 2:
                quantizes.append(QuantizeOp(op))
            return ir.WalkResult.ADVANCE

        module.walk(collect)
        if not targets and not quantizes:
            return
        hw = load_hardware(self.hw)  # the model's choice and the warnings read it
        rows = [self._quantize_rows(op, hw) for op in quantizes]
        sizes = []
        warned = set()
        for op in targets:
            shape = static_shape(op.lhs) + static_shape(op.result)[1:]
            if None in shape:
                raise self.fail("accel-tile needs static shapes (a dynamic dim has no tile size)", op.operation)
            m, k, n = shape
            sizes.append(self._sizes(op, m, n, k, hw))
            if (m, n, k) not in warned:  # once per shape, at its first qmatmul
                warned.add((m, n, k))
                given = (m, n, k) in self.tile_sizes or None in self.tile_sizes
                for message in tiling_warnings((m, n, k), sizes[-1], hw, given):
                    self.warn(message, op.operation)
        for index, op in enumerate(targets):
            _make_proxy(op, index)
        for index, op in enumerate(quantizes, len(targets)):
            _make_quantize_proxy(op, index)
        script = ir.Module.parse(_tiling_script([(s.tm, s.tn) for s in sizes] + [(r, 0) for r in rows]))
        transform_interpreter.apply_named_sequence(module, script.body.operations[0], script)
        self._finish(module, targets, sizes, quantizes, rows)

    def _quantize_rows(self, op: QuantizeOp, hw) -> int:
        """The row block of a [M, K] quantize: the option's (clamped to M), or what fits
        the vector schedule's share of the SRAM; a located error if one row does not."""
        from accel.compiler.passes.accel_schedule_quantize import quantize_block_rows

        m, k = static_shape(op.input)
        if m is None or k is None:
            raise self.fail("accel-tile needs static shapes (a dynamic dim has no tile size)", op.operation)
        if self.quantize_rows:
            return min(self.quantize_rows, m)
        rows = quantize_block_rows(k, hw)
        if rows < 1:
            raise self.fail(f"accel-tile: one row of this accel.quantize (K = {k}) does not fit the SRAM share of its "
                            f"schedule on hardware '{hw.name}' (rows are not split along K, so far)", op.operation)
        return min(rows, m)

    def _sizes(self, op: QMatmulOp, m: int, n: int, k: int, hw) -> TileSizes:
        override = self.tile_sizes
        sizes = override.get((m, n, k), override.get(None))
        if sizes:
            clamped = TileSizes(min(sizes[0], m), min(sizes[1], n), min(sizes[2], k))
            if clamped.as_list() != list(sizes):
                # One option may serve matmuls of several shapes, so larger sizes are
                # clamped rather than refused; but the user asked for something else.
                self.warn(f"accel-tile: tile-sizes {','.join(map(str, sizes))} exceed this {m}x{n}x{k} matmul (MxNxK): "
                          f"clamped to {','.join(map(str, clamped.as_list()))}", op.operation)
            return clamped
        return choose_tile_sizes(m, n, k, hw, op.scheme)

    def _finish(self, module, targets: list[QMatmulOp], sizes: list[TileSizes], quantizes: list[QuantizeOp], rows: list[int]) -> None:
        """Swaps each tiled proxy for a qmatmul (quantize) on slices, and each original for its loop."""
        tiled = {}

        def collect(op):
            if op.name == "linalg.generic" and PROXY_ATTR in op.attributes:
                index = ir.IntegerAttr(op.attributes[PROXY_ATTR]).value
                if isinstance(op.operands[0].owner.opview, tensor.ExtractSliceOp):
                    tiled.setdefault(index, []).append(op)
            return ir.WalkResult.ADVANCE

        module.walk(collect)
        for index, original in enumerate(targets):
            (proxy,) = tiled[index]
            loop = _outermost_loop(proxy)
            _replace_proxy(proxy, original, sizes[index])
            original.result.replace_all_uses_with(loop.results[0])
            original.operation.erase()
        for index, original in enumerate(quantizes, len(targets)):
            (proxy,) = tiled[index]
            loop = _outermost_loop(proxy)
            _replace_quantize_proxy(proxy, original, rows[index - len(targets)])
            original.output.replace_all_uses_with(loop.results[0])
            original.scale.replace_all_uses_with(loop.results[1])
            original.operation.erase()


def _make_quantize_proxy(op: QuantizeOp, index: int) -> ir.Operation:
    """A linalg.generic over the quantize's [M, K] space writing both its results
    (the scales along M only: K is a reduction): what MLIR tiles along M."""
    q_type, s_type = op.output.type, op.scale.type
    with ir.InsertionPoint(op.operation), op.operation.location:
        inits = [tensor.EmptyOp(list(t.shape), t.element_type).result for t in (q_type, s_type)]
        maps = [ir.AffineMap.get_identity(2), ir.AffineMap.get(2, 0, [ir.AffineDimExpr.get(0)])]
        iterators = [ir.Attribute.parse(f"#linalg.iterator_type<{kind}>") for kind in ("parallel", "reduction")]
        proxy = linalg.GenericOp([q_type, s_type], [], inits, ir.ArrayAttr.get([ir.AffineMapAttr.get(m) for m in maps]),
                                 ir.ArrayAttr.get(iterators))
        proxy.operation.attributes[PROXY_ATTR] = _i64(index)
        block = proxy.regions[0].blocks.append(q_type.element_type, s_type.element_type)
        with ir.InsertionPoint(block):
            linalg.YieldOp(list(block.arguments))
    return proxy.operation


def _replace_quantize_proxy(proxy: ir.Operation, original: QuantizeOp, rows: int) -> None:
    """Replaces a tiled quantize proxy by an accel.quantize of the input's row slice."""
    out_slice = proxy.operands[0].owner.opview
    (row, _), (extent, k) = (mixed_values(out_slice, name, list(values)) for name, values in
                             (("static_offsets", out_slice.offsets), ("static_sizes", out_slice.sizes)))
    with ir.InsertionPoint(proxy), proxy.location:
        tiled = QuantizeOp.build(result_types=[r.type for r in proxy.results], input=_slice(original.input, [row, 0], [extent, k]))
        tiled.operation.attributes[TILE_ATTR] = ir.DenseI64ArrayAttr.get([rows])
    proxy.results[0].replace_all_uses_with(tiled.output)
    proxy.results[1].replace_all_uses_with(tiled.scale)
    proxy.erase()


def _outermost_loop(op: ir.Operation) -> ir.Operation:
    """The scf.for nest's outer loop around a tiled op."""
    loop = None
    parent = op.parent
    while parent is not None and parent.name == "scf.for":
        loop = parent
        parent = parent.parent
    return loop
