"""Tests of the accel-opt tool, run in-process through `accel.tools.accel_opt.main`:
exit codes, output text, `-o`, `--split-input-file`, pass flags and pipelines, and
that every bad input is a located one-line error, never a Python traceback."""

from __future__ import annotations

import io
import json
import os
import sys
import threading

import pytest

from accel.compiler.passes import PASSES, Pass
from accel.tools.accel_opt import main

VALID = """func.func @f(%x: tensor<4x64xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}
"""

VALID_PRINTED = """module {
  func.func @f(%arg0: tensor<4x64xf32>) {
    %0:2 = "accel.quantize"(%arg0) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
    return
  }
}
"""

INVALID = VALID.replace("tensor<4xf32>)", "tensor<5xf32>)")
INVALID_MESSAGE = "2:12: error: 'accel.quantize' op scale shape [5] must be the input shape without its last dim [4]"

FOLDABLE = """func.func @g() -> i32 {
  %a = arith.constant 20 : i32
  %b = arith.constant 22 : i32
  %c = arith.addi %a, %b : i32
  return %c : i32
}
"""

# Line numbers matter: the bad chunks' errors are on lines 9 and 15 of this file.
SPLIT = """func.func @first(%x: tensor<4x64xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
  return
}

// -----

func.func @bad_verify(%x: tensor<4x64xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<5xf32>)
  return
}

// -----

func.func @bad_syntax( {
}
// -----
func.func @last() {
  return
}
"""


@pytest.fixture
def opt(capsys):
    """Runs accel-opt with `args`; returns (exit code, stdout, stderr)."""

    def run(*args):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_prints_the_verified_module(opt, tmp_path):
    assert opt(write(tmp_path, "in.mlir", VALID)) == (0, VALID_PRINTED, "")


def test_reads_stdin(opt, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(VALID.encode())))
    assert opt() == (0, VALID_PRINTED, "")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(INVALID.encode())))
    assert opt("-") == (1, "", f"<stdin>:{INVALID_MESSAGE}\n")


def test_output_file(opt, tmp_path):
    output = tmp_path / "out.mlir"
    assert opt(write(tmp_path, "in.mlir", VALID), "-o", output) == (0, "", "")
    assert output.read_text() == VALID_PRINTED


def test_failing_run_keeps_the_existing_output(opt, tmp_path):
    output = write(tmp_path, "out.mlir", "previous result\n")
    source = write(tmp_path, "in.mlir", INVALID)
    assert opt(source, "-o", output) == (1, "", f"{source}:{INVALID_MESSAGE}\n")
    assert output.read_text() == "previous result\n"
    fresh = tmp_path / "fresh.mlir"
    assert opt(source, "-o", fresh)[0] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.mlir", "out.mlir"]  # no new or temporary file


def test_output_to_a_pipe_writes_through_it(opt, tmp_path):
    # Replacing a non-regular file by renaming over it would, for -o /dev/null, destroy it.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    code = opt(write(tmp_path, "in.mlir", VALID), "-o", fifo)[0]
    reader.join(timeout=30)
    assert code == 0 and received == [VALID_PRINTED]
    assert fifo.is_fifo()


def test_split_input_file_keeps_going_and_reports_original_lines(opt, tmp_path):
    source = write(tmp_path, "split.mlir", SPLIT)
    code, out, err = opt(source, "--split-input-file")
    assert code == 1
    assert err == (
        f"{source}:9:12: error: 'accel.quantize' op scale shape [5] must be the input shape without its last dim [4]\n"
        f"{source}:15:23: error: expected non-function type\n"
    )
    # The good chunks, before and after the bad ones, are still printed.
    first, last = out.split("// -----\n")
    assert "func.func @first(" in first and "func.func @last()" in last
    assert "bad_" not in out


def test_split_input_file_with_output_file_writes_nothing_on_failure(opt, tmp_path):
    output = tmp_path / "out.mlir"
    code, out, err = opt(write(tmp_path, "split.mlir", SPLIT), "--split-input-file", "-o", output)
    assert code == 1 and out == "" and err.count("error:") == 2
    assert not output.exists()


