"""Tests of accel.quantize on the sim target: accel-tile's row blocks, accel-schedule-quantize's
vector-unit program, and the model path `--quant w8a8` end to end.

The simulator computes every vector op with its golden handler and checks that tokens
and waits order every SRAM access (a missing dependency is a race, an error), so a
schedule that runs and equals `quantize_rows` bit for bit computes the golden's steps
in the golden's order. Shapes include row counts that are not multiples of the row
block (edge blocks), single rows, all-zero rows (scale 1) and rows so small that
absmax / 127 underflows to zero (scale 1 too).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import accel
from accel.compiler import stages
from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.passes import PASSES
from accel.compiler.passes.accel_schedule_quantize import SRAM_SHARE, quantize_block_rows, quantize_buffers
from accel.compiler.sram_plan import plan_sram
from accel.core.diagnostics import AccelError, format_location
from accel.core.mlir import make_context, parse_module
from accel.runtime.golden import qmatmul
from accel.runtime.quantization import quantize_rows
from accel.targets.hardware import load_hardware
from accel.targets.sim.simulator import simulate

EDGE = load_hardware("edge-npu")
ROOT = Path(__file__).resolve().parents[2]


def quantize_program(m: int, k: int) -> str:
    return (
        f"func.func @q(%x: tensor<{m}x{k}xf32>) -> (tensor<{m}x{k}xi8>, tensor<{m}xf32>) {{\n"
        f'  %q, %s = "accel.quantize"(%x) : (tensor<{m}x{k}xf32>) -> (tensor<{m}x{k}xi8>, tensor<{m}xf32>)\n'
        f"  return %q, %s : tensor<{m}x{k}xi8>, tensor<{m}xf32>\n}}\n"
    )


def scheduled(text: str, rows: int = 0, hw=EDGE):
    """The L4 module of `text`: accel-tile (quantize row blocks of `rows`, 0: the
    default), then the sim target's `scheduled` stage."""
    context = make_context()
    module = parse_module(text, context)
    with context:  # as the driver runs its stages
        Pipeline.of(PASSES["accel-tile"](hw=hw, quantize_rows=rows), stages.CLEANUP).run(module)
        stages.scheduled(hw)[1].run(module)
    return module


def inputs(m: int, k: int, seed: int) -> np.ndarray:
    """Values over many binades, signs mixed, with an all-zero row, a row of
    subnormals (absmax / 127 is 0) and exact halves after scaling (rounding ties)."""
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal((m, k)) * np.exp2(rng.integers(-20, 20, size=(m, 1)))).astype(np.float32)
    if m > 1:
        x[1] = 0
    if m > 2:
        x[2] = np.float32(1e-44) * rng.integers(-5, 6, size=k)
    if m > 3:
        x[3] = np.float32(127) * np.arange(k) / max(k - 1, 1) - 63.5  # scale 1: every value an integer or a half
        x[3, 0] = 127
    return x


def check(m: int, k: int, rows: int, seed: int = 0):
    x = inputs(m, k, seed)
    module = scheduled(quantize_program(m, k), rows)
    result = simulate(module, EDGE, inputs=[x, np.zeros((m, k), np.int8), np.zeros(m, np.float32)])
    q, scale = quantize_rows(x)
    got_q, got_scale = result.outputs[1], result.outputs[2]
    assert np.array_equal(got_scale.view(np.uint32), scale.view(np.uint32)), f"{m}x{k} rows {rows}: scales differ"
    assert np.array_equal(got_q, q), f"{m}x{k} rows {rows}: {np.count_nonzero(got_q != q)} int8 values differ"
    return result


@pytest.mark.parametrize(
    "m, k, rows",
    [
        (1, 1, 0),  # one value
        (4, 16, 4),  # one block, exactly
        (10, 24, 4),  # 3 blocks, the last of 2 rows
        (13, 7, 5),  # odd sizes
        (7, 33, 16),  # a block larger than M: clamped, one edge block
        (64, 128, 0),  # the default block (from the SRAM share)
        (37, 300, 8),  # 5 blocks, both buffer sets reused
    ],
)
def test_quantize_on_the_sim_equals_golden(m, k, rows):
    check(m, k, rows)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(m=st.integers(1, 40), k=st.integers(1, 96), rows=st.integers(1, 12), seed=st.integers(0, 2**16))
