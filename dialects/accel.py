"""The accel dialect: every accel op, type and attribute, defined once.

Graph level (L2, on tensors): quantize, dequantize, qmatmul.
Scheduled level (L4, on memrefs in DRAM or SRAM, asynchronous with tokens):
alloc, dma_load, dma_store, mma, rescale, ready, wait.

Types and attributes:
- `!accel.token`: completion of an asynchronous op (DMA or tile compute).
- `#accel.memspace<"sram">` / `#accel.memspace<"dram">`: the memory space of a memref.
  A memref without a memory space lives in DRAM.

Quantization conventions (the numeric meaning is in accel.runtime.golden):
weights are [N, K] (output channels first, as torch.nn.Linear stores them), symmetric,
int8 in [-127, 127] or int4 in [-7, 7]; int4 is packed two per byte along K, the even k
in the low nibble. Scales are f32: one per output channel ([N]) or one per group of
`group_size` consecutive k ([N, K / group_size]).
"""

from __future__ import annotations

from accel.dialects.ods import (
    Attr,
    AttrDef,
    BoolAttr,
    Dialect,
    EnumAttr,
    IntAttr,
    MemRefOf,
    OpDef,
    Operand,
    Result,
    TensorOf,
    Token,
    TypeDef,
    VerifyError,
    memory_space_of,
)
from accel.mlir import ir

ACCEL = Dialect(
    "accel",
    types=[TypeDef("token", "Completion of an asynchronous accel op; consumed by ops that depend on it.")],
    attributes=[AttrDef("memspace", "Memory space of a memref: DRAM (off chip) or SRAM (on chip).", "kind", ("dram", "sram"))],
)

QUANT_SCHEMES = ("w8a8", "w8a16", "w4a16")


def static_shape(value: ir.Value) -> list[int | None]:
    """The dims of a shaped value, None for a dynamic dim."""
    shaped = value.type
    return [None if shaped.is_dynamic_dim(i) else shaped.shape[i] for i in range(shaped.rank)]


def _dims_agree(a: int | None, b: int | None) -> bool:
    return a is None or b is None or a == b


def _shape_text(shape) -> str:
    """A shape (list) or one dim for a message, a dynamic dim written '?' as MLIR does."""
    if isinstance(shape, (list, tuple)):
        return "[" + ", ".join(_shape_text(d) for d in shape) + "]"
    return "?" if shape is None else str(shape)


def _element(value: ir.Value) -> str:
    return str(value.type.element_type)


# ---------------------------------------------------------------------------
# Graph level


@ACCEL.op
class QuantizeOp(OpDef):
    """Dynamic symmetric int8 quantization, one scale per row (over the last dim).

    `scale[r] = max(|input[r, :]|) / 127` (1.0 for an all-zero row) and
    `output = clamp(round_half_even(input / scale), -127, 127)`. Used for the
    activations of the w8a8 scheme.

    Example:
        %q, %scale = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
    """

    NAME = "quantize"
    OPERANDS = [Operand("input", TensorOf("float"), "values to quantize")]
    RESULTS = [
        Result("output", TensorOf("i8"), "quantized values, same shape as input"),
        Result("scale", TensorOf("f32"), "one scale per row: the input shape without its last dim"),
    ]

    def verify_op(self):
        shape = static_shape(self.input)
        if len(shape) < 1:
            raise self.error("'accel.quantize' op input must have rank >= 1")
        out = static_shape(self.output)
        if len(out) != len(shape) or not all(map(_dims_agree, out, shape)):
            raise self.error(f"'accel.quantize' op output shape {_shape_text(out)} must equal input shape {_shape_text(shape)}")
        scale = static_shape(self.scale)
        if len(scale) != len(shape) - 1 or not all(map(_dims_agree, scale, shape[:-1])):
            raise self.error(f"'accel.quantize' op scale shape {_shape_text(scale)} must be the input shape without its last dim {_shape_text(shape[:-1])}")


def _check_weight_scales(op: OpDef, weight_shape, scale_shape, bits: int, group_size: int, k: int | None, what: str) -> None:
    """Shared by dequantize and qmatmul: packing, group size and scale shapes agree."""
    n = weight_shape[0]
    stored_k = weight_shape[1]
    if bits == 4 and stored_k is not None and k is not None and stored_k * 2 != k:
        raise op.error(f"'{what}' op int4 weights pack two values per byte along K: expected {k // 2 if k else '?'} bytes per row for K = {k}, got {stored_k}")
    if group_size == 0:
        if len(scale_shape) != 1 or not _dims_agree(scale_shape[0], n):
            raise op.error(f"'{what}' op per-channel scales must have shape {_shape_text([n])}, got {_shape_text(scale_shape)}")
        return
    if k is not None and k % group_size != 0:
        raise op.error(f"'{what}' op group_size {group_size} must divide K = {k}")
    groups = None if k is None else k // group_size
    if len(scale_shape) != 2 or not _dims_agree(scale_shape[0], n) or not _dims_agree(scale_shape[1], groups):
        raise op.error(f"'{what}' op per-group scales must have shape {_shape_text([n, groups])} (K / group_size), got {_shape_text(scale_shape)}")


