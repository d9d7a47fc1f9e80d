"""Tests of the pass registry (accel.compiler.passes): one pass per file named after
its flag, documented, and options parsed from pipeline text or rejected with an
AccelError naming the pass and option."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import accel.compiler.passes as passes_package
from accel.compiler.passes import PASSES, Option, Pass, boolean, int_list
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir

NAMES = sorted(PASSES)


def test_registry_holds_the_foundation_passes():
    assert {"accel-op-stats", "accel-verify"} <= set(PASSES)


@pytest.mark.parametrize("name", NAMES)
def test_pass_lives_in_a_file_named_after_its_flag(name):
    cls = PASSES[name]
    assert cls.ARGUMENT == name
    module = name.replace("-", "_")
    assert cls.__module__ == f"accel.compiler.passes.{module}"
    assert Path(inspect.getfile(cls)).name == f"{module}.py"
    assert Path(inspect.getfile(cls)).parent == Path(passes_package.__file__).parent


def test_every_pass_file_defines_exactly_one_registered_pass():
    for info in pkgutil.iter_modules(passes_package.__path__):
        module = importlib.import_module(f"accel.compiler.passes.{info.name}")
        defined = [
            value for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, Pass) and value.__module__ == module.__name__
        ]
        assert len(defined) == 1, f"{info.name}.py defines {[c.__name__ for c in defined]}"
        assert PASSES[defined[0].ARGUMENT] is defined[0]
        assert info.name == defined[0].ARGUMENT.replace("-", "_")


@pytest.mark.parametrize("name", NAMES)
def test_pass_is_documented(name):
    cls = PASSES[name]
    assert cls.SUMMARY.strip() and "\n" not in cls.SUMMARY
    assert len(cls.DESCRIPTION) > len(cls.SUMMARY)
    assert inspect.getmodule(cls).__doc__, f"{cls.__module__} has no module docstring"
    for option in cls.OPTIONS:
        assert option.help, f"{name}: option '{option.name}' has no help"
        assert option.name.replace("-", "").isalnum()


@pytest.mark.parametrize("name", NAMES)
def test_defaults_come_from_empty_option_text(name):
    cls = PASSES[name]
    instance = cls.from_option_text("")
    assert instance.options == {o.name: o.default for o in cls.OPTIONS}
    for option in cls.OPTIONS:
        if option.choices is not None:
            # Choices are option text; the default is a parsed value.
            assert option.default in [option.parse(choice) for choice in option.choices]


@pytest.mark.parametrize("name", NAMES)
def test_every_choice_is_accepted_and_others_rejected(name):
    cls = PASSES[name]
    for option in cls.OPTIONS:
        if option.choices is None:
            continue
        for choice in option.choices:
            assert cls.from_option_text(f"{option.name}={choice}").options[option.name] == option.parse(choice)
        with pytest.raises(AccelError) as info:
            cls.from_option_text(f"{option.name}=not-a-choice")
        assert str(info.value) == f"error: pass '{name}' option '{option.name}': must be one of {', '.join(option.choices)}"


@pytest.mark.parametrize("name", NAMES)
def test_unknown_option_is_rejected(name):
    cls = PASSES[name]
    with pytest.raises(AccelError) as info:
        cls.from_option_text("no-such-option=1")
    names = ", ".join(o.name for o in cls.OPTIONS) or "none"
    assert str(info.value) == f"error: pass '{name}' has no option 'no-such-option' (its options: {names})"
    with pytest.raises(AccelError, match="has no option 'no-such-option'"):
        cls(**{"no-such-option": 1})


def test_op_stats_options():
    stats = PASSES["accel-op-stats"]
    instance = stats.from_option_text("format=json title='before raising'")
    assert instance.options == {"format": "json", "title": "before raising"}
    assert stats.from_option_text('title="a, b}"').options["title"] == "a, b}"
    with pytest.raises(AccelError) as info:
        stats.from_option_text("title='unclosed")
    assert str(info.value) == "error: pass 'accel-op-stats': cannot read options 'title='unclosed': No closing quotation"


class _Tiler(Pass):
    """A test-only pass with every kind of option (not in a pass file: never registered)."""

    ARGUMENT = "test-tiler"
    SUMMARY = "Test pass with options"
    OPTIONS = [
        Option("tile-sizes", int_list, [64, 64], "tile sizes"),
        Option("double-buffer", boolean, False, "two buffers per operand"),
        Option("order", str, "mnk", "loop order", choices=("mnk", "nmk")),
    ]

    def run(self, module):
        pass


def test_option_kinds():
    assert "test-tiler" not in PASSES
    instance = _Tiler.from_option_text("tile-sizes=32,16,8 double-buffer order=nmk")
    assert instance.options == {"tile-sizes": [32, 16, 8], "double-buffer": True, "order": "nmk"}
    assert _Tiler.from_option_text("double-buffer=off").options["double-buffer"] is False
    with pytest.raises(AccelError) as info:
        _Tiler.from_option_text("tile-sizes=64,x")
    assert str(info.value) == "error: pass 'test-tiler' option 'tile-sizes': expected comma-separated integers, got '64,x'"
    with pytest.raises(AccelError) as info:
        _Tiler.from_option_text("double-buffer=maybe")
    assert str(info.value) == "error: pass 'test-tiler' option 'double-buffer': expected true or false, got 'maybe'"
    with pytest.raises(AccelError, match="option 'order': must be one of mnk, nmk"):
        _Tiler.from_option_text("order=kmn")


def test_option_parsers():
    assert int_list("64,64,128") == [64, 64, 128]
    assert int_list("") == []
    assert int_list(" 8, 4 ") == [8, 4]
    for text in ("1", "true", "ON", "yes"):
        assert boolean(text) is True
    for text in ("0", "false", "Off", "no"):
        assert boolean(text) is False
    with pytest.raises(ValueError):
        boolean("2")


def test_fail_is_located(context):
    location = ir.Location.file("model.mlir", 7, 3)
    error = Pass.fail("cannot tile", location)
    assert error.format() == "model.mlir:7:3: error: cannot tile"
    assert Pass.fail("no location").format("in.mlir") == "in.mlir: error: no location"
