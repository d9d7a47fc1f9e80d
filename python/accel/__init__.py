"""accel: an MLIR-based compiler toolchain for hardware-software co-design of LLM accelerators.

The flat API (each name loads its component on first use):

    import accel
    module = accel.from_hf_config("examples/tiny-llama.json", seed=0)   # or from_torch,
                                    # from_hf_model, from_onnx, from_mlir
    artifact = accel.compile(module, target="sim", hw="edge-npu", quant="w8a8")
    outputs = artifact.run(*arrays); artifact.report
    hw = accel.load_hardware("datacenter")          # a validated, frozen Hardware
    result = accel.generate(hf_config="examples/tiny-llama.json", prompt_ids=[1, 2, 3])

`accel.CompileOptions` holds every compile option; `accel.target_names()` lists the
targets (`accel.get_target(name)`: the Target object); `accel.frontend` is the frontends' module; `accel.iree` puts accel's passes
between IREE's own compilation phases.

The layers, bottom to top, and their folders: `accel.core` (python/accel/core: the
MLIR shim and diagnostics), `accel.dialects` (dialects/), `accel.runtime` (runtime/:
golden semantics, quantizer), `accel.compiler` (compiler/: passes, stages, cost
model, frontends), `accel.targets` (targets/: the Target protocol, cpu, sim, the
hardware model), then the driver, the tools (`accel.tools`: accelc, accel-opt) and
this API (python/accel).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# name -> (module, attribute): loaded on first use, so `import accel` stays cheap and
# the torch stack loads only with the frontends that need it.
_API = {
    "compile": ("accel.driver", "compile"),
    "Artifact": ("accel.driver", "Artifact"),
    "CompileOptions": ("accel.options", "CompileOptions"),
    "AccelError": ("accel.core.diagnostics", "AccelError"),
    "load_hardware": ("accel.targets.hardware", "load_hardware"),
    "Hardware": ("accel.targets.hardware", "Hardware"),
    "get_target": ("accel.targets", "get_target"),
    "target_names": ("accel.targets", "target_names"),
    "from_torch": ("accel.compiler.frontend", "from_torch"),
    "from_hf_config": ("accel.compiler.frontend", "from_hf_config"),
    "from_hf_model": ("accel.compiler.frontend", "from_hf_model"),
    "from_onnx": ("accel.compiler.frontend", "from_onnx"),
    "from_mlir": ("accel.compiler.frontend", "from_mlir"),
    "generate": ("accel.generation", "generate"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        module, attribute = _API[name]
        value = getattr(importlib.import_module(module), attribute)
        globals()[name] = value  # later look-ups skip this function
        return value
    raise AttributeError(f"module 'accel' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_API))
