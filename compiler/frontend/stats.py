"""What accel makes of an imported model: its ops before and after raising, and where
each would run (`accelc import --stats`).

    stats = raising_stats(module)       # the module itself is left as imported
    print(stats.format("model.onnx"))

The histogram and the unit of each op are accel-op-stats' (`op_histogram`,
`placement`: matrix unit, vector unit, fallback, or not compute); the raising is the
graph stage's (`accel.compiler.stages.RAISE`), run on a copy of the module. An op
accel cannot raise is no error: it stays linalg and falls back (runs on the host).
The report names each kind of fallback op by what it computes — a `linalg.generic`
by the ops of its body (`linalg.generic{math.erf, arith.mulf}`), anything else by its
name (`iree_linalg_ext.scan`) — with its count and where the first one came from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from accel.compiler.passes.accel_op_stats import op_histogram, placement
from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.stages import RAISE
from accel.core.diagnostics import format_location
from accel.core.mlir import ir

UNITS = ("matrix", "vector", "fallback", "none")
# How a unit is named in the report.
_UNIT_NAMES = {"matrix": "matrix unit", "vector": "vector unit", "fallback": "fallback (host)", "none": "not compute"}
# Ops with a body of scalar ops computing each element (linalg.generic, iree_linalg_ext.scan).
_STRUCTURED = ("linalg.", "iree_linalg_ext.")
# Ops inside a linalg.generic's body that say nothing about what it computes.
_BODY_NOISE = ("linalg.yield", "linalg.index", "arith.index_cast")


@dataclass
class RaisingStats:
    """Op counts of a module as imported and after raising; the fallback ops after
    raising by kind (see `fallback_kind`), each with the locations of its ops."""

    imported: Counter
    raised: Counter
    fallbacks: dict[str, list[ir.Location]] = field(default_factory=dict)

    def units(self, counts: Counter) -> Counter:
        """Op count per unit (matrix, vector, fallback, none) of a histogram."""
        totals: Counter = Counter()
        for name, count in counts.items():
            totals[placement(name)] += count
        return totals

    def format(self, filename: str | None = None) -> str:
        """The report: one row per op (count imported, count raised, unit), the totals
        per unit, then the fallback ops by kind. `filename` names the parser's buffer
        in locations (an MLIR input)."""
        names = sorted(set(self.imported) | set(self.raised), key=lambda n: (UNITS.index(placement(n)), -self.raised[n], n))
        width = max([len(n) for n in names] + [2])
        lines = ["// ----- op statistics: imported -> raised -----", f"{'op':<{width}}  imported  raised  unit"]
        lines += [f"{n:<{width}}  {self.imported[n]:>8}  {self.raised[n]:>6}  {_UNIT_NAMES[placement(n)]}" for n in names]
        before, after = self.units(self.imported), self.units(self.raised)
        lines.append("units (ops imported -> raised): " + ", ".join(f"{_UNIT_NAMES[u]} {before[u]} -> {after[u]}" for u in UNITS))
        if not self.fallbacks:
            lines.append("falls back: nothing (every compute op runs on the matrix or vector unit)")
            return "\n".join(lines)
        lines.append("falls back (accel does not raise these: they stay linalg and run on the host):")
        kinds = sorted(self.fallbacks.items(), key=lambda item: (-len(item[1]), item[0]))
        for kind, locations in kinds:
            where = format_location(locations[0], filename)
            lines.append(f"  {kind}  x{len(locations)}" + (f"  (first at {where})" if where else ""))
        return "\n".join(lines)


def fallback_kind(op: ir.Operation) -> str:
    """What a fallback op computes: a linalg.generic by its body's ops (in order of
    first appearance), any other op by its name."""
    if op.name != "linalg.generic":
        return op.name
    seen: dict[str, None] = {}

    def visit(inner):
        if inner.name not in _BODY_NOISE and inner.name != "linalg.generic":
            seen[inner.name] = None
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return f"linalg.generic{{{', '.join(seen) or 'copy'}}}"


def raising_stats(module: ir.Module) -> RaisingStats:
    """The op histogram of `module` and of a copy raised by the graph stage's passes,
    with the fallback ops of the raised copy. `module` is not changed."""
    with module.context:
        imported = _histogram(module.operation)
        raised_module = module.operation.clone()
        try:
            Pipeline.parse(RAISE).run(raised_module)
            raised = _histogram(raised_module)
            fallbacks: dict[str, list[ir.Location]] = {}

            def visit(op):
                if placement(op.name) == "fallback" and not _in_linalg_body(op):
                    fallbacks.setdefault(fallback_kind(op), []).append(op.location)
                return ir.WalkResult.ADVANCE

            raised_module.walk(visit)
        finally:
            raised_module.erase()
    return RaisingStats(imported, raised, fallbacks)


def _histogram(module: ir.Operation) -> Counter:
    """accel-op-stats' histogram without the scalar ops of linalg bodies: an
    `arith.mulf` in a generic is part of that generic (named by `fallback_kind`),
    not an op that runs on its own."""
    body: Counter = Counter()

    def visit(op):
        if _in_linalg_body(op):
            body[op.name] += 1
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return op_histogram(module) - body


def _in_linalg_body(op: ir.Operation) -> bool:
    """True for the ops of a linalg (or iree_linalg_ext) op's body: arith, math, yields."""
    parent = op.parent
    while parent is not None and parent.name not in ("builtin.module", "func.func", "util.func"):
        if parent.name.startswith(_STRUCTURED):
            return True
        parent = parent.parent
    return False


__all__ = ["RaisingStats", "UNITS", "fallback_kind", "raising_stats"]
