"""Tests of accel.compiler.pass_pipeline: parsing textual pipelines (nesting, options with
braces, quotes and commas), located errors, and running pipelines that mix MLIR's
passes with accel's Python passes, including how a failing or crashing Python pass
is reported.

Test-only passes are put in the registry with monkeypatch for one test at a time, so
they run through the same path as real ones and never leak into other tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import ClassVar

import pytest

from accel.compiler.passes import PASSES, Pass, option
from accel.compiler.pass_pipeline import Element, Pipeline, parse_pipeline
from accel.core.diagnostics import AccelError
from accel.dialects import verify_accel
from accel.core.mlir import arith, ir

MODULE = """module {
  func.func @f(%x: tensor<4x64xf32>, %t: !accel.token) -> i32 {
    %c1 = arith.constant 1 : i32
    %c2 = arith.constant 2 : i32
    %sum = arith.addi %c1, %c2 : i32
    %dead = arith.muli %c2, %c2 : i32
    %q, %s = "accel.quantize"(%x) : (tensor<4x64xf32>) -> (tensor<4x64xi8>, tensor<4xf32>)
    "accel.wait"(%t) : (!accel.token) -> ()
    return %sum : i32
  }
}
"""


def op_names(module: ir.Module) -> list[str]:
    names = []

    def visit(op):
        names.append(op.name)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return names


def error_of(call) -> AccelError:
    with pytest.raises(AccelError) as info:
        call()
    return info.value


# ---------------------------------------------------------------------------
# Parsing


def test_nested_pipeline_structure():
    text = "builtin.module(canonicalize, func.func(cse, canonicalize{max-iterations=3}), accel-op-stats{format=json})"
    elements = parse_pipeline(text)
    assert [e.name for e in elements] == ["canonicalize", "func.func", "accel-op-stats"]
    assert elements[0].children is None and elements[0].options is None
    func = elements[1]
    assert [(c.name, c.options) for c in func.children] == [("cse", None), ("canonicalize", "max-iterations=3")]
    assert elements[2].options == "format=json"
    # Each element is located at its first character.
    assert [e.location for e in elements] == ["<pass-pipeline>:1:16", "<pass-pipeline>:1:30", "<pass-pipeline>:1:78"]
    assert [c.location for c in func.children] == ["<pass-pipeline>:1:40", "<pass-pipeline>:1:45"]
    assert Pipeline(elements).text() == text


def test_bare_list_is_anchored_on_the_module():
    bare = parse_pipeline("canonicalize, func.func(cse)")
    anchored = parse_pipeline("builtin.module(canonicalize, func.func(cse))")
    assert [e.text() for e in bare] == [e.text() for e in anchored] == ["canonicalize", "func.func(cse)"]
    # Only a lone builtin.module(...) is the anchor; a nested module pipeline stays.
    assert [e.text() for e in parse_pipeline("builtin.module(cse), canonicalize")] == ["builtin.module(cse)", "canonicalize"]


def test_whitespace_and_empty_nested_pipelines():
    elements = parse_pipeline("  builtin.module ( cse ,func.func( ) ,  canonicalize )  ")
    assert [e.text() for e in elements] == ["cse", "func.func()", "canonicalize"]
    assert elements[1].children == []
    assert parse_pipeline("builtin.module()") == []


def test_options_with_braces_quotes_and_commas():
    [stats] = parse_pipeline("""accel-op-stats{format=json title="a, b) c}"}""")
    assert stats.options == 'format=json title="a, b) c}"'
    [nested] = parse_pipeline("some-pass{config={a=1, b={2}} name='x{'}")
    assert nested.options == "config={a=1, b={2}} name='x{'"
    elements = parse_pipeline("builtin.module(p{x='a,b'}, q{y=\"(\"}, r)")
    assert [(e.name, e.options) for e in elements] == [("p", "x='a,b'"), ("q", 'y="("'), ("r", None)]
    assert Element("p", options="").text() == "p{}"


@pytest.mark.parametrize(
    "text, column, message",
    [
        ("", 1, "expected a pass or operation name, found 'end of pipeline'"),
        ("canonicalize,, cse", 14, "expected a pass or operation name, found ','"),
        ("builtin.module(cse", 19, "expected ',' or ')'"),
        ("builtin.module(cse canonicalize)", 20, "expected ',' or ')'"),
        ("builtin.module(cse) extra", 21, "unexpected 'e'"),
        ("cse, canonicalize{max-iterations=3", 18, "unbalanced '{' in pass options"),
        ("accel-op-stats{title='}'", 15, "unbalanced '{' in pass options"),
        ("func.func(cse, )", 16, "expected a pass or operation name, found ')'"),
    ],
)
def test_syntax_errors_are_located(text, column, message):
    error = error_of(lambda: parse_pipeline(text))
    assert error.format() == f"<pass-pipeline>:1:{column}: error: {message}"


@pytest.mark.parametrize(
    "text, column, message",
    [
        ("builtin.module(cse, accel-op-stats{colour=red})", 21,
         "pass 'accel-op-stats' has no option 'colour' (its options: format, title)"),
        ("cse,accel-op-stats{format=xml}", 5, "pass 'accel-op-stats' option 'format': must be one of text, json"),
        ("func.func(cse, accel-verify)", 16,
         "accel pass 'accel-verify' runs on the module: schedule it at the top level, not inside a nested pipeline"),
    ],
)
def test_accel_pass_errors_are_located_at_parse_time(text, column, message):
    error = error_of(lambda: Pipeline.parse(text))
    assert error.format() == f"<pass-pipeline>:1:{column}: error: {message}"


def test_unknown_mlir_pass_is_located_even_when_nested(context):
    error = error_of(lambda: Pipeline.parse("cse, bogus-pass").build(context))
    assert error.format() == (
        "<pass-pipeline>:1:6: error: unknown pass 'bogus-pass' (not an accel, MLIR or IREE pass; see accel-opt --list-passes)"
    )
    error = error_of(lambda: Pipeline.parse("builtin.module(func.func(cse, bogus-pass))").build(context))
    assert error.format().startswith("<pass-pipeline>:1:31: error: unknown pass 'bogus-pass' ")


def test_bad_mlir_pass_option_is_located_at_the_pass(context):
    text = "cse, func.func(canonicalize, canonicalize{max-iterations=abc})"
    error = error_of(lambda: Pipeline.parse(text).build(context))
    [diagnostic] = error.diagnostics
    assert diagnostic.location == "<pass-pipeline>:1:30"
    assert "max-iterations" in diagnostic.message and "'abc' value invalid" in diagnostic.message


def test_flags_are_located_at_the_flag(context):
    pipeline = Pipeline.from_flags([("canonicalize", None), ("accel-op-stats", "format=json")])
    assert pipeline.text() == "builtin.module(canonicalize, accel-op-stats{format=json})"
    error = error_of(lambda: Pipeline.from_flags([("accel-op-stats", "format=xml")]))
    assert error.format() == "--accel-op-stats: error: pass 'accel-op-stats' option 'format': must be one of text, json"
    error = error_of(lambda: Pipeline.from_flags([("no-such-pass", None)]).build(context))
    assert error.format().startswith("--no-such-pass: error: unknown pass 'no-such-pass'")


# ---------------------------------------------------------------------------
# Running


def test_mlir_and_accel_passes_run_in_order(parse, capsys):
    module = parse(MODULE)
    Pipeline.parse("accel-op-stats{format=json title=before}, canonicalize, accel-verify, cse, accel-op-stats{format=json title=after}").run(module)
    before, after = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert before["title"] == "before" and after["title"] == "after"
    counts_before = {op["name"]: op["count"] for op in before["ops"]}
    counts_after = {op["name"]: op["count"] for op in after["ops"]}
    assert counts_before["arith.addi"] == 1 and counts_before["arith.muli"] == 1 and counts_before["arith.constant"] == 2
    # canonicalize folded 1 + 2 and dropped the dead product before the second count.
    assert "arith.addi" not in counts_after and "arith.muli" not in counts_after
    assert counts_after["arith.constant"] == 1
    assert counts_after["accel.quantize"] == 1 and counts_after["accel.wait"] == 1
    assert {op["name"]: op["unit"] for op in after["ops"]}["accel.quantize"] == "vector"
    assert "arith.constant 3 : i32" in str(module)
    verify_accel(module)


class _Recorder(Pass):
    """Test-only: records the op names it sees."""

    ARGUMENT = "test-record"
    SUMMARY = "Record op names"
    seen: list[list[str]] = []

    def run(self, module):
        names = []

        def visit(op):
            names.append(op.name)
            return ir.WalkResult.ADVANCE

        module.walk(visit)
        _Recorder.seen.append(names)


class _AddDeadArith(Pass):
    """Test-only: adds an unused `arith.addi` at the top of every function."""

    ARGUMENT = "test-add-dead-arith"
    SUMMARY = "Add dead arithmetic"

    def run(self, module):
        for function in module.regions[0].blocks[0].operations:
            block = function.regions[0].blocks[0]
            with ir.InsertionPoint.at_block_begin(block), function.location:
                seven = arith.ConstantOp(ir.IntegerType.get_signless(32), 7)
                arith.AddIOp(seven.result, seven.result)


@pytest.fixture
def test_passes(monkeypatch):
    """Registers test-only passes for one test (monkeypatch restores the registry)."""

    def register(*classes):
        for cls in classes:
            monkeypatch.setitem(PASSES, cls.ARGUMENT, cls)

    monkeypatch.setattr(_Recorder, "seen", [])
    return register


def test_python_pass_changes_are_seen_by_mlir_passes(parse, test_passes):
    test_passes(_Recorder, _AddDeadArith)
    module = parse(MODULE)
    Pipeline.parse("builtin.module(canonicalize, test-add-dead-arith, test-record, func.func(canonicalize), test-record)").run(module)
    first, second = _Recorder.seen
    assert first.count("arith.addi") == 1 and "arith.muli" not in first  # ours; the input's was folded
    assert "arith.addi" not in second
    assert "arith.constant 7" not in str(module)


def test_test_passes_do_not_leak_into_the_registry():
    assert not any(name.startswith("test-") for name in PASSES)


class _Reject(Pass):
    """Test-only: fails, located at the first accel op."""

    ARGUMENT = "test-reject"
    SUMMARY = "Fail at an accel op"

    def run(self, module):
        from accel.dialects import accel_operations

        first, second = accel_operations(module)[:2]
        raise AccelError([self.fail("cannot schedule this op", first).diagnostics[0], self.fail("nor this one", second).diagnostics[0]])


class _RejectNowhere(Pass):
    """Test-only: fails without a location."""

    ARGUMENT = "test-reject-nowhere"
    SUMMARY = "Fail without a location"

    def run(self, module):
        raise AccelError("the hardware has no matrix unit")


class _Crash(Pass):
    """Test-only: a bug."""

    ARGUMENT = "test-crash"
    SUMMARY = "Crash"

    def run(self, module):
        raise ZeroDivisionError("division by zero in tile planner")


def test_accel_error_in_a_pass_is_located(parse, test_passes):
    test_passes(_Reject, _Recorder)
    module = parse(MODULE)
    error = error_of(lambda: Pipeline.parse("canonicalize, test-reject, test-record").run(module))
    assert error.format("model.mlir") == (
        "model.mlir:7:14: error: cannot schedule this op\nmodel.mlir:8:5: error: nor this one"
    )
    assert _Recorder.seen == []  # the pipeline stopped at the failure


def test_unlocated_accel_error_is_located_at_the_module(parse, test_passes):
    test_passes(_RejectNowhere)
    error = error_of(lambda: Pipeline.parse("test-reject-nowhere").run(parse(MODULE)))
    assert error.format("model.mlir") == "model.mlir:1:1: error: the hardware has no matrix unit"


def test_unexpected_exception_is_an_internal_error(parse, test_passes, capsys, monkeypatch):
    monkeypatch.delenv("ACCEL_DEBUG", raising=False)
    test_passes(_Crash)
    error = error_of(lambda: Pipeline.parse("cse, test-crash").run(parse(MODULE)))
    assert error.format("model.mlir") == (
        "model.mlir:1:1: error: internal error in pass 'test-crash': "
        "ZeroDivisionError: division by zero in tile planner (ACCEL_DEBUG=1 shows the traceback)"
    )
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setenv("ACCEL_DEBUG", "1")
    error_of(lambda: Pipeline.parse("test-crash").run(parse(MODULE)))
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: division by zero in tile planner" in err


class _BreakDequantize(Pass):
    """Test-only: sets an invalid `bits` on every accel.dequantize."""

    ARGUMENT = "test-break-dequantize"
    SUMMARY = "Make accel IR invalid"

    def run(self, module):
        from accel.dialects import accel_operations

        for op in accel_operations(module):
            if op.name == "accel.dequantize":
                op.attributes["bits"] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), 3)


DEQUANTIZE = """func.func @f(%q: tensor<16x64xi8>, %s: tensor<16xf32>) {
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<16x64xi8>, tensor<16xf32>) -> tensor<16x64xf32>
  return
}
"""


def test_accel_ir_is_verified_after_each_python_pass(parse, test_passes):
    test_passes(_BreakDequantize)
    error = error_of(lambda: Pipeline.parse("test-break-dequantize").run(parse(DEQUANTIZE)))
    assert error.format("m.mlir") == "m.mlir:2:8: error: 'accel.dequantize' op bits must be 4 or 8, got 3"
    module = parse(DEQUANTIZE)
    Pipeline.parse("test-break-dequantize").run(module, verify_each=False)
    with pytest.raises(AccelError, match="bits must be 4 or 8, got 3"):
        verify_accel(module)


class _DropTerminators(Pass):
    """Test-only: breaks builtin IR (functions without a terminator)."""

    ARGUMENT = "test-drop-terminators"
    SUMMARY = "Erase func.return ops"

    def run(self, module):
        for function in module.regions[0].blocks[0].operations:
            for op in list(function.regions[0].blocks[0].operations):
                if op.name == "func.return":
                    op.erase()


def test_mlir_verifier_runs_after_python_passes(parse, test_passes):
    test_passes(_DropTerminators)
    # The last op left must be a registered non-terminator: an unregistered (accel) op
    # might be a terminator as far as MLIR knows.
    module = parse("func.func @f() -> i32 {\n  %c = arith.constant 1 : i32\n  return %c : i32\n}")
    error = error_of(lambda: Pipeline.parse("test-drop-terminators").run(module))
    [diagnostic] = error.diagnostics
    assert diagnostic.format("m.mlir").startswith("m.mlir:2:8: error: block with no terminator, has ")


def test_print_ir_after_all(parse, capfd):
    Pipeline.parse("canonicalize, accel-verify").run(parse(MODULE), print_ir_after_all=True)
    err = capfd.readouterr().err
    assert "IR Dump After CanonicalizerPass" in err
    assert "IR Dump After AccelVerify: accel-verify" in err
    assert err.index("CanonicalizerPass") < err.index("AccelVerify")


# ---------------------------------------------------------------------------
# Pipelines built from Python: text fragments and pass objects


@dataclass(frozen=True)
class _Holder(Pass):
    """Test-only: records the object its option holds (never registered)."""

    ARGUMENT = "test-holder"
    SUMMARY = "Record an option value"
    value: object = option(None, help="any object", coerce=lambda value: value)
    seen: ClassVar[list] = []

    def run(self, module):
        _Holder.seen.append(self.value)


def test_pass_objects_run_as_given(parse, monkeypatch):
    monkeypatch.setattr(_Holder, "seen", [])
    held = object()  # no pipeline text holds this: the pass must run as it was built
    module = parse(MODULE)
    pipeline = Pipeline.of("canonicalize", _Holder(value=held), "func.func(cse)")
    assert [e.name for e in pipeline.elements] == ["canonicalize", "test-holder", "func.func"]
    pipeline.run(module)
    assert _Holder.seen == [held]
    assert "arith.muli" not in str(module)  # canonicalize ran too


def test_pass_objects_print_as_pipeline_text(parse, capsys):
    from accel.compiler.passes.accel_op_stats import AccelOpStats

    pipeline = Pipeline.of("canonicalize", AccelOpStats(format="json", title="mixed in"), "cse, accel-verify")
    assert pipeline.text() == "builtin.module(canonicalize, accel-op-stats{format=json title='mixed in'}, cse, accel-verify)"
    assert Pipeline.parse(pipeline.text()).text() == pipeline.text()
    pipeline.run(parse(MODULE))
    assert json.loads(capsys.readouterr().err)["title"] == "mixed in"
    assert Pipeline.of(AccelOpStats()).text() == "builtin.module(accel-op-stats)"


def test_text_fragments_of_a_python_pipeline_are_checked():
    error = error_of(lambda: Pipeline.of("accel-op-stats{format=xml}"))
    assert error.format() == "<pass-pipeline>:1:1: error: pass 'accel-op-stats' option 'format': must be one of text, json"