@ACCEL.op
class DequantizeOp(OpDef):
    """Symmetric dequantization of a [N, K] weight: `output = f32(input) * scale`.

    `bits = 8`: input is int8 [N, K]. `bits = 4`: input packs two int4 per byte along K
    ([N, K / 2], even k in the low nibble). Scales are per row ([N], `group_size = 0`)
    or per group of `group_size` consecutive k ([N, K / group_size]).

    Example:
        %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>
    """

    NAME = "dequantize"
    OPERANDS = [
        Operand("input", TensorOf("i8", rank=2), "quantized values"),
        Operand("scale", TensorOf("f32"), "scales, per row or per group"),
    ]
    ATTRIBUTES = [
        Attr("bits", IntAttr(min_value=1), "4 or 8"),
        Attr("group_size", IntAttr(min_value=0), "0: one scale per row; else k values per scale"),
    ]
    RESULTS = [Result("output", TensorOf("float", rank=2), "dequantized values [N, K]")]

    def verify_op(self):
        if self.bits not in (4, 8):
            raise self.error(f"'accel.dequantize' op bits must be 4 or 8, got {self.bits}")
        out = static_shape(self.output)
        inp = static_shape(self.input)
        if not _dims_agree(out[0], inp[0]):
            raise self.error(f"'accel.dequantize' op output rows {out[0]} must equal input rows {inp[0]}")
        if self.bits == 8 and not _dims_agree(out[1], inp[1]):
            raise self.error(f"'accel.dequantize' op output shape {_shape_text(out)} must equal input shape {_shape_text(inp)} for 8-bit values")
        _check_weight_scales(self, inp, static_shape(self.scale), self.bits, self.group_size, out[1], "accel.dequantize")


@ACCEL.op
class QMatmulOp(OpDef):
    """Matmul with quantized weights: `result[m, n] = sum_k lhs[m, k] * weight[n, k]`.

    Schemes (`scheme`):
    - `w8a8`: lhs int8 [M, K] with per-row `lhs_scale` [M]; weight int8 [N, K] with
      per-channel `weight_scale` [N]; products accumulate in i32, then
      `result = (f32(acc) * lhs_scale[m]) * weight_scale[n]`, in that order.
    - `w8a16`: lhs float [M, K]; weight int8 [N, K], scale [N]:
      `result = (sum_k lhs * f32(weight)) * weight_scale[n]`.
    - `w4a16`: lhs float [M, K]; weight int4 packed [N, K / 2], scale
      [N, K / group_size]: `result = sum_k lhs * (f32(weight) * weight_scale[n, k / g])`.

    Example:
        %y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>
    """

    NAME = "qmatmul"
    OPERANDS = [
        Operand("lhs", TensorOf("i8", "float", rank=2), "activations [M, K]"),
        Operand("weight", TensorOf("i8", rank=2), "quantized weights [N, K] (int4: [N, K / 2])"),
        Operand("weight_scale", TensorOf("f32"), "[N] per channel or [N, K / group_size]"),
        Operand("lhs_scale", TensorOf("f32", rank=1), "[M] per-row activation scales (w8a8 only)", optional=True),
    ]
    ATTRIBUTES = [
        Attr("scheme", EnumAttr(*QUANT_SCHEMES), "quantization scheme"),
        Attr("group_size", IntAttr(min_value=0), "0: per-channel scales; else k values per scale"),
    ]
    RESULTS = [Result("result", TensorOf("f32", rank=2), "[M, N]")]

    def verify_op(self):
        scheme = self.scheme
        lhs = static_shape(self.lhs)
        result = static_shape(self.result)
        weight = static_shape(self.weight)
        integer_lhs = _element(self.lhs) == "i8"
        if (scheme == "w8a8") != integer_lhs:
            want = "int8" if scheme == "w8a8" else "float"
            raise self.error(f"'accel.qmatmul' op scheme {scheme} takes {want} activations, got {self.lhs.type}")
        if (scheme == "w8a8") != (self.lhs_scale is not None):
            raise self.error(f"'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme {scheme})")
        if self.lhs_scale is not None and not _dims_agree(static_shape(self.lhs_scale)[0], lhs[0]):
            raise self.error(f"'accel.qmatmul' op lhs_scale shape {static_shape(self.lhs_scale)} must be [M] = [{lhs[0]}]")
        if scheme == "w4a16" and self.group_size == 0:
            raise self.error("'accel.qmatmul' op w4a16 needs group_size > 0 (per-group scales)")
        if scheme != "w4a16" and self.group_size != 0:
            raise self.error(f"'accel.qmatmul' op {scheme} uses per-channel scales: group_size must be 0, got {self.group_size}")
        if not _dims_agree(result[0], lhs[0]) or not _dims_agree(result[1], weight[0]):
            raise self.error(f"'accel.qmatmul' op result shape {_shape_text(result)} must be [M, N] = {_shape_text([lhs[0], weight[0]])}")
        bits = 4 if scheme == "w4a16" else 8
        if bits == 8 and not _dims_agree(weight[1], lhs[1]):
            raise self.error(f"'accel.qmatmul' op weight K {weight[1]} must equal lhs K {lhs[1]}")
        _check_weight_scales(self, weight, static_shape(self.weight_scale), bits, self.group_size, lhs[1], "accel.qmatmul")


