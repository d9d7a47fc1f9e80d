"""Tests of the compiler driver `accel.compile` (python/accel/driver.py) and the stage
definitions it runs (accel.compiler.stages).

What an Artifact holds: the IR after every stage, in order, per target; the sim
report's fields and how they relate (time and cycles, bytes, energy, roofline);
saved artifacts that other tools take (IREE's `iree-run-module` runs the .vmfb,
accel-opt re-reads the scheduled MLIR, the simulator runs it again); tile sizes
given by the caller; and every user error as a located AccelError.

IREE compiles cost about a second: the cpu artifact is compiled once per module.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import accel
from accel.compiler import stages
from accel.compiler.stages import RAISE
from accel.options import CompileOptions
from accel.compiler.cost_model import choose_tile_sizes
from accel.core.diagnostics import AccelError
from accel.driver import Artifact, random_inputs, signature_of
from accel.core.mlir import ir, make_context, parse_module
from accel.targets.cpu.iree_backend import CpuModule
from accel.runtime.golden import HANDLERS
from accel.targets.hardware import load_hardware
from accel.targets.sim import simulate
from accel.tools import accel_opt
from accel.workloads import int8_gemm

PRESETS = Path(accel.__file__).resolve().parents[2] / "targets" / "presets"
IREE_RUN_MODULE = os.path.join(os.path.dirname(sys.executable), "iree-run-module")

M, N, K = 37, 45, 70  # an edge tile in every dimension on every preset
SOURCE = int8_gemm(M, N, K)


def golden(inputs: list[np.ndarray]) -> np.ndarray:
    return HANDLERS["accel.qmatmul"](*inputs, scheme="w8a8", group_size=0)


@pytest.fixture(scope="module")
def cpu() -> Artifact:
    return accel.compile(SOURCE, target="cpu")


@pytest.fixture(scope="module")
def sim() -> Artifact:
    return accel.compile(SOURCE, target="sim", hw="edge-npu")


@pytest.fixture(scope="module")
def inputs(sim) -> list[np.ndarray]:
    return random_inputs(sim.signature, seed=5)


def error_of(callable_, *args, **kwargs) -> str:
    """The formatted AccelError that `callable_(*args, **kwargs)` raises."""
    with pytest.raises(AccelError) as caught:
        callable_(*args, **kwargs)
    return caught.value.format()


# ---------------------------------------------------------------------------
# Stages and IR


def test_ir_has_the_stages_in_order(cpu, sim):
    assert list(cpu.ir) == ["input", "graph", "linalg"]
    assert list(sim.ir) == ["input", "graph", "tiled", "scheduled"]
    for artifact in (cpu, sim):
        lowering = artifact.options.target_object.lowering(artifact.options)
        assert list(artifact.ir)[1:] == [stages.graph("none")[0], *(name for name, _ in lowering)]

    assert '"accel.qmatmul"' in cpu.ir["input"] and '"accel.qmatmul"' in cpu.ir["graph"]
    assert "accel." not in cpu.ir["linalg"] and "linalg.generic" in cpu.ir["linalg"]
    # The sim target simulates the model's best tile sizes for edge-npu and keeps the
    # fastest (the model's own choice among them), recorded on the tiled qmatmul.
    tiles = sim.tuning[0]["tile_sizes"]
    assert f"accel.tile = array<i64: {', '.join(map(str, tiles))}>" in sim.ir["tiled"]
    (model,) = [row for row in sim.tuning if row["model_choice"]]
    assert model["tile_sizes"] == choose_tile_sizes(M, N, K, load_hardware("edge-npu")).as_list()
    scheduled = sim.ir["scheduled"]
    for op in ("accel.alloc", "accel.dma_load", "accel.mma", "accel.rescale", "accel.dma_store", "accel.wait"):
        assert f'"{op}"' in scheduled, op
    assert "tensor<" not in scheduled and '"accel.qmatmul"' not in scheduled


def test_quantization_stage_and_pipelines(tmp_path):
    """The graph stage raises transformer structure, then --quant adds accel-quantize;
    the sim stages carry the parsed hardware (shown by its preset name, or its path,
    quoted when it has spaces) and the tile sizes."""
    module = lambda body: f"builtin.module({body})"  # noqa: E731
    assert stages.graph("none") [1].text() == module(f"{RAISE}, canonicalize, cse")
    assert stages.graph("w4a16")[1].text() == module(f"{RAISE}, accel-quantize{{scheme=w4a16}}, canonicalize, cse")
    chip = tmp_path / "my chip.toml"
    chip.write_text(Path(load_hardware("datacenter").source).read_text())
    options = CompileOptions(target="sim", hw=str(chip), quant="w8a8", tile_sizes=(16, 8, 32))
    sim_stages = {name: pipeline.text() for name, pipeline in options.target_object.lowering(options)}
    assert sim_stages["tiled"].startswith(f"builtin.module(accel-tile{{hw='{chip}' tile-sizes=16,8,32}}")
    assert f"accel-schedule{{hw='{chip}'}}" in sim_stages["scheduled"]
    default = CompileOptions(target="sim")
    assert dict(default.target_object.lowering(default))["tiled"].text() == "builtin.module(accel-tile, canonicalize, cse)"
    # The passes hold the Hardware object itself: no stage parses the file again.
    (_, tiled), (_, scheduled) = options.target_object.lowering(options)
    assert tiled.elements[0].instance.hw is options.hardware


def test_signature_names_arguments_from_the_source(sim):
    signature = sim.signature
    assert signature.function == "gemm"
    assert [a.name for a in signature.inputs] == ["x", "w", "w_scale", "x_scale"]
    assert [a.shape for a in signature.inputs] == [(M, K), (N, K), (N,), (M,)]
    assert [a.dtype for a in signature.inputs] == [np.int8, np.int8, np.float32, np.float32]
    assert [(a.name, a.shape, a.dtype) for a in signature.outputs] == [("result0", (M, N), np.float32)]


def test_a_module_from_another_context_compiles():
    """An ir.Module (not text) is carried into the driver's context; it is left alone."""
    context = make_context()
    module = parse_module(SOURCE, context)
    before = str(module)
    artifact = accel.compile(module, target="sim")
    assert str(module) == before
    assert [a.name for a in artifact.signature.inputs] == ["arg0", "arg1", "arg2", "arg3"]
    arrays = random_inputs(artifact.signature, seed=1)
    assert np.array_equal(artifact.run(*arrays)[0], golden(arrays))


