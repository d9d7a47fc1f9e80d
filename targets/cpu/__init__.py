"""The cpu target: the numerical reference.

accel ops are lowered back to linalg (the `linalg` stage) and compiled by IREE for
the host CPU (llvm-cpu) in-process, in the context of the IREE compiler session the
whole compilation ran in (iree_backend.CpuCompiler); a run loads the .vmfb with
iree.runtime. `accelc compile --target cpu -o m.vmfb` writes a module that
`iree-run-module --device=local-task` runs too.
"""

from __future__ import annotations

import time

from accel.compiler import stages
from accel.targets import Target


class CpuProgram:
    """A .vmfb for the local CPU and the function to call in it."""

    def __init__(self, vmfb: bytes, function: str):
        self.payload = vmfb
        self.function = function
        self._loaded = None

    def run(self, arrays, timing_only: bool, progress=None):
        from accel.targets.cpu.iree_backend import CpuModule

        # One IREE call: nothing to report progress of (`progress` is the protocol's).
        if self._loaded is None:
            self._loaded = CpuModule(self.payload)
        started = time.perf_counter()
        outputs = self._loaded(self.function, *arrays)
        report = {"target": CpuTarget.name, "function": self.function, "wall_seconds": time.perf_counter() - started}
        return outputs, report, None


class CpuTarget(Target):
    name = "cpu"
    finish_label = "iree (llvm-cpu)"
    summary = "the CPU reference: accel ops lowered to linalg, compiled and run by IREE (llvm-cpu)"

    def begin(self):
        from accel.targets.cpu.iree_backend import CpuCompiler

        # The compilation runs in the IREE session's context, so IREE compiles the
        # module accel's passes produced without a copy.
        return CpuCompiler()

    def lowering(self, options):
        return [stages.linalg()]

    def finish(self, module, options, texts, session):
        return CpuProgram(session.compile(module), options.function)

    def report_rows(self, report):
        return [("wall time", f"{report['wall_seconds'] * 1e3:.3f} ms")]
