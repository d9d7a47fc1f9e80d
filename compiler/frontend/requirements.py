"""The optional Python packages of accel's frontends, and the error when one is missing.

The core of accel (dialect, passes, targets) needs only IREE's packages. Importing a
PyTorch, Hugging Face or ONNX model needs the `torch` extra (torch, transformers,
iree-turbine, onnx): `require` imports one of those on demand and turns its absence
into an `AccelError` that says how to install it, instead of an ImportError traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from accel.core.diagnostics import AccelError

INSTALL_HINT = "pip install accel[torch]"

# Import name -> the distribution pip installs it from, where they differ.
_DISTRIBUTIONS = {"iree.turbine": "iree-turbine"}


def require(module: str, purpose: str) -> ModuleType:
    """Imports `module` (e.g. "torch", "iree.turbine.aot") for `purpose` ("the PyTorch
    frontend"); AccelError with the install command if it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        missing = error.name or module
        package = next((dist for name, dist in _DISTRIBUTIONS.items() if missing == name or missing.startswith(name + ".")), missing.split(".")[0])
        raise AccelError(f"{purpose} needs the Python package '{package}', which is not installed: {INSTALL_HINT}") from None
