"""The CPU target: the numerical reference. linalg IR -> IREE (llvm-cpu) -> .vmfb -> run.

Compilation is in-process through IREE's embedding API (`iree.compiler.api`): a
`CpuCompiler` owns an IREE compiler session set up for the host CPU; its `context`
is an accel context (`make_context`), so IR built there (and accel's pass pipeline
run there) is handed to IREE without serializing it. Modules from any other context,
and text, are parsed into the session's context first. IREE's diagnostics become an
`AccelError` with the locations of the input.

`CpuCompiler.run_phases` runs a part of IREE's pipeline (`iree-compile`'s
`--compile-from` / `--compile-to`, over `IREE_PHASES`) on a module in place: the
building block of `accel.iree`, which puts accel's passes between IREE's phases.

Running uses `iree.runtime` on the `local-task` device: `CpuModule(vmfb)` loads a
compiled module, `run_cpu(vmfb, function, inputs)` is the one-call form. The .vmfb
is an ordinary IREE module: `iree-run-module --device=local-task` runs it too.

Accel ops must be lowered first (`accel-lower-to-linalg`): IREE cannot compile
unregistered operations (it crashes on them), so `compile` refuses them, located.
"""

from __future__ import annotations

import ctypes
import re
import sys
from typing import Sequence

import iree.runtime as iree_runtime
import numpy as np
from iree.compiler.api import Invocation, Output, Session
from iree.compiler.api import ctypes_dl as _iree_capi

from accel.core.diagnostics import AccelError, Diagnostic, from_mlir_error
from accel.dialects import accel_operations
from accel.core.mlir import captured_native_stderr, ir, make_context, move_to_context, parse_module

# nanobind's leak checker reports, at interpreter exit, the iree.runtime objects that
# module teardown order leaves alive (module-level singletons of iree.runtime itself,
# devices cached by driver name): noise no user can act on. It is a switch of the
# native module, off for the process.
iree_runtime._binding.disable_leak_checker()

# The local CPU through the llvm-cpu backend, tuned for the machine compiling. Data
# tiling (packed, cache-friendly matmul layouts) with the mmt4d microkernels makes a
# 1024^3 f32 GEMM about 2.4x faster than IREE's default here
# (benchmarks/cpu_gemm_vs_numpy.py: ~48 ms -> ~20 ms, numpy ~13 ms).
CPU_FLAGS = (
    "--iree-hal-target-device=local",
    "--iree-hal-local-target-device-backends=llvm-cpu",
    "--iree-llvmcpu-target-cpu=host",
    "--iree-opt-data-tiling",
    "--iree-llvmcpu-enable-ukernels=all",
)
DRIVER = "local-task"

# IREE's compilation phases in order (IREEVMPipelinePhase; `iree-compile --help` lists
# them under --compile-to). `--compile-from=P` resumes after P, `--compile-to=P` stops
# after P: "start" is before the first phase, "end" after the last (a .vmfb).
IREE_PHASES = (
    "start", "input", "abi", "preprocessing", "global-optimization", "dispatch-creation", "flow", "stream",
    "executable-sources", "executable-configurations", "executable-targets", "hal", "vm", "end",
)

# A user's flag replaces the default of the same name (so `--iree-opt-data-tiling=false`
# turns data tiling off). The target selection is one choice made by several flags:
# a user's own target drops every default that selects one.
_TARGET_FLAGS = ("--iree-hal-target-device", "--iree-hal-target-backends", "--iree-hal-local-target-device-backends")

# iree_compiler_diagnostic_severity_t of the embedding API.
_SEVERITY = {0: "note", 1: "warning", 2: "error", 3: "remark"}
_DIAGNOSTIC_CALLBACK = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_void_p)
# "FILE:LINE:COL: message" as IREE renders a diagnostic (FILE may be "-": parsed text).
_LOCATED = re.compile(r"^(?P<file>[^\n]*?):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$", re.DOTALL)


def _flag_name(flag: str) -> str:
    return flag.split("=", 1)[0]


def merged_flags(flags: Sequence[str]) -> list[str]:
    """CPU_FLAGS with the user's `flags` after them, a default dropped when the user
    sets the same flag (or, for the target selection, any target flag)."""
    names = {_flag_name(flag) for flag in flags}
    own_target = any(name in _TARGET_FLAGS for name in names)
    defaults = [f for f in CPU_FLAGS if _flag_name(f) not in names and not (own_target and _flag_name(f) in _TARGET_FLAGS)]
    return [*defaults, *flags]


def _set_phase(invocation: Invocation, which: str, phase: str) -> None:
    """`--compile-from` / `--compile-to` of one invocation: options of the invocation
    in the embedding API (not session flags), which 3.13's Python wrapper lacks."""
    function = getattr(_iree_capi._dylib, f"ireeCompilerInvocationSetCompile{which}Phase")
    function.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    function.restype = None
    function(invocation._inv_p, phase.encode())


