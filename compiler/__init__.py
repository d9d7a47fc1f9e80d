"""The accel compiler: passes (passes/), pipelines that mix them with MLIR's
(pipeline.py), and the hardware-driven decisions."""