def test_quantize_shapes_property(m, k, rows, seed):
    check(m, k, rows, seed)


def test_scheduled_ir_is_a_double_buffered_row_loop():
    text = str(scheduled(quantize_program(10, 24), rows=4))
    # One loop over the row blocks, the two buffer sets swapped through its iter_args.
    assert len(re.findall(r"scf\.for", text)) == 1
    kinds = re.findall(r'"accel\.(\w+)"\([^)]*\) (?:\{kind = "(\w+)")?', text.split("scf.for", 1)[1])
    ops = [f"{name}.{kind}" if kind else name for name, kind in kinds]
    assert ops == ["dma_load", "vunary.abs", "vreduce.max", "vbinary.div", "vbinary.mul", "vbinary.mul", "vunary.clamp",
                   "vbinary.sub", "vbinary.add", "vbinary.div", "vunary.round", "vunary.clamp", "vunary.cast",
                   "dma_store", "dma_store", "wait"]
    assert "tensor" not in text and "bufferization" not in text


def test_double_buffering_overlaps_loads_with_vector_work():
    # The load of a block does not wait for the vector ops of the block before.
    result = check(64, 512, 8)
    events = [e for e in result.trace["traceEvents"] if e.get("ph") == "X"]
    loads = sorted(e["ts"] for e in events if e["name"] == "dma_load")
    reductions = sorted(e["ts"] + e["dur"] for e in events if e["name"] == "vreduce")
    assert len(loads) == len(reductions) == 8
    # Block 1's load starts before block 0's row maxima are done (one per block).
    assert loads[1] < reductions[0]


def test_block_rows_fit_the_sram_share():
    for k in (1, 64, 4096, 11008):
        rows = quantize_block_rows(k, EDGE)
        budget = EDGE.sram.bytes * SRAM_SHARE
        assert plan_sram(quantize_buffers(rows, k), 10**12).peak <= budget < plan_sram(quantize_buffers(rows + 1, k), 10**12).peak
    assert quantize_block_rows(10**6, EDGE) == 0


def test_row_too_long_for_the_sram_is_located():
    text = quantize_program(2, 200_000)
    with pytest.raises(AccelError) as caught:
        scheduled(text)
    diagnostic = caught.value.diagnostics[0]
    assert "one row of this accel.quantize (K = 200000) does not fit the SRAM share" in diagnostic.message
    assert format_location(diagnostic.location) == "-:2:12"  # the quantize's line and column


def quantize_matmul_program(m: int, n: int, k: int) -> str:
    """x f32 -> quantize -> w8a8 qmatmul with weight and scales as arguments."""
    return (
        f"func.func @f(%x: tensor<{m}x{k}xf32>, %w: tensor<{n}x{k}xi8>, %ws: tensor<{n}xf32>) -> tensor<{m}x{n}xf32> {{\n"
        f'  %q, %s = "accel.quantize"(%x) : (tensor<{m}x{k}xf32>) -> (tensor<{m}x{k}xi8>, tensor<{m}xf32>)\n'
        f'  %y = "accel.qmatmul"(%q, %w, %ws, %s) {{scheme = "w8a8", group_size = 0 : i64}} : '
        f"(tensor<{m}x{k}xi8>, tensor<{n}x{k}xi8>, tensor<{n}xf32>, tensor<{m}xf32>) -> tensor<{m}x{n}xf32>\n"
        f"  return %y : tensor<{m}x{n}xf32>\n}}\n"
    )


@pytest.mark.parametrize("m, n, k", [(4, 8, 16), (70, 40, 96)])
def test_quantize_then_qmatmul_on_the_sim_equals_golden(m, n, k):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((m, k)).astype(np.float32)
    w = rng.integers(-127, 128, size=(n, k), dtype=np.int8)
    ws = np.exp2(rng.uniform(-8, 0, size=n)).astype(np.float32)
    artifact = accel.compile(quantize_matmul_program(m, n, k), target="sim", hw="edge-npu", tune=0)
    (y,) = artifact.run(x, w, ws)
    q, scale = quantize_rows(x)
    expected = qmatmul(q, w, ws, scale, scheme="w8a8", group_size=0)
    assert np.array_equal(y.view(np.uint32), expected.view(np.uint32))


