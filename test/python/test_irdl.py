"""Tests of the IRDL side of the accel dialect: the checked-in dialects/accel.irdl.mlir
is what the definitions emit, and iree-opt loading it accepts every op example and
rejects what IRDL can express (unknown ops, counts, required attributes, enums)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import wrap_example

import accel.dialects
from accel.dialects import ACCEL
from accel.dialects.irdl import emit_irdl, main

IRDL_FILE = Path(accel.dialects.__file__).parent / "accel.irdl.mlir"
REPO = Path(__file__).resolve().parents[2]
REGENERATE = "python -m accel.dialects.irdl -o dialects/accel.irdl.mlir"


def test_checked_in_irdl_is_in_sync():
    assert IRDL_FILE.read_text() == emit_irdl(), f"dialects/accel.irdl.mlir is stale; regenerate it with `{REGENERATE}`"


def test_module_entry_point_writes_the_same_text(tmp_path, capsys):
    output = tmp_path / "accel.irdl.mlir"
    assert main(["-o", str(output)]) == 0
    assert output.read_text() == emit_irdl()
    assert main([]) == 0
    assert capsys.readouterr().out == emit_irdl()


def test_irdl_text_declares_every_definition():
    text = emit_irdl()
    assert text.startswith("// Generated from dialects/accel.py")
    assert "irdl.type @token {" in text
    assert 'irdl.attribute @memspace {' in text and 'irdl.is "sram"' in text
    for definition in ACCEL.ops.values():
        assert f"  irdl.operation @{definition.NAME} {{" in text
        assert f"  // {definition.summary()}\n  irdl.operation @{definition.NAME}" in text
        for attr in definition.ATTRIBUTES:
            # IRDL has no optional attributes: only the Python verifier checks those.
            assert (f'"{attr.name}" = %' in text) != attr.optional
    # The one flexible operand group of an op is marked as such.
    assert "lhs_scale: optional %" in text
    assert "tokens: variadic %" in text


@pytest.fixture(scope="module")
def iree_opt():
    from iree.compiler.tools.binaries import find_tool

    tool = find_tool("iree-opt")

    def run(text: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [tool, f"--irdl-file={IRDL_FILE}", "-"], input=text, capture_output=True, text=True, timeout=60
        )

    return run


@pytest.mark.parametrize("op_name", sorted(ACCEL.ops))
def test_iree_opt_accepts_every_example(iree_opt, op_name):
    result = iree_opt(wrap_example(ACCEL.ops[op_name].example()))
    assert result.returncode == 0, result.stderr
    assert f'"{op_name}"' in result.stdout


def test_iree_opt_accepts_the_scheduled_example(iree_opt):
    result = iree_opt((REPO / "examples" / "scheduled_gemm.mlir").read_text())
    assert result.returncode == 0, result.stderr
    assert result.stdout.count('"accel.dma_load"') == 4


REJECTED = [
    ('"accel.bogus"(%t) : (!accel.token) -> ()',
     "2:3: error: unregistered operation 'accel.bogus' found in dialect ('accel') that does not allow unknown operations"),
    ('%t = "accel.mma"(%a, %b, %c) : (memref<64x128xi8, #accel.memspace<"sram">>, memref<32x128xi8, #accel.memspace<"sram">>, memref<64x32xi32, #accel.memspace<"sram">>) -> !accel.token',
     "2:8: error: 'accel.mma' op attribute \"accumulate\" is expected but not provided"),
    ('%y = "accel.qmatmul"(%x, %w, %ws) {scheme = "w2a2", group_size = 0 : i64} : (tensor<4x64xf32>, tensor<32x64xi8>, tensor<32xf32>) -> tensor<4x32xf32>',
     "2:8: error: '\"w2a2\"' does not satisfy the constraint"),
    ('%q = "accel.quantize"(%x) : (tensor<4x64xf32>) -> tensor<4x64xi8>',
     "2:8: error: op expects exactly 2 results, but got 1"),
    ('%t = "accel.dma_load"(%w, %b, %d) : (memref<64xi8>, memref<64xi8, #accel.memspace<"l2">>, !accel.token) -> !accel.token',
     # Found while parsing the function's argument types, before the op.
     "1:64: error: '\"l2\"' does not satisfy the constraint"),
]


@pytest.mark.parametrize("op_text, message", REJECTED, ids=["unknown-op", "missing-attribute", "enum", "result-count", "memspace"])
def test_iree_opt_rejects(iree_opt, op_text, message):
    result = iree_opt(wrap_example(op_text))
    assert result.returncode != 0
    assert result.stderr.startswith(f"<stdin>:{message}\n"), result.stderr


def test_iree_opt_rejects_an_unknown_accel_type(iree_opt):
    result = iree_opt("func.func @f(%x: !accel.tokn) {\n  return\n}\n")
    assert result.returncode != 0
    assert "<stdin>:1:" in result.stderr and "error:" in result.stderr
