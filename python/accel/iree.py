"""accel.iree: accel's passes between IREE's own compilation phases, in one IREE session.

IREE compiles in phases (`iree-compile --compile-to / --compile-from`: input, abi,
preprocessing, global-optimization, dispatch-creation, flow, stream, ..., vm, end).
This module runs IREE to a phase, runs an accel pipeline (accel.compiler.pass_pipeline
syntax: accel's Python passes and MLIR/IREE passes mixed) on the module in the same
MLIR context, and continues IREE from that phase, all in-process in one
`iree.compiler` session (accel.targets.cpu.iree_backend.CpuCompiler). IREE flags pass
through unchanged; by default the session targets the local CPU (CPU_FLAGS), and a
user's flag replaces the default of the same name.

One call:

    import accel.iree
    vmfb = accel.iree.compile(text, "accel-quantize{scheme=w8a16}, accel-lower-to-linalg",
                              accel_after="input", iree_flags=["--iree-opt-data-tiling=false"])

Step by step, looking at the IR in between:

    with accel.iree.IreeSession(text) as session:
        session.to_phase("input")             # IREE: input conversion (torch, StableHLO, ... -> linalg)
        session.run_accel(accel.iree.cpu_pipeline("w8a16"))   # accel: raise, quantize, lower
        print(session.module)                 # linalg on tensors, in the session's context
        vmfb = session.to_vmfb()              # IREE: from "input" to the end

Where accel's passes may run (`ACCEL_PHASES`): before IREE ("start"), and after
"input", "abi", "preprocessing" or "global-optimization". Up to global-optimization
the program is linalg on tensors in `util.func`s, the form accel's raising and
quantization passes match (after "abi" the public functions take `!hal.buffer_view`s
and import them with `hal.tensor.import`, which the passes do not look at). From
"dispatch-creation" on, IREE has cut the program into dispatch regions and encoded
tensor layouts for data tiling: a matmul is no longer an op accel could replace, and
its operands are no longer the weights, so later phases are refused.

An accel pipeline must leave no accel op for IREE (IREE cannot compile them, and its
later phases crash on them: every IREE step refuses a module holding one, located): end
it with `accel-lower-to-linalg`, as `cpu_pipeline` does. Errors (an unknown phase, a bad
IREE flag, a failing pass or IREE phase) are AccelErrors, located at the input or
naming the option (`--compile-to`, `--accel-after`, ...).
"""

from __future__ import annotations

from typing import Sequence

from accel.compiler.frontend.turbine_export import is_turbine_export, turbine_module
from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir, move_to_context
from accel.dialects import accel_operations
from accel.targets.cpu.iree_backend import IREE_PHASES, CpuCompiler, check_phase, check_phases

# The phases after which accel's passes may run (see the module docstring for why).
ACCEL_PHASES = ("start", "input", "abi", "preprocessing", "global-optimization")


# The target whose stages run inside IREE's pipeline: IREE compiles what they leave.
TARGET = "cpu"


def cpu_pipeline(quant: str = "none") -> str:
    """The cpu target's accel stages as one pipeline (accel.compiler.stages): raise
    transformer structure, quantize with scheme `quant`, lower to linalg again."""
    from accel.compiler import stages
    from accel.options import CompileOptions

    options = CompileOptions(target=TARGET, quant=quant)
    pipelines = [stages.graph(quant), *options.target_object.lowering(options)]
    return ", ".join(element.text() for _, pipeline in pipelines for element in pipeline.elements)


def split_phase_flags(flags: Sequence[str]) -> tuple[list[str], str | None, str | None]:
    """iree-compile's command-line flags split into (session flags, the
    --compile-from phase, the --compile-to phase): the phases are options of an
    invocation, not of IREE's session. Each phase is None when not given."""
    rest: list[str] = []
    phases: dict[str, str] = {}
    for flag in flags:
        name, has_value, value = flag.partition("=")
        if name in ("--compile-from", "--compile-to"):
            if not has_value or not value:
                raise AccelError(f"write {name}=PHASE (phases: {', '.join(IREE_PHASES)})", name)
            phases[name] = value
        else:
            rest.append(flag)
    return rest, phases.get("--compile-from"), phases.get("--compile-to")


def _check_accel_phase(phase: str) -> None:
    if phase not in ACCEL_PHASES:
        raise AccelError(
            f"accel's passes run on linalg on tensors, after one of IREE's phases {', '.join(ACCEL_PHASES)}, "
            f"not after '{phase}' (IREE has formed dispatch regions and encoded tensor layouts by then)",
            "--accel-after",
        )


