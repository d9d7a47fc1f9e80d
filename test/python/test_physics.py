"""The simulator never beats physics: simulated time is at least what each resource
needs on its own.

For a scheduled program on a hardware, each resource gives a lower bound on the time
(`physics_bounds`): the MACs over the matrix unit's peak rate per precision, the DRAM
bytes over the DRAM bandwidth, the weight blocks the mmas load over the arrays'
weight-load rate (weight-stationary; an output-stationary array's output port drains
one block of results per R cycles instead), the vector ops over the lanes, the SRAM
bytes over the SRAM bandwidth. Hypothesis draws hardware files (a preset's fields
perturbed within their valid ranges, through `Hardware.from_dict`) and programs: GEMMs
compiled by accel's own scheduler (`accel.compile(..., tune=0)`) and hand-written
scheduled GEMMs of any tile sizes (test/python/sim_programs.py, tiles no model would
choose: one-block GEMV tiles included). A further property drives the matrix unit's
engine directly with random mmas and dependencies.

The SRAM bound counts every SRAM byte (DMA, matrix and vector unit alike), while the
simulator gives the matrix and vector units SRAM ports of their own (see
targets/sim/engines.py): it holds on hardware whose SRAM bandwidth feeds the matrix unit
at peak beside the DMA channel, the rule the presets follow (targets/hardware.py), so
the drawn SRAM bandwidth follows that rule too (`Hardware.sram_bandwidth_needed`).
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import accel
from accel.compiler.cost_model import TileSizes, estimated_cycles
from accel.core.diagnostics import AccelError
from accel.core.mlir import make_context, parse_module
from accel.targets.hardware import Hardware, load_hardware
from accel.targets.sim.engines import MATRIX, Engines
from accel.targets.sim.simulator import simulate
from accel.targets.timing import MatrixTiming, weight_bytes_per_cycle
from accel.workloads import int8_gemm
from sim_programs import gemm_program
from test_simulator import single_mma

EDGE = load_hardware("edge-npu")
DATACENTER = load_hardware("datacenter")
SRAM = '#accel.memspace<"sram">'

# Hypothesis runs a test many times: one context for its parsing (the `parse` fixture's
# is the test's, which hypothesis does not reset between examples).
CONTEXT = make_context()

# Float slack of a bound (the simulator counts in float cycles).
SLACK = 1e-9


def mma_chain(count: int, tm: int, tn: int, tk: int) -> str:
    """`count` mmas of one [tm, tk] x [tn, tk] tile into one accumulator, in a loop,
    operands already in SRAM: nothing but the matrix unit sets their pace."""
    a, b, c = f"memref<{tm}x{tk}xi8, {SRAM}>", f"memref<{tn}x{tk}xi8, {SRAM}>", f"memref<{tm}x{tn}xi32, {SRAM}>"
    return f"""