def test_progress_reports_each_stage():
    messages: list[str] = []
    accel.compile(SOURCE, target="sim", progress=messages.append, tune=0)
    assert [m.split(":")[0] for m in messages] == ["graph", "tiled", "scheduled", "translate"]
    # By default, then each tile-size choice it simulates.
    messages.clear()
    accel.compile(SOURCE, target="sim", progress=messages.append)
    assert [m.split(":")[0] for m in messages][4:] == [*(f"tune {M}x{N}x{K} {i}/8" for i in range(1, 9)), "tuned"]
    assert all(m.endswith(" s") for m in messages[:4])


# ---------------------------------------------------------------------------
# Running, reports


def test_both_targets_give_the_golden_bits(cpu, sim, inputs):
    expected = golden(inputs)
    (sim_output,) = sim.run(*inputs)
    (cpu_output,) = cpu.run(*inputs)
    assert np.array_equal(sim_output, expected)
    assert np.array_equal(cpu_output, expected)
    assert (cpu.report["target"], cpu.report["function"]) == ("cpu", "gemm")
    assert cpu.report["wall_seconds"] > 0


def test_sim_report_fields(sim, inputs):
    sim.run(*inputs)
    report = sim.report
    hw = load_hardware("edge-npu")
    assert report["hardware"] == "edge-npu" and report["function"] == "gemm"

    assert isinstance(report["cycles"], int) and report["cycles"] > 0
    assert report["cycles"] - 1 <= report["seconds"] * hw.clock_hz <= report["cycles"]
    assert report["macs"] == M * N * K

    # DRAM traffic: each operand read and the result written at least once.
    compulsory = M * K + N * K + 4 * (M + N) + 4 * M * N
    assert report["compulsory_dram_bytes"] == compulsory
    assert report["dram_bytes"] == report["dram_read_bytes"] + report["dram_write_bytes"] >= compulsory
    assert report["dram_write_bytes"] == 4 * M * N
    assert report["sram_bytes"] >= report["dram_bytes"]  # every DRAM byte moves through SRAM

    assert report["energy_pj"] > 0
    assert report["energy_pj"] == pytest.approx(sum(report["energy_breakdown_pj"].values()))

    peak = hw.matrix.macs_per_cycle["int8"] * hw.clock_hz
    roofline = max(M * N * K / peak, compulsory / hw.dram.bandwidth)
    assert report["roofline_seconds"] == pytest.approx(roofline)
    assert 0 < report["efficiency"] <= 1
    assert report["efficiency"] == pytest.approx(report["roofline_seconds"] / report["seconds"])

    utilization = report["utilization"]
    assert {"matrix", "vector"} <= set(utilization)
    assert sum(name.startswith("dma") for name in utilization) == hw.dma.engines
    assert all(0 <= value <= 1 for value in utilization.values())
    assert utilization["matrix"] > 0


