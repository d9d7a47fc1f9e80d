"""Tests of the `accelc` command line (python/accel/tools/accelc.py), in process:
`main([...])` with pytest's capsys, files in tmp_path.

The summary it prints, inputs by name and by position, the files it writes (outputs,
report, trace, IR per stage, compiled artifacts), --check (bitwise, NaNs included),
--quiet, --help, --version, `import` to stdout, and every user error: exit status 1,
one line `LOCATION: error: message` on stderr, never a traceback. Output paths are
checked before any work, and an error leaves no file behind. Also the simulator's
own command line, `python -m accel.targets.sim`. Most runs use a small GEMM on the sim target (milliseconds);
the cpu target (an IREE compile, about a second) runs only where it is the subject.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path

import numpy as np
import pytest

import accel
from accel.driver import random_inputs
from accel.targets.cpu.iree_backend import CpuModule
from accel.runtime.golden import HANDLERS
from accel.targets.hardware import load_hardware
from accel.tools import accelc
from accel.workloads import int8_gemm

ROOT = Path(accel.__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "gemm.mlir"
M, N, K = 24, 40, 72
SOURCE = int8_gemm(M, N, K)
ONE_LOCATED_LINE = re.compile(r"^[^\s:][^:]*(:\d+:\d+)?: error: \S.*$")


@pytest.fixture(scope="module")
def gemm(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("src") / "gemm.mlir"
    path.write_text(SOURCE)
    return path


@pytest.fixture(scope="module")
def sim_artifact():
    """What the Python API makes of the same file, to compare the tool against."""
    return accel.compile(SOURCE, target="sim")


def run(capsys, *argv) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `accelc argv`."""
    status = accelc.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def fails(capsys, *argv) -> str:
    """The error line of a failing `accelc argv -q` (asserting there is exactly one:
    -q leaves out the progress lines that precede errors found after compiling)."""
    status, out, err = run(capsys, *argv, "-q")
    assert status == 1, (out, err)
    assert "Traceback" not in err and "internal error" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and ONE_LOCATED_LINE.match(lines[0]), err
    return lines[0]


def golden(arrays: list[np.ndarray]) -> np.ndarray:
    return HANDLERS["accel.qmatmul"](*arrays, scheme="w8a8", group_size=0)


# ---------------------------------------------------------------------------
# run: summaries and written files


def test_run_sim_prints_the_summary_table(gemm, capsys, tmp_path):
    status, out, err = run(capsys, "run", gemm, "--target", "sim", "--hw", "edge-npu", "-q", "--report", tmp_path / "r.json")
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "@gemm on sim (edge-npu), quant none"
    assert re.match(rf"  result0: float32 \[{M}, {N}\]  min \S+  max \S+  mean \S+$", lines[1])
    table = dict(re.match(r"  (\S+(?: \S+)?)\s{2,}(.*)$", line).groups() for line in lines[2:])
    assert list(table) == ["cycles", "time", "roofline", "efficiency", "MACs (useful)", "DRAM traffic", "SRAM traffic", "energy", "utilization"]
    report = json.loads((tmp_path / "r.json").read_text())
    assert table["cycles"] == f"{report['cycles']:,}"
    assert table["MACs (useful)"] == f"{M * N * K:,}"
    assert table["efficiency"] == f"{report['efficiency']:.3f}"
    assert table["energy"] == f"{report['energy_pj'] / 1e6:.3f} uJ"
    assert table["utilization"].startswith("matrix ")


def test_run_cpu_prints_the_summary(gemm, capsys, tmp_path):
    status, out, err = run(capsys, "run", gemm, "--target", "cpu", "-q", "--seed", 3, "--output-dir", tmp_path)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "@gemm on cpu, quant none"
    assert lines[1].startswith(f"  result0: float32 [{M}, {N}]") and lines[1].endswith(f"-> {tmp_path / 'result0.npy'}")
    assert re.match(r"  wall time  \d+\.\d{3} ms$", lines[2]) and len(lines) == 3
    arrays = random_inputs(accel.compile(SOURCE, target="sim").signature, seed=3)
    assert np.array_equal(np.load(tmp_path / "result0.npy"), golden(arrays))


