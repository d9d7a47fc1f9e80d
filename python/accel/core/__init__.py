"""accel's ground floor: what every component imports and nothing of accel's own.

`accel.core.mlir` is the one import shim for IREE's MLIR Python bindings (and makes
every context accel uses); `accel.core.diagnostics` is the one way an error reaches a
user (located diagnostics, `AccelError`). The layers above, bottom to top: dialects,
runtime (golden semantics), compiler (passes, stages, frontends), targets (cpu, sim),
then the driver, the tools and the flat API in `accel`.
"""
