"""accel's Python passes and their registry.

One pass per file, the file named after the pass's flag (`accel-op-stats` lives in
`accel_op_stats.py`). Each file defines one `Pass` subclass; importing this package
registers every one of them in `PASSES` (flag -> class), which the pipeline driver,
`accel-opt --list-passes` and the tests read.
"""

from __future__ import annotations

import importlib
import pkgutil
import shlex
from dataclasses import dataclass
from typing import Any, Callable, ClassVar

from accel.core.diagnostics import AccelError, Diagnostic
from accel.core.mlir import ir


@dataclass
class Option:
    """A pass option: `name=value` in a pipeline (`accel-tile{tile-sizes=64,64,128}`)."""

    name: str
    parse: Callable[[str], Any]  # str -> value; raises ValueError on bad text
    default: Any
    help: str
    choices: tuple[str, ...] | None = None
    render: Callable[[Any], str] | None = None  # value -> option text, when str() is not it

    def text(self, value: Any) -> str:
        """`value` as option text: what `convert` reads back."""
        if self.render is not None:
            return self.render(value)
        if isinstance(value, (list, tuple)):
            return ",".join(map(str, value))
        return str(getattr(value, "spec", value))  # a Hardware: its preset name or path

    def convert(self, text: str) -> Any:
        if self.choices is not None and text not in self.choices:
            raise ValueError(f"must be one of {', '.join(self.choices)}")
        return self.parse(text)


def int_list(text: str) -> list[int]:
    """Parses '64,64,128' (the MLIR list-option syntax)."""
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise ValueError(f"expected comma-separated integers, got '{text}'") from None


def boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "on", "yes"):
        return True
    if lowered in ("0", "false", "off", "no"):
        return False
    raise ValueError(f"expected true or false, got '{text}'")


class Pass:
    """Base of accel's Python passes. Subclasses set the class attributes and `run`.

    `run(module)` transforms the module in place. It reports a user-facing failure by
    raising `AccelError` with located diagnostics (see `Pass.fail`).
    """

    ARGUMENT: ClassVar[str]  # the flag, e.g. "accel-op-stats"
    SUMMARY: ClassVar[str]
    DESCRIPTION: ClassVar[str] = ""
    OPTIONS: ClassVar[list[Option]] = []

    def __init__(self, **options: Any):
        known = {o.name: o for o in self.OPTIONS}
        for name in options:
            if name not in known:
                raise AccelError(self.unknown_option_message(name))
        self.options = {o.name: options.get(o.name, o.default) for o in self.OPTIONS}

    @classmethod
    def unknown_option_message(cls, name: str) -> str:
        names = ", ".join(o.name for o in cls.OPTIONS) or "none"
        return f"pass '{cls.ARGUMENT}' has no option '{name}' (its options: {names})"

    @classmethod
    def from_option_text(cls, text: str) -> "Pass":
        """Builds the pass from MLIR pass-option text: 'key=value key2=v1,v2 flag'."""
        known = {o.name: o for o in cls.OPTIONS}
        values: dict[str, Any] = {}
        try:
            words = shlex.split(text)
        except ValueError as error:
            raise AccelError(f"pass '{cls.ARGUMENT}': cannot read options '{text}': {error}") from None
        for word in words:
            name, has_value, value = word.partition("=")
            option = known.get(name)
            if option is None:
                raise AccelError(cls.unknown_option_message(name))
            if not has_value:
                value = "true"
            try:
                values[name] = option.convert(value)
            except ValueError as error:
                raise AccelError(f"pass '{cls.ARGUMENT}' option '{name}': {error}") from None
        return cls(**values)

    def option_text(self) -> str:
        """The options that differ from their defaults, as pipeline text (a Hardware
        by its `spec`, lists comma-separated): how the pass is shown in a pipeline."""
        words = []
        for option in self.OPTIONS:
            text = option.text(self.options[option.name])
            if text and text != option.text(option.default):
                words.append(f"{option.name}={shlex.quote(text) if any(c in text for c in ' {}') else text}")
        return " ".join(words)

    def run(self, module: ir.Operation) -> None:
        raise NotImplementedError

    @staticmethod
    def fail(message: str, operation=None) -> AccelError:
        """An error located at `operation` (an op, a Location or None)."""
        location = getattr(operation, "location", operation)
        return AccelError([Diagnostic(message, location)])


PASSES: dict[str, type[Pass]] = {}


def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, Pass) and value is not Pass and value.__module__ == module.__name__:
                if value.ARGUMENT in PASSES:
                    raise TypeError(f"pass '{value.ARGUMENT}' defined twice")
                PASSES[value.ARGUMENT] = value


_discover()