def test_inputs_by_name_and_position(gemm, sim_artifact, capsys, tmp_path):
    """--input x=FILE and --input 2=FILE replace those inputs; the others are random
    from --seed; --output-dir holds exactly what the API returns for those arrays."""
    rng = np.random.default_rng(11)
    x = rng.integers(-128, 128, size=(M, K), dtype=np.int8)
    w_scale = rng.uniform(0.5, 2.0, size=N).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    np.save(tmp_path / "scale.npy", w_scale)
    status, _, _ = run(
        capsys, "run", gemm, "--target", "sim", "-q", "--seed", 7,
        "--input", f"x={tmp_path / 'x.npy'}", "--input", f"2={tmp_path / 'scale.npy'}", "--output-dir", tmp_path / "out",
    )
    assert status == 0
    arrays = random_inputs(sim_artifact.signature, seed=7)
    arrays[0], arrays[2] = x, w_scale
    (expected,) = sim_artifact.run(*arrays)
    written = np.load(tmp_path / "out" / "result0.npy")
    assert written.dtype == expected.dtype and np.array_equal(written, expected)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["result0.npy"]


def test_report_json_has_the_fields(gemm, capsys, tmp_path):
    assert run(capsys, "run", gemm, "--target", "sim", "-q", "--report", tmp_path / "report.json")[0] == 0
    report = json.loads((tmp_path / "report.json").read_text())
    for name in ("cycles", "seconds", "macs", "dram_bytes", "sram_bytes", "energy_pj", "roofline_seconds", "efficiency", "utilization"):
        assert name in report, name
    assert report["macs"] == M * N * K and report["hardware"] == "edge-npu"
    assert 0 < report["efficiency"] <= 1


