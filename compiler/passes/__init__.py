"""accel's Python passes and their registry.

One pass per file, the file named after the pass's flag (`accel-op-stats` lives in
`accel_op_stats.py`). Each file defines one `Pass` subclass; importing this package
registers every one of them in `PASSES` (flag -> class), which the pipeline driver,
`accel-opt --list-passes` and the tests read.

A pass is a frozen dataclass whose fields are its options (as xDSL's `ModulePass`):
each declared with `option(...)`, which gives its flag in pipeline text (kebab-case as
in MLIR: the field `tile_sizes` is `tile-sizes`), its help, how to read it from text and
its choices. Python builds a pass from keyword arguments of the field names
(`AccelTile(hw=hardware, tile_sizes=(64, 64, 128))`), a pipeline from option text
(`accel-tile{hw=edge-npu tile-sizes=64,64,128}`, `Pass.from_option_text`); both give
the same values, checked in one place (`Pass.__post_init__`).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import shlex
from dataclasses import dataclass
from typing import Any, Callable, ClassVar

from accel.compiler.linalg_match import rewrite_greedily
from accel.core.diagnostics import AccelError, Diagnostic
from accel.core.mlir import ir

_OPTION = "accel.option"  # the key of an option's description in its field's metadata


@dataclass(frozen=True)
class Option:
    """A pass option as pipeline text writes it: `name=value` (`accel-tile{tile-sizes=64,64,128}`).

    `parse` reads the text (raising ValueError on bad text); `coerce`, if given, checks
    and normalizes a value given from Python (raising ValueError or TypeError);
    `format` writes a value back as text (`parse`'s inverse; default: `format_value`).
    `attribute` (the dataclass field) and `default` are filled in by `Pass.options()`.
    """

    name: str
    parse: Callable[[str], Any]
    default: Any
    help: str
    choices: tuple[str, ...] | None = None
    coerce: Callable[[Any], Any] | None = None
    format: Callable[[Any], str] | None = None
    attribute: str = ""

    def convert(self, text: str) -> Any:
        if self.choices is not None and text not in self.choices:
            raise ValueError(f"must be one of {', '.join(self.choices)}")
        return self.parse(text)


def option(default: Any = dataclasses.MISSING, *, help: str, parse: Callable[[str], Any] = str,
           choices: tuple[str, ...] | None = None, coerce: Callable[[Any], Any] | None = None,
           format: Callable[[Any], str] | None = None, flag: str | None = None,
           default_factory: Callable[[], Any] | Any = dataclasses.MISSING) -> Any:
    """A pass option: a dataclass field with its flag (default: the field name in
    kebab-case), help, text parser, choices, Python-value check and text writer (see `Option`)."""
    description = Option(flag or "", parse, None, help, choices, coerce, format)
    return dataclasses.field(default=default, default_factory=default_factory, metadata={_OPTION: description})


def int_list(text: str) -> list[int]:
    """Parses '64,64,128' (the MLIR list-option syntax)."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"expected comma-separated integers, got '{text}'") from None


def format_value(value: Any) -> str:
    """An option value as pipeline text: the inverse of `int_list`, `boolean`, `int`, `str`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return str(value)


def quote_option_value(text: str) -> str:
    """Quotes an option value holding characters that split option text (commas do
    not: inside a pass's braces they belong to the value)."""
    return f"'{text}'" if any(c in text for c in " {}'\"") else text


def boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    raise ValueError(f"expected true or false, got '{text}'")


def hardware_option(help: str) -> Any:
    """The `hw` option of the passes that size things for the hardware: text (a preset
    name or a .toml path, read when the pass needs it, through
    `accel.targets.hardware.load_hardware`) or a `Hardware` (or Path) from Python, kept as is."""
    return option("edge-npu", help=help, coerce=_hardware_value, format=_hardware_text)


def _hardware_text(value: Any) -> str:
    # A Hardware is written as what load_hardware reads back: its preset's name or its file.
    return str(getattr(value, "spec", "") or value)


def _hardware_value(value: Any) -> Any:
    from os import PathLike

    from accel.targets.hardware import Hardware

    if isinstance(value, (Hardware, PathLike)):
        return value
    raise TypeError(f"expected a hardware preset name, a .toml path or a Hardware, got {type(value).__name__}")


def _check_value(description: Option, value: Any) -> None:
    """A value given from Python for an option without `coerce`: one of its choices,
    or of its default's scalar type."""
    if description.choices is not None:
        allowed = [description.parse(choice) for choice in description.choices]
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(description.choices)}")
    elif isinstance(description.default, (bool, int, float)) and not isinstance(value, type(description.default)):
        raise TypeError(f"expected {type(description.default).__name__}, got {type(value).__name__}")


@dataclass(frozen=True)
class Pass:
    """Base of accel's Python passes. Subclasses are `@dataclass(frozen=True)`, declare
    their options as fields with `option(...)`, set the class attributes and `run`.

    `run(module)` transforms the module in place. It reports a user-facing failure by
    raising `AccelError` with located diagnostics (see `Pass.fail`).
    """

    ARGUMENT: ClassVar[str]  # the flag, e.g. "accel-op-stats"
    SUMMARY: ClassVar[str]
    DESCRIPTION: ClassVar[str] = ""

    def __new__(cls, *args: Any, **values: Any):
        # Checked before the dataclass __init__, whose TypeError would not name the pass.
        if args:
            raise TypeError(f"{cls.__name__} takes its options as keyword arguments")
        known = {o.attribute for o in cls.options()}
        for name in values:
            if name not in known:
                raise AccelError(cls.unknown_option_message(name, keywords=True))
        return super().__new__(cls)

    def __post_init__(self):
        for description in self.options():
            value = getattr(self, description.attribute)
            try:
                if isinstance(value, str):
                    value = description.convert(value)
                elif description.coerce is not None:
                    value = description.coerce(value)
                else:
                    _check_value(description, value)
            except (ValueError, TypeError) as error:
                raise AccelError(f"pass '{self.ARGUMENT}' option '{description.name}': {error}") from None
            object.__setattr__(self, description.attribute, value)  # frozen: set once, here

    @classmethod
    def options(cls) -> tuple[Option, ...]:
        """The pass's options in declaration order, with their fields and defaults."""
        found = []
        for field in dataclasses.fields(cls):
            description = field.metadata.get(_OPTION)
            if description is None:
                continue
            if field.default is not dataclasses.MISSING:
                default = field.default
            elif field.default_factory is not dataclasses.MISSING:
                default = field.default_factory()
            else:
                raise TypeError(f"pass '{cls.ARGUMENT}': option '{field.name}' has no default")
            found.append(dataclasses.replace(description, name=description.name or field.name.replace("_", "-"), default=default, attribute=field.name))
        return tuple(found)

    def option_values(self) -> dict[str, Any]:
        """{flag: value} of every option."""
        return {o.name: getattr(self, o.attribute) for o in self.options()}

    def option_text(self) -> str:
        """The options that differ from their defaults as pipeline option text
        (`from_option_text` reads it back into an equal pass)."""
        words = []
        for description in self.options():
            text_of = description.format or format_value
            text = text_of(getattr(self, description.attribute))
            if text != text_of(description.default):  # a Hardware of the default preset is the default
                words.append(f"{description.name}={quote_option_value(text)}")
        return " ".join(words)

    @classmethod
    def unknown_option_message(cls, name: str, keywords: bool = False) -> str:
        names = ", ".join(o.attribute if keywords else o.name for o in cls.options()) or "none"
        return f"pass '{cls.ARGUMENT}' has no option '{name}' (its options: {names})"

    @classmethod
    def from_option_text(cls, text: str) -> "Pass":
        """Builds the pass from MLIR pass-option text: 'key=value key2=v1,v2 flag'."""
        known = {o.name: o for o in cls.options()}
        values: dict[str, Any] = {}
        try:
            words = shlex.split(text)
        except ValueError as error:
            raise AccelError(f"pass '{cls.ARGUMENT}': cannot read options '{text}': {error}") from None
        for word in words:
            name, has_value, value = word.partition("=")
            description = known.get(name)
            if description is None:
                raise AccelError(cls.unknown_option_message(name))
            # The text is read by __post_init__, as text given from Python is.
            values[description.attribute] = value if has_value else "true"
        return cls(**values)

    def run(self, module: ir.Operation) -> None:
        raise NotImplementedError

    def record(self, **results: Any) -> None:
        """Keeps what a run found on the pass (e.g. `statistics`). The options are
        frozen; results are not options: fields declared with `init=False`."""
        for name, value in results.items():
            object.__setattr__(self, name, value)

    def warn(self, message: str, operation=None) -> None:
        """Keeps a warning located at `operation` (an op, a Location or None) for
        whoever runs the pass: the driver keeps it on the artifact, accel-opt prints it."""
        location = getattr(operation, "location", operation)
        object.__setattr__(self, "_warnings", [*self.warnings, Diagnostic(message, location, "warning")])

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings of this pass's runs, in order (see `warn`)."""
        return list(getattr(self, "_warnings", ()))

    @staticmethod
    def fail(message: str, operation=None) -> AccelError:
        """An error located at `operation` (an op, a Location or None)."""
        location = getattr(operation, "location", operation)
        return AccelError([Diagnostic(message, location)])


# A rewrite pattern as MLIR's Python bindings take it: fn(op, rewriter), returning a
# falsy value when it rewrote `op` and True when `op` does not match.
Pattern = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class RaisePass(Pass):
    """Base of the accel-raise-* passes: each declares its patterns, {op name: Pattern},
    in `PATTERNS` (or computes them from the module in `patterns`), and `run` applies
    them with MLIR's greedy driver, leaving the rest of the IR as written
    (`accel.compiler.linalg_match.rewrite_greedily`: what a rewrite leaves dead goes)."""

    PATTERNS: ClassVar[dict[str, Pattern]] = {}

    def patterns(self, module: ir.Operation) -> dict[str, Pattern]:
        return self.PATTERNS

    def run(self, module: ir.Operation) -> None:
        rewrite_greedily(module, self.patterns(module))


PASSES: dict[str, type[Pass]] = {}


def _check_declaration(cls: type[Pass]) -> None:
    """A pass must be its own frozen dataclass (else fields declared on it would be
    silently ignored), and every field set at construction must be an option."""
    if "__dataclass_fields__" not in vars(cls) or not cls.__dataclass_params__.frozen:
        raise TypeError(f"pass '{cls.ARGUMENT}' ({cls.__qualname__}) must be declared @dataclass(frozen=True)")
    for field in dataclasses.fields(cls):
        if field.init and _OPTION not in field.metadata:
            raise TypeError(f"pass '{cls.ARGUMENT}': field '{field.name}' is set at construction but is not an option (declare it with option(...), or init=False)")
    cls.options()  # every option has a default


def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Pass) and value.__module__ == module.__name__:
                if value.ARGUMENT in PASSES:
                    raise TypeError(f"pass '{value.ARGUMENT}' defined twice")
                _check_declaration(value)
                PASSES[value.ARGUMENT] = value


_discover()
