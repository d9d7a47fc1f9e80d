"""The targets behind one protocol, and the registry that maps their names to them.

A target is an object (a `Target` subclass) that says what the driver needs to know
about it; the driver (accel.driver), accelc and the tests never branch on a target's
name. What every target shares, the driver does: parse, verify, the `graph` stage
(raising and quantization), the signature, tuning's bookkeeping. What differs is the
target's:

    name, summary            "--target NAME" and its help line
    uses_hardware            whether --hw matters (the sim target's machine)
    has_timing               runs report simulated time: timing-only runs, traces
    accepts                  the target-specific CompileOptions it takes ("tile_sizes", "tune")
    begin()                  a compile session: `.context`, the MLIR context to compile in
                             (the cpu target: an IREE compiler session and its context)
    lowering(options)        the stages after `graph`, each (name, Pipeline)
    check_graph(module)      refuse, located, what the target cannot lower
    finish(module, options, texts, session)
                             the compiled Program: `run(arrays, timing_only)`, `payload`
    tune(...)                measured tuning (default: none)
    report_rows(report)      the headline of a run's report, for accelc's summary

Adding a target is one new module (or subpackage) of accel.targets that defines a
`Target` subclass with a `name`: `targets()` finds it by importing the package's
modules, and `--target NAME` / `accel.compile(target=NAME)` take it. For example, an
analytic target that reports the cost model's estimate without simulating would
define `lowering` as the sim target's tiling stage and `finish` as a Program whose
`run` returns the estimate.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Protocol, Sequence

from accel.core.diagnostics import AccelError

if TYPE_CHECKING:  # the options and the artifact are the driver's: the layer above
    import numpy as np

    from accel.compiler.pass_pipeline import Pipeline
    from accel.core.mlir import ir


class Program(Protocol):
    """What a target's `finish` returns: the compiled program."""

    payload: "bytes | str"  # what `Artifact.save` writes (.vmfb, scheduled MLIR, ...)

    def run(self, arrays: "list[np.ndarray] | None", timing_only: bool,
            progress: "Callable[[int, int | None], None] | None" = None) -> "tuple[list[np.ndarray], dict, Any]":
        """Runs on `arrays` (None when timing-only): (outputs, report, result); `result`
        may offer `write_trace(path, filename)` (targets with timing). A long run may
        call `progress(done, total)` now and then (total None: not known yet)."""


@dataclass(frozen=True)
class CompileSession:
    """The default `Target.begin`: an accel MLIR context, nothing else."""

    context: "ir.Context"


class Target:
    """Base of the targets; see the module docstring for the protocol."""

    name: ClassVar[str]
    summary: ClassVar[str]
    uses_hardware: ClassVar[bool] = False
    has_timing: ClassVar[bool] = False
    accepts: ClassVar[frozenset[str]] = frozenset()
    finish_label: ClassVar[str] = "finish"  # what progress calls `finish`'s work

    # Why a target-specific option is refused by targets that do not accept it.
    _OPTION_OWNERS = {
        "tile_sizes": ("--tile-sizes", "tile sizes are an option of a tiling target (the cpu target lets IREE tile)"),
        "tune": ("--tune", "tuning simulates candidate schedules: an option of a target with timing"),
    }

    def check_options(self, options) -> None:
        """Raises for the options this target does not take (located at the option)."""
        for field_name, (flag, why) in self._OPTION_OWNERS.items():
            value = getattr(options, field_name)
            if field_name not in self.accepts and value not in (None, 0):
                raise AccelError(f"{why}; --target {self.name} does not take it", flag)

    def default_tune(self, options) -> int:
        """How many tile-size choices `compile` simulates when `tune` is None."""
        return 0

    def begin(self) -> "CompileSession":
        """What one compilation runs in: an object whose `context` is the MLIR context
        (the driver passes it back to `finish`, so a target keeps no state of its own)."""
        from accel.core.mlir import make_context

        return CompileSession(make_context())

    def lowering(self, options) -> "list[tuple[str, Pipeline]]":
        raise NotImplementedError

    def check_graph(self, module: "ir.Module") -> None:
        """After the graph stage: refuse, located, what this target cannot lower."""

    def finish(self, module: "ir.Module", options, texts: dict[str, str], session: "CompileSession") -> Program:
        raise NotImplementedError

    def tune(self, artifact, compile_with: Callable, options, count: int, progress: Callable[[str], None]):
        """The artifact to keep after measuring `count` candidates (default: as is)."""
        return artifact

    def report_rows(self, report: dict) -> list[tuple[str, str]]:
        """(name, value) rows of a run's report, for a terminal summary."""
        return [(key, str(value)) for key, value in report.items() if isinstance(value, (int, float, str))]

    def describe(self, options) -> str:
        """How accelc names what ran: the target, and its machine if it has one."""
        return f"{self.name} ({options.hw_name})" if self.uses_hardware else self.name


def refuse_ops(module: "ir.Module", why: "Callable[[ir.Operation], str | None]") -> None:
    """Raises an error located at each op for which `why(op)` gives a reason (its
    nested ops are not looked at): what a target cannot run, at most five of them."""
    from accel.core.diagnostics import Diagnostic
    from accel.core.mlir import ir

    found = []

    def visit(op):
        reason = why(op)
        if reason:
            found.append(Diagnostic(reason, op.location))
            return ir.WalkResult.SKIP
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    if found:
        raise AccelError(found[:5])


# The target whose outputs are the numerical reference (`accelc run --check`).
REFERENCE_TARGET = "cpu"

_REGISTRY: dict[str, Target] = {}


def targets() -> dict[str, Target]:
    """Every target, by name: the `Target` subclasses defined in accel.targets' modules."""
    if not _REGISTRY:
        for info in pkgutil.iter_modules(__path__):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Target) and value is not Target and "name" in vars(value):
                    if value.name in _REGISTRY and type(_REGISTRY[value.name]) is not value:
                        raise TypeError(f"target '{value.name}' defined twice")
                    _REGISTRY[value.name] = value()
    return _REGISTRY


def target_names() -> Sequence[str]:
    return tuple(sorted(targets()))


def get_target(name: str) -> Target:
    """The target called `name`; an unknown name is an error located at --target."""
    found = targets().get(name)
    if found is None:
        raise AccelError(f"unknown target '{name}' (targets: {', '.join(target_names())})", "--target")
    return found
