"""Tests of the accel dialect's Python side: every op's docstring example parses,
verifies and round-trips; builders and named accessors; the verifier's messages and
locations for each constraint and op-specific check; and the definition framework's
own checks (accel.dialects.ods)."""

from __future__ import annotations

import pytest
from conftest import op_position, wrap_example

from accel.core.diagnostics import AccelError
from accel.dialects import ACCEL, accel_operations, is_token, memspace_text, token_type, verify_accel
from accel.dialects.accel import (
    AllocOp,
    AttentionOp,
    DequantizeOp,
    DmaLoadOp,
    DmaStoreOp,
    KvAppendOp,
    KvReadOp,
    MmaOp,
    QMatmulOp,
    QuantizeOp,
    ReadyOp,
    RescaleOp,
    RmsNormOp,
    RopeOp,
    SiluMulOp,
    SoftmaxOp,
    GatherOp,
    VBinaryOp,
    VReduceOp,
    VUnaryOp,
    WaitOp,
)
from accel.dialects.ods import (
    AttrConstraint,
    BoolAttr,
    Dialect,
    EnumAttr,
    FloatAttr,
    I64ArrayAttr,
    Index,
    IntAttr,
    MemRefOf,
    OpDef,
    Operand,
    TensorOf,
    Token,
    memory_space_of,
)
from accel.core.mlir import ir

SRAM = memspace_text("sram")
OPS = sorted(ACCEL.ops)


def verify_error(parse, text: str) -> AccelError:
    """The AccelError verify_accel raises for `text` (fails the test if none)."""
    module = parse(text)
    with pytest.raises(AccelError) as info:
        verify_accel(module)
    return info.value


# ---------------------------------------------------------------------------
# Docstring examples


@pytest.mark.parametrize("op_name", OPS)
def test_example_parses_verifies_and_round_trips(parse, op_name):
    definition = ACCEL.ops[op_name]
    text = wrap_example(definition.example())
    module = parse(text)
    verify_accel(module)

    [op] = accel_operations(module.operation)
    assert op.name == op_name
    assert definition(op).operation == op

    printed = str(module)
    reparsed = parse(printed)
    verify_accel(reparsed)
    assert str(reparsed) == printed
    [again] = accel_operations(reparsed.operation)
    assert [str(v.type) for v in again.operands] == [str(v.type) for v in op.operands]
    assert [str(r.type) for r in again.results] == [str(r.type) for r in op.results]
    assert {k: str(again.attributes[k]) for k in again.attributes} == {k: str(op.attributes[k]) for k in op.attributes}


@pytest.mark.parametrize("op_name", OPS)
def test_op_documentation(op_name):
    definition = ACCEL.ops[op_name]
    assert definition.NAME == op_name.removeprefix("accel.")
    assert definition.summary().strip() and "\n" not in definition.summary()
    assert len(definition.description()) > len(definition.summary())
    assert f'"{op_name}"' in definition.example()
    for part in definition.OPERANDS + definition.RESULTS + definition.ATTRIBUTES:
        assert part.doc, f"{op_name}: '{part.name}' has no doc"


def test_wrap_example_types_free_values_from_the_signature():
    text = wrap_example('%t = "accel.dma_store"(%buf, %w, %done) : (memref<4xf32>, memref<4xf32>, !accel.token) -> !accel.token')
    assert text.splitlines()[0] == "func.func @example(%buf: memref<4xf32>, %w: memref<4xf32>, %done: !accel.token) {"
    chained = wrap_example(
        '%a = "accel.alloc"() {offset = 0 : i64} : () -> memref<4xf32>\n"accel.use"(%a, %x, %a) : (memref<4xf32>, i32, memref<4xf32>) -> ()'
    )
    assert chained.splitlines()[0] == "func.func @example(%x: i32) {"


# ---------------------------------------------------------------------------
# Builders and accessors


def arguments(parse, *types: str):
    """A function taking `types`; returns its module, arguments and an insertion
    point before its terminator."""
    signature = ", ".join(f"%a{i}: {t}" for i, t in enumerate(types))
    module = parse(f"func.func @f({signature}) {{\n  return\n}}")
    block = module.body.operations[0].regions[0].blocks[0]
    return module, list(block.arguments), ir.InsertionPoint.at_block_terminator(block)


def types(*texts: str) -> list[ir.Type]:
    return [ir.Type.parse(t) for t in texts]


def test_build_quantize(parse):
    module, [x], ip = arguments(parse, "tensor<4x64xf32>")
    op = QuantizeOp.build(input=x, result_types=types("tensor<4x64xi8>", "tensor<4xf32>"), ip=ip)
    verify_accel(module)
    assert op.operation.name == "accel.quantize"
    assert op.input == x
    assert str(op.output.type) == "tensor<4x64xi8>"
    assert str(op.scale.type) == "tensor<4xf32>"
    assert op.output == op.operation.results[0] and op.scale == op.operation.results[1]


def test_build_dequantize(parse):
    module, [q, s], ip = arguments(parse, "tensor<16x32xi8>", "tensor<16x2xf32>")
    op = DequantizeOp.build(input=q, scale=s, bits=4, group_size=32, result_types=types("tensor<16x64xf32>"), ip=ip)
    verify_accel(module)
    assert (op.input, op.scale) == (q, s)
    assert (op.bits, op.group_size) == (4, 32)
    assert str(op.operation.attributes["bits"]) == "4 : i64"
    assert str(op.output.type) == "tensor<16x64xf32>"


def test_build_qmatmul(parse):
    module, [x8, w, ws, xs, xf], ip = arguments(
        parse, "tensor<4x64xi8>", "tensor<32x64xi8>", "tensor<32xf32>", "tensor<4xf32>", "tensor<4x64xf16>"
    )
    result = types("tensor<4x32xf32>")
    w8a8 = QMatmulOp.build(lhs=x8, weight=w, weight_scale=ws, lhs_scale=xs, scheme="w8a8", group_size=0, result_types=result, ip=ip)
    w8a16 = QMatmulOp.build(lhs=xf, weight=w, weight_scale=ws, scheme="w8a16", group_size=0, result_types=result, ip=ip)
    verify_accel(module)
    assert (w8a8.lhs, w8a8.weight, w8a8.weight_scale, w8a8.lhs_scale) == (x8, w, ws, xs)
    assert w8a8.scheme == "w8a8" and w8a8.group_size == 0
    assert str(w8a8.operation.attributes["scheme"]) == '"w8a8"'
    # The optional operand: absent, the accessor is None and the others do not shift.
    assert len(w8a16.operation.operands) == 3
    assert (w8a16.lhs, w8a16.weight, w8a16.weight_scale, w8a16.lhs_scale) == (xf, w, ws, None)
    assert str(w8a16.result.type) == "tensor<4x32xf32>"