# ---------------------------------------------------------------------------
# Scheduled level


def _check_static(op: OpDef, value: ir.Value, what: str) -> None:
    if any(d is None for d in static_shape(value)):
        raise op.error(f"{what} must have a static shape, got {value.type}")


@ACCEL.op
class AllocOp(OpDef):
    """An on-chip SRAM buffer at a fixed address (`offset`, in bytes) of the memory plan.

    The buffer lives until the end of the function; the scheduler's address plan
    guarantees that buffers live at the same time do not overlap.

    Example:
        %buf = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8, #accel.memspace<"sram">>
    """

    NAME = "alloc"
    ATTRIBUTES = [Attr("offset", IntAttr(min_value=0), "byte address of the buffer in SRAM")]
    RESULTS = [Result("buffer", MemRefOf(space="sram"), "the SRAM buffer")]

    def verify_op(self):
        _check_static(self, self.buffer, "'accel.alloc' op buffer")


def _check_copy(op: OpDef, src: ir.Value, dst: ir.Value, what: str, window: ir.Value) -> None:
    """DMA source and destination agree: element type, rank; the DRAM window fits the tile."""
    if _element(src) != _element(dst):
        raise op.error(f"'{what}' op element types differ: {src.type} vs {dst.type}")
    if src.type.rank != dst.type.rank:
        raise op.error(f"'{what}' op ranks differ: {src.type} vs {dst.type}")
    # `==`, not `is`: every accessor call makes a new Python ir.Value for the same value.
    sram = dst if window == src else src
    for dim, (w, s) in enumerate(zip(static_shape(window), static_shape(sram))):
        if w is not None and s is not None and w > s:
            raise op.error(f"'{what}' op DRAM window dim {dim} ({w}) exceeds the SRAM buffer ({s})")


