"""The named stages of accel's compilation, per target: one definition, used by
`accel.compile`, `accelc` and the tests.

Each stage is a pass pipeline (compiler/pass_pipeline.py syntax) that takes the IR of the
previous stage to the IR level the stage is named after:

    input --graph--> accel graph ops (L2) --+--linalg--> linalg again (cpu target)
                                            +--tiled--> tile loops (L3) --scheduled--> L4 (sim)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from accel.compiler.passes.accel_schedule import BUFFERIZE_PIPELINE
from accel.compiler.passes.accel_tile import tile_override_text

TARGETS = ("cpu", "sim")
QUANT_SCHEMES = ("none", "w8a8", "w8a16", "w4a16")

# MLIR's bufferization makes the tiled tensors memrefs (DRAM) and the function's
# results output arguments: the form accel-schedule takes, defined beside it.
BUFFERIZE = f"{BUFFERIZE_PIPELINE}, cse"


# Transformer structure (attention, norms, RoPE, gated MLP, softmax), raised from the
# linalg of imported models before quantization; anything not matched stays linalg.
RAISE = "accel-raise-rmsnorm, accel-raise-rope, accel-raise-silu-mul, accel-raise-softmax, accel-raise-attention"


def stages(target: str, quant: str, hw: str, tile_sizes: "Sequence[int] | Mapping | None" = None) -> list[tuple[str, str]]:
    """(stage name, pipeline) in order for `target`; `hw` is a preset name or path;
    `tile_sizes` overrides the sizes accel-tile chooses from `hw`: (tm, tn, tk) for
    every qmatmul, or {(m, n, k): (tm, tn, tk)} for the qmatmuls of those shapes."""
    quantize = "" if quant == "none" else f"accel-quantize{{scheme={quant}}}, "
    graph = f"{RAISE}, {quantize}canonicalize, cse"
    result = [("graph", graph)]
    if target == "cpu":
        result.append(("linalg", "accel-lower-to-linalg, canonicalize, cse"))
    else:
        hw_option = _quote(hw)
        override = ({None: tile_sizes} if not isinstance(tile_sizes, Mapping) else tile_sizes) if tile_sizes else {}
        tile_option = f" tile-sizes={tile_override_text(override)}" if override else ""
        result.append(("tiled", f"accel-tile{{hw={hw_option}{tile_option}}}, canonicalize, cse"))
        result.append(("scheduled", f"{BUFFERIZE}, accel-schedule{{hw={hw_option}}}, canonicalize, cse"))
    return result


def _quote(value: str) -> str:
    """Quotes a pass-option value when it holds characters the option syntax splits on."""
    return f"'{value}'" if any(c in value for c in " ,{}'\"") else value