def test_timing_only_has_the_same_timing(sim, inputs):
    sim.run(*inputs)
    with_values = dict(sim.report)
    assert sim.run(timing_only=True) == []
    assert sim.report["cycles"] == with_values["cycles"]
    assert sim.report["energy_pj"] == with_values["energy_pj"]


def test_write_trace(sim, inputs, tmp_path):
    sim.run(*inputs)
    sim.write_trace(tmp_path / "trace.json", "gemm.mlir")
    import json

    events = json.loads((tmp_path / "trace.json").read_text())["traceEvents"]
    spans = [e for e in events if e["ph"] == "X"]
    assert spans and all(e["args"]["loc"].startswith("gemm.mlir:") for e in spans)


def test_write_trace_needs_a_sim_run(cpu, tmp_path):
    assert "a trace comes from a run on a target with timing" in error_of(cpu.write_trace, tmp_path / "t.json")


def test_random_inputs_are_deterministic_per_seed(sim):
    first, again, other = (random_inputs(sim.signature, seed) for seed in (3, 3, 4))
    assert all(np.array_equal(a, b) and a.dtype == b.dtype for a, b in zip(first, again))
    assert not np.array_equal(first[0], other[0])
    x, w, w_scale, x_scale = first
    assert x.dtype == np.int8 and x.min() >= -127 and x.max() <= 127
    assert w_scale.dtype == np.float32 and (w_scale > 0).all() and (x_scale > 0).all()


# ---------------------------------------------------------------------------
# Tile sizes


def test_tile_sizes_reach_accel_tile(inputs):
    artifact = accel.compile(SOURCE, target="sim", tile_sizes=(16, 8, 32))
    assert "accel.tile = array<i64: 16, 8, 32>" in artifact.ir["tiled"]
    assert np.array_equal(artifact.run(*inputs)[0], golden(inputs))
    # Text as accelc passes it; a size beyond the shape is clamped to it.
    artifact = accel.compile(SOURCE, target="sim", tile_sizes="64,45,7")
    assert f"accel.tile = array<i64: {M}, {N}, 7>" in artifact.ir["tiled"]


@pytest.mark.parametrize("bad", [(16, 8), (16, 8, 0), (1, 2, 3, 4), "8,x,8", (8.5, 8, 8), "-1,2,3"])
def test_bad_tile_sizes(bad):
    message = error_of(accel.compile, SOURCE, target="sim", tile_sizes=bad)
    assert message.startswith("--tile-sizes: error: tile sizes are three positive integers")


def test_tile_sizes_are_a_sim_option():
    message = error_of(accel.compile, SOURCE, target="cpu", tile_sizes=(8, 8, 8))
    assert message.startswith("--tile-sizes: error:") and "--target cpu does not take it" in message


# ---------------------------------------------------------------------------
# Tuning


def test_tuning_keeps_the_fastest_candidate():
    source = int8_gemm(96, 200, 160)
    tuned = accel.compile(source, target="sim", hw="edge-npu", tune=4)
    rows = tuned.tuning
    assert [row["cycles"] for row in rows] == sorted(row["cycles"] for row in rows)
    assert len(rows) == 4 and len({tuple(r["tile_sizes"]) for r in rows}) == 4
    # The model's choice is one of them, timed as a plain compile times it.
    plain = accel.compile(source, target="sim", hw="edge-npu", tune=0)
    plain.run(timing_only=True)
    (model,) = [row for row in rows if row["model_choice"]]
    assert model["cycles"] == plain.report["cycles"]
    assert f"accel.tile = array<i64: {', '.join(map(str, model['tile_sizes']))}>" in plain.ir["tiled"]
    # The artifact is the fastest candidate's; it computes the golden values.
    best = rows[0]
    assert f"accel.tile = array<i64: {', '.join(map(str, best['tile_sizes']))}>" in tuned.ir["tiled"]
    arrays = random_inputs(tuned.signature, seed=1)
    assert np.array_equal(tuned.run(*arrays)[0], HANDLERS["accel.qmatmul"](*arrays, scheme="w8a8", group_size=0))
    assert tuned.report["cycles"] == best["cycles"] <= model["cycles"]


