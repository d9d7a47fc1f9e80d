"""Command-line tools: accel-opt (the mlir-opt of accel) and accelc (the compiler driver)."""

from __future__ import annotations

import os
import sys
from typing import Callable

from accel.core.diagnostics import AccelError


def version_text(name: str) -> str:
    """What `NAME --version` prints: accel's version and the IREE compiler it runs on
    (as mlir-opt names the LLVM it is built from)."""
    from accel import __version__

    try:
        from iree.compiler.version import REVISIONS, VERSION
    except ImportError:  # an IREE build without version info
        return f"{name} {__version__}\nIREE compiler: unknown version"
    revision = REVISIONS.get("IREE")
    return f"{name} {__version__}\nIREE compiler {VERSION}" + (f" (revision {revision})" if revision else "")


def run_tool(name: str, run: Callable[[list[str] | None], int], argv: list[str] | None = None) -> int:
    """Runs a tool's `run(argv)` the way every accel tool ends: user errors as located
    diagnostics with exit 1, a bug as one line (ACCEL_DEBUG=1 re-raises it), never a
    Python traceback. An AccelError may carry `filename`: the input its "-" locations name."""
    try:
        return run(argv)
    except AccelError as error:
        print(error.format(getattr(error, "filename", None)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader closed the pipe (`accel-opt --list-passes | head`): not a bug of
        # ours. Point stdout at devnull so the interpreter's last flush cannot fail too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # noqa: BLE001 - a bug: one line, traceback on request
        if os.environ.get("ACCEL_DEBUG"):
            raise
        print(f"{name}: internal error: {type(error).__name__}: {error} (ACCEL_DEBUG=1 shows the traceback)", file=sys.stderr)
        return 1