def check_phase(phase: str, option: str) -> None:
    """AccelError at `option` (the flag that named it) if `phase` is not IREE's."""
    if phase not in IREE_PHASES:
        raise AccelError(f"unknown IREE phase '{phase}' (phases: {', '.join(IREE_PHASES)})", option)


def check_phases(compile_from: str, compile_to: str) -> None:
    """AccelError, naming the option, for an unknown phase or an empty range."""
    check_phase(compile_from, "--compile-from")
    check_phase(compile_to, "--compile-to")
    if IREE_PHASES.index(compile_from) >= IREE_PHASES.index(compile_to):
        raise AccelError(f"--compile-from={compile_from} must come before --compile-to={compile_to} (phases: {', '.join(IREE_PHASES)})", "--compile-to")


def _enable_callback_diagnostics(invocation: Invocation, callback) -> None:
    """Routes the invocation's diagnostics to `callback(severity, text)`.

    The Python wrapper of the embedding API only offers console diagnostics. A
    Python MLIR diagnostic handler on the session context is no alternative: ctypes
    releases the GIL while IREE compiles, and the handler would run without it. A
    ctypes callback takes the GIL itself.
    """
    function = _iree_capi._dylib.ireeCompilerInvocationEnableCallbackDiagnostics
    function.argtypes = [ctypes.c_void_p, ctypes.c_int, _DIAGNOSTIC_CALLBACK, ctypes.c_void_p]
    function.restype = None
    function(invocation._inv_p, 0, callback, None)


class CpuCompiler:
    """An IREE compiler session for the local CPU.

    Build or parse IR in `compiler.context` to compile it without a copy. Usable as a
    context manager; `close()` releases the session.
    """

    def __init__(self, flags: Sequence[str] = ()):
        """`flags`: iree-compile flags (`--iree-...`); each replaces the default of
        the same name in CPU_FLAGS, a target flag replaces the default target."""
        self._session = Session()
        try:
            # LLVM's option parser prints why a value is bad to stderr itself.
            with captured_native_stderr() as native:
                self._session.set_flags(*merged_flags(flags))
        except ValueError as error:
            self._session.close()
            # IREE says "Error parsing flags:\n  option not found: NAME": one line,
            # located at the user's flag it names.
            detail = " ".join(f"{error} {''.join(native)}".split())
            named = [f for f in flags if f.lstrip("-") in detail or _flag_name(f).lstrip("-") in detail.split()]
            raise AccelError(f"bad IREE compiler flags: {detail}", named[0] if named else "iree-compile flags") from None
        self.context = make_context(self._session.context)

    def __enter__(self) -> "CpuCompiler":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    def parse(self, text: str) -> ir.Module:
        """Parses module text in this compiler's context (AccelError if malformed)."""
        try:
            return parse_module(text, self.context)
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None

    def _own_copy(self, module: "ir.Module | str") -> "ir.Module | ir.Operation":
        """A module in the session's context that IREE may consume: IREE compiles in
        place, and the caller's module must stay as it was."""
        if isinstance(module, str):
            return self.parse(module)
        if module.context is self.context:
            with self.context:
                return module.operation.clone()
        return move_to_context(module, self.context)

    def compile(self, module: "ir.Module | str") -> bytes:
        """Compiles linalg-level IR to a .vmfb for the local CPU; AccelError on failure."""
        return self.run_phases(self._own_copy(module))

    def run_phases(self, module: "ir.Module | ir.Operation", *, compile_from: str = "start", compile_to: str = "end") -> bytes | None:
        """Runs IREE's phases after `compile_from` up to `compile_to` on `module` (in
        this compiler's context) in place, as `iree-compile --compile-from
        --compile-to` would; returns the .vmfb when `compile_to` is "end", else None
        (the module is then IREE's IR at that phase). AccelError on failure, and
        before IREE runs if the module holds ops IREE would crash on (accel's)."""
        check_phases(compile_from, compile_to)
        operation = module.operation
        check_compilable(operation, self.context)
        diagnostics: list[Diagnostic] = []

        @_DIAGNOSTIC_CALLBACK
        def collect(severity, text, size, _):
            # Called from IREE's threads too; an exception here would only be printed.
            message = ctypes.string_at(text, size).decode(errors="replace")
            try:
                diagnostics.append(self._diagnostic(_SEVERITY.get(severity, "error"), message))
            except Exception:  # noqa: BLE001 - keep the text rather than lose the diagnostic
                diagnostics.append(Diagnostic(message, None, _SEVERITY.get(severity, "error")))

        invocation = self._session.invocation()
        try:
            _enable_callback_diagnostics(invocation, collect)
            _set_phase(invocation, "From", compile_from)
            _set_phase(invocation, "To", compile_to)
            invocation.import_module(operation)
            # Tools IREE runs (the linker) write to the process's stderr.
            with captured_native_stderr() as native:
                succeeded = invocation.execute()
            native_text = "".join(native).strip()
            if not succeeded:
                errors = [d for d in diagnostics if d.severity == "error"] or diagnostics
                if native_text:
                    errors.append(Diagnostic(native_text, severity="note"))
                if not errors:
                    errors = [Diagnostic("IREE failed to compile the module for the CPU (no diagnostic)", operation.location)]
                raise AccelError(errors)
            for diagnostic in diagnostics:
                print(diagnostic.format(), file=sys.stderr)
            if native_text:
                print(native_text, file=sys.stderr)
            if compile_to != "end":
                return None
            output = Output.open_membuffer()
            try:
                invocation.output_vm_bytecode(output)
                return bytes(output.map_memory())
            finally:
                output.close()
        finally:
            invocation.close()

    def _diagnostic(self, severity: str, text: str) -> Diagnostic:
        """A Diagnostic from IREE's text: "LOC: message" then notes after blank lines.
        The "see current operation" note (a dump of the IR at the failure, always
        last) is dropped."""
        parts = text.split("\n\n")
        head = self._located(severity, parts[0])
        for part in parts[1:]:
            note = self._located("note", part)
            if note.message.startswith("see current operation"):
                break
            head.notes.append(note)
        return head

    def _located(self, severity: str, text: str) -> Diagnostic:
        match = _LOCATED.match(text.strip())
        if not match:
            return Diagnostic(text.strip(), None, severity)
        location = ir.Location.file(match["file"], int(match["line"]), int(match["col"]), context=self.context)
        return Diagnostic(match["message"].strip(), location, severity)