class IreeSession:
    """One module going through IREE's phases in one IREE compiler session, with
    accel pipelines run between them.

    `source`: MLIR text, an `ir.Module` (copied into the session's context) or an
    iree-turbine ExportOutput, at IREE phase `compile_from` ("start": any input IREE
    takes; "input": what `iree-compile --compile-to=input` wrote, ...). `iree_flags`:
    iree-compile flags (`--iree-...`). `session.module` is the module, changed in
    place by each step; `session.phase` the phase it is at. Close the session (or
    use it as a context manager) to release IREE's session.
    """

    def __init__(self, source, *, iree_flags: Sequence[str] = (), compile_from: str = "start"):
        check_phase(compile_from, "--compile-from")
        if compile_from == "end":
            raise AccelError("--compile-from=end leaves nothing to compile", "--compile-from")
        self._compiler = CpuCompiler(iree_flags)
        try:
            self.module = self._load(source)
        except BaseException:
            self._compiler.close()
            raise
        self.phase = compile_from

    @property
    def context(self) -> ir.Context:
        return self._compiler.context

    def _load(self, source) -> ir.Module:
        if is_turbine_export(source):
            return turbine_module(source, self.context)
        if isinstance(source, str):
            return self._compiler.parse(source)
        return move_to_context(source, self.context)

    def __enter__(self) -> "IreeSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._compiler.close()

    def to_phase(self, phase: str) -> None:
        """Runs IREE from the current phase through `phase` (no-op if already there)."""
        check_phase(phase, "--compile-to")
        if phase == self.phase:
            return
        if IREE_PHASES.index(phase) < IREE_PHASES.index(self.phase):
            raise AccelError(f"the module is already past IREE phase '{phase}' (it is at '{self.phase}')", "--compile-to")
        if phase == "end":
            raise AccelError("the end of IREE's pipeline is a .vmfb: call to_vmfb()", "--compile-to")
        self._compiler.run_phases(self.module, compile_from=self.phase, compile_to=phase)
        self.phase = phase

    def run_accel(self, pipeline: "str | Pipeline") -> None:
        """Runs an accel pipeline on the module at the current phase (which must be
        one of ACCEL_PHASES); AccelError, located, if a pass fails."""
        _check_accel_phase(self.phase)
        if isinstance(pipeline, str):
            pipeline = Pipeline.parse(pipeline)
        with self.context:
            pipeline.run(self.module)

    def to_vmfb(self) -> bytes:
        """Runs IREE from the current phase to the end; returns the .vmfb."""
        if self.phase == "end":
            raise AccelError("the module was compiled already", "--compile-to")
        vmfb = self._compiler.run_phases(self.module, compile_from=self.phase, compile_to="end")
        self.phase = "end"
        return vmfb


def compile(  # noqa: A001 - as accel.compile and iree.compiler.compile_str
    source,
    accel_pipeline: "str | Pipeline" = "",
    *,
    accel_after: str | None = None,
    compile_from: str | None = None,
    compile_to: str | None = None,
    iree_flags: Sequence[str] = (),
) -> "bytes | str":
    """Compiles `source` with IREE, running `accel_pipeline` after IREE's phase
    `accel_after` (one of ACCEL_PHASES; default "input", or `compile_from` when the
    input is past it, or "start" when the input holds accel ops). An empty
    `accel_pipeline` runs IREE alone.

    `source`: MLIR text, an `ir.Module` or an iree-turbine ExportOutput, at IREE phase
    `compile_from` (default "start"). Returns the .vmfb (bytes) when `compile_to` is
    "end" (the default), else the MLIR text at phase `compile_to` (the accel
    pipeline has run if `accel_after` comes before it, or is it). `iree_flags` are
    iree-compile's flags as on its command line, `--compile-from=` and
    `--compile-to=` among them (the same as the keyword arguments).

        vmfb = accel.iree.compile(text, accel.iree.cpu_pipeline("w8a16"), accel_after="global-optimization")
    """
    iree_flags, flag_from, flag_to = split_phase_flags(iree_flags)
    compile_from = _one_phase("--compile-from", compile_from, flag_from, "start")
    compile_to = _one_phase("--compile-to", compile_to, flag_to, "end")
    check_phases(compile_from, compile_to)
    if accel_after is not None:
        check_phase(accel_after, "--accel-after")
    if accel_pipeline:
        pipeline = Pipeline.parse(accel_pipeline) if isinstance(accel_pipeline, str) else accel_pipeline
    with IreeSession(source, iree_flags=iree_flags, compile_from=compile_from) as session:
        if accel_pipeline:
            accel_after = accel_after or _default_accel_after(session)
            _check_accel_phase(accel_after)
            order = IREE_PHASES.index
            if order(accel_after) < order(compile_from):
                raise AccelError(f"the input is at IREE phase '{compile_from}', after --accel-after={accel_after}", "--accel-after")
            if order(accel_after) > order(compile_to):
                raise AccelError(f"--compile-to={compile_to} stops before --accel-after={accel_after}", "--accel-after")
            session.to_phase(accel_after)
            session.run_accel(pipeline)
        if compile_to == "end":
            return session.to_vmfb()
        session.to_phase(compile_to)
        return str(session.module)


def _default_accel_after(session: IreeSession) -> str:
    """"input" (after IREE's input conversion: torch, StableHLO, ... are linalg by
    then); the input's own phase when it is later; "start" when the input holds accel
    ops, which only accel can lower (IREE would refuse them)."""
    if IREE_PHASES.index(session.phase) > IREE_PHASES.index("input"):
        return session.phase
    return "start" if accel_operations(session.module.operation) else "input"


def _one_phase(option: str, argument: str | None, flag: str | None, default: str) -> str:
    if argument is not None and flag is not None and argument != flag:
        raise AccelError(f"two phases given: {argument} (argument) and {flag} (iree_flags)", option)
    return argument or flag or default


__all__ = ["ACCEL_PHASES", "IREE_PHASES", "IreeSession", "compile", "cpu_pipeline", "split_phase_flags"]
