"""accel-verify: checks every accel op against its definition (an explicit verifier run)."""

from dataclasses import dataclass

from accel.compiler.passes import Pass
from accel.dialects import verify_accel


@dataclass(frozen=True)
class AccelVerify(Pass):
    ARGUMENT = "accel-verify"
    SUMMARY = "Verify accel ops against their definitions"
    DESCRIPTION = (
        "Runs the accel dialect's verifier: operand and result types, attributes and the "
        "op-specific checks (shapes, group sizes, tokens, memory spaces). accel-opt already "
        "does this after parsing and after each pass; this pass makes it explicit in a "
        "pipeline, e.g. with --no-verify-each."
    )

    def run(self, module):
        verify_accel(module)
