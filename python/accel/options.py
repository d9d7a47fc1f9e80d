"""`CompileOptions`: every option of a compilation, validated in one place.

`accel.compile(source, **options)`, `accelc` and the tests build one of these (as
IREE's Python `CompilerOptions`); a bad value is an `AccelError` located at the
option's command-line flag, whichever of them built it:

    options = CompileOptions(target="sim", hw="datacenter", quant="w8a8", tune=4)
    options.hardware          # the parsed Hardware (parsed once, shared by every stage)

Options a target does not take (tile sizes on the cpu target) are refused by the
target itself (accel.targets.Target.check_options).
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from accel.core.diagnostics import AccelError
from accel.dialects.accel import QUANT_SCHEMES as QMATMUL_SCHEMES

if TYPE_CHECKING:
    from accel.targets import Target
    from accel.targets.hardware import Hardware

# `--quant`: the qmatmul schemes of the dialect, or none (the program stays float).
QUANT_SCHEMES = ("none", *QMATMUL_SCHEMES)

TileSizes = tuple[int, int, int]


@dataclass(frozen=True)
class CompileOptions:
    """The options of one compilation (see the module docstring)."""

    target: str = "cpu"
    # A preset name, a .toml path or a Hardware: the machine of targets that use one.
    hw: "str | Path | Hardware" = "edge-npu"
    quant: str = "none"
    function: str | None = None  # the function to compile: default the only public one
    # Tiling targets: (tm, tn, tk) for every qmatmul, or {(m, n, k): (tm, tn, tk)}.
    tile_sizes: "TileSizes | Mapping[TileSizes, TileSizes] | None" = None
    # Targets with timing: simulate the cost model's N best tile sizes per matmul
    # shape and keep the fastest; None: the target's default; 0: the model's choice.
    tune: int | None = None
    _hardware: Any = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from accel.targets import get_target

        target = get_target(self.target)
        if self.quant not in QUANT_SCHEMES:
            raise AccelError(f"unknown quantization '{self.quant}' (schemes: {', '.join(QUANT_SCHEMES)})", "--quant")
        if self.function is not None and not isinstance(self.function, str):
            raise AccelError(f"the function is named by a string, got {self.function!r}", "--function")
        object.__setattr__(self, "tile_sizes", tile_sizes_option(self.tile_sizes))
        if self.tune is not None and (isinstance(self.tune, bool) or not isinstance(self.tune, int) or self.tune < 0):
            raise AccelError(f"--tune takes how many tile sizes to try (0: the model's choice), got {self.tune!r}", "--tune")
        if self.tune and self.tile_sizes is not None:
            raise AccelError("tuning chooses the tile sizes itself: drop --tile-sizes", "--tune")
        target.check_options(self)
        if target.uses_hardware:
            object.__setattr__(self, "_hardware", _load(self.hw))

    @property
    def target_object(self) -> "Target":
        from accel.targets import get_target

        return get_target(self.target)

    @property
    def hardware(self) -> "Hardware":
        """The parsed hardware (loaded when the options were made, for targets that use it)."""
        if self._hardware is None:
            object.__setattr__(self, "_hardware", _load(self.hw))
        return self._hardware

    @property
    def hw_name(self) -> str:
        """How the hardware was named: a preset name or a path (a Hardware: its name)."""
        return self.hw if isinstance(self.hw, str) else str(self.hw) if isinstance(self.hw, Path) else self.hw.name

    @property
    def tune_count(self) -> int:
        """How many tile-size choices to simulate: `tune`, or the target's default."""
        if self.tune is not None:
            return self.tune
        return 0 if self.tile_sizes is not None else self.target_object.default_tune(self)

    def replace(self, **changes: Any) -> "CompileOptions":
        """A copy with `changes`, validated again (load_hardware's cache parses no file twice)."""
        return replace(self, **changes)


def _load(hw) -> "Hardware":
    from dataclasses import replace as replace_diagnostic

    from accel.targets.hardware import load_hardware

    try:
        return load_hardware(hw)
    except AccelError as error:
        # A file's errors name the file; an unknown preset names nothing: it is --hw's.
        raise AccelError([replace_diagnostic(d, location=d.location or "--hw") for d in error.diagnostics]) from None


def tile_sizes_option(value: "Sequence[int] | str | Mapping | None"):
    """`value` checked: three positive ints (a sequence of ints, or "tm,tn,tk" text as
    accelc passes it), or a mapping from (m, n, k) shapes to such triples."""
    if isinstance(value, Mapping):
        return {_triple(shape, "matmul shapes are three positive integers M,N,K"): tile_sizes_option(sizes) for shape, sizes in value.items()}
    return None if value is None else _triple(value, "tile sizes are three positive integers TM,TN,TK")


def _triple(value, message: str) -> TileSizes:
    try:
        if isinstance(value, str):
            sizes = [int(part) for part in value.split(",")]
        else:
            sizes = [operator.index(size) for size in value]
    except (TypeError, ValueError):
        sizes = []
    if len(sizes) != 3 or min(sizes) <= 0:
        raise AccelError(f"{message}, got {value!r}", "--tile-sizes")
    return tuple(sizes)
