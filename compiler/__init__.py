"""The accel compiler: passes (passes/, one file per pass), the pass-pipeline parser
that mixes them with MLIR's and IREE's (pass_pipeline.py), the named stages the targets
assemble (stages.py), the tile-size cost model (cost_model.py), IR utilities
(ir_utils.py, linalg_match.py, const_eval.py) and the frontends (frontend/)."""