def test_split_input_file_all_valid(opt, tmp_path):
    text = VALID + "\n// -----\n" + FOLDABLE + "// -----\n"
    code, out, err = opt(write(tmp_path, "in.mlir", text), "--split-input-file", "--canonicalize")
    assert (code, err) == (0, "")
    chunks = out.split("// -----\n")
    assert len(chunks) == 3
    assert chunks[0] == VALID_PRINTED
    assert "arith.constant 42 : i32" in chunks[1]
    assert chunks[2] == "module {\n}\n"


def test_without_split_the_marker_is_a_comment(opt, tmp_path):
    code, out, _ = opt(write(tmp_path, "in.mlir", VALID + "// -----\n" + FOLDABLE))
    assert code == 0
    assert out.count("module {") == 1 and "@f(" in out and "@g(" in out


def test_pass_flags_run_in_order(opt, tmp_path):
    source = write(tmp_path, "in.mlir", FOLDABLE)
    code, out, err = opt(source, "--accel-op-stats=format=json title=in", "--canonicalize", "--accel-op-stats=format=json title=out")
    assert code == 0
    before, after = (json.loads(line) for line in err.splitlines())
    assert (before["title"], after["title"]) == ("in", "out")
    assert "arith.addi" in {op["name"] for op in before["ops"]}
    assert "arith.addi" not in {op["name"] for op in after["ops"]}
    assert "arith.constant 42 : i32" in out and "arith.addi" not in out


def test_pass_pipeline(opt, tmp_path):
    source = write(tmp_path, "in.mlir", FOLDABLE)
    code, out, err = opt(source, "--pass-pipeline=builtin.module(func.func(canonicalize), accel-verify)")
    assert (code, err) == (0, "")
    assert "arith.constant 42 : i32" in out


def test_print_options(opt, tmp_path):
    source = write(tmp_path, "in.mlir", VALID)
    code, out, _ = opt(source, "--mlir-print-op-generic")
    assert code == 0 and '"func.func"()' in out and '"accel.quantize"' in out
    code, out, _ = opt(source, "--mlir-print-debuginfo")
    assert code == 0 and ":2:12)" in out  # the quantize op's location


def test_list_passes(opt):
    code, out, err = opt("--list-passes")
    assert (code, err) == (0, "")
    for name, cls in PASSES.items():
        assert f"  --{name:<28} {cls.SUMMARY}\n" in out
        for option in cls.options():
            assert f"      {option.name}=" in out


class _Crash(Pass):
    """Test-only: a bug in a pass."""

    ARGUMENT = "test-crash"
    SUMMARY = "Crash"

    def run(self, module):
        raise KeyError("tile")


class _BreakQuantize(Pass):
    """Test-only: gives every accel.quantize a scale of the wrong shape."""

    ARGUMENT = "test-break-quantize"
    SUMMARY = "Break accel IR"

    def run(self, module):
        from accel.dialects import accel_operations
        from accel.core.mlir import ir

        for op in accel_operations(module):
            if op.name == "accel.quantize":
                op.results[1].set_type(ir.Type.parse("tensor<5xf32>", module.context))


def test_verification_after_the_last_pass_even_with_no_verify_each(opt, tmp_path, monkeypatch):
    monkeypatch.setitem(PASSES, _BreakQuantize.ARGUMENT, _BreakQuantize)
    source = write(tmp_path, "in.mlir", VALID)
    for extra in ([], ["--no-verify-each"]):
        assert opt(source, "--test-break-quantize", *extra) == (1, "", f"{source}:{INVALID_MESSAGE}\n")


def test_crashing_pass_is_an_internal_error_without_traceback(opt, tmp_path, monkeypatch):
    monkeypatch.delenv("ACCEL_DEBUG", raising=False)
    monkeypatch.setitem(PASSES, _Crash.ARGUMENT, _Crash)
    source = write(tmp_path, "in.mlir", VALID)
    code, out, err = opt(source, "--test-crash")
    assert (code, out) == (1, "")
    # The parsed module is at 0:0 (no line): the error names its first op's line instead.
    assert err == f"{source}:1:1: error: internal error in pass 'test-crash': KeyError: 'tile' (ACCEL_DEBUG=1 shows the traceback)\n"


