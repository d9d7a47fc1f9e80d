"""`accel.frontend`: the frontends — real models in, linalg on tensors (L1) out.

The user-facing name of accel.compiler.frontend (where they are defined and
documented: from_torch, from_hf_config, from_hf_model, from_onnx, from_mlir,
import_source, raising_stats, ...). The torch stack loads only when a function
that needs it is first used.
"""

from __future__ import annotations

from accel.compiler import frontend as _frontend

__all__ = list(_frontend.__all__)


def __getattr__(name: str):
    if name in __all__:
        return getattr(_frontend, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(__all__)
