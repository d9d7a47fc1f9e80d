"""The named stages of accel's compilation: one definition of each, which the targets
(accel.targets) assemble into their pipelines and `accel.compile`, `accelc` and the
tests run.

Each stage is a pass pipeline (compiler/pass_pipeline.py) that takes the IR of the
previous stage to the IR level the stage is named after:

    input --graph--> accel graph ops (L2) --+--linalg--> linalg again (cpu target)
                                            +--tiled--> tile loops (L3) --scheduled--> L4 (sim)

Stages that read the hardware take the parsed `Hardware` object itself (the pass
instances hold it), so no stage parses the hardware file again.
"""

from __future__ import annotations

from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.passes import PASSES
from accel.compiler.passes.accel_schedule import BUFFERIZE_PIPELINE

# MLIR's bufferization makes the tiled tensors memrefs (DRAM) and the function's
# results output arguments: the form accel-schedule takes, defined beside it.
BUFFERIZE = f"{BUFFERIZE_PIPELINE}, cse"

# Transformer structure (attention, norms, RoPE, gated MLP, softmax), raised from the
# linalg of imported models before quantization; anything not matched stays linalg.
RAISE = "accel-raise-rmsnorm, accel-raise-rope, accel-raise-silu-mul, accel-raise-softmax, accel-raise-attention"

CLEANUP = "canonicalize, cse"


def graph(quant: str) -> tuple[str, Pipeline]:
    """Raising, then quantization with scheme `quant` ("none": none): L0/L1 -> L2."""
    quantize = "" if quant == "none" else f"accel-quantize{{scheme={quant}}}, "
    return "graph", Pipeline.parse(f"{RAISE}, {quantize}{CLEANUP}")


def linalg() -> tuple[str, Pipeline]:
    """accel ops lowered back to linalg on tensors (what IREE compiles): L2 -> L1."""
    return "linalg", Pipeline.parse(f"accel-lower-to-linalg, {CLEANUP}")


def tiled(hw, tile_sizes=None) -> tuple[str, Pipeline]:
    """qmatmuls (and quantizes, in row blocks) tiled for the Hardware `hw`: L2 -> L3. `tile_sizes` overrides the
    sizes accel-tile would choose: (tm, tn, tk) for every qmatmul, or
    {(m, n, k): (tm, tn, tk)} for the qmatmuls of those shapes."""
    tile = PASSES["accel-tile"](hw=hw, tile_sizes=tile_sizes or {})
    return "tiled", Pipeline.of(tile, CLEANUP)


def scheduled(hw) -> tuple[str, Pipeline]:
    """Bufferized, then scheduled on the Hardware `hw` (SRAM buffers, DMA, tokens): L3 -> L4.
    The quantizes first: their buffers take the top of the SRAM, the matmuls' the rest."""
    return "scheduled", Pipeline.of(BUFFERIZE, PASSES["accel-schedule-quantize"](hw=hw), PASSES["accel-schedule"](hw=hw), CLEANUP)


__all__ = ["BUFFERIZE", "CLEANUP", "RAISE", "graph", "linalg", "scheduled", "tiled"]