def bad_invocations(tmp_path):
    """(arguments, the expected stderr) for inputs and flags a user can get wrong."""
    valid = write(tmp_path, "valid.mlir", VALID)
    invalid = write(tmp_path, "invalid.mlir", INVALID)
    syntax = write(tmp_path, "syntax.mlir", "func.func @f( {\n}\n")
    unknown_op = write(tmp_path, "unknown.mlir", 'func.func @f() {\n  "accel.frobnicate"() : () -> ()\n  return\n}\n')
    binary = tmp_path / "binary.mlir"
    binary.write_bytes(b"func.func @f() {\xff\n")
    missing = tmp_path / "missing.mlir"
    return [
        ([invalid], f"{invalid}:{INVALID_MESSAGE}"),
        ([syntax], f"{syntax}:1:14: error: expected non-function type"),
        ([unknown_op], f"{unknown_op}:2:3: error: unknown operation 'accel.frobnicate' in the accel dialect"),
        ([missing], f"{missing}: error: cannot read input: No such file or directory"),
        ([tmp_path], f"{tmp_path}: error: cannot read input: Is a directory"),
        ([binary], f"{binary}: error: cannot read input: not UTF-8 text (byte 16: invalid start byte)"),
        ([valid, "--bogus-pass"], "--bogus-pass: error: unknown pass 'bogus-pass' (not an accel, MLIR or IREE pass; see accel-opt --list-passes)"),
        ([valid, "--accel-op-stats=format=xml"], "--accel-op-stats: error: pass 'accel-op-stats' option 'format': must be one of text, json"),
        ([valid, "--pass-pipeline=builtin.module(cse,,)"], "<pass-pipeline>:1:20: error: expected a pass or operation name, found ','"),
        ([valid, "--pass-pipeline=func.func(accel-verify)"],
         "<pass-pipeline>:1:11: error: accel pass 'accel-verify' runs on the module: schedule it at the top level, not inside a nested pipeline"),
        ([valid, "--pass-pipeline=cse", "--canonicalize"], "accel-opt: error: give passes either with --pass-pipeline or as flags, not both"),
        ([valid, "other.mlir"],
         "accel-opt: error: unexpected argument 'other.mlir' (one input file; pass options go after '=': --NAME='OPTIONS')"),
        ([valid, "-o", tmp_path / "no-such-dir" / "out.mlir"],
         f"{tmp_path / 'no-such-dir' / 'out.mlir'}: error: cannot write output: directory '{tmp_path / 'no-such-dir'}' does not exist"),
    ]


def test_bad_inputs_are_one_located_line_without_traceback(opt, tmp_path):
    for arguments, expected in bad_invocations(tmp_path):
        code, out, err = opt(*arguments)
        assert (code, out, err) == (1, "", expected + "\n"), arguments
        assert "Traceback" not in err


def test_version(capsys):
    """`--version` is accel's and IREE's versions, as mlir-opt names its LLVM (it used
    to be read as a pass flag: "unknown pass 'version'")."""
    import accel
    from iree.compiler.version import VERSION

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"accel-opt {accel.__version__}" and out[1].startswith(f"IREE compiler {VERSION}")


def test_unwritable_output_is_refused_before_reading_the_input(opt, tmp_path, monkeypatch):
    """Stdin is never read: the output path is the first thing checked after the passes."""

    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("stdin was read")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Unread()))
    (tmp_path / "afile").write_text("")
    output = tmp_path / "afile" / "out.mlir"
    assert opt("-o", output) == (1, "", f"{output}: error: cannot write output: '{tmp_path / 'afile'}' is not a directory\n")
    assert opt("-o", tmp_path) == (1, "", f"{tmp_path}: error: cannot write output: '{tmp_path}' is a directory\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