def test_trace_has_one_thread_per_engine(gemm, capsys, tmp_path):
    assert run(capsys, "run", gemm, "--target", "sim", "-q", "--trace", tmp_path / "trace.json")[0] == 0
    events = json.loads((tmp_path / "trace.json").read_text())["traceEvents"]
    threads = {e["tid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
    engines = load_hardware("edge-npu").dma.engines
    assert {f"DMA {i}" for i in range(engines)} | {"matrix unit", "vector unit"} <= set(threads.values())
    assert len(set(threads.values())) == len(threads)  # one thread each
    spans = [e for e in events if e["ph"] == "X"]
    assert {e["tid"] for e in spans} <= set(threads)
    busy = {threads[e["tid"]] for e in spans}
    assert {"matrix unit", "vector unit", "DMA 0"} <= busy
    # Each span points back at the source line of the op it came from.
    assert all(e["args"]["loc"].startswith(f"{gemm}:") for e in spans)


def test_check_passes_on_the_example(capsys):
    status, out, err = run(capsys, "run", EXAMPLE, "--target", "sim", "--hw", "edge-npu", "--check", "-q")
    assert status == 0, err
    assert out.splitlines()[-1] == "check: sim == cpu, 1 output(s) bit-identical"


def test_timing_only_prints_the_table_without_outputs(gemm, capsys):
    status, out, _ = run(capsys, "run", gemm, "--target", "sim", "--timing-only", "-q")
    assert status == 0
    assert out.splitlines()[0] == "@gemm on sim (edge-npu), quant none" and "result0" not in out and "cycles" in out


def test_tile_sizes_option(gemm, capsys, tmp_path):
    status, _, _ = run(capsys, "run", gemm, "--target", "sim", "-q", "--tile-sizes", "16,8,32", "--dump-ir", tmp_path)
    assert status == 0
    assert "accel.tile = array<i64: 16, 8, 32>" in (tmp_path / "02-tiled.mlir").read_text()


def test_tune_option(gemm, capsys):
    status, _, err = run(capsys, "run", gemm, "--target", "sim", "--timing-only", "--tune", "3")
    assert status == 0
    tried = [line for line in err.splitlines() if line.startswith("accelc: tune ")]
    assert len(tried) == 3 and tried[0].startswith(f"accelc: tune {M}x{N}x{K} 1/3: tiles ")
    (chosen,) = [line for line in err.splitlines() if line.startswith(f"accelc: tuned: {M}x{N}x{K} tiles ")]
    assert "(the model's choice: " in chosen


def test_stdin_source(monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr("sys.stdin", io.StringIO(SOURCE))
    status, out, _ = run(capsys, "run", "-", "--target", "sim", "-q")
    assert status == 0 and out.startswith("@gemm on sim")
    monkeypatch.setattr("sys.stdin", io.StringIO("func.func @f(\n"))
    assert fails(capsys, "run", "-") == "<stdin>:1:14: error: expected non-function type"


# ---------------------------------------------------------------------------
# compile, --dump-ir, --quiet


def test_compile_cpu_writes_a_vmfb_and_dumps_each_stage(gemm, capsys, tmp_path):
    status, out, err = run(capsys, "compile", gemm, "--target", "cpu", "-o", tmp_path / "gemm.vmfb", "--dump-ir", tmp_path / "ir")
    assert status == 0 and out == ""
    assert CpuModule((tmp_path / "gemm.vmfb").read_bytes()).function_names == ["gemm"]
    assert sorted(p.name for p in (tmp_path / "ir").iterdir()) == ["00-input.mlir", "01-graph.mlir", "02-linalg.mlir"]
    assert '"accel.qmatmul"' in (tmp_path / "ir" / "01-graph.mlir").read_text()
    assert "accel." not in (tmp_path / "ir" / "02-linalg.mlir").read_text()
    # Without -q: one progress line per stage, the IREE compile, and the file written.
    progress = [line.split(":")[1].strip() for line in err.splitlines()]
    assert progress == ["graph", "linalg", "iree (llvm-cpu)", f"wrote {tmp_path / 'gemm.vmfb'}"]


def test_compile_sim_writes_the_scheduled_mlir(gemm, sim_artifact, capsys, tmp_path):
    status, out, err = run(capsys, "compile", gemm, "--target", "sim", "-o", tmp_path / "gemm.sched.mlir", "--dump-ir", tmp_path / "ir", "--quiet")
    assert (status, out, err) == (0, "", "")
    assert (tmp_path / "gemm.sched.mlir").read_text() == sim_artifact.ir["scheduled"]
    dumped = sorted((tmp_path / "ir").iterdir())
    assert [p.name for p in dumped] == ["00-input.mlir", "01-graph.mlir", "02-tiled.mlir", "03-scheduled.mlir"]
    assert [p.read_text() for p in dumped] == list(sim_artifact.ir.values())


def test_run_progress_goes_to_stderr_unless_quiet(gemm, capsys):
    status, out, err = run(capsys, "run", gemm, "--target", "sim")
    assert status == 0 and out.startswith("@gemm on sim")
    # The stages, then the tile-size choices the sim target simulates and the one it keeps.
    steps = [line.split(":")[1].strip() for line in err.splitlines()]
    assert steps == ["graph", "tiled", "scheduled", "translate", *(f"tune {M}x{N}x{K} {i}/8" for i in range(1, 9)), "tuned"]
    assert all(line.startswith("accelc: ") for line in err.splitlines())
    assert run(capsys, "run", gemm, "--target", "sim", "--quiet")[2] == ""


# ---------------------------------------------------------------------------
# Errors: exit 1, one located line, no traceback


def test_missing_file(capsys, tmp_path):
    missing = tmp_path / "nothere.mlir"
    assert fails(capsys, "run", missing) == f"{missing}: error: cannot read input: No such file or directory"


def test_malformed_mlir_is_located(capsys, tmp_path):
    broken = tmp_path / "broken.mlir"
    broken.write_text("func.func @f(%x: i32) -> i32 {\n  %y = arith.addi %x, : i32\n  return %y : i32\n}\n")
    assert fails(capsys, "run", broken, "--target", "sim") == f"{broken}:2:22: error: expected SSA operand"
    assert fails(capsys, "compile", broken, "-o", tmp_path / "x.vmfb") == f"{broken}:2:22: error: expected SSA operand"


def test_unknown_preset(gemm, capsys):
    line = fails(capsys, "run", gemm, "--target", "sim", "--hw", "edge")
    assert line.startswith("--hw: error: unknown hardware preset 'edge'")


def test_bad_hardware_toml(gemm, capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "targets" / "presets" / "edge-npu.toml").read_text().replace("bytes = 2097152", "bytes = -1", 1))
    assert fails(capsys, "run", gemm, "--target", "sim", "--hw", bad) == f"{bad}: error: field 'sram.bytes' must be > 0, got -1"
    bad.write_text("name = [unclosed\n")
    assert fails(capsys, "compile", gemm, "--target", "sim", "--hw", bad, "-o", tmp_path / "x.mlir").startswith(f"{bad}:")


def test_sim_only_options_with_the_cpu_target(gemm, capsys):
    assert fails(capsys, "run", gemm, "--target", "cpu", "--trace", "t.json").startswith("--trace: error: --trace needs a target with timing, such as --target sim")
    assert fails(capsys, "run", gemm, "--target", "cpu", "--check").startswith("--check: error:")
    assert fails(capsys, "run", gemm, "--target", "sim", "--check", "--timing-only").startswith("--check: error:")
    assert fails(capsys, "run", gemm, "--target", "cpu", "--tile-sizes", "8,8,8").startswith("--tile-sizes: error:")
    assert fails(capsys, "run", gemm, "--target", "cpu", "--tune", "2").startswith("--tune: error:")
    # Refused before any compilation: no progress line precedes the error.
    status, _, err = run(capsys, "run", gemm, "--target", "cpu", "--timing-only")
    assert status == 1 and err == "--timing-only: error: --timing-only needs a target with timing, such as --target sim (--target cpu has no timing model)\n"


def test_bad_npy_inputs(gemm, capsys, tmp_path):
    np.save(tmp_path / "shape.npy", np.zeros((M, K + 1), np.int8))
    np.save(tmp_path / "dtype.npy", np.zeros((M, K), np.int16))
    (tmp_path / "text.npy").write_text("not numpy")
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", f"x={tmp_path / 'shape.npy'}") == (
        f"{tmp_path / 'shape.npy'}: error: input 0 (x: tensor<{M}x{K}xi8>) needs int8 ({M}, {K}), the file holds int8 ({M}, {K + 1})"
    )
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", f"0={tmp_path / 'dtype.npy'}") == (
        f"{tmp_path / 'dtype.npy'}: error: input 0 (x: tensor<{M}x{K}xi8>) needs int8 ({M}, {K}), the file holds int16 ({M}, {K})"
    )
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", f"x={tmp_path / 'text.npy'}").startswith(
        f"{tmp_path / 'text.npy'}: error: cannot read a .npy array: the magic string is not correct"
    )
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", f"x={tmp_path / 'absent.npy'}") == (
        f"{tmp_path / 'absent.npy'}: error: cannot read input: No such file or directory"
    )
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", "y=a.npy") == "--input: error: no input 'y' (inputs: 0/x, 1/w, 2/w_scale, 3/x_scale)"
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", "4=a.npy").startswith("--input: error: no input '4'")
    assert fails(capsys, "run", gemm, "--target", "sim", "--input", "x").startswith("--input: error: expected NAME=FILE.npy")


