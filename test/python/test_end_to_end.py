"""End-to-end correctness of `accel.compile`: both targets against the golden model.

The requirement: sim outputs == cpu outputs == golden, exactly for integer results
and bit for bit for the float result after the scales (the golden model fixes the
order: `(f32(acc) * lhs_scale[m]) * weight_scale[n]`), on random shapes including
edge tiles (sizes that are not multiples of the tile).

Hypothesis draws M, N, K and, per shape, two tile-size triples given to accel-tile
through `accel.compile(..., tile_sizes=...)`: one chosen so that no tile size divides
its extent where such a size exists (edge tiles in M, N and K), one free (it may
divide, or exceed the shape). The cpu target is compiled once per distinct shape
(an IREE compile takes about a second); the sim target, milliseconds, per triple.
Runs are derandomized (a fixed sequence of examples, no example database) so CI sees
the same cases every time.

The float-weight path (linalg.matmul with constant f32 weights, `quant="w8a8"`: the
weights quantized at compile time, the activations at run time) runs on the cpu
target only (the sim target schedules qmatmul alone) and must equal the golden model
evaluating the graph stage the driver produced.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import accel
from accel.core.mlir import ir, make_context, parse_module
from accel.runtime import golden
from accel.workloads import int8_gemm

MAX_M = MAX_N = 150
MAX_K = 300


@dataclass(frozen=True)
class Case:
    m: int
    n: int
    k: int
    tiles: tuple[tuple[int, int, int], ...]
    seed: int


def _edge_tile(extent: int) -> st.SearchStrategy[int]:
    """A tile size that leaves a partial last tile along `extent` (at most ~8 tiles);
    for extents every size divides (1, 2), any size, possibly larger than the extent."""
    partial = [size for size in range(max(1, extent // 8), extent) if extent % size]
    return st.sampled_from(partial) if partial else st.integers(1, extent + 8)


def _any_tile(extent: int) -> st.SearchStrategy[int]:
    """Any tile size from a quarter of `extent` to beyond it (at most ~5 tiles)."""
    return st.integers(max(1, extent // 4), extent + 16)


@st.composite
def cases(draw) -> Case:
    m, n, k = draw(st.integers(1, MAX_M)), draw(st.integers(1, MAX_N)), draw(st.integers(1, MAX_K))
    edge = (draw(_edge_tile(m)), draw(_edge_tile(n)), draw(_edge_tile(k)))
    free = (draw(_any_tile(m)), draw(_any_tile(n)), draw(_any_tile(k)))
    return Case(m, n, k, (edge, free), draw(st.integers(0, 2**32 - 1)))


def gemm_inputs(m: int, n: int, k: int, seed: int) -> list[np.ndarray]:
    """int8 over the whole range (-128 included) and positive f32 scales spread over
    16 binades, so that the rescale's two roundings matter."""
    rng = np.random.default_rng(seed)
    x = rng.integers(-128, 128, size=(m, k), dtype=np.int8)
    w = rng.integers(-128, 128, size=(n, k), dtype=np.int8)
    w_scale = np.exp2(rng.uniform(-12, 4, size=n)).astype(np.float32)
    x_scale = np.exp2(rng.uniform(-12, 4, size=m)).astype(np.float32)
    return [x, w, w_scale, x_scale]


@pytest.fixture(scope="module")
def cpu_artifacts():
    """cpu Artifacts by (M, N, K): one IREE compile per distinct shape."""
    compiled: dict[tuple[int, int, int], accel.driver.Artifact] = {}

    def get(m: int, n: int, k: int):
        if (m, n, k) not in compiled:
            compiled[m, n, k] = accel.compile(int8_gemm(m, n, k), target="cpu")
        return compiled[m, n, k]

    return get


@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(case=cases())
# Edges in all three dims at the largest shape; one tile per dim (tile > shape and
# tile == shape); a single element; exact multiples (no edge at all).
@example(case=Case(MAX_M, MAX_N, MAX_K, ((64, 32, 128), (MAX_M + 1, MAX_N, MAX_K + 7)), seed=1))
@example(case=Case(1, 1, 1, ((1, 1, 1), (5, 5, 5)), seed=2))
@example(case=Case(96, 64, 256, ((32, 32, 64), (48, 16, 128)), seed=3))
def test_sim_equals_cpu_equals_golden(case: Case, cpu_artifacts):
    inputs = gemm_inputs(case.m, case.n, case.k, case.seed)
    expected = golden.HANDLERS["accel.qmatmul"](*inputs, scheme="w8a8", group_size=0)
    assert expected.dtype == np.float32 and expected.shape == (case.m, case.n)

    (cpu_output,) = cpu_artifacts(case.m, case.n, case.k).run(*inputs)
    assert cpu_output.dtype == np.float32
    assert np.array_equal(cpu_output, expected), f"cpu != golden at {case}"

    for tiles in case.tiles:
        sim = accel.compile(int8_gemm(case.m, case.n, case.k), target="sim", tile_sizes=tiles)
        # accel-tile clamps a size to its extent; the tiled IR records what it used.
        used = ", ".join(str(min(size, extent)) for size, extent in zip(tiles, (case.m, case.n, case.k)))
        assert f"accel.tile = array<i64: {used}>" in sim.ir["tiled"]
        (sim_output,) = sim.run(*inputs)
        assert sim_output.dtype == np.float32
        assert np.array_equal(sim_output, expected), f"sim != golden at {case}, tiles {tiles}: {np.count_nonzero(sim_output != expected)} elements differ"


def _dense(context: ir.Context, array: np.ndarray) -> str:
    with context:
        return str(ir.DenseElementsAttr.get(np.ascontiguousarray(array)))


def test_float_weights_quantized_on_cpu_equal_golden():
    """linalg.matmul with constant f32 weights, --quant w8a8: the cpu target gives the
    golden model's bits for the graph the driver's graph stage produced."""
    m, k, n = 13, 75, 29  # no size a multiple of a vector width
    rng = np.random.default_rng(4)
    weight = rng.standard_normal((k, n)).astype(np.float32)
    text = f"""func.func @linear(%x: tensor<{m}x{k}xf32>) -> tensor<{m}x{n}xf32> {{
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<{m}x{n}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  %w = arith.constant {_dense(make_context(), weight)}
  %y = linalg.matmul ins(%x, %w : tensor<{m}x{k}xf32>, tensor<{k}x{n}xf32>) outs(%init : tensor<{m}x{n}xf32>) -> tensor<{m}x{n}xf32>
  return %y : tensor<{m}x{n}xf32>
}}"""
    artifact = accel.compile(text, target="cpu", quant="w8a8")
    graph_text = artifact.ir["graph"]
    assert '"accel.quantize"' in graph_text and 'scheme = "w8a8"' in graph_text
    assert "linalg.matmul" not in graph_text

    graph = parse_module(graph_text, make_context())
    for seed in range(3):
        x = np.random.default_rng(seed).standard_normal((m, k)).astype(np.float32)
        (expected,) = golden.evaluate(graph, "linear", [x])
        (output,) = artifact.run(x)
        assert np.array_equal(output, expected), f"seed {seed}: {np.count_nonzero(output != expected)} elements differ"
        # And it is the float matmul, up to int8 quantization of both operands.
        exact = x.astype(np.float64) @ weight.astype(np.float64)
        assert np.abs(output - exact).max() <= 0.05 * np.abs(exact).max()
