"""Tests of accel.iree: accel's passes between IREE's compilation phases, in one session.

For each phase boundary accel supports (accel.iree.ACCEL_PHASES), a small linear layer
with constant weights goes through IREE to that phase, accel's cpu stages quantize
its weights to int8 (w8a16) and lower them to linalg, and IREE compiles the rest; the
.vmfb runs in IREE's own `iree-run-module --device=local-task`. Its result is
compared with numpy: x @ dequantized(W), the weights quantized by accel's reference
quantizer, within 1e-4 (f32 sums of 64 products of magnitude ~1, against a float64
reference); the unquantized product is further than that from it (about 0.1), so the
test knows accel's passes ran. Also: resuming from IREE's own output at a phase
(`--compile-from`), MLIR at a phase (`--compile-to`), `accelc compile` with
iree-compile's flags, each error (unknown or refused phase, bad IREE flag, a failing
accel pass, an accel op left for IREE), and an iree-turbine export into
`accel.compile` and `accel.iree.compile` (skipped without torch).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import accel
import accel.iree
from accel.core.diagnostics import AccelError
from accel.runtime.golden import HANDLERS
from accel.runtime.quantization import quantize_weight
from accel.targets.cpu.iree_backend import CPU_FLAGS, CpuModule, merged_flags
from accel.tools import accelc
from accel.workloads import int8_gemm

M, K, N = 4, 64, 32
TOLERANCE = 1e-4
W8A16 = accel.iree.cpu_pipeline("w8a16")


def _iree_run_module() -> str:
    """iree-run-module of iree-base-runtime: beside this Python, on PATH, or the
    binary the package ships (what its console script runs)."""
    beside = os.path.join(os.path.dirname(sys.executable), "iree-run-module")
    if os.access(beside, os.X_OK):
        return beside
    from iree._runtime import libs

    return shutil.which("iree-run-module") or os.path.join(libs.library_path, "iree-run-module")


def _linear(weights: np.ndarray) -> str:
    values = ", ".join("[" + ", ".join(f"{v:.9e}" for v in row) + "]" for row in weights)
    return f"""func.func @linear(%x: tensor<{M}x{K}xf32>) -> tensor<{M}x{N}xf32> {{
  %w = arith.constant dense<[{values}]> : tensor<{K}x{N}xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<{M}x{N}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32>
  %y = linalg.matmul ins(%x, %w : tensor<{M}x{K}xf32>, tensor<{K}x{N}xf32>) outs(%init : tensor<{M}x{N}xf32>) -> tensor<{M}x{N}xf32>
  return %y : tensor<{M}x{N}xf32>
}}
"""


RNG = np.random.default_rng(7)
WEIGHTS = RNG.standard_normal((K, N)).astype(np.float32)
X = RNG.standard_normal((M, K)).astype(np.float32)
SOURCE = _linear(WEIGHTS)
GEMM_ARGS = [RNG.integers(-127, 128, (8, 32)).astype(np.int8), RNG.integers(-127, 128, (16, 32)).astype(np.int8),
             RNG.uniform(0.001, 0.02, 16).astype(np.float32), RNG.uniform(0.001, 0.02, 8).astype(np.float32)]


def w8a16_reference(x: np.ndarray, weights_kn: np.ndarray) -> np.ndarray:
    """x @ W with W int8 per output channel (accel's quantizer), in float64."""
    q, scale = quantize_weight(weights_kn.T, 8)
    return x.astype(np.float64) @ (q.astype(np.float64) * scale[:, None].astype(np.float64)).T


def run_in_iree_run_module(vmfb: bytes, function: str, x: np.ndarray, tmp_path: Path) -> np.ndarray:
    (tmp_path / "m.vmfb").write_bytes(vmfb)
    np.save(tmp_path / "x.npy", x)
    completed = subprocess.run(
        [_iree_run_module(), "--device=local-task", f"--module={tmp_path / 'm.vmfb'}", f"--function={function}",
         f"--input=@{tmp_path / 'x.npy'}", f"--output=@{tmp_path / 'y.npy'}"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return np.load(tmp_path / "y.npy")


def assert_quantized_result(y: np.ndarray) -> None:
    reference = w8a16_reference(X, WEIGHTS)
    assert y.shape == (M, N) and y.dtype == np.float32
    np.testing.assert_allclose(y, reference, rtol=0, atol=TOLERANCE)
    # Unquantized, the product is measurably elsewhere: accel's passes did run.
    assert np.abs(X.astype(np.float64) @ WEIGHTS - reference).max() > 100 * TOLERANCE


def test_phases_are_iree_compiles():
    """IREE_PHASES is iree-compile's list of --compile-to values, in its order."""
    from iree.compiler.tools.binaries import find_tool

    help_text = subprocess.run([find_tool("iree-compile"), "--help"], capture_output=True, text=True, timeout=60).stdout
    section = help_text.split("--compile-to=<value>", 1)[1]
    phases = []
    for line in section.splitlines()[1:]:
        match = re.match(r"\s+=([\w-]+)\s", line)
        if not match:
            break
        phases.append(match.group(1))
    assert tuple(phases) == accel.iree.IREE_PHASES


# ---------------------------------------------------------------------------
# One test per phase boundary


@pytest.mark.parametrize("phase", accel.iree.ACCEL_PHASES)
def test_accel_between_iree_phases_runs_in_iree_run_module(phase, tmp_path):
    with accel.iree.IreeSession(SOURCE) as session:
        session.to_phase(phase)
        assert session.phase == phase
        session.run_accel(W8A16)
        text = str(session.module)
        vmfb = session.to_vmfb()
    assert re.search(rf"arith.constant dense<[^>]*> : tensor<{N}x{K}xi8>", text), text  # the quantized weights
    if phase not in ("start", "input"):
        assert "!hal.buffer_view" in text  # IREE's ABI, from the abi phase on
    assert_quantized_result(run_in_iree_run_module(vmfb, "linear", X, tmp_path))


def test_compile_in_one_call_is_the_same_program():
    vmfb = accel.iree.compile(SOURCE, W8A16, accel_after="global-optimization", iree_flags=["--iree-opt-data-tiling=false"])
    (y,) = CpuModule(vmfb)("linear", X)
    assert_quantized_result(y)


def test_a_users_flags_replace_the_defaults_of_their_name():
    assert merged_flags(["--iree-opt-data-tiling=false"]) == [*(f for f in CPU_FLAGS if f != "--iree-opt-data-tiling"), "--iree-opt-data-tiling=false"]
    # A target of one's own (here IREE's older flag) replaces the default target flags.
    flags = merged_flags(["--iree-hal-target-backends=llvm-cpu"])
    assert not any(f.startswith(("--iree-hal-target-device", "--iree-hal-local-target-device-backends")) for f in flags)
    (y,) = CpuModule(accel.iree.compile(SOURCE, W8A16, iree_flags=["--iree-hal-target-backends=llvm-cpu"]))("linear", X)
    assert_quantized_result(y)


def test_resume_from_iree_output_at_a_phase_and_stop_at_one():
    """iree-compile --compile-to=input's output resumed with --compile-from=input
    (accel's stages run on it first); --compile-to gives MLIR at that phase."""
    at_input = accel.iree.compile(SOURCE, compile_to="input")
    assert "util.func public @linear" in at_input and "xi8>" not in at_input
    vmfb = accel.iree.compile(at_input, W8A16, iree_flags=["--compile-from=input"])
    (y,) = CpuModule(vmfb)("linear", X)
    assert_quantized_result(y)
    at_abi = accel.iree.compile(SOURCE, W8A16, compile_to="abi")
    assert "!hal.buffer_view" in at_abi and f"tensor<{N}x{K}xi8>" in at_abi and "linalg.matmul" in at_abi


def test_accelc_compile_takes_iree_compiles_flags(tmp_path, capsys):
    source = tmp_path / "linear.mlir"
    source.write_text(SOURCE)
    iree_flags = ["--iree-hal-target-device=local", "--iree-hal-local-target-device-backends=llvm-cpu", "--iree-opt-data-tiling=false"]
    status = accelc.main(["compile", str(source), *iree_flags, "--accel-after", "abi", "--quant", "w8a16", "-q", "-o", str(tmp_path / "l.vmfb")])
    assert status == 0, capsys.readouterr().err
    assert_quantized_result(run_in_iree_run_module((tmp_path / "l.vmfb").read_bytes(), "linear", X, tmp_path))
    status = accelc.main(["compile", str(source), "--compile-to=abi", "--quant", "w8a16", "-q", "-o", str(tmp_path / "abi.mlir")])
    assert status == 0, capsys.readouterr().err
    assert f"tensor<{N}x{K}xi8>" in (tmp_path / "abi.mlir").read_text()


# ---------------------------------------------------------------------------
# Errors: located, naming the option


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (dict(accel_after="flow"), r"^--accel-after: error: accel's passes run on linalg on tensors, after one of IREE's phases start, input, abi, preprocessing, global-optimization, not after 'flow'"),
        (dict(accel_after="inputs"), r"^--accel-after: error: unknown IREE phase 'inputs' \(phases: start, input, abi, "),
        (dict(compile_to="nope"), r"^--compile-to: error: unknown IREE phase 'nope'"),
        (dict(compile_from="nope"), r"^--compile-from: error: unknown IREE phase 'nope'"),
        (dict(compile_from="abi", compile_to="input"), r"^--compile-to: error: --compile-from=abi must come before --compile-to=input"),
        (dict(compile_to="input", accel_after="abi"), r"^--accel-after: error: --compile-to=input stops before --accel-after=abi$"),
        (dict(compile_from="abi", accel_after="input"), r"^--accel-after: error: the input is at IREE phase 'abi', after --accel-after=input$"),
        (dict(iree_flags=["--iree-no-such-flag"]), r"^--iree-no-such-flag: error: bad IREE compiler flags: .*option not found: iree-no-such-flag$"),
        (dict(iree_flags=["--iree-opt-data-tiling=maybe"]), r"^--iree-opt-data-tiling=maybe: error: bad IREE compiler flags: .*'maybe' is invalid value"),
        (dict(iree_flags=["--compile-to"]), r"^--compile-to: error: write --compile-to=PHASE"),
    ],
)
def test_phase_and_flag_errors_name_the_option(arguments, expected):
    with pytest.raises(AccelError) as info:
        accel.iree.compile(SOURCE, W8A16, **arguments)
    assert re.match(expected, info.value.format("linear.mlir")), info.value.format("linear.mlir")


def test_refused_phase_in_a_session():
    with accel.iree.IreeSession(SOURCE) as session:
        session.to_phase("dispatch-creation")
        with pytest.raises(AccelError, match="not after 'dispatch-creation'"):
            session.run_accel(W8A16)
        with pytest.raises(AccelError, match="already past IREE phase 'input'"):
            session.to_phase("input")


def test_failing_accel_pass_and_accel_ops_left_are_located():
    line = SOURCE.splitlines().index(next(l for l in SOURCE.splitlines() if "linalg.matmul" in l)) + 1
    with pytest.raises(AccelError) as info:  # K = 64 has no group of 128
        accel.iree.compile(SOURCE, "accel-quantize{scheme=w4a16 group-size=128}, accel-lower-to-linalg")
    assert info.value.format("linear.mlir").startswith(f"linear.mlir:{line}:8: error: accel-quantize: scheme w4a16 with group-size 128 needs K divisible")
    with pytest.raises(AccelError) as info:  # IREE cannot compile accel ops
        accel.iree.compile(SOURCE, "accel-quantize{scheme=w8a16}", accel_after="preprocessing")
    assert info.value.format("linear.mlir") == f"linear.mlir:{line}:8: error: the CPU target compiles linalg, not 'accel.qmatmul': run accel-lower-to-linalg first"


def test_accel_ops_in_the_input_lower_before_iree_sees_them():
    """A program of accel graph ops: by default accel's stages run first ("start");
    IREE is never given an accel op (its later phases crash on them)."""
    program = int8_gemm(8, 16, 32)
    (y,) = CpuModule(accel.iree.compile(program, W8A16))("gemm", *GEMM_ARGS)
    np.testing.assert_array_equal(y, HANDLERS["accel.qmatmul"](*GEMM_ARGS, scheme="w8a8", group_size=0))
    with accel.iree.IreeSession(program) as session:
        for phase in ("input", "flow"):
            with pytest.raises(AccelError, match=r"the CPU target compiles linalg, not 'accel.qmatmul'"):
                session.to_phase(phase)
        assert session.phase == "start"


def test_accelc_errors_exit_1_without_traceback(tmp_path, capsys):
    source = tmp_path / "linear.mlir"
    source.write_text(SOURCE)
    for extra, expected in (
        (["--accel-after", "flow"], "--accel-after: error: accel's passes run on linalg on tensors"),
        (["--iree-no-such-flag"], "--iree-no-such-flag: error: bad IREE compiler flags"),
        (["--target", "sim", "--compile-to=abi"], "--target: error: --target does not apply inside IREE's pipeline"),
    ):
        assert accelc.main(["compile", str(source), *extra, "-q", "-o", str(tmp_path / "out")]) == 1
        err = capsys.readouterr().err
        assert err.startswith(expected) and "Traceback" not in err, err
        assert not (tmp_path / "out").exists()
    with pytest.raises(SystemExit) as info:  # a value after a space is not IREE's flag syntax
        accelc.main(["compile", str(source), "--compile-to", "abi", "-o", str(tmp_path / "out")])
    assert info.value.code == 2
    assert "unrecognized arguments: abi (IREE's flags take their value after '='" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# iree-turbine


@pytest.fixture(scope="module")
def turbine_linear():
    """A torch.nn.Linear(16, 8) exported by iree-turbine's aot.export."""
    torch = pytest.importorskip("torch")
    aot = pytest.importorskip("iree.turbine.aot")
    torch.manual_seed(0)
    model = torch.nn.Linear(16, 8)
    x = torch.randn(2, 16)
    return aot.export(model, args=(x,)), model, x.numpy()


def test_turbine_export_goes_into_accel_compile(turbine_linear):
    exported, model, x = turbine_linear
    weight, bias = model.weight.detach().numpy(), model.bias.detach().numpy()
    q, scale = quantize_weight(weight, 8)
    reference = x.astype(np.float64) @ (q * scale[:, None].astype(np.float64)).T + bias
    artifact = accel.compile(exported, target="cpu", quant="w8a16")
    (y,) = artifact.run(x)
    np.testing.assert_allclose(y, reference, rtol=0, atol=TOLERANCE)
    assert "xi8>" in artifact.ir["linalg"]
    # The same export through IREE's own input phase (torch -> linalg), accel after it.
    (z,) = CpuModule(accel.iree.compile(exported, W8A16, accel_after="input"))("main", x)
    np.testing.assert_allclose(z, reference, rtol=0, atol=TOLERANCE)