def test_function_selection_errors(capsys, tmp_path):
    two = tmp_path / "two.mlir"
    two.write_text(int8_gemm(4, 4, 4, "a") + int8_gemm(4, 4, 4, "b"))
    assert fails(capsys, "run", two, "--target", "sim") == f"{two}:5:1: error: the module has 2 public functions (@a, @b): name one with --function"
    assert fails(capsys, "run", two, "--target", "sim", "--function", "c") == "--function: error: no function @c in the module (it has: @a, @b)"
    status, out, _ = run(capsys, "run", two, "--target", "sim", "--function", "b", "-q")
    assert status == 0 and out.startswith("@b on sim")


def test_errors_follow_the_progress_lines(gemm, capsys, tmp_path):
    status, _, err = run(capsys, "run", gemm, "--target", "sim", "--input", f"x={tmp_path / 'absent.npy'}")
    assert status == 1
    assert err.splitlines() == [
        *(line for line in err.splitlines() if line.startswith("accelc: ")),
        f"{tmp_path / 'absent.npy'}: error: cannot read input: No such file or directory",
    ]


def test_internal_errors_are_one_line(gemm, capsys, monkeypatch):
    """A bug (not a user error) is still one line, and says how to see the traceback."""

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.delenv("ACCEL_DEBUG", raising=False)
    monkeypatch.setattr(accelc, "compile_module", broken)
    status, _, err = run(capsys, "run", gemm)
    assert status == 1
    assert err == "accelc: internal error: RuntimeError: boom (ACCEL_DEBUG=1 shows the traceback)\n"


