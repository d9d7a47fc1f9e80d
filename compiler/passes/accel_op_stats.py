"""accel-op-stats: prints an op histogram and where each op would run."""

import json
import sys
from collections import Counter
from dataclasses import dataclass

from accel.compiler.passes import Pass, option
from accel.core.mlir import ir

# Where an op runs on the accelerator. Anything computing that is in neither set
# falls back (it stays linalg and runs, but not on an accelerator unit).
# accel.attention is counted on the matrix unit: its Q K^T and P V products are its
# work (2 * S * T * (D + Dv) MACs per head against S * T exps); its softmax runs on
# the vector unit beside them.
MATRIX_UNIT = {"accel.qmatmul", "accel.mma", "accel.attention", "linalg.matmul", "linalg.batch_matmul", "linalg.matmul_transpose_b"}
VECTOR_UNIT = {
    "accel.quantize", "accel.dequantize", "accel.rmsnorm", "accel.rope", "accel.silu_mul", "accel.softmax", "accel.rescale",
    "accel.vunary", "accel.vbinary", "accel.vreduce",
}
# Structure, data movement and bookkeeping: not compute on any unit. The KV cache ops
# (accel.kv_append / kv_read) and accel.gather (embedding rows) are copies, DMA work.
NOT_COMPUTE_PREFIXES = ("builtin.", "func.", "util.", "scf.", "cf.", "memref.", "accel.alloc", "accel.dma_", "accel.wait", "accel.ready", "accel.kv_", "accel.gather", "hal.", "flow.")
NOT_COMPUTE = {"arith.constant", "tensor.empty", "tensor.extract_slice", "tensor.insert_slice", "tensor.collapse_shape", "tensor.expand_shape", "linalg.yield", "linalg.fill", "tensor.cast", "tensor.reshape"}


def placement(op_name: str) -> str:
    """'matrix', 'vector', 'fallback' or 'none' (not compute) for an op name."""
    if op_name in MATRIX_UNIT:
        return "matrix"
    if op_name in VECTOR_UNIT:
        return "vector"
    if op_name in NOT_COMPUTE or op_name.startswith(NOT_COMPUTE_PREFIXES):
        return "none"
    return "fallback"


def op_histogram(module) -> Counter:
    counts: Counter = Counter()

    def visit(op):
        counts[op.name] += 1
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return counts


@dataclass(frozen=True)
class AccelOpStats(Pass):
    ARGUMENT = "accel-op-stats"
    SUMMARY = "Print an op histogram and which unit each op runs on"
    DESCRIPTION = (
        "Counts the ops of the module by name and classifies each as running on the "
        "matrix unit, the vector unit, falling back (compute left to the host), or not "
        "compute at all. Prints to stderr (like MLIR's pass statistics) in text or JSON."
    )

    format: str = option("text", help="output format", choices=("text", "json"))
    title: str = option("", help="a heading for the table (e.g. 'before raising')")

    def run(self, module):
        counts = op_histogram(module)
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if self.format == "json":
            report = {"title": self.title, "ops": [{"name": n, "count": c, "unit": placement(n)} for n, c in rows]}
            print(json.dumps(report), file=sys.stderr)
            return
        title = self.title or "op statistics"
        print(f"// ----- {title} -----", file=sys.stderr)
        width = max((len(n) for n, _ in rows), default=4)
        for name, count in rows:
            print(f"{name:<{width}}  {count:>6}  {placement(name)}", file=sys.stderr)
        units = Counter()
        for name, count in rows:
            units[placement(name)] += count
        print("units: " + ", ".join(f"{u}={units[u]}" for u in ("matrix", "vector", "fallback", "none")), file=sys.stderr)