def check_compilable(module: ir.Operation, context: ir.Context) -> None:
    """AccelError at each op IREE cannot compile: accel ops, unregistered ops."""
    left = accel_operations(module)
    if left:
        raise AccelError(
            [Diagnostic(f"the CPU target compiles linalg, not '{op.name}': run accel-lower-to-linalg first", op.location) for op in left]
        )
    unknown: list[Diagnostic] = []

    def visit(op):
        if not context.is_registered_operation(op.name):
            unknown.append(Diagnostic(f"the CPU target cannot compile the unregistered operation '{op.name}'", op.location))
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    if unknown:
        raise AccelError(unknown)


def compile_cpu(module: "ir.Module | str", *, flags: Sequence[str] = (), compiler: CpuCompiler | None = None) -> bytes:
    """Compiles `module` (linalg on tensors, no accel ops) to a .vmfb for the local CPU.

    Pass `compiler` to reuse a session (and compile IR built in its context without a
    copy); otherwise a session with `flags` (extra iree-compile flags) is made for
    this call.
    """
    if compiler is not None:
        if flags:
            raise ValueError("give extra flags to the CpuCompiler, not to compile_cpu")
        return compiler.compile(module)
    with CpuCompiler(flags) as own:
        return own.compile(module)


class CpuModule:
    """A compiled .vmfb loaded on the local CPU (`local-task`), ready to call."""

    def __init__(self, vmfb: bytes):
        self._context = iree_runtime.SystemContext(config=iree_runtime.Config(DRIVER))
        try:
            self._vm_module = iree_runtime.VmModule.copy_buffer(self._context.instance, vmfb)
        except (RuntimeError, ValueError) as error:
            raise AccelError(f"not a loadable IREE module: {error}", "<vmfb>") from None
        self._context.add_vm_module(self._vm_module)
        self._bound = self._context.modules[self._vm_module.name]

    @property
    def function_names(self) -> list[str]:
        """Exported functions (IREE's internal `__init`-style ones excluded)."""
        return [name for name in self._vm_module.function_names if not name.startswith("__")]

    def __call__(self, function: str, *inputs: np.ndarray) -> list[np.ndarray]:
        """Runs `function` on host arrays; returns its results as numpy arrays."""
        if function not in self.function_names:
            raise AccelError(f"no function '{function}' in the module (it has: {', '.join(self.function_names) or 'none'})", f"@{function}")
        try:
            # ascontiguousarray makes 0-d arrays 1-d: keep each input's own shape.
            results = self._bound[function](*[np.ascontiguousarray(x).reshape(np.shape(x)) for x in inputs])
        except (RuntimeError, ValueError, TypeError) as error:
            raise AccelError(f"running @{function} on the CPU failed: {error}", f"@{function}") from None
        if results is None:
            return []
        if not isinstance(results, (tuple, list)):
            results = [results]
        return [np.asarray(r.to_host() if hasattr(r, "to_host") else r) for r in results]


def run_cpu(vmfb: bytes, function: str, inputs: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Loads `vmfb` and runs `function` once on `inputs` (host arrays)."""
    return CpuModule(vmfb)(function, *inputs)


__all__ = ["CPU_FLAGS", "DRIVER", "IREE_PHASES", "CpuCompiler", "CpuModule", "check_compilable", "check_phase", "check_phases", "compile_cpu", "merged_flags", "run_cpu"]