def test_build_alloc(parse):
    module, [], ip = arguments(parse)
    op = AllocOp.build(offset=4096, result_types=types(f"memref<64x64xi8, {SRAM}>"), ip=ip)
    verify_accel(module)
    assert op.offset == 4096
    assert memory_space_of(op.buffer.type) == "sram"
    assert len(op.operation.operands) == 0


def test_build_dma_load(parse):
    module, [window, buf, t0, t1], ip = arguments(
        parse, "memref<64x64xi8, strided<[512, 1], offset: ?>>", f"memref<64x64xi8, {SRAM}>", "!accel.token", "!accel.token"
    )
    bare = DmaLoadOp.build(source=window, dest=buf, result_types=[token_type()], ip=ip)
    waiting = DmaLoadOp.build(source=window, dest=buf, deps=[t0, t1], result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (bare.source, bare.dest, bare.deps) == (window, buf, [])
    assert (waiting.source, waiting.dest, waiting.deps) == (window, buf, [t0, t1])
    assert is_token(waiting.token.type)


def test_build_dma_store(parse):
    module, [buf, window, done], ip = arguments(parse, f"memref<64x64xf32, {SRAM}>", "memref<64x64xf32>", "!accel.token")
    op = DmaStoreOp.build(source=buf, dest=window, deps=[done], result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.source, op.dest, op.deps) == (buf, window, [done])
    assert is_token(op.token.type)


def test_build_mma(parse):
    module, [a, b, acc, ta], ip = arguments(
        parse, f"memref<64x128xbf16, {SRAM}>", f"memref<32x128xbf16, {SRAM}>", f"memref<64x32xf32, {SRAM}>", "!accel.token"
    )
    op = MmaOp.build(lhs=a, rhs=b, acc=acc, deps=[ta], accumulate=False, result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.lhs, op.rhs, op.acc, op.deps) == (a, b, acc, [ta])
    assert op.accumulate is False
    assert str(op.operation.attributes["accumulate"]) == "false"


def test_build_rescale(parse):
    module, [acc, rs, cs, out, t], ip = arguments(
        parse, f"memref<64x32xi32, {SRAM}>", f"memref<64xf32, {SRAM}>", f"memref<32xf32, {SRAM}>", f"memref<64x32xf32, {SRAM}>", "!accel.token"
    )
    op = RescaleOp.build(acc=acc, row_scale=rs, col_scale=cs, out=out, deps=[t], result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.acc, op.row_scale, op.col_scale, op.out, op.deps) == (acc, rs, cs, out, [t])


def test_build_vunary(parse):
    module, [x, y, t], ip = arguments(parse, f"memref<16x1xf32, {SRAM}>", f"memref<16x64xf32, {SRAM}>", "!accel.token")
    op = VUnaryOp.build(input=x, out=y, deps=[t], kind="clamp", min=-127.0, max=127.0, result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.input, op.out, op.deps, op.kind, op.min, op.max) == (x, y, [t], "clamp", -127.0, 127.0)


def test_build_vbinary(parse):
    module, [a, b, c], ip = arguments(parse, f"memref<16x64xf32, {SRAM}>", f"memref<1x64xf16, {SRAM}>", f"memref<16x64xf32, {SRAM}>")
    op = VBinaryOp.build(lhs=a, rhs=b, out=c, kind="add", result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.lhs, op.rhs, op.out, op.deps, op.kind) == (a, b, c, [], "add")


def test_build_vreduce(parse):
    module, [x, m], ip = arguments(parse, f"memref<2x16x64xf32, {SRAM}>", f"memref<2x16x1xf32, {SRAM}>")
    op = VReduceOp.build(input=x, out=m, kind="sum", result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.input, op.out, op.kind) == (x, m, "sum")


def test_build_gather(parse):
    module, [table, ids, rows], ip = arguments(parse, "memref<100x64xf32>", f"memref<8xi32, {SRAM}>", f"memref<8x64xf32, {SRAM}>")
    op = GatherOp.build(table=table, indices=ids, out=rows, queue=1, result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert (op.table, op.indices, op.out, op.queue) == (table, ids, rows, 1)


def test_build_ready(parse):
    module, [], ip = arguments(parse)
    op = ReadyOp.build(result_types=[token_type()], ip=ip)
    verify_accel(module)
    assert len(op.operation.operands) == 0
    assert op.token == op.operation.results[0] and is_token(op.token.type)


def test_build_wait(parse):
    module, [t0, t1, t2], ip = arguments(parse, "!accel.token", "!accel.token", "!accel.token")
    op = WaitOp.build(tokens=[t0, t1, t2], ip=ip)  # no results: none to give
    verify_accel(module)
    assert op.tokens == [t0, t1, t2]
    assert len(op.operation.results) == 0


def test_build_attention(parse):
    module, [q, k, v, mask], ip = arguments(
        parse, "tensor<2x8x16x32xf32>", "tensor<2x2x24x32xf32>", "tensor<2x2x24x32xf32>", "tensor<2x1x16x24xf32>"
    )
    result = types("tensor<2x8x16x32xf32>")
    plain = AttentionOp.build(query=q, key=k, value=v, num_heads=8, num_kv_heads=2, causal=True, scale=0.125, result_types=result, ip=ip)
    masked = AttentionOp.build(query=q, key=k, value=v, mask=mask, num_heads=8, num_kv_heads=2, causal=False, scale=0.5, result_types=result, ip=ip)
    verify_accel(module)
    assert (plain.query, plain.key, plain.value, plain.mask) == (q, k, v, None)
    assert (plain.num_heads, plain.num_kv_heads, plain.causal, plain.scale) == (8, 2, True, 0.125)
    assert len(masked.operation.operands) == 4 and masked.mask == mask and masked.causal is False
    assert str(masked.operation.attributes["scale"]) == "5.000000e-01 : f64"


def test_build_rmsnorm(parse):
    module, [x, w], ip = arguments(parse, "tensor<?x16x64xbf16>", "tensor<64xbf16>")
    op = RmsNormOp.build(input=x, weight=w, epsilon=1e-6, result_types=types("tensor<?x16x64xbf16>"), ip=ip)
    verify_accel(module)
    assert (op.input, op.weight, op.epsilon) == (x, w, 1e-6)


def test_build_rope(parse):
    module, [x, cos, sin], ip = arguments(parse, "tensor<1x4x16x32xf32>", "tensor<16x32xf32>", "tensor<16x32xf32>")
    op = RopeOp.build(input=x, cos=cos, sin=sin, result_types=types("tensor<1x4x16x32xf32>"), ip=ip)
    verify_accel(module)
    assert (op.input, op.cos, op.sin) == (x, cos, sin)


def test_build_silu_mul(parse):
    module, [g, u], ip = arguments(parse, "tensor<16x688xf32>", "tensor<16x688xf32>")
    op = SiluMulOp.build(gate=g, up=u, result_types=types("tensor<16x688xf32>"), ip=ip)
    verify_accel(module)
    assert (op.gate, op.up) == (g, u)


def test_build_softmax(parse):
    module, [x], ip = arguments(parse, "tensor<4x?x16xf16>")
    op = SoftmaxOp.build(input=x, axis=1, result_types=types("tensor<4x?x16xf16>"), ip=ip)
    verify_accel(module)
    assert (op.input, op.axis) == (x, 1)


def test_build_kv_append(parse):
    module, [cache, pool, new, pos, table], ip = arguments(
        parse, "tensor<2x2x64x16xf32>", "tensor<32x2x8x16xf32>", "tensor<2x2x3x16xf32>", "index", "tensor<2x8xi32>"
    )
    contiguous = KvAppendOp.build(cache=cache, new=new, pos=pos, layout="contiguous", result_types=[cache.type], ip=ip)
    paged = KvAppendOp.build(cache=pool, new=new, pos=pos, block_table=table, layout="paged", result_types=[pool.type], ip=ip)
    verify_accel(module)
    assert (contiguous.cache, contiguous.new, contiguous.pos, contiguous.block_table) == (cache, new, pos, None)
    assert (paged.cache, paged.block_table, paged.layout) == (pool, table, "paged")


def test_build_kv_read(parse):
    module, [cache, pool, length, table], ip = arguments(parse, "tensor<2x2x64x16xf32>", "tensor<32x2x8x16xf32>", "index", "tensor<2x8xi32>")
    result = types("tensor<2x2x?x16xf32>")
    contiguous = KvReadOp.build(cache=cache, length=length, layout="contiguous", result_types=result, ip=ip)
    paged = KvReadOp.build(cache=pool, length=length, block_table=table, layout="paged", result_types=result, ip=ip)
    verify_accel(module)
    assert (contiguous.cache, contiguous.length, contiguous.block_table, contiguous.layout) == (cache, length, None, "contiguous")
    assert (paged.cache, paged.length, paged.block_table) == (pool, length, table)


def test_every_op_has_a_builder_test():
    missing = [name for name, cls in ACCEL.ops.items() if f"test_build_{cls.NAME}" not in globals()]
    assert not missing


def test_build_rejects_misuse(parse):
    module, [q, s], ip = arguments(parse, "tensor<16x32xi8>", "tensor<16x2xf32>")
    result = types("tensor<16x64xf32>")
    with pytest.raises(TypeError, match="missing operand 'scale'"):
        DequantizeOp.build(input=q, bits=4, group_size=32, result_types=result, ip=ip)
    with pytest.raises(TypeError, match="missing attribute 'bits'"):
        DequantizeOp.build(input=q, scale=s, group_size=32, result_types=result, ip=ip)
    with pytest.raises(TypeError, match=r"unknown arguments \['colour'\]"):
        DequantizeOp.build(input=q, scale=s, bits=4, group_size=32, colour=1, result_types=result, ip=ip)
    with pytest.raises(TypeError, match="pass result_types="):
        DequantizeOp.build(input=q, scale=s, bits=4, group_size=32, ip=ip)
    # A view only wraps its own op.
    with pytest.raises(TypeError, match="accel.dequantize is not accel.quantize"):
        QuantizeOp(DequantizeOp.build(input=q, scale=s, bits=4, group_size=32, result_types=result, ip=ip).operation)


# ---------------------------------------------------------------------------
# Verifier: constraints and op-specific checks
#
# Each case is one op in generic form (wrapped into a function: free values become
# arguments) and the exact message verify_accel reports at that op's location.

INVALID = [
    # accel.quantize
    ("accel.quantize", '%q, %s = "accel.quantize"(%x, %y) : (tensor<4x64xf32>, tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)',
     "'accel.quantize' op expects 1 operands, got 2"),
    ("accel.quantize", '%q = "accel.quantize"(%x) : (tensor<4x64xf32>) -> tensor<4x64xi8>',
     "'accel.quantize' op expects 2 results, got 1"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<4x64xi32>) -> (tensor<4x64xi8>, tensor<4xf32>)',
     "'accel.quantize' op operand 'input': expected tensor of float, got tensor<4x64xi32>"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (memref<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)',
     "'accel.quantize' op operand 'input': expected tensor of float, got memref<4x64xf32>"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xf32>, tensor<4xf32>)',
     "'accel.quantize' op result 'output': expected tensor of i8, got tensor<4x64xf32>"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<f32>) -> (tensor<i8>, tensor<f32>)',
     "'accel.quantize' op input must have rank >= 1"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x32xi8>, tensor<4xf32>)',
     "'accel.quantize' op output shape [4, 32] must equal input shape [4, 64]"),
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<5xf32>)',
     "'accel.quantize' op scale shape [5] must be the input shape without its last dim [4]"),
    # Dynamic dims agree with anything but are written '?' when a shape is wrong.
    ("accel.quantize", '%q, %s = "accel.quantize"(%x) : (tensor<?x64xf32>) -> (tensor<?x32xi8>, tensor<?xf32>)',
     "'accel.quantize' op output shape [?, 32] must equal input shape [?, 64]"),
    # accel.dequantize
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op requires attribute 'bits'"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = "4", group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op attribute 'bits': expected a 64-bit integer >= 1, got \"4\""),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 0 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op attribute 'bits': expected a 64-bit integer >= 1, got 0"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = -1 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op attribute 'group_size': expected a 64-bit integer >= 0, got -1"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32x1xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op operand 'input': expected rank-2 tensor of i8, got tensor<16x32x1xi8>"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xi32>',
     "'accel.dequantize' op result 'output': expected rank-2 tensor of float, got tensor<16x64xi32>"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 5 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op bits must be 4 or 8, got 5"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x2xf32>) -> tensor<8x64xf32>',
     "'accel.dequantize' op output rows 8 must equal input rows 16"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<16x64xi8>, tensor<16xf32>) -> tensor<16x32xf32>',
     "'accel.dequantize' op output shape [16, 32] must equal input shape [16, 64] for 8-bit values"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x64xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op int4 weights pack two values per byte along K: expected 32 bytes per row for K = 64, got 64"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<16x64xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op per-channel scales must have shape [16], got [16, 2]"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 24 : i64} : (tensor<16x64xi8>, tensor<16x2xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op group_size 24 must divide K = 64"),
    ("accel.dequantize", '%w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<16x32xi8>, tensor<16x4xf32>) -> tensor<16x64xf32>',
     "'accel.dequantize' op per-group scales must have shape [16, 2] (K / group_size), got [16, 4]"),
    # accel.qmatmul
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op expects 3 or 4 operands, got 5"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op expects 3 or 4 operands, got 2"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w2a2", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op attribute 'scheme': expected one of \"w8a8\", \"w8a16\", \"w4a16\", got \"w2a2\""),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = 8 : i64, group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op attribute 'scheme': expected one of \"w8a8\", \"w8a16\", \"w4a16\", got 8 : i64"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op scheme w8a8 takes int8 activations, got tensor<4x64xf32>"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op scheme w8a16 takes float activations, got tensor<4x64xi8>"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme w8a8)"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op lhs_scale is required for w8a8 and only for w8a8 (scheme w8a16)"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<8xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op lhs_scale shape [8] must be [M] = [4]"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x64xi8>, tensor<32xf32>, tensor<4x1xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op operand 'lhs_scale': expected rank-1 tensor of f32, got tensor<4x1xf32>"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op w4a16 needs group_size > 0 (per-group scales)"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op w8a16 uses per-channel scales: group_size must be 0, got 32"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x16xf32>',
     "'accel.qmatmul' op result shape [4, 16] must be [M, N] = [4, 32]"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws, %xs) {scheme = "w8a8", group_size = 0 : i64} : (tensor<4x64xi8>, tensor<32x32xi8>, tensor<32xf32>, tensor<4xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op weight K 32 must equal lhs K 64"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x2xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op int4 weights pack two values per byte along K: expected 32 bytes per row for K = 64, got 64"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<4x64xf32>, tensor<32x32xi8>, tensor<32x4xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op per-group scales must have shape [32, 2] (K / group_size), got [32, 4]"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32x1xf32>) -> tensor<4x32xf32>',
     "'accel.qmatmul' op per-channel scales must have shape [32], got [32, 1]"),
    ("accel.qmatmul", '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf16>',
     "'accel.qmatmul' op result 'result': expected rank-2 tensor of f32, got tensor<4x32xf16>"),
    # accel.attention
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 3 : i64, causal = false, scale = 1.0 : f64} : (tensor<1x8x4x16xf32>, tensor<1x3x4x16xf32>, tensor<1x3x4x16xf32>) -> tensor<1x8x4x16xf32>',
     "'accel.attention' op num_heads (8) must be a multiple of num_kv_heads (3)"),
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = false, scale = 1.0 : f64} : (tensor<1x4x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) -> tensor<1x8x4x16xf32>',
     "'accel.attention' op query has 4 heads (dim 1) but num_heads is 8"),
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = false, scale = 1.0 : f64} : (tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>, tensor<1x8x4x16xf32>) -> tensor<1x8x4x16xf32>',
     "'accel.attention' op key has 8 heads (dim 1) but num_kv_heads is 2"),
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v) {num_heads = 2 : i64, num_kv_heads = 2 : i64, causal = true, scale = 1.0 : f64} : (tensor<1x2x8x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x6x16xf32>) -> tensor<1x2x8x16xf32>',
     "'accel.attention' op value length 6 must equal the key length 4"),
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v, %m) {num_heads = 2 : i64, num_kv_heads = 2 : i64, causal = false, scale = 1.0 : f64} : (tensor<1x2x4x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x16xf32>',
     "'accel.attention' op mask shape [1, 2, 4, 4] must be [B or 1, Hq or 1, S or 1, T] = [1 or 1, 2 or 1, 4 or 1, 6]"),
    ("accel.attention", '%o = "accel.attention"(%q, %k, %v) {num_heads = 2 : i64, num_kv_heads = 2 : i64, causal = false} : (tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32>',
     "'accel.attention' op requires attribute 'scale'"),
    # accel.rmsnorm
    ("accel.rmsnorm", '%y = "accel.rmsnorm"(%x, %w) {epsilon = 1.0e-6 : f64} : (tensor<4x64xf32>, tensor<32xf32>) -> tensor<4x64xf32>',
     "'accel.rmsnorm' op weight shape [32] must be [H] = [64] (the last input dim)"),
    ("accel.rmsnorm", '%y = "accel.rmsnorm"(%x, %w) {epsilon = -1.0 : f64} : (tensor<4x64xf32>, tensor<64xf32>) -> tensor<4x64xf32>',
     "'accel.rmsnorm' op epsilon must be >= 0, got -1.0"),
    # accel.rope
    ("accel.rope", '%y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x7xf32>, tensor<4x7xf32>, tensor<4x7xf32>) -> tensor<1x2x4x7xf32>',
     "'accel.rope' op head dim D = 7 must be even (rotate_half pairs its two halves)"),
    ("accel.rope", '%y = "accel.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<3x4x8xf32>, tensor<3x4x8xf32>) -> tensor<1x2x4x8xf32>',
     "'accel.rope' op cos shape [3, 4, 8] does not broadcast to the input shape [1, 2, 4, 8] (trailing dims [S, D], others 1 or equal)"),
    # accel.silu_mul
    ("accel.silu_mul", '%h = "accel.silu_mul"(%g, %u) : (tensor<4x64xf32>, tensor<4x32xf32>) -> tensor<4x64xf32>',
     "'accel.silu_mul' op up shape [4, 32] must equal the gate shape [4, 64]"),
    # accel.softmax
    ("accel.softmax", '%p = "accel.softmax"(%x) {axis = 2 : i64} : (tensor<4x64xf32>) -> tensor<4x64xf32>',
     "'accel.softmax' op axis 2 is out of range for rank 2"),
    ("accel.softmax", '%p = "accel.softmax"(%x) {axis = -1 : i64} : (tensor<4x64xf32>) -> tensor<4x64xf32>',
     "'accel.softmax' op attribute 'axis': expected a 64-bit integer >= 0, got -1"),
    # accel.kv_append
    ("accel.kv_append", '%c = "accel.kv_append"(%pool, %new, %pos) {layout = "paged"} : (tensor<32x2x8x16xf32>, tensor<1x2x1x16xf32>, index) -> tensor<32x2x8x16xf32>',
     "'accel.kv_append' op layout \"paged\" needs a block_table operand"),
    ("accel.kv_append", '%c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x8x16xf32>, tensor<1x2x9x16xf32>, index) -> tensor<1x2x8x16xf32>',
     "'accel.kv_append' op 9 positions do not fit a cache of 8 positions per sequence"),
    ("accel.kv_append", '%c = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x8x16xf32>, tensor<1x2x1x16xf32>, i64) -> tensor<1x2x8x16xf32>',
     "'accel.kv_append' op operand 'pos': expected index, got i64"),
    # accel.kv_read
    ("accel.kv_read", '%k = "accel.kv_read"(%cache, %n, %t) {layout = "contiguous"} : (tensor<1x2x8x16xf32>, index, tensor<1x4xi32>) -> tensor<1x2x?x16xf32>',
     "'accel.kv_read' op layout \"contiguous\" takes no block_table operand"),
    ("accel.kv_read", '%k = "accel.kv_read"(%pool, %n, %t) {layout = "paged"} : (tensor<32x2x8x16xf32>, index, tensor<2x4xi32>) -> tensor<1x2x?x16xf32>',
     "'accel.kv_read' op result shape [1, 2, ?, 16] must be [B, Hkv, T, D] = [2, 2, ?, 16]"),
    # accel.alloc
    ("accel.alloc", '"accel.alloc"() {offset = 0 : i64} : () -> ()',
     "'accel.alloc' op expects 1 results, got 0"),
    ("accel.alloc", '%b = "accel.alloc"(%i) {offset = 0 : i64} : (index) -> memref<64xi8, #accel.memspace<"sram">>',
     "'accel.alloc' op expects 0 operands, got 1"),
    ("accel.alloc", '%b = "accel.alloc"() : () -> memref<64xi8, #accel.memspace<"sram">>',
     "'accel.alloc' op requires attribute 'offset'"),
    ("accel.alloc", '%b = "accel.alloc"() {offset = -1 : i64} : () -> memref<64xi8, #accel.memspace<"sram">>',
     "'accel.alloc' op attribute 'offset': expected a 64-bit integer >= 0, got -1"),
    ("accel.alloc", '%b = "accel.alloc"() {offset = 0 : i64} : () -> memref<64x64xi8>',
     "'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xi8>"),
    ("accel.alloc", '%b = "accel.alloc"() {offset = 0 : i64} : () -> tensor<64xi8>',
     "'accel.alloc' op result 'buffer': expected memref of any element type in SRAM, got tensor<64xi8>"),
    ("accel.alloc", '%b = "accel.alloc"() {offset = 0 : i64} : () -> memref<?x64xi8, #accel.memspace<"sram">>',
     "'accel.alloc' op buffer must have a static shape, got memref<?x64xi8, #accel.memspace<\"sram\">>"),
    # accel.dma_load
    ("accel.dma_load", '%t = "accel.dma_load"(%w) : (memref<64x64xi8>) -> !accel.token',
     "'accel.dma_load' op expects 2 or more operands, got 1"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<64x64xi8, #accel.memspace<"sram">>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.dma_load' op operand 'source': expected memref of any element type in DRAM, got a memref in SRAM: memref<64x64xi8, #accel.memspace<\"sram\">>"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<64x64xi8>, memref<64x64xi8>) -> !accel.token',
     "'accel.dma_load' op operand 'dest': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xi8>"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b, %d) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>, i32) -> !accel.token',
     "'accel.dma_load' op operand 'deps': expected token (!accel.token), got i32"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<64x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> i32',
     "'accel.dma_load' op result 'token': expected token (!accel.token), got i32"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<64x64xf32>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.dma_load' op element types differ: memref<64x64xf32> vs memref<64x64xi8, #accel.memspace<\"sram\">>"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.dma_load' op ranks differ: memref<64xi8> vs memref<64x64xi8, #accel.memspace<\"sram\">>"),
    ("accel.dma_load", '%t = "accel.dma_load"(%w, %b) : (memref<128x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.dma_load' op DRAM window dim 0 (128) exceeds the SRAM buffer (64)"),
    # accel.dma_store
    ("accel.dma_store", '%t = "accel.dma_store"(%b, %w) : (memref<64x64xf32>, memref<64x64xf32>) -> !accel.token',
     "'accel.dma_store' op operand 'source': expected memref of any element type in SRAM, got a memref in DRAM: memref<64x64xf32>"),
    ("accel.dma_store", '%t = "accel.dma_store"(%b, %w) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x64xf16>) -> !accel.token',
     "'accel.dma_store' op element types differ: memref<64x64xf32, #accel.memspace<\"sram\">> vs memref<64x64xf16>"),
    ("accel.dma_store", '%t = "accel.dma_store"(%b, %w) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x128xf32>) -> !accel.token',
     "'accel.dma_store' op DRAM window dim 1 (128) exceeds the SRAM buffer (64)"),
    # accel.mma
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op requires attribute 'accumulate'"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = 1 : i64} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op attribute 'accumulate': expected a boolean, got 1 : i64"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128x1xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op operand 'lhs': expected rank-2 memref of i8 or float in SRAM, got memref<64x128x1xi8, #accel.memspace<\"sram\">>"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xf16, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op operand 'acc': expected rank-2 memref of i32 or f32 in SRAM, got memref<64x32xf16, #accel.memspace<\"sram\">>"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x64xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op shapes do not agree: lhs [64, 128] (TM x TK), rhs [32, 64] (TN x TK), acc [64, 32] (TM x TN)"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xf32, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op lhs and rhs must both be int8 or both float, got i8 and f32"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op int8 operands accumulate in i32, got an f32 accumulator"),
    ("accel.mma", '%t = "accel.mma"(%a, %b, %c) {accumulate = true} : (memref<64x128xf16, #accel.memspace<"sram">>, memref<32x128xf16, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.mma' op float operands accumulate in f32, got an i32 accumulator"),
    # accel.rescale
    ("accel.rescale", '%t = "accel.rescale"(%a, %r, %c) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.rescale' op expects 4 or more operands, got 3"),
    ("accel.rescale", '%t = "accel.rescale"(%a, %r, %c, %o) : (memref<64x32xf32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.rescale' op operand 'acc': expected rank-2 memref of i32 in SRAM, got memref<64x32xf32, #accel.memspace<\"sram\">>"),
    ("accel.rescale", '%t = "accel.rescale"(%a, %r, %c, %o) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<64xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x16xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.rescale' op acc [64, 32] and out [64, 16] must have the same shape"),
    ("accel.rescale", '%t = "accel.rescale"(%a, %r, %c, %o) : (memref<64x32xi32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<32xf32, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.rescale' op scales [32] x [32] must match the tile [64, 32] (rows x columns)"),
    # accel.vunary
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "tanh"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op attribute 'kind': expected one of \"copy\", \"cast\", \"neg\", \"abs\", \"exp\", \"rsqrt\", \"sqrt\", \"recip\", \"silu\", \"gelu\", \"erf\", \"round\", \"clamp\", got \"tanh\""),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "exp"} : (memref<16x64xf32>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op operand 'input': expected memref of float or i8 or i16 or i32 or i64 in SRAM, got a memref in DRAM: memref<16x64xf32>"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "exp"} : (memref<16x32xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op input shape [16, 32] does not broadcast to the out shape [16, 64] (same rank, each dim equal or 1)"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "exp"} : (memref<64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op input shape [64] does not broadcast to the out shape [16, 64] (same rank, each dim equal or 1)"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "clamp", min = -1.0 : f64} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op kind clamp needs both 'min' and 'max' attributes"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "clamp", min = 1.0 : f64, max = -1.0 : f64} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op clamp bounds are empty: min 1.0 > max -1.0"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "exp", max = 1.0 : f64} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op 'min' and 'max' are attributes of kind clamp only, not of kind exp"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "copy"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf16, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op kind copy keeps the element type: input f32, out f16 (convert with kind cast)"),
    ("accel.vunary", '%t = "accel.vunary"(%x, %y) {kind = "round"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xi8, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vunary' op kind round computes on floats: out is memref<16x64xi8, #accel.memspace<\"sram\">> (convert with kind cast)"),
    # accel.vbinary
    ("accel.vbinary", '%t = "accel.vbinary"(%a, %b, %c) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xi32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vbinary' op operand 'rhs': expected memref of float in SRAM, got memref<16x64xi32, #accel.memspace<\"sram\">>"),
    ("accel.vbinary", '%t = "accel.vbinary"(%a, %b, %c) {kind = "mul"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x2xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vbinary' op rhs shape [16, 2] does not broadcast to the out shape [16, 64] (same rank, each dim equal or 1)"),
    ("accel.vbinary", '%t = "accel.vbinary"(%a, %b) {kind = "add"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vbinary' op expects 3 or more operands, got 2"),
    # accel.vreduce
    ("accel.vreduce", '%t = "accel.vreduce"(%x, %m) {kind = "sum"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vreduce' op out shape [16] must be the input shape with the last dim 1: [16, 1]"),
    ("accel.vreduce", '%t = "accel.vreduce"(%x, %m) {kind = "min"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vreduce' op attribute 'kind': expected one of \"sum\", \"max\", got \"min\""),
    ("accel.vreduce", '%t = "accel.vreduce"(%x, %m) {kind = "sum"} : (memref<16x0xf32, #accel.memspace<"sram">>, memref<16x1xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.vreduce' op reduces an empty dim (the input's last dim is 0)"),
    # accel.gather
    ("accel.gather", '%t = "accel.gather"(%w, %i, %o) : (memref<100x64xf32>, memref<8xi64, #accel.memspace<"sram">>, memref<8x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.gather' op operand 'indices': expected rank-1 memref of i32 in SRAM, got memref<8xi64, #accel.memspace<\"sram\">>"),
    ("accel.gather", '%t = "accel.gather"(%w, %i, %o) : (memref<100x64xf32>, memref<8xi32, #accel.memspace<"sram">>, memref<8x64xf16, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.gather' op element types differ: table memref<100x64xf32> vs out memref<8x64xf16, #accel.memspace<\"sram\">>"),
    ("accel.gather", '%t = "accel.gather"(%w, %i, %o) : (memref<100x64xf32>, memref<8xi32, #accel.memspace<"sram">>, memref<4x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.gather' op out shape [4, 64] must be [R, D] = [8, 64] (indices [R], table [V, D])"),
    ("accel.gather", '%t = "accel.gather"(%w, %i, %o) {queue = 0 : i64} : (memref<100x64xf32, #accel.memspace<"sram">>, memref<8xi32, #accel.memspace<"sram">>, memref<8x64xf32, #accel.memspace<"sram">>) -> !accel.token',
     "'accel.gather' op has a DMA queue, but its table is in SRAM (the vector unit copies it)"),
    # accel.ready
    ("accel.ready", '%t = "accel.ready"(%d) : (!accel.token) -> !accel.token',
     "'accel.ready' op expects 0 operands, got 1"),
    ("accel.ready", '"accel.ready"() : () -> ()',
     "'accel.ready' op expects 1 results, got 0"),
    ("accel.ready", '%t = "accel.ready"() : () -> i1',
     "'accel.ready' op result 'token': expected token (!accel.token), got i1"),
    # accel.wait
    ("accel.wait", '"accel.wait"() : () -> ()',
     "'accel.wait' op needs at least one token"),
    ("accel.wait", '"accel.wait"(%t, %i) : (!accel.token, i32) -> ()',
     "'accel.wait' op operand 'tokens': expected token (!accel.token), got i32"),
    ("accel.wait", '%r = "accel.wait"(%t) : (!accel.token) -> !accel.token',
     "'accel.wait' op expects 0 results, got 1"),
]


@pytest.mark.parametrize("op_name, op_text, message", INVALID, ids=[f"{c[0]}-{i}" for i, c in enumerate(INVALID)])
def test_verifier_rejects(parse, op_name, op_text, message):
    text = wrap_example(op_text)
    error = verify_error(parse, text)
    line, column = op_position(text, op_name)
    assert error.format("t.mlir") == f"t.mlir:{line}:{column}: error: {message}"


def test_every_op_has_invalid_cases():
    covered = {case[0] for case in INVALID}
    assert covered == set(ACCEL.ops)


VALID = [
    # Dynamic dims agree with anything.
    '%q, %s = "accel.quantize"(%x) : (tensor<?x64xbf16>) -> (tensor<4x64xi8>, tensor<?xf32>)',
    '%q, %s = "accel.quantize"(%x) : (tensor<2x3x8xf16>) -> (tensor<2x3x8xi8>, tensor<2x3xf32>)',
    '%w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<16x64xi8>, tensor<16xf32>) -> tensor<16x64xf16>',
    '%w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 16 : i64} : (tensor<16x64xi8>, tensor<16x4xf32>) -> tensor<16x64xf32>',
    '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w8a16", group_size = 0 : i64} : (tensor<4x64xf16>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
    '%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w4a16", group_size = 32 : i64} : (tensor<?x64xf32>, tensor<32x32xi8>, tensor<32x2xf32>) -> tensor<?x32xf32>',
    # An edge tile: the DRAM window is smaller than the SRAM buffer.
    '%t = "accel.dma_load"(%w, %b, %d0, %d1) : (memref<32x64xi8>, memref<64x64xi8, #accel.memspace<"sram">>, !accel.token, !accel.token) -> !accel.token',
    '%t = "accel.dma_store"(%b, %w) : (memref<64x64xf32, #accel.memspace<"sram">>, memref<64x10xf32, strided<[512, 1]>>) -> !accel.token',
    '%t = "accel.mma"(%a, %b, %c) {accumulate = false} : (memref<64x128xbf16, #accel.memspace<"sram">>, memref<32x128xbf16, #accel.memspace<"sram">>, memref<64x32xf32, #accel.memspace<"sram">>) -> !accel.token',
    '"accel.wait"(%t) : (!accel.token) -> ()',
    # Transformer ops: dynamic dims, broadcast masks and tables, a static read length.
    '%o = "accel.attention"(%q, %k, %v, %m) {num_heads = 4 : i64, num_kv_heads = 1 : i64, causal = false, scale = 1.0 : f64} : (tensor<?x4x?x8xf32>, tensor<?x1x?x8xf32>, tensor<?x1x?x16xf32>, tensor<?x1x1x?xf32>) -> tensor<?x4x?x16xf32>',
    '%y = "accel.rope"(%x, %c, %s) : (tensor<2x4x8x16xf32>, tensor<4x8x16xf32>, tensor<4x8x16xf32>) -> tensor<2x4x8x16xf32>',
    '%k = "accel.kv_read"(%pool, %n, %t) {layout = "paged"} : (tensor<32x2x16x16xf32>, index, tensor<2x4xi32>) -> tensor<2x2x64x16xf32>',
    # Vector unit: a broadcast copy, a cast to int8, a reduction of a 3-d tile, a gather from SRAM.
    '%t = "accel.vunary"(%x, %y) {kind = "copy"} : (memref<16x1xf32, #accel.memspace<"sram">>, memref<16x64xf32, #accel.memspace<"sram">>) -> !accel.token',
    '%t = "accel.vunary"(%x, %y) {kind = "cast"} : (memref<16x64xf32, #accel.memspace<"sram">>, memref<16x64xi8, #accel.memspace<"sram">>) -> !accel.token',
    '%t = "accel.vreduce"(%x, %m) {kind = "sum"} : (memref<2x16x64xf16, #accel.memspace<"sram">>, memref<2x16x1xf32, #accel.memspace<"sram">>) -> !accel.token',
    '%t = "accel.gather"(%w, %i, %o) : (memref<100x64xi8, #accel.memspace<"sram">>, memref<8xi32, #accel.memspace<"sram">>, memref<8x64xi8, #accel.memspace<"sram">>) -> !accel.token',
]


@pytest.mark.parametrize("op_text", VALID)
def test_verifier_accepts(parse, op_text):
    verify_accel(parse(wrap_example(op_text)))


def test_verifier_rejects_regions_on_accel_ops(parse):
    text = """func.func @f(%t: !accel.token) {
  "accel.wait"(%t) ({
    "accel.wait"(%t) : (!accel.token) -> ()
  }) : (!accel.token) -> ()
  return
}"""
    assert verify_error(parse, text).format("t.mlir") == "t.mlir:2:3: error: 'accel.wait' op expects no regions"


def test_verifier_finds_nested_ops_and_reports_every_error(parse):
    text = """func.func @f(%t: !accel.token, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %b = "accel.alloc"() {offset = -8 : i64} : () -> memref<8xi8, #accel.memspace<"sram">>
  }
  "accel.wait"() : () -> ()
  return
}"""
    error = verify_error(parse, text)
    assert sorted(d.format("t.mlir") for d in error.diagnostics) == [
        "t.mlir:5:10: error: 'accel.alloc' op attribute 'offset': expected a 64-bit integer >= 0, got -8",
        "t.mlir:7:3: error: 'accel.wait' op needs at least one token",
    ]


def test_unknown_accel_op_is_rejected(parse):
    text = wrap_example('%r = "accel.bogus"(%x) {n = 1 : i64} : (i32) -> i32')
    assert verify_error(parse, text).format("t.mlir") == "t.mlir:2:8: error: unknown operation 'accel.bogus' in the accel dialect"


def test_unknown_accel_type_is_rejected(parse):
    # As the result of any op (accel or not) ...
    text = wrap_example('%r = "test.producer"() : () -> !accel.tokn')
    assert verify_error(parse, text).format("t.mlir") == "t.mlir:2:8: error: unknown type '!accel.tokn' in the accel dialect"
    # ... and as a block argument, located at the argument.
    text = "func.func @f(%x: !accel.buffer) {\n  return\n}"
    assert verify_error(parse, text).format("t.mlir") == "t.mlir:1:14: error: unknown type '!accel.buffer' in the accel dialect"


def test_non_accel_ops_are_not_checked(parse):
    verify_accel(parse('func.func @f() {\n  %r = "test.anything"() {x = "y"} : () -> i32\n  return\n}'))


def test_accel_operations_lists_accel_ops_in_order(parse):
    module = parse(
        """func.func @f(%t: !accel.token) {
  %b = "accel.alloc"() {offset = 0 : i64} : () -> memref<8xi8, #accel.memspace<"sram">>
  %c = arith.constant 0 : index
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}"""
    )
    assert [op.name for op in accel_operations(module.operation)] == ["accel.alloc", "accel.wait"]


# ---------------------------------------------------------------------------
# Constraint and attribute kinds, on their own


def test_type_constraints(context):
    t = ir.Type.parse
    assert TensorOf("float").check(t("tensor<2xbf16>")) is None
    assert TensorOf("i8", "float", rank=2).summary == "rank-2 tensor of i8 or float"
    assert TensorOf().check(t("tensor<*xf32>")) == "expected tensor of any element type, got tensor<*xf32>"
    assert MemRefOf("int", space="dram").check(t("memref<4xi4>")) is None
    assert MemRefOf(space="dram").check(t(f"memref<4xi4, {SRAM}>")) == (
        f"expected memref of any element type in DRAM, got a memref in SRAM: memref<4xi4, {SRAM}>"
    )
    assert Token.check(token_type()) is None
    assert Token.check(t("!accel.other")) == "expected token (!accel.token), got !accel.other"
    assert Index.check(t("index")) is None
    assert Index.check(t("i64")) == "expected index, got i64"
    assert memory_space_of(t("memref<4xf32>")) == "dram"
    assert memory_space_of(t(f"memref<4xf32, {SRAM}>")) == "sram"


def test_attribute_constraints(context):
    a = ir.Attribute.parse
    integer = IntAttr(min_value=2)
    assert str(integer.to_attr(3)) == "3 : i64" and integer.to_python(integer.to_attr(3)) == 3
    assert integer.check(a("1 : i64")) == "expected a 64-bit integer >= 2, got 1"
    assert integer.check(a("true")) == "expected a 64-bit integer >= 2, got true"
    real = FloatAttr()
    assert str(real.to_attr(0.5)) == "5.000000e-01 : f64" and real.to_python(real.to_attr(0.5)) == 0.5
    assert real.check(a("1 : i64")) == "expected a 64-bit float, got 1 : i64"
    flag = BoolAttr()
    assert str(flag.to_attr(True)) == "true" and flag.to_python(a("false")) is False
    enum = EnumAttr("dram", "sram")
    assert enum.check(a('"sram"')) is None
    assert enum.check(a('"hbm"')) == 'expected one of "dram", "sram", got "hbm"'
    array = I64ArrayAttr()
    assert str(array.to_attr([64, 128])) == "array<i64: 64, 128>" and array.to_python(array.to_attr([1, 2])) == [1, 2]
    assert array.check(a("[1, 2]")) == "expected array<i64: ...>, got [1, 2]"
    # The base kind converts nothing from Python: only ready-made attributes.
    with pytest.raises(TypeError, match="cannot make a any attribute from 1"):
        AttrConstraint().to_attr(1)


# ---------------------------------------------------------------------------
# The definition framework's own checks


def test_definition_without_example_is_rejected():
    with pytest.raises(TypeError, match="NoExample: the docstring needs a summary and an 'Example:'"):

        class NoExample(OpDef):
            """An op whose docstring shows no example."""

            NAME = "no_example"


def test_definition_without_docstring_is_rejected():
    # inspect.getdoc falls back to OpDef's own docstring, which has no example either.
    with pytest.raises(TypeError, match="Undocumented: the docstring needs"):

        class Undocumented(OpDef):
            NAME = "undocumented"


@pytest.mark.parametrize(
    "groups",
    [
        [Operand("a", Token, "x", variadic=True), Operand("b", Token, "y", variadic=True)],
        [Operand("a", Token, "x", optional=True), Operand("b", Token, "y", variadic=True)],
    ],
    ids=["two-variadic", "optional-and-variadic"],
)
def test_definition_with_two_flexible_operand_groups_is_rejected(groups):
    with pytest.raises(TypeError, match="TwoGroups: at most one variadic or optional operand group"):

        class TwoGroups(OpDef):
            """Two groups would need operand segment sizes.

            Example:
                "accel.two_groups"() : () -> ()
            """

            NAME = "two_groups"
            OPERANDS = groups


def test_dialect_rejects_an_op_defined_twice():
    dialect = Dialect("scratch")

    class Once(OpDef):
        """An op.

        Example:
            "accel.once"() : () -> ()
        """

        NAME = "once"

    dialect.op(Once)
    assert dialect.lookup("accel.once") is Once
    with pytest.raises(TypeError, match="op accel.once defined twice"):
        dialect.op(Once)
    assert "accel.once" not in ACCEL.ops
