"""lit configuration of accel's FileCheck tests.

Runs as `lit test/` with the Python of the environment where accel is installed, or
through CMake (`cmake --build build --target check-accel`), which runs lit with the
same kind of interpreter and puts the Output/ folders under the build tree
(`--param accel_obj_root=...`). Every tool a RUN line names comes from that Python's
environment, so the tests exercise exactly what the user installed:

    accel-opt      the accel-opt console script (or `python -m accel.tools.accel_opt`)
    accelc         the accelc console script (or `python -m accel.tools.accelc`)
    iree-opt       the iree-opt binary shipped in iree-base-compiler
    filecheck      the pip `filecheck` (not LLVM FileCheck: no --implicit-check-not,
                   line numbers only as `[[# @LINE + N]]`, spaces required)
    %PYTHON        this interpreter
    %accel_irdl    dialects/accel.irdl.mlir of this source tree
    %accel_root    the root of this source tree (for examples/)
"""

import os
import re
import sys

import lit.formats

# lit provides `config` and `lit_config` when it executes this file.
config.name = "accel"  # noqa: F821
config.test_format = lit.formats.ShTest(execute_external=False)  # noqa: F821
config.suffixes = [".mlir"]  # noqa: F821
# test/python is pytest's; Inputs/ holds files that tests read but that are not tests.
config.excludes = ["python", "Inputs", "Output"]  # noqa: F821

config.test_source_root = os.path.dirname(os.path.abspath(__file__))  # noqa: F821
_obj_root = lit_config.params.get("accel_obj_root")  # noqa: F821
config.test_exec_root = os.path.abspath(_obj_root) if _obj_root else config.test_source_root  # noqa: F821

SOURCE_ROOT = os.path.dirname(config.test_source_root)  # noqa: F821
BIN_DIR = os.path.dirname(sys.executable)


def _tool_in_env(name: str) -> str | None:
    """The console script `name` installed beside this interpreter, if any."""
    path = os.path.join(BIN_DIR, name)
    return path if os.path.isfile(path) and os.access(path, os.X_OK) else None


def _required(path: str | None, what: str) -> str:
    if not path:
        lit_config.fatal(f"{what} not found for {sys.executable}; install accel there (pip install -e .)")  # noqa: F821
    return path


def _iree_opt() -> str:
    try:
        from iree.compiler.tools.binaries import find_tool

        return os.path.normpath(find_tool("iree-opt"))
    except (ImportError, ValueError):
        return _required(None, "iree-opt (iree-base-compiler)")


accel_opt = _tool_in_env("accel-opt") or f"{sys.executable} -m accel.tools.accel_opt"
accelc = _tool_in_env("accelc") or f"{sys.executable} -m accel.tools.accelc"
filecheck = _required(_tool_in_env("filecheck"), "filecheck (pip)")
accel_irdl = os.path.join(SOURCE_ROOT, "dialects", "accel.irdl.mlir")


def _command(name: str) -> str:
    """A pattern for `name` used as a command word, not inside a path or a file name
    (lit expands %s before these substitutions, and test paths contain 'accel-opt')."""
    return r"(?<![\w/.-])" + re.escape(name) + r"(?![\w/.-])"


config.substitutions += [  # noqa: F821
    ("%PYTHON", sys.executable),
    ("%accel_irdl", accel_irdl),
    ("%accel_root", SOURCE_ROOT),
    (_command("accel-opt"), accel_opt),
    (_command("accelc"), accelc),
    (_command("iree-opt"), _iree_opt()),
    (_command("filecheck"), filecheck),
]

# lit starts tests in a nearly empty environment. The venv's bin comes first so that
# anything spawned by a tool resolves to the same installation.
config.environment["PATH"] = os.pathsep.join([BIN_DIR, config.environment.get("PATH", "")])  # noqa: F821
# ACCEL_DEBUG=1 shows the traceback of an internal error while debugging a test.
for name in ("HOME", "ACCEL_DEBUG"):
    if name in os.environ:
        config.environment[name] = os.environ[name]  # noqa: F821
