"""Tests of the pass registry (accel.compiler.passes): one pass per file named after
its flag, documented, and options parsed from pipeline text or rejected with an
AccelError naming the pass and option."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import accel.compiler.passes as passes_package
from accel.compiler.passes import PASSES, Pass, RaisePass, boolean, int_list, option
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
    for option in cls.options():
        assert option.help, f"{name}: option '{option.name}' has no help"
        assert option.name.replace("-", "").isalnum()


@pytest.mark.parametrize("name", NAMES)
def test_defaults_come_from_empty_option_text(name):
    cls = PASSES[name]
    instance = cls.from_option_text("")
    assert instance.option_values() == {o.name: o.default for o in cls.options()}
    assert instance == cls()
    for option in cls.options():
        if option.choices is not None:
            # Choices are option text; the default is a parsed value.
            assert option.default in [option.parse(choice) for choice in option.choices]


@pytest.mark.parametrize("name", NAMES)
def test_every_choice_is_accepted_and_others_rejected(name):
    cls = PASSES[name]
    for option in cls.options():
        if option.choices is None:
            continue
        for choice in option.choices:
            assert cls.from_option_text(f"{option.name}={choice}").option_values()[option.name] == option.parse(choice)
        with pytest.raises(AccelError) as info:
            cls.from_option_text(f"{option.name}=not-a-choice")
        assert str(info.value) == f"error: pass '{name}' option '{option.name}': must be one of {', '.join(option.choices)}"


@pytest.mark.parametrize("name", NAMES)
def test_unknown_option_is_rejected(name):
    cls = PASSES[name]
    with pytest.raises(AccelError) as info:
        cls.from_option_text("no-such-option=1")
    names = ", ".join(o.name for o in cls.options()) or "none"
    assert str(info.value) == f"error: pass '{name}' has no option 'no-such-option' (its options: {names})"
    with pytest.raises(AccelError, match="has no option 'no-such-option'"):
        cls(**{"no-such-option": 1})


def test_op_stats_options():
    stats = PASSES["accel-op-stats"]
    instance = stats.from_option_text("format=json title='before raising'")
    assert instance.option_values() == {"format": "json", "title": "before raising"}
    assert instance == stats(format="json", title="before raising")
    assert stats.from_option_text('title="a, b}"').title == "a, b}"
    with pytest.raises(AccelError) as info:
        stats.from_option_text("title='unclosed")
    assert str(info.value) == "error: pass 'accel-op-stats': cannot read options 'title='unclosed': No closing quotation"


@dataclass(frozen=True)
class _Tiler(Pass):
    """A test-only pass with every kind of option (not in a pass file: never registered)."""

    ARGUMENT = "test-tiler"
    SUMMARY = "Test pass with options"

    tile_sizes: list = option(default_factory=lambda: [64, 64], parse=int_list, help="tile sizes")
    double_buffer: bool = option(False, parse=boolean, help="two buffers per operand")
    order: str = option("mnk", help="loop order", choices=("mnk", "nmk"))

    def run(self, module):
        pass


def test_option_kinds():
    assert "test-tiler" not in PASSES
    instance = _Tiler.from_option_text("tile-sizes=32,16,8 double-buffer order=nmk")
    assert instance.option_values() == {"tile-sizes": [32, 16, 8], "double-buffer": True, "order": "nmk"}
    assert (instance.tile_sizes, instance.double_buffer, instance.order) == ([32, 16, 8], True, "nmk")
    assert _Tiler.from_option_text("double-buffer=off").double_buffer is False
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


# -- typed options: a pass is a frozen dataclass whose fields are its options ------


@pytest.mark.parametrize("name", NAMES)
def test_pass_is_a_frozen_dataclass_of_its_options(name):
    cls = PASSES[name]
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen
    fields = {f.name for f in dataclasses.fields(cls) if f.init}
    assert fields == {o.attribute for o in cls.options()}
    for option in cls.options():
        assert option.name == option.attribute.replace("_", "-")
    instance = cls()
    for option in cls.options():
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(instance, option.attribute, option.default)


@pytest.mark.parametrize("name", NAMES)
def test_option_text_round_trips(name):
    cls = PASSES[name]
    assert cls().option_text() == ""
    for option in cls.options():
        for choice in option.choices or ():
            instance = cls.from_option_text(f"{option.name}={choice}")
            assert cls.from_option_text(instance.option_text()) == instance


def test_keywords_and_option_text_give_the_same_pass():
    tile = PASSES["accel-tile"]
    assert tile(tile_sizes=(32, 16, 8)) == tile.from_option_text("tile-sizes=32,16,8")
    assert tile(tile_sizes="32,16,8") == tile.from_option_text("tile-sizes=32,16,8")
    per_shape = tile(tile_sizes={(64, 64, 256): (16, 16, 16), (64, 64, 384): [32, 32, 32]})
    assert per_shape == tile.from_option_text("tile-sizes=64x64x256:16,16,16;64x64x384:32,32,32")
    assert per_shape.option_text() == "tile-sizes=64x64x256:16,16,16;64x64x384:32,32,32"
    kv = PASSES["accel-raise-kv-cache"]
    assert kv(layout="paged", block_size=4) == kv.from_option_text("layout=paged block-size=4")
    assert kv(layout="paged", block_size=4).option_text() == "layout=paged block-size=4"
    stats = PASSES["accel-op-stats"]
    assert stats(title="before raising").option_text() == "title='before raising'"
    assert stats.from_option_text(stats(title="before raising").option_text()).title == "before raising"


def test_python_values_are_checked_as_text_is():
    tile = PASSES["accel-tile"]
    with pytest.raises(AccelError) as info:
        tile(tile_sizes=(16, 16))
    assert str(info.value) == "error: pass 'accel-tile' option 'tile-sizes': expected three positive integers tm,tn,tk, got '16,16'"
    with pytest.raises(AccelError, match="option 'tile-sizes': matmul shapes are three positive integers"):
        tile(tile_sizes={(64, 64): (16, 16, 16)})
    with pytest.raises(AccelError, match="option 'tile-sizes': expected tm,tn,tk or a mapping"):
        tile(tile_sizes=16)
    with pytest.raises(AccelError, match="option 'scheme': must be one of w8a8, w8a16, w4a16"):
        PASSES["accel-quantize"](scheme="int3")
    with pytest.raises(AccelError, match="option 'group-size': must be one of 32, 64, 128"):
        PASSES["accel-quantize"](group_size=48)
    assert PASSES["accel-quantize"](group_size=64).group_size == 64
    with pytest.raises(AccelError, match="option 'block-size': expected int, got float"):
        PASSES["accel-raise-kv-cache"](block_size=4.5)
    with pytest.raises(AccelError) as info:
        tile(tile_size=(16, 16, 16))
    assert str(info.value) == "error: pass 'accel-tile' has no option 'tile_size' (its options: hw, tile_sizes, quantize_rows)"
    with pytest.raises(TypeError, match="AccelTile takes its options as keyword arguments"):
        tile("edge-npu")


@pytest.mark.parametrize("name", ["accel-tile", "accel-schedule"])
def test_hw_is_text_or_a_hardware_object(name, tmp_path):
    from accel.targets.hardware import load_hardware

    cls = PASSES[name]
    hardware = load_hardware("edge-npu")
    assert cls(hw=hardware).hw is hardware  # passed as is, not stringified
    assert cls.from_option_text("hw=edge-npu").hw == "edge-npu"  # text, read when the pass needs it
    path = tmp_path / "my npu.toml"
    assert cls.from_option_text(f"hw='{path}'").hw == str(path)
    assert cls(hw=path).hw == path
    # Written back as text, a Hardware is what load_hardware reads back: its preset's
    # name (the default here, so not written) or the file it was read from.
    assert cls(hw=hardware).option_text() == "" and cls.from_option_text("").hw == hardware.spec == "edge-npu"
    path.write_text(open(load_hardware("datacenter").source).read())
    chip = load_hardware(str(path))
    assert cls.from_option_text(cls(hw=chip).option_text()).hw == str(path)
    with pytest.raises(AccelError) as info:
        cls(hw=3)
    assert str(info.value) == f"error: pass '{name}' option 'hw': expected a hardware preset name, a .toml path or a Hardware, got int"


def test_a_pass_must_declare_itself_a_frozen_dataclass():
    class Undeclared(Pass):
        ARGUMENT = "test-undeclared"
        SUMMARY = "Forgot @dataclass"
        size: int = option(3, parse=int, help="ignored without @dataclass")

    with pytest.raises(TypeError, match=r"pass 'test-undeclared' \(.*Undeclared\) must be declared @dataclass\(frozen=True\)"):
        passes_package._check_declaration(Undeclared)

    @dataclass(frozen=True)
    class PlainField(Pass):
        ARGUMENT = "test-plain-field"
        SUMMARY = "A field that is not an option"
        size: int = 3

    with pytest.raises(TypeError, match="field 'size' is set at construction but is not an option"):
        passes_package._check_declaration(PlainField)


RAISE_PASSES = [name for name in NAMES if name.startswith("accel-raise-")]


@pytest.mark.parametrize("name", RAISE_PASSES)
def test_raising_passes_share_one_base(name):
    cls = PASSES[name]
    assert issubclass(cls, RaisePass)
    if name != "accel-raise-kv-cache":  # raises per function, then RaisePass.run's cleanup
        # Each declares its patterns; RaisePass.run applies them.
        assert "run" not in vars(cls)
        assert "PATTERNS" in vars(cls) or "patterns" in vars(cls)