def chain_program(m: int, k: int, n: int, p: int) -> str:
    """qmatmul [m, k] x [n, k] -> quantize its f32 result -> qmatmul [m, n] x [p, n]."""
    return (
        f"func.func @f(%x: tensor<{m}x{k}xi8>, %xs: tensor<{m}xf32>, %w: tensor<{n}x{k}xi8>, %ws: tensor<{n}xf32>, "
        f"%v: tensor<{p}x{n}xi8>, %vs: tensor<{p}xf32>) -> tensor<{m}x{p}xf32> {{\n"
        f'  %y = "accel.qmatmul"(%x, %w, %ws, %xs) {{scheme = "w8a8", group_size = 0 : i64}} : '
        f"(tensor<{m}x{k}xi8>, tensor<{n}x{k}xi8>, tensor<{n}xf32>, tensor<{m}xf32>) -> tensor<{m}x{n}xf32>\n"
        f'  %q, %s = "accel.quantize"(%y) : (tensor<{m}x{n}xf32>) -> (tensor<{m}x{n}xi8>, tensor<{m}xf32>)\n'
        f'  %z = "accel.qmatmul"(%q, %v, %vs, %s) {{scheme = "w8a8", group_size = 0 : i64}} : '
        f"(tensor<{m}x{n}xi8>, tensor<{p}x{n}xi8>, tensor<{p}xf32>, tensor<{m}xf32>) -> tensor<{m}x{p}xf32>\n"
        f"  return %z : tensor<{m}x{p}xf32>\n}}\n"
    )


@pytest.mark.parametrize("m, k, n, p", [(4, 16, 8, 6), (70, 64, 40, 24)])
def test_qmatmul_quantize_qmatmul_chain_on_the_sim_equals_golden(m, k, n, p):
    # The quantize reads the first qmatmul's result and the second reads its int8
    # rows and scales: both go through DRAM buffers of the function's own, with waits.
    rng = np.random.default_rng(2)
    arrays = [rng.integers(-127, 128, size=(m, k), dtype=np.int8), np.exp2(rng.uniform(-8, 0, size=m)).astype(np.float32),
              rng.integers(-127, 128, size=(n, k), dtype=np.int8), np.exp2(rng.uniform(-8, 0, size=n)).astype(np.float32),
              rng.integers(-127, 128, size=(p, n), dtype=np.int8), np.exp2(rng.uniform(-8, 0, size=p)).astype(np.float32)]
    (z,) = accel.compile(chain_program(m, k, n, p), target="sim", hw="edge-npu", tune=0).run(*arrays)
    y = qmatmul(arrays[0], arrays[2], arrays[3], arrays[1], scheme="w8a8", group_size=0)
    q, scale = quantize_rows(y)
    expected = qmatmul(q, arrays[4], arrays[5], scale, scheme="w8a8", group_size=0)
    assert np.array_equal(z.view(np.uint32), expected.view(np.uint32))


def test_linear_w8a8_on_the_sim_equals_the_cpu_bit_for_bit():
    run = subprocess.run(
        [sys.executable, "-m", "accel.tools.accelc", "run", str(ROOT / "examples/linear.mlir"), "--target", "sim",
         "--quant", "w8a8", "--check", "-q"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "check: sim == cpu, 1 output(s) bit-identical" in run.stdout + run.stderr


def test_dequantize_is_still_refused_located():
    text = (
        "func.func @f(%w: tensor<8x16xi8>, %s: tensor<8xf32>) -> tensor<8x16xf32> {\n"
        '  %d = "accel.dequantize"(%w, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<8x16xi8>, tensor<8xf32>) -> tensor<8x16xf32>\n'
        "  return %d : tensor<8x16xf32>\n}\n"
    )
    with pytest.raises(AccelError) as caught:
        accel.compile(text, target="sim", hw="edge-npu", tune=0)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.message.startswith("the sim target cannot run 'accel.dequantize'")
    assert format_location(diagnostic.location).endswith(":2:8")