# ---------------------------------------------------------------------------
# --help


def test_help(capsys):
    with pytest.raises(SystemExit) as exited:
        accelc.main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: accelc")
    for word in ("compile", "run", "edge-npu", "datacenter", "sram-only", "iree-run-module"):
        assert word in text, word


def test_run_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as exited:
        accelc.main(["run", "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for option in ("--target", "--hw", "--quant", "--function", "--tile-sizes", "--tune", "--dump-ir", "--quiet", "--input",
                   "--seed", "--output-dir", "--report", "--trace", "--timing-only", "--check"):
        assert re.search(rf"{option}\b[^\n]*\n?\s+\S", text), option
    with pytest.raises(SystemExit):
        accelc.main(["compile", "--help"])
    assert "-o OUT" in capsys.readouterr().out


def test_inputs_by_name_after_default_tuning(capsys, tmp_path):
    """examples/gemm.mlir is tuned to a candidate other than the model's choice: its
    inputs keep their source names on the sim target as on the cpu target."""
    example = ROOT / "examples" / "gemm.mlir"
    np.save(tmp_path / "x.npy", np.ones((384, 768), np.int8))
    for target in ("cpu", "sim"):
        status, out, _ = run(capsys, "run", example, "--target", target, "-q", "--input", f"x={tmp_path / 'x.npy'}")
        assert status == 0 and out.startswith("@gemm on " + target)


def test_version(capsys):
    from iree.compiler.version import VERSION

    with pytest.raises(SystemExit) as exited:
        accelc.main(["--version"])
    assert exited.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"accelc {accel.__version__}"
    assert lines[1].startswith(f"IREE compiler {VERSION}")


# ---------------------------------------------------------------------------
# Output paths: checked before any work; an error leaves no file behind


def tree(root: Path) -> list[str]:
    """Every path under `root` (temporary files included), relative, sorted."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.mark.parametrize(
    "command,arguments,located,message",
    [
        ("run", ["--trace", "nodir/t.json"], "nodir/t.json", "cannot write --trace: directory 'nodir' does not exist"),
        ("run", ["--output-dir", "afile/sub"], "afile/sub", "cannot write --output-dir: 'afile' is not a directory"),
        ("run", ["--output-dir", "afile"], "afile", "cannot write --output-dir: 'afile' is not a directory"),
        ("run", ["--dump-ir", "afile/ir"], "afile/ir", "cannot write --dump-ir: 'afile' is not a directory"),
        ("run", ["--report", "afile/deeper/r.json"], "afile/deeper/r.json", "cannot write --report: 'afile' is not a directory"),
        # The first check fails before the second output's directory is made.
        ("run", ["--output-dir", "out", "--report", "nodir/r.json"], "nodir/r.json", "cannot write --report: directory 'nodir' does not exist"),
        ("run", ["--report", "adir"], "adir", "cannot write --report: 'adir' is a directory"),
        ("compile", ["-o", "nodir/x.mlir"], "nodir/x.mlir", "cannot write -o: directory 'nodir' does not exist"),
        ("compile", ["-o", "afile/x.mlir"], "afile/x.mlir", "cannot write -o: 'afile' is not a directory"),
        ("compile", ["-o", "x.mlir", "--dump-ir", "afile/ir"], "afile/ir", "cannot write --dump-ir: 'afile' is not a directory"),
        ("import", ["-o", "nodir/x.mlir"], "nodir/x.mlir", "cannot write -o: directory 'nodir' does not exist"),
    ],
)
def test_unwritable_outputs_are_refused_before_any_work(gemm, capsys, tmp_path, monkeypatch, command, arguments, located, message):
    """Without -q, the error is the only line: no stage ran (no progress line)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("a file\n")
    (tmp_path / "adir").mkdir()
    target = [] if command == "import" else ["--target", "sim"]
    status, out, err = run(capsys, command, gemm, *target, *arguments)
    assert (status, out, err) == (1, "", f"{located}: error: {message}\n")
    assert tree(tmp_path) == ["adir", "afile"]


def test_a_directory_that_is_not_writable(gemm, capsys, tmp_path, monkeypatch):
    # os.access, not chmod: the tests may run as root, whom no mode bit stops.
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == str(tmp_path / "ro") else real_access(path, mode, **kw))
    (tmp_path / "ro").mkdir()
    assert fails(capsys, "run", gemm, "--target", "sim", "--trace", tmp_path / "ro" / "t.json") == (
        f"{tmp_path / 'ro' / 't.json'}: error: cannot write --trace: directory '{tmp_path / 'ro'}' is not writable"
    )
    assert fails(capsys, "run", gemm, "--target", "sim", "--output-dir", tmp_path / "ro" / "a" / "b") == (
        f"{tmp_path / 'ro' / 'a' / 'b'}: error: cannot write --output-dir: directory '{tmp_path / 'ro'}' is not writable"
    )


