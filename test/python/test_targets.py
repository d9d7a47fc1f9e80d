"""The Target protocol and registry (accel.targets): targets are found, not named by
the driver; a new target is one module; the estimate target's figures."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import accel
import accel.targets as registry
from accel.core.diagnostics import AccelError
from accel.workloads import int8_gemm

ROOT = Path(__file__).resolve().parents[2]


def test_registry_finds_every_target():
    assert accel.target_names() == ("cpu", "estimate", "sim")
    for name, target in registry.targets().items():
        assert target.name == name and target.summary
    with pytest.raises(AccelError, match=r"unknown target 'gpu' \(targets: cpu, estimate, sim\)"):
        registry.get_target("gpu")


def test_no_code_branches_on_a_target_name():
    """Outside the registry, nothing compares a target's name with a string."""
    pattern = re.compile(r"""[!=]= *["'](sim|cpu|estimate)["']""")
    offenders = []
    for folder in ("python", "compiler", "targets", "runtime", "dialects", "benchmarks"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_a_new_target_is_one_module(tmp_path, monkeypatch):
    """A module that defines a Target subclass, put where accel.targets looks, is a
    target for accel.compile and accelc with no other edit."""
    (tmp_path / "echo_target.py").write_text(textwrap.dedent('''
        """A target that runs nothing: returns its inputs."""
        from accel.targets import Target

        class EchoProgram:
            payload = b"echo"
            def run(self, arrays, timing_only, progress=None):
                return list(arrays), {"target": "echo"}, None

        class EchoTarget(Target):
            name = "echo"
            summary = "returns the inputs"
            def lowering(self, options):
                return []
            def finish(self, module, options, texts, session):
                return EchoProgram()
    '''))
    monkeypatch.setattr(registry, "__path__", [*registry.__path__, str(tmp_path)])
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        assert "echo" in accel.target_names()
        artifact = accel.compile(int8_gemm(4, 4, 8), target="echo")
        arrays = accel.driver.random_inputs(artifact.signature)
        assert all(a is b or (a == b).all() for a, b in zip(artifact.run(*arrays), arrays))
        from accel.tools.accelc import _argument_parser

        assert _argument_parser().parse_args(["run", "x.mlir", "--target", "echo"]).target == "echo"
    finally:
        sys.modules.pop("accel.targets.echo_target", None)


@pytest.mark.parametrize("hw", ["edge-npu", "datacenter"])
@pytest.mark.parametrize("shape", [(384, 2304, 768), (1, 4096, 4096), (512, 512, 512)])
def test_estimate_is_close_to_the_simulator_and_never_beats_the_roofline(hw, shape):
    """The estimate target costs the tile sizes the sim target's model chooses; on these
    GEMMs it is within 15% of the simulated time of the same tiles (the margin
    test_schedule holds the model to), and its efficiency is at most 1."""
    source = int8_gemm(*shape)
    estimate = accel.compile(source, target="estimate", hw=hw)
    estimate.run(timing_only=True)
    simulated = accel.compile(source, target="sim", hw=hw, tune=0)
    simulated.run(timing_only=True)
    assert estimate.report["approximate"] is True
    assert estimate.report["matmuls"][0]["tile_sizes"] == [int(v) for v in re.search(r"accel.tile = array<i64: (\d+), (\d+), (\d+)>", simulated.ir["tiled"]).groups()]
    assert estimate.report["cycles"] == pytest.approx(simulated.report["cycles"], rel=0.15)
    assert estimate.report["seconds"] >= estimate.report["roofline_seconds"] == pytest.approx(simulated.report["roofline_seconds"])
    assert 0 < estimate.report["efficiency"] <= 1


def test_estimate_refuses_values_and_what_it_cannot_cost():
    artifact = accel.compile(int8_gemm(8, 8, 16), target="estimate")
    with pytest.raises(AccelError, match="computes no values"):
        artifact.run(*accel.driver.random_inputs(artifact.signature))
    linear = "func.func @f(%a: tensor<4x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {\n  %c = arith.addf %a, %b : tensor<4x4xf32>\n  return %c : tensor<4x4xf32>\n}\n"
    with pytest.raises(AccelError) as caught:
        accel.compile(linear, target="estimate", filename="f.mlir")
    assert str(caught.value) == "f.mlir:2:8: error: the estimate target cannot cost 'arith.addf' (it costs w8a8 qmatmuls only)"
    with pytest.raises(AccelError, match="--tune: error: tuning simulates candidate schedules"):
        accel.compile(int8_gemm(8, 8, 16), target="estimate", tune=2)


def test_accelc_runs_the_estimate_target():
    result = subprocess.run([sys.executable, "-m", "accel.tools.accelc", "run", str(ROOT / "examples" / "gemm.mlir"),
                             "--target", "estimate", "--timing-only", "-q"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("@gemm on estimate (edge-npu)") and "cycles (est.)" in result.stdout