func.func @chain(%out: memref<{tm}x{tn}xi32>) {{
  %a = "accel.alloc"() {{offset = 0 : i64}} : () -> {a}
  %b = "accel.alloc"() {{offset = {tm * tk} : i64}} : () -> {b}
  %acc = "accel.alloc"() {{offset = {tm * tk + tn * tk} : i64}} : () -> {c}
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant {count - 1} : index
  %m0 = "accel.mma"(%a, %b, %acc) {{accumulate = false}} : ({a}, {b}, {c}) -> !accel.token
  %r = scf.for %i = %c0 to %cn step %c1 iter_args(%t = %m0) -> (!accel.token) {{
    %m = "accel.mma"(%a, %b, %acc, %t) {{accumulate = true}} : ({a}, {b}, {c}, !accel.token) -> !accel.token
    scf.yield %m : !accel.token
  }}
  "accel.wait"(%r) : (!accel.token) -> ()
  return
}}
"""


def with_matrix(hw: Hardware, **changes) -> Hardware:
    return dataclasses.replace(hw, matrix=dataclasses.replace(hw.matrix, **changes))


# ---------------------------------------------------------------------------
# The weight-load port, by hand


def test_one_block_gemv_mmas_take_as_long_as_one_mma_of_the_same_work(parse):
    # One 128x128 array loading weights 1 row per cycle: a block takes 128 cycles to
    # load and a one-row pass 1 cycle to stream. 1024 one-block mmas load 1024 blocks
    # through the one port: 1024 x 128 cycles, the figure of one mma holding all 1024
    # blocks (the example: the loads used to overlap each other, 1,407 cycles).
    hw = with_matrix(DATACENTER, units=1, weight_load_rows_per_cycle=1)
    many = simulate(parse(mma_chain(1024, 1, 128, 128)), hw, timing_only=True).report["cycles"]
    one = simulate(parse(single_mma(1, 128, 128 * 1024)), hw, timing_only=True).report["cycles"]
    assert one == 128 + 1023 * 128 + 1 + 255
    assert many == one


def test_a_chain_of_small_mmas_is_bound_by_the_weight_loads(parse):
    # datacenter: a one-block mma uses one of the 4 arrays (they work in lockstep on one
    # mma); its block loads in 32 cycles, it streams 1: the loads set the pace.
    report = simulate(parse(mma_chain(64, 1, 128, 128)), DATACENTER, timing_only=True).report
    assert report["cycles"] == 64 * 32 + 1 + 255
    # 64 lhs rows stream 32 cycles, as long as a load: the same pace, nothing exposed.
    report = simulate(parse(mma_chain(64, 64, 128, 128)), DATACENTER, timing_only=True).report
    assert report["cycles"] == 32 + 64 * 32 + 255


def test_the_port_loads_one_block_ahead_not_more():
    # edge-npu: a [64, 32, 32] mma is one block (8-cycle load) and one pass of 64 cycles.
    engines = Engines(EDGE)
    phases = engines.matrix.phases(64, 32, 32, "int8")
    assert (phases.load, phases.occupancy, phases.passes, phases.port) == (8, 64, 1, 8)
    first, second, third = (engines.mma([], phases) for _ in range(3))
    engines.run()
    # The second block loads while the first streams (both buffers hold a block); the
    # third's buffer is the first's, free once the first has streamed (72): it loads
    # 72..80 while the second streams 72..136, and streams right after.
    assert (engines.start[first], engines.streamed[first]) == (0.0, 72.0)
    assert (engines.start[second], engines.streamed[second]) == (72.0, 136.0)
    assert (engines.start[third], engines.streamed[third]) == (136.0, 200.0)
    # A one-row pass streams 1 cycle: loads back to back on the port, 8 cycles apart.
    engines = Engines(EDGE)
    decode = engines.matrix.phases(1, 32, 32, "int8")
    nodes = [engines.mma([], decode) for _ in range(4)]
    engines.run()
    assert [engines.streamed[n] for n in nodes] == [9.0, 17.0, 25.0, 33.0]


def test_output_stationary_passes_wait_for_the_output_port(parse):
    # 32x32 outputs, K = 16: a pass streams 16 cycles, its results drain in 32. One
    # mma per pass: each ends no sooner than 32 cycles after the one before.
    hw = with_matrix(EDGE, dataflow="output_stationary")
    phases = MatrixTiming(hw).phases(32, 32, 16, "int8")
    assert (phases.load, phases.occupancy, phases.drain, phases.passes, phases.port) == (0, 16, 63 + 32, 1, 32)
    report = simulate(parse(mma_chain(8, 32, 32, 16)), hw, timing_only=True).report
    # The first pass 16, then 7 passes each 32 after the one before, the last drain.
    assert report["cycles"] == 16 + 7 * 32 + 63 + 32
    # One mma of the same 8 blocks takes as long.
    assert report["cycles"] == simulate(parse(single_mma(32, 32 * 8, 16)), hw, timing_only=True).report["cycles"]


@pytest.mark.parametrize("tiles", [(1, 128, 128), (1, 512, 128), (1, 128, 512)])
def test_the_cost_model_counts_the_weight_loads(tiles):
    # One 128x128 array loading 1 row per cycle, with 8x datacenter's DRAM bandwidth:
    # a GEMV's weights arrive faster than the array loads them (128 cycles a block),
    # so the port sets the time, whatever the tiles. The model agrees with the
    # simulator within 1% (test_schedule's margin is 15%; a port-bound run is simple).
    hw = with_matrix(DATACENTER, units=1, weight_load_rows_per_cycle=1)
    hw = dataclasses.replace(hw, dram=dataclasses.replace(hw.dram, bandwidth=8 * hw.dram.bandwidth))
    artifact = accel.compile(int8_gemm(1, 4096, 4096), target="sim", hw=hw, tile_sizes=tiles)
    artifact.run(timing_only=True)
    blocks = (4096 // 128) ** 2
    assert artifact.report["cycles"] >= blocks * 128
    estimate = estimated_cycles(1, 4096, 4096, TileSizes(*tiles), hw)
    assert estimate == pytest.approx(artifact.report["cycles"], rel=0.01)


# ---------------------------------------------------------------------------
# Lower bounds


def physics_bounds(report: dict, hw: Hardware, engines: Engines) -> dict[str, float]:
    """Seconds each resource needs for the program `report` describes (see the module
    docstring); `engines` is the timing of that run (its mmas' blocks)."""
    m = hw.matrix
    bounds = {f"macs {p}": macs / hw.peak_macs_per_second(p) for p, macs in report["macs_by_precision"].items()}
    if hw.has_dram:
        bounds["dram"] = report["dram_bytes"] / hw.dram.bandwidth
    blocks = sum(engines.work[n].blocks for n in range(len(engines.kind)) if engines.kind[n] == MATRIX)
    if m.dataflow == "weight_stationary":
        # Every weight block enters an array through its weight-load port.
        bounds["weight load"] = blocks * m.rows * m.cols / weight_bytes_per_cycle(hw) / hw.clock_hz
    else:
        bounds["output port"] = blocks * m.rows / m.units / hw.clock_hz
    bounds["vector"] = report["vector_ops"] / hw.vector.lanes / hw.clock_hz
    bounds["sram"] = report["sram_bytes"] / hw.sram.bandwidth
    return bounds


def assert_never_beats_physics(report: dict, hw: Hardware, engines: Engines) -> None:
    bounds = physics_bounds(report, hw, engines)
    broken = {name: bound for name, bound in bounds.items() if report["seconds"] < bound * (1 - SLACK)}
    assert not broken, f"simulated {report['seconds']:.6g} s beats the bounds {broken} on {hw.to_dict()}"


class Captured:
    """Records the `Engines` of every simulation run inside the `with` block."""

    def __enter__(self):
        self.engines: list[Engines] = []
        self.patch = pytest.MonkeyPatch()
        run = Engines.run

        def recording_run(engines, *args, **kwargs):
            self.engines.append(engines)
            return run(engines, *args, **kwargs)

        self.patch.setattr(Engines, "run", recording_run)
        return self

    def __exit__(self, *exc):
        self.patch.undo()


@st.composite
def hardware_files(draw) -> Hardware:
    """A preset with its fields perturbed within their valid ranges."""
    data = load_hardware(draw(st.sampled_from(["edge-npu", "datacenter", "sram-only"]))).to_dict()
    data["name"] = "drawn"
    data["clock_hz"] *= draw(st.sampled_from([0.5, 1.0, 2.0]))
    matrix = data["matrix"]
    matrix["rows"] = draw(st.sampled_from([8, 16, 32, 64, 128]))
    matrix["cols"] = draw(st.sampled_from([8, 16, 32, 64, 128]))
    matrix["units"] = draw(st.sampled_from([1, 2, 4]))
    matrix["dataflow"] = draw(st.sampled_from(["weight_stationary", "output_stationary"]))
    matrix["pe_macs_per_cycle"]["int8"] = draw(st.sampled_from([0.5, 1.0, 2.0]))
    matrix["weight_load_rows_per_cycle"] = draw(st.sampled_from([1, 2, 4, 8]))
    matrix.pop("macs_per_cycle", None)  # a check of the geometry, derived again
    data["vector"]["lanes"] = draw(st.sampled_from([8, 32, 256, 1024]))
    data["dma"]["engines"] = draw(st.integers(1, 8))
    if data["dram"]["bytes"]:
        data["dram"]["bandwidth"] = min(1e14, data["dram"]["bandwidth"] * draw(st.sampled_from([0.25, 1.0, 8.0, 64.0])))
        data["dram"]["latency_ns"] = draw(st.sampled_from([0.0, 20.0, 100.0, 400.0]))
    # The SRAM feeds the matrix unit at peak beside the DMA channel (module docstring;
    # load_hardware refuses less): the need is that of the drawn geometry.
    bandwidth = data["sram"]["bandwidth"] * draw(st.sampled_from([0.5, 1.0, 4.0]))
    data["sram"]["bandwidth"] = 1e17
    need = Hardware.from_dict(data, "drawn.toml").sram_bandwidth_needed()
    data["sram"]["bandwidth"] = min(1e17, max(bandwidth, need))
    return Hardware.from_dict(data, "drawn.toml")


def simulate_captured(run) -> tuple[dict, Engines]:
    with Captured() as captured:
        report = run()
    (engines,) = captured.engines
    return report, engines


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(hw=hardware_files(), m=st.integers(1, 160), n=st.integers(1, 320), k=st.integers(1, 320))
def test_compiled_gemms_never_beat_physics(hw, m, n, k):
    try:
        artifact = accel.compile(int8_gemm(m, n, k), target="sim", hw=hw, tune=0)
    except AccelError:  # e.g. no tile fits the drawn SRAM: not this test's subject
        assume(False)
    report, engines = simulate_captured(lambda: (artifact.run(timing_only=True), artifact.report)[1])
    assert report["macs"] == m * n * k
    assert_never_beats_physics(report, hw, engines)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(hw=hardware_files(), data=st.data())
def test_hand_written_programs_never_beat_physics(hw, data):
    # A tiled GEMM of any tile sizes (DMA, mma, rescale, store), or a run of mmas on
    # operands already in SRAM (nothing but the matrix unit sets the pace).
    if data.draw(st.booleans(), label="gemm"):
        m, n, k = data.draw(st.integers(1, 64)), data.draw(st.integers(1, 256)), data.draw(st.integers(1, 512))
        tm, tn, tk = data.draw(st.integers(1, m)), data.draw(st.integers(1, n)), data.draw(st.integers(1, k))
        if math.ceil(m / tm) * math.ceil(n / tn) * math.ceil(k / tk) > 1024:  # keep the run short
            tm, tn, tk = m, n, max(tk, k // 8)
        text = gemm_program(m, n, k, tm, tn, tk, epilogue=data.draw(st.sampled_from(["rescale", "none"])))
    else:
        count = data.draw(st.integers(1, 256))
        text = mma_chain(count, data.draw(st.integers(1, 64)), data.draw(st.integers(1, 256)), data.draw(st.integers(1, 256)))
    report, engines = simulate_captured(lambda: simulate(parse_module(text, CONTEXT), hw, timing_only=True).report)
    assert_never_beats_physics(report, hw, engines)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    dataflow=st.sampled_from(["weight_stationary", "output_stationary"]),
    wl=st.sampled_from([1, 4, 32]),
    units=st.sampled_from([1, 2]),
    mmas=st.lists(
        st.tuples(st.integers(1, 96), st.integers(1, 96), st.integers(1, 96), st.sampled_from([None, 0, 5, 50, 300]), st.booleans()),
        min_size=1,
        max_size=30,
    ),
)
def test_the_matrix_unit_never_outpaces_its_port(dataflow, wl, units, mmas):
    # Random mmas on the engine alone: tiles, a vector op of some length that each
    # depends on (or none), chained into one accumulator or not. The unit streams each
    # pass once and the port works once per pass, in turn.
    hw = with_matrix(EDGE, dataflow=dataflow, weight_load_rows_per_cycle=wl, units=units)
    engines = Engines(hw)
    previous = None
    for tm, tn, tk, wait, chained in mmas:
        deps = [] if wait is None else [engines.vector([], wait)]
        previous = engines.mma(deps, engines.matrix.phases(tm, tn, tk, "int8"), [previous] if chained else [])
    engines.run()
    nodes = [n for n in range(len(engines.kind)) if engines.kind[n] == MATRIX]
    work = [engines.work[n] for n in nodes]
    port = sum(p.passes * p.port for p in work)
    stream = sum(p.passes * p.stream for p in work)
    first, last = engines.start[nodes[0]], engines.streamed[nodes[-1]]
    # The array streams every pass; the last drain follows.
    assert engines.makespan >= stream + work[-1].drain - SLACK
    if dataflow == "weight_stationary":
        # Every pass's weights load before it streams, one load at a time.
        assert last - first >= port + work[-1].stream - SLACK
    else:
        # Every pass's results drain after it streams, one drain at a time.
        assert last + work[-1].port - (first + work[0].stream) >= port - SLACK
    # In issue order, one at a time.
    for a, b in zip(nodes, nodes[1:]):
        assert engines.streamed[b] - engines.work[b].occupancy >= engines.streamed[a] - SLACK
