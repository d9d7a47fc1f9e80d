"""accel-raise-softmax: a max-subtracted softmax computed in linalg becomes `accel.softmax`.

Matched by what the linalg computes (accel.compiler.linalg_match), whether in one
generic or, as IREE's torch-to-iree leaves `aten._softmax`, five: a max reduction over
one axis (from -inf), the max subtracted, exp, a sum reduction of that exp over the
same axis (from 0) and the division. Reductions may keep the reduced dim (a unit dim
written at 0 or added by `tensor.expand_shape`). The input is an f32 tensor that the
computation reads elementwise; the division's generic is replaced and the rest, now
dead, is erased. Softmax of other forms (without the max, log-softmax, f16 arithmetic)
is left as it is. MLIR's named `linalg.softmax` (same definition) is raised too.
"""

from __future__ import annotations

from dataclasses import dataclass

from accel.compiler.linalg_match import match_softmax
from accel.compiler.passes import RaisePass
from accel.dialects import SoftmaxOp


def _raise(op, rewriter) -> bool:
    """Pattern body on linalg.generic and linalg.softmax: returns True when `op` does
    not match (MLIR's convention for Python patterns is a falsy value on success)."""
    op = op.operation
    if len(op.results) != 1:
        return True
    found = match_softmax(op.results[0])
    if found is None:
        return True
    with rewriter.ip, op.location:
        raised = SoftmaxOp.build(input=found.input, axis=found.axis, result_types=[op.results[0].type])
    rewriter.replace_op(op, [raised.result])
    return False


@dataclass(frozen=True)
class AccelRaiseSoftmax(RaisePass):
    ARGUMENT = "accel-raise-softmax"
    SUMMARY = "Raise max-subtracted softmax in linalg to accel.softmax"
    DESCRIPTION = __doc__.split("\n\n", 1)[1]
    PATTERNS = {"linalg.generic": _raise, "linalg.softmax": _raise}


__all__ = ["AccelRaiseSoftmax"]
