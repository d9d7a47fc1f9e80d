"""The named stages of accel's compilation, per target: one definition, used by
`accel.compile`, `accelc` and the tests.

Each stage is a pass pipeline (compiler/pipeline.py syntax) that takes the IR of the
previous stage to the IR level the stage is named after:

    input --graph--> accel graph ops (L2) --+--linalg--> linalg again (cpu target)
                                            +--tiled--> tile loops (L3) --scheduled--> L4 (sim)
"""

from __future__ import annotations

from typing import Sequence

from accel.compiler.passes.accel_schedule import BUFFERIZE_PIPELINE

TARGETS = ("cpu", "sim")
QUANT_SCHEMES = ("none", "w8a8", "w8a16", "w4a16")

# MLIR's bufferization makes the tiled tensors memrefs (DRAM) and the function's
# results output arguments: the form accel-schedule takes, defined beside it.
BUFFERIZE = f"{BUFFERIZE_PIPELINE}, cse"


# Transformer structure (attention, norms, RoPE, gated MLP, softmax), raised from the
# linalg of imported models before quantization; anything not matched stays linalg.
RAISE = "accel-raise-rmsnorm, accel-raise-rope, accel-raise-silu-mul, accel-raise-softmax, accel-raise-attention"


def stages(target: str, quant: str, hw: str, tile_sizes: "Sequence[int] | None" = None) -> list[tuple[str, str]]:
    """(stage name, pipeline) in order for `target`; `hw` is a preset name or path;
    `tile_sizes` (tm, tn, tk) overrides the sizes accel-tile chooses from `hw`."""
    quantize = "" if quant == "none" else f"accel-quantize{{scheme={quant}}}, "
    graph = f"{RAISE}, {quantize}canonicalize, cse"
    result = [("graph", graph)]
    if target == "cpu":
        result.append(("linalg", "accel-lower-to-linalg, canonicalize, cse"))
    else:
        hw_option = _quote(hw)
        tile_option = f" tile-sizes={','.join(str(size) for size in tile_sizes)}" if tile_sizes else ""
        result.append(("tiled", f"accel-tile{{hw={hw_option}{tile_option}}}, canonicalize, cse"))
        result.append(("scheduled", f"{BUFFERIZE}, accel-schedule{{hw={hw_option}}}, canonicalize, cse"))
    return result


def _quote(value: str) -> str:
    """Quotes a pass-option value when it holds characters the option syntax splits on."""
    return f"'{value}'" if any(c in value for c in " ,{}'\"") else value
