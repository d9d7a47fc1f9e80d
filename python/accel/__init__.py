"""accel: an MLIR-based compiler toolchain for hardware-software co-design of LLM accelerators.

Components: `accel.dialects` (the accel dialect), `accel.compiler` (passes and
pipelines), `accel.runtime` (golden semantics, CPU reference runtime),
`accel.targets` (CPU and simulated-accelerator targets), `accel.tools` (accel-opt,
accelc).
"""

__version__ = "0.1.0"


def compile(source, **options):  # noqa: A001 - mirrors iree.compiler.compile_str
    """Compiles MLIR for a target; see accel.driver.compile for the options."""
    from accel.driver import compile as compile_module

    return compile_module(source, **options)