def test_an_error_after_the_run_leaves_no_output(gemm, capsys, tmp_path, monkeypatch):
    """The outputs, report and IR dump are complete in memory when the check's cpu
    compile fails: none of them is written, and no temporary file stays."""
    from accel.core.diagnostics import AccelError

    def failing_check(*args):
        raise AccelError("the cpu compile failed", "--check")

    monkeypatch.setattr(accelc, "_check_against_cpu", failing_check)
    assert fails(capsys, "run", gemm, "--target", "sim", "--check", "--output-dir", tmp_path / "out" / "new",
                 "--report", tmp_path / "r.json", "--trace", tmp_path / "t.json", "--dump-ir", tmp_path / "ir") == "--check: error: the cpu compile failed"
    assert tree(tmp_path) == []


def test_a_failed_write_leaves_no_output(gemm, capsys, tmp_path, monkeypatch):
    """A write that fails (a full disk, here the trace) is located at its file, and the
    files staged before it are removed too."""
    from accel.driver import Artifact

    def full_disk(self, path, filename=None):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Artifact, "write_trace", full_disk)
    assert fails(capsys, "run", gemm, "--target", "sim", "--output-dir", tmp_path / "out", "--report", tmp_path / "r.json",
                 "--trace", tmp_path / "t.json") == f"{tmp_path / 't.json'}: error: cannot write --trace: No space left on device"
    assert tree(tmp_path) == []