def test_tuning_errors():
    assert error_of(accel.compile, SOURCE, target="cpu", tune=2).startswith("--tune: error: tuning simulates candidate schedules")
    assert "drop --tile-sizes" in error_of(accel.compile, SOURCE, target="sim", tune=2, tile_sizes=(8, 8, 8))
    for bad in (-1, 1.5, True):
        assert error_of(accel.compile, SOURCE, target="sim", tune=bad).startswith("--tune: error: --tune takes how many tile sizes to try")
    no_matmul = "func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {\n  return %a : tensor<4xf32>\n}"
    assert accel.compile(no_matmul, target="sim").tuning == []  # nothing to tune by default
    assert error_of(accel.compile, no_matmul, target="sim", tune=2) == "--tune: error: tuning chooses the tile sizes of qmatmuls: the program has none"


TWO_SHAPES = """func.func @two(%x1: tensor<64x256xi8>, %w1: tensor<512x256xi8>, %ws1: tensor<512xf32>, %xs1: tensor<64xf32>,
               %x2: tensor<128x512xi8>, %w2: tensor<96x512xi8>, %ws2: tensor<96xf32>, %xs2: tensor<128xf32>) -> (tensor<64x512xf32>, tensor<128x96xf32>) {
  %y1 = "accel.qmatmul"(%x1, %w1, %ws1, %xs1) {scheme = "w8a8", group_size = 0 : i64} : (tensor<64x256xi8>, tensor<512x256xi8>, tensor<512xf32>, tensor<64xf32>) -> tensor<64x512xf32>
  %y2 = "accel.qmatmul"(%x2, %w2, %ws2, %xs2) {scheme = "w8a8", group_size = 0 : i64} : (tensor<128x512xi8>, tensor<96x512xi8>, tensor<96xf32>, tensor<128xf32>) -> tensor<128x96xf32>
  return %y1, %y2 : tensor<64x512xf32>, tensor<128x96xf32>
}"""


def test_tile_sizes_per_shape():
    artifact = accel.compile(TWO_SHAPES, target="sim", tile_sizes={(64, 512, 256): (32, 64, 128), (128, 96, 512): "64,32,256"})
    assert "accel.tile = array<i64: 32, 64, 128>" in artifact.ir["tiled"] and "accel.tile = array<i64: 64, 32, 256>" in artifact.ir["tiled"]
    # A shape not listed gets the model's sizes.
    artifact = accel.compile(TWO_SHAPES, target="sim", tile_sizes={(64, 512, 256): (32, 64, 128)})
    model = choose_tile_sizes(128, 96, 512, load_hardware("edge-npu"))
    assert f"accel.tile = array<i64: {model.tm}, {model.tn}, {model.tk}>" in artifact.ir["tiled"]
    message = error_of(accel.compile, TWO_SHAPES, target="sim", tile_sizes={(64, 512): (32, 64, 128)})
    assert message.startswith("--tile-sizes: error: matmul shapes are three positive integers M,N,K")


def test_tuning_a_program_of_several_shapes():
    # Each shape is tuned alone, as a GEMM; the program with each one's fastest sizes
    # is kept only if it beats the model's choices.
    messages: list[str] = []
    tuned = accel.compile(TWO_SHAPES, target="sim", tune=3, progress=messages.append)
    shapes = [row["shape"] for row in tuned.tuning]
    assert shapes == [[64, 512, 256]] * 3 + [[128, 96, 512]] * 3
    for shape in ([64, 512, 256], [128, 96, 512]):
        rows = [row for row in tuned.tuning if row["shape"] == shape]
        assert [row["cycles"] for row in rows] == sorted(row["cycles"] for row in rows)
        assert sum(row["model_choice"] for row in rows) == 1
    model = accel.compile(TWO_SHAPES, target="sim", tune=0)
    model.run(timing_only=True)
    assert tuned.report["cycles"] <= model.report["cycles"]
    assert messages[-1].startswith("tuned: ")
    arrays = random_inputs(tuned.signature, seed=2)
    outputs, expected = tuned.run(*arrays), model.run(*arrays)
    assert all(np.array_equal(a, b) for a, b in zip(outputs, expected))


# ---------------------------------------------------------------------------
# Saved artifacts