@ACCEL.op
class DmaLoadOp(OpDef):
    """Asynchronous copy of a DRAM window into an SRAM buffer; returns its token.

    Starts once every token in `deps` has completed. The window may be smaller than
    the buffer (an edge tile): it lands at the buffer's origin and the rest is zero.

    Example:
        %t = "accel.dma_load"(%window, %buf) : (memref<64x64xi8, strided<[512, 1], offset: ?>>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token
    """

    NAME = "dma_load"
    OPERANDS = [
        Operand("source", MemRefOf(space="dram"), "DRAM window to read"),
        Operand("dest", MemRefOf(space="sram"), "SRAM buffer to fill"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    RESULTS = [Result("token", Token, "completes when the copy is done")]

    def verify_op(self):
        _check_copy(self, self.source, self.dest, "accel.dma_load", self.source)


@ACCEL.op
class DmaStoreOp(OpDef):
    """Asynchronous copy of an SRAM buffer (or its origin corner) into a DRAM window.

    Starts once every token in `deps` has completed; copies the window's shape.

    Example:
        %t = "accel.dma_store"(%buf, %window, %done) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf32, strided<[512, 1], offset: ?>>, !accel.token) -> !accel.token
    """

    NAME = "dma_store"
    OPERANDS = [
        Operand("source", MemRefOf(space="sram"), "SRAM buffer to read"),
        Operand("dest", MemRefOf(space="dram"), "DRAM window to write"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    RESULTS = [Result("token", Token, "completes when the copy is done")]

    def verify_op(self):
        _check_copy(self, self.source, self.dest, "accel.dma_store", self.dest)


@ACCEL.op
class MmaOp(OpDef):
    """Tile matmul on the matrix unit: `acc (+)= lhs x rhs^T`, all in SRAM.

    lhs is [TM, TK], rhs is [TN, TK] (weights keep output channels first), acc is
    [TM, TN]. int8 x int8 accumulates in i32; float operands accumulate in f32.
    `accumulate = false` overwrites acc instead of adding to it. Starts once every
    token in `deps` has completed.

    Example:
        %t = "accel.mma"(%a, %b, %acc, %ta, %tb) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token
    """

    NAME = "mma"
    OPERANDS = [
        Operand("lhs", MemRefOf("i8", "float", space="sram", rank=2), "[TM, TK]"),
        Operand("rhs", MemRefOf("i8", "float", space="sram", rank=2), "[TN, TK]"),
        Operand("acc", MemRefOf("i32", "f32", space="sram", rank=2), "[TM, TN] accumulator"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    ATTRIBUTES = [Attr("accumulate", BoolAttr(), "add to acc (true) or overwrite it (false)")]
    RESULTS = [Result("token", Token, "completes when the tile is computed")]

    def verify_op(self):
        a, b, acc = static_shape(self.lhs), static_shape(self.rhs), static_shape(self.acc)
        if not (_dims_agree(a[1], b[1]) and _dims_agree(acc[0], a[0]) and _dims_agree(acc[1], b[0])):
            raise self.error(f"'accel.mma' op shapes do not agree: lhs {_shape_text(a)} (TM x TK), rhs {_shape_text(b)} (TN x TK), acc {_shape_text(acc)} (TM x TN)")
        ea, eb, eacc = _element(self.lhs), _element(self.rhs), _element(self.acc)
        integer = ea == "i8"
        if (eb == "i8") != integer:
            raise self.error(f"'accel.mma' op lhs and rhs must both be int8 or both float, got {ea} and {eb}")
        if integer and eacc != "i32":
            raise self.error(f"'accel.mma' op int8 operands accumulate in i32, got an {eacc} accumulator")
        if not integer and eacc != "f32":
            raise self.error(f"'accel.mma' op float operands accumulate in f32, got an {eacc} accumulator")


@ACCEL.op
class RescaleOp(OpDef):
    """Vector-unit epilogue of an int8 tile: `out = (f32(acc) * row_scale[m]) * col_scale[n]`.

    The per-row activation scale and the per-channel weight scale of w8a8, applied to
    an i32 accumulator tile in the order the golden semantics define. All in SRAM;
    starts once every token in `deps` has completed.

    Example:
        %t = "accel.rescale"(%acc, %rs, %cs, %out, %done) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    """

    NAME = "rescale"
    OPERANDS = [
        Operand("acc", MemRefOf("i32", space="sram", rank=2), "[TM, TN] i32 accumulator"),
        Operand("row_scale", MemRefOf("f32", space="sram", rank=1), "[TM] per-row scales"),
        Operand("col_scale", MemRefOf("f32", space="sram", rank=1), "[TN] per-column scales"),
        Operand("out", MemRefOf("f32", space="sram", rank=2), "[TM, TN] result tile"),
        Operand("deps", Token, "tokens to wait for before starting", variadic=True),
    ]
    RESULTS = [Result("token", Token, "completes when the tile is rescaled")]

    def verify_op(self):
        acc, out = static_shape(self.acc), static_shape(self.out)
        rows, cols = static_shape(self.row_scale), static_shape(self.col_scale)
        if not all(map(_dims_agree, acc, out)):
            raise self.error(f"'accel.rescale' op acc {_shape_text(acc)} and out {_shape_text(out)} must have the same shape")
        if not _dims_agree(rows[0], acc[0]) or not _dims_agree(cols[0], acc[1]):
            raise self.error(f"'accel.rescale' op scales {_shape_text(rows)} x {_shape_text(cols)} must match the tile {_shape_text(acc)} (rows x columns)")


@ACCEL.op
class ReadyOp(OpDef):
    """A token that is already complete: what an op waits for when it waits for nothing.

    Ops that depend on it may start at once; waiting on it returns at once. It is the
    initial value of loop-carried tokens (`scf.for` iter_args), whose later values are
    the tokens of real DMA or compute ops: "the last op that read this buffer" before
    the first iteration is no op at all. Like MLIR's `gpu.wait async` without
    dependencies.

    Example:
        %t = "accel.ready"() : () -> !accel.token
    """

    NAME = "ready"
    RESULTS = [Result("token", Token, "a token that has completed")]


@ACCEL.op
class WaitOp(OpDef):
    """Blocks the control flow until every token has completed.

    Example:
        "accel.wait"(%t0, %t1) : (!accel.token, !accel.token) -> ()
    """

    NAME = "wait"
    OPERANDS = [Operand("tokens", Token, "tokens to wait for", variadic=True)]

    def verify_op(self):
        if not self.tokens:
            raise self.error("'accel.wait' op needs at least one token")


def lookup(op_name: str):
    """The definition of an accel op by its full name, or None."""
    return ACCEL.lookup(op_name)


__all__ = ["ACCEL", "QUANT_SCHEMES", "VerifyError", "lookup", "static_shape", "memory_space_of"] + [
    cls.__name__ for cls in ACCEL.ops.values()
]