def test_outputs_replace_old_files_whole(gemm, capsys, tmp_path):
    """An existing output is replaced; the new files get the umask's mode, not the
    temporary file's 0600; nothing else is left in the directory."""
    (tmp_path / "r.json").write_text("old")
    assert run(capsys, "run", gemm, "--target", "sim", "-q", "--report", tmp_path / "r.json", "--output-dir", tmp_path / "out")[0] == 0
    assert json.loads((tmp_path / "r.json").read_text())["macs"] == M * N * K
    assert tree(tmp_path) == ["out", "out/result0.npy", "r.json"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~umask
    # A device is written in place, not replaced.
    assert run(capsys, "compile", gemm, "--target", "sim", "-q", "-o", os.devnull)[0] == 0
    assert Path(os.devnull).is_char_device()


# ---------------------------------------------------------------------------
# --check compares bits


def test_check_accepts_the_same_nans(gemm, capsys, tmp_path):
    """NaN scales make every output NaN on both targets: the same bits, so the check
    passes (it used to report every element as differing by "nan")."""
    np.save(tmp_path / "nan.npy", np.full(M, np.nan, np.float32))
    status, out, err = run(capsys, "run", gemm, "--target", "sim", "--check", "-q", "--input", f"x_scale={tmp_path / 'nan.npy'}")
    assert status == 0, err
    assert out.splitlines()[-1] == "check: sim == cpu, 1 output(s) bit-identical"


def test_a_failed_check_still_writes_the_outputs(gemm, capsys, tmp_path, monkeypatch):
    """Differences are a verdict, not an error: exit 1, and the files to look at are there."""
    monkeypatch.setattr(accelc, "compare_outputs", lambda name, sim, cpu: f"{name}: made to differ")
    status, out, err = run(capsys, "run", gemm, "--target", "sim", "--check", "-q", "--output-dir", tmp_path / "out", "--report", tmp_path / "r.json")
    assert (status, err) == (1, "check: result0: made to differ\n")
    assert tree(tmp_path) == ["out", "out/result0.npy", "r.json"]


def test_compare_outputs_counts_each_kind_of_difference():
    cpu = np.arange(8, dtype=np.float32)
    cpu[:2] = np.nan
    assert accelc.compare_outputs("result0", cpu.copy(), cpu) is None
    sim = cpu.copy()
    sim[0] = -np.nan  # a NaN with the other sign bit
    sim[2] = np.nan
    sim[3] += 0.5
    sim[4] += 2
    assert accelc.compare_outputs("result0", sim, cpu) == (
        "result0: 4 of 8 elements differ: 2 by value (max |sim - cpu| = 2), 1 NaN on sim where cpu has a number, 1 NaN on both with different bits"
    )
    # Signed zeros are equal values with different bits.
    zeros = np.zeros(3, np.float32)
    assert accelc.compare_outputs("r", -zeros, zeros) == "r: 3 of 3 elements differ: 3 by value (max |sim - cpu| = 0)"
    ints = np.arange(6, dtype=np.int8).reshape(2, 3)
    assert accelc.compare_outputs("r", ints + 1, ints) == "r: 6 of 6 elements differ: 6 by value (max |sim - cpu| = 1)"
    assert accelc.compare_outputs("r", ints, ints.astype(np.int16)) == "r differs in element type: sim int8, cpu int16"
    assert accelc.compare_outputs("r", ints, ints.T) == "r differs in shape: sim [2, 3], cpu [3, 2]"


# ---------------------------------------------------------------------------
# --tile-sizes and --tune values


def test_negative_tile_sizes_are_a_value_with_a_reason(gemm, capsys):
    """argparse took "-16,16,16" for an option ("expected one argument")."""
    for sizes in ("-16,16,16", "16,-16,16", "0,16,16"):
        assert fails(capsys, "run", gemm, "--target", "sim", "--tile-sizes", sizes) == (
            f"--tile-sizes: error: tile sizes are three positive integers TM,TN,TK, got '{sizes}'"
        )


def test_oversized_tile_sizes_are_clamped_with_a_warning(gemm, capsys, tmp_path):
    """One --tile-sizes serves every matmul of a program, so sizes larger than a
    matmul are clamped to it (not refused), with a warning at the matmul."""
    status, _, err = run(capsys, "run", gemm, "--target", "sim", "-q", "--tile-sizes", "32,64,16", "--dump-ir", tmp_path)
    assert status == 0
    clamped, *others = err.splitlines()
    assert re.fullmatch(rf"\S+:\d+:\d+: warning: accel-tile: tile-sizes 32,64,16 exceed this {M}x{N}x{K} matmul \(MxNxK\): clamped to {M},{N},16", clamped), err
    assert all("warning: tiles" in line and "of the 32x32 matrix array" in line for line in others), err  # K 16 underfills it
    assert f"accel.tile = array<i64: {M}, {N}, 16>" in (tmp_path / "02-tiled.mlir").read_text()
    assert "exceed" not in run(capsys, "run", gemm, "--target", "sim", "-q", "--tile-sizes", "8,8,16")[2]  # sizes that fit


@pytest.mark.parametrize("value", ["-3", "=-3"])
def test_negative_tune_says_what_is_wrong(gemm, capsys, value):
    argv = ["--tune" + value] if value.startswith("=") else ["--tune", value]
    assert fails(capsys, "run", gemm, "--target", "sim", *argv) == "--tune: error: --tune takes how many tile sizes to try (0: the model's choice), got -3"


# ---------------------------------------------------------------------------
# import: stdout by default


def test_import_writes_stdout_by_default(gemm, capsys, tmp_path):
    status, out, err = run(capsys, "import", gemm, "-q")
    assert (status, err) == (0, "")
    assert out == run(capsys, "import", gemm, "-q", "-o", "-")[1]
    assert '"accel.qmatmul"' in out and out.startswith("module {")


def test_import_refuses_bytecode_to_a_terminal(gemm, capsysbinary, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert accelc.main(["import", str(gemm), "--emit-bytecode", "-q"]) == 1
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert captured.err.decode() == "--emit-bytecode: error: refusing to write MLIR bytecode to a terminal: redirect stdout or give -o FILE\n"
    monkeypatch.setattr("sys.stdout.isatty", lambda: False)
    assert accelc.main(["import", str(gemm), "--emit-bytecode", "-q"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"ML\xefR")  # MLIR bytecode's magic number


# ---------------------------------------------------------------------------
# python -m accel.targets.sim: accelc's option names, and no traceback into a pipe

SCHEDULED = ROOT / "examples" / "scheduled_gemm.mlir"


def test_simulator_command_takes_hw_like_accelc(capsys, tmp_path):
    from accel.targets.sim.__main__ import main

    assert main([str(SCHEDULED), "--hw", "datacenter"]) == 0
    assert json.loads(capsys.readouterr().out)["hardware"] == "datacenter"
    assert main([str(SCHEDULED), "--hardware", "sram-only"]) == 0  # the old name still works
    assert json.loads(capsys.readouterr().out)["hardware"] == "sram-only"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--hw PRESET|FILE.toml" in (text := capsys.readouterr().out) and "--hardware" not in text
    (tmp_path / "afile").write_text("")
    assert main([str(SCHEDULED), "--trace", str(tmp_path / "afile" / "t.json")]) == 1
    assert capsys.readouterr().err == f"{tmp_path / 'afile' / 't.json'}: error: cannot write --trace: '{tmp_path / 'afile'}' is not a directory\n"


def test_simulator_command_into_a_closed_pipe(tmp_path):
    """`python -m accel.targets.sim ... | head`: the reader is gone before the report is
    written. No BrokenPipeError traceback (exit 1, as the other tools)."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "accel.targets.sim", str(SCHEDULED)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # long before the simulator has anything to print
    err = process.stderr.read().decode()
    assert process.wait() == 1 and err == ""


def test_check_reads_stdin_once(gemm, capsys, monkeypatch):
    """--check compiles the same source for the cpu target: from stdin, the text
    already read (stdin cannot be read twice)."""
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO(Path(gemm).read_text()))
    status, out, _ = run(capsys, "run", "-", "--target", "sim", "--check", "-q", "--tune", "0")
    assert status == 0 and "check: sim == cpu, 1 output(s) bit-identical" in out