def test_saved_vmfb_runs_in_iree_run_module(cpu, inputs, tmp_path):
    cpu.save(tmp_path / "gemm.vmfb")
    assert CpuModule((tmp_path / "gemm.vmfb").read_bytes()).function_names == ["gemm"]
    flags = []
    for index, array in enumerate(inputs):
        np.save(tmp_path / f"in{index}.npy", array)
        flags.append(f"--input=@{tmp_path / f'in{index}.npy'}")
    completed = subprocess.run(
        [IREE_RUN_MODULE, "--device=local-task", f"--module={tmp_path / 'gemm.vmfb'}", "--function=gemm",
         *flags, f"--output=@{tmp_path / 'out.npy'}"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    (in_process,) = cpu.run(*inputs)
    assert np.array_equal(np.load(tmp_path / "out.npy"), in_process)


def test_saved_scheduled_mlir_is_read_back(sim, inputs, tmp_path, capsys):
    """The sim artifact is the scheduled module: accel-opt parses and verifies it and
    prints it unchanged, and the simulator runs it to the same bits and cycles."""
    path = tmp_path / "gemm.sched.mlir"
    sim.save(path)
    assert path.read_text() == sim.ir["scheduled"]
    assert accel_opt.main([str(path)]) == 0
    assert capsys.readouterr().out.strip() == sim.ir["scheduled"].strip()

    (expected,) = sim.run(*inputs)
    cycles = sim.report["cycles"]
    with make_context() as context:
        module = parse_module(path.read_text(), context)
        outputs = [*inputs, np.zeros((M, N), np.float32)]
        result = simulate(module, "edge-npu", function="gemm", inputs=outputs)
    assert np.array_equal(result.outputs[-1], expected)
    assert result.report["cycles"] == cycles


# ---------------------------------------------------------------------------
# Errors


def test_unknown_target_quant_and_preset():
    assert error_of(accel.compile, SOURCE, target="gpu") == "--target: error: unknown target 'gpu' (targets: cpu, estimate, sim)"
    assert error_of(accel.compile, SOURCE, quant="int3").startswith("--quant: error: unknown quantization 'int3'")
    message = error_of(accel.compile, SOURCE, target="sim", hw="edge-nup")
    assert message.startswith("--hw: error: unknown hardware preset 'edge-nup'") and "did you mean 'edge-npu'" in message


def test_bad_hardware_file_names_the_file_and_field(tmp_path):
    text = (PRESETS / "edge-npu.toml").read_text()
    negative = tmp_path / "negative.toml"
    negative.write_text(text.replace("bytes = 2097152", "bytes = -1", 1))
    assert error_of(accel.compile, SOURCE, target="sim", hw=str(negative)) == (
        f"{negative}: error: field 'sram.bytes' must be > 0, got -1"
    )
    typo = tmp_path / "typo.toml"
    typo.write_text(text.replace("lanes = 32", "lane = 32", 1))
    message = error_of(accel.compile, SOURCE, target="sim", hw=str(typo))
    assert message.startswith(f"{typo}: error:") and "vector.lane" in message
    assert error_of(accel.compile, SOURCE, target="sim", hw=str(tmp_path / "none.toml")).startswith(f"{tmp_path / 'none.toml'}: error:")


def test_malformed_mlir_is_located():
    message = error_of(accel.compile, "func.func @f(%x: i32) -> i32 {\n  %y = arith.addi %x, : i32\n  return %y : i32\n}\n")
    assert message == "<input>:2:22: error: expected SSA operand"


def test_function_selection():
    two = int8_gemm(4, 4, 4, "first") + int8_gemm(4, 4, 8, "second")
    message = error_of(accel.compile, two, target="sim")
    # Located at the second public function: the one that makes the choice ambiguous.
    assert message == "<input>:5:1: error: the module has 2 public functions (@first, @second): name one with --function"
    assert accel.compile(two, target="sim", function="second").signature.inputs[0].shape == (4, 8)
    assert error_of(accel.compile, two, function="third") == "--function: error: no function @third in the module (it has: @first, @second)"
    # A private function is no candidate for the default.
    private = int8_gemm(4, 4, 4, "helper").replace("func.func @helper", "func.func private @helper") + int8_gemm(4, 4, 4, "main")
    assert accel.compile(private, target="sim").signature.function == "main"


def test_dynamic_shapes_are_refused():
    text = "func.func @f(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {\n  return %x : tensor<?x4xf32>\n}\n"
    assert "dynamic shape" in error_of(accel.compile, text)


FLOAT_LINEAR = """func.func @linear(%x: tensor<4x8xf32>) -> tensor<4x2xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x2xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x2xf32>) -> tensor<4x2xf32>
  %w = arith.constant dense<0.5> : tensor<8x2xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x2xf32>) outs(%init : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %y : tensor<4x2xf32>
}"""


def test_sim_refuses_what_it_cannot_schedule():
    """The sim target schedules w8a8 qmatmuls; for anything else it names the op and
    its place in the input (not the ops nested inside it)."""
    # Unquantized linalg: what is left after scheduling, without the linalg.yield inside.
    why = "it is not scheduled (only quantized matmuls and activation quantization are, so far)"
    assert error_of(accel.compile, FLOAT_LINEAR, target="sim").splitlines() == [
        f"<input>:4:11: error: the sim target cannot run 'linalg.fill': {why}",
        f"<input>:6:8: error: the sim target cannot run 'linalg.matmul': {why}",
    ]


def test_sim_runs_activations_quantized_at_run_time():
    # w8a8 quantizes the activations at run time (accel.quantize): scheduled on the
    # vector unit, the result equals the cpu target's bit for bit.
    x = np.random.default_rng(0).standard_normal((4, 8)).astype(np.float32)
    (sim,) = accel.compile(FLOAT_LINEAR, target="sim", quant="w8a8", tune=0).run(x)
    (cpu,) = accel.compile(FLOAT_LINEAR, target="cpu", quant="w8a8").run(x)
    assert np.array_equal(sim.view(np.uint32), cpu.view(np.uint32))


def test_run_checks_inputs(sim, inputs):
    assert error_of(sim.run, *inputs[:3]) == "@gemm: error: @gemm takes 4 inputs, got 3"
    wrong_shape = [inputs[0][:, :-1], *inputs[1:]]
    assert error_of(sim.run, *wrong_shape) == (
        f"@gemm: error: input 0 (x: tensor<{M}x{K}xi8>) needs a int8 array of shape ({M}, {K}), got int8 ({M}, {K - 1})"
    )
    wrong_dtype = [*inputs[:2], inputs[2].astype(np.float64), inputs[3]]
    assert "input 2 (w_scale: tensor<45xf32>) needs a float32 array" in error_of(sim.run, *wrong_dtype)


def test_timing_only_is_a_sim_feature(cpu):
    assert error_of(cpu.run, timing_only=True) == "--target cpu: error: timing-only runs need a target with timing (--target cpu has none)"


# ---------------------------------------------------------------------------
# Regressions: what default tuning and Python-API text used to lose


def test_default_tuning_keeps_the_sources_names_and_locations(tmp_path):
    """Tuning compiles candidates from the user's source, not from the printed IR:
    the kept artifact names its inputs as the source does, and every trace event is
    located at the qmatmul (line 8 of examples/gemm.mlir), not at a comment."""
    path = Path(__file__).resolve().parents[2] / "examples" / "gemm.mlir"
    artifact = accel.compile(path.read_text(), target="sim", filename=str(path))
    assert len(artifact.tuning) == 8 and not artifact.tuning[0]["model_choice"]  # a recompiled candidate won
    assert [a.name for a in artifact.signature.inputs] == ["x", "w", "w_scale", "x_scale"]
    artifact.run(timing_only=True)
    trace = tmp_path / "trace.json"
    artifact.write_trace(trace, str(path))
    import json

    located = {e["args"]["loc"] for e in json.loads(trace.read_text())["traceEvents"] if "loc" in e.get("args", {})}
    assert located == {f"{path}:8:8"}


def test_remarks_and_errors_of_text_name_the_source(capfd):
    """A remark printed while compiling text from Python names `filename` (default
    "<input>"), not the parser's "-"; so do errors, wherever they are printed."""
    weight_argument = FLOAT_LINEAR.replace("%x: tensor<4x8xf32>)", "%x: tensor<4x8xf32>, %w: tensor<8x2xf32>)").replace(
        "  %w = arith.constant dense<0.5> : tensor<8x2xf32>\n", "")
    accel.compile(weight_argument, target="cpu", quant="w8a8", filename="model.mlir")
    remarks = [line for line in capfd.readouterr().err.splitlines() if "remark" in line]
    assert remarks and all(line.startswith("model.mlir:5:8: remark: accel-quantize: this matmul stays in float") for line in remarks)
    with pytest.raises(AccelError) as caught:
        accel.compile("func.func @f(%x: i32) -> i32 {\n  %y = arith.addi %x, : i32\n}\n", filename="model.mlir")
    assert str(caught.value) == "model.mlir:2:22: error: expected SSA operand"
