"""Located diagnostics: the one way accel reports an error to a user.

Every user-facing failure (bad IR, failed verification, a pass that cannot apply, a
bad hardware file) becomes an `AccelError` holding `Diagnostic`s with a location.
Tools print them as `FILE:LINE:COL: error: message`, the format of mlir-opt and
every compiler, and exit 1 without a Python traceback.
"""

from __future__ import annotations

import contextvars
import re
import sys
from dataclasses import dataclass, field
from typing import Iterable, TextIO

from accel.core.mlir import PARSER_BUFFER_NAME, ir

# The name of the source being compiled: what the parser's buffer name "-" stands
# for while it is set (accel.compile sets it), so remarks printed during a
# compilation and errors raised from it name the user's file.
SOURCE_NAME: "contextvars.ContextVar[str | None]" = contextvars.ContextVar("accel_source_name", default=None)

_FILE_LINE_COL = re.compile(r'"((?:[^"\\]|\\.)*)":(\d+):(\d+)')


@dataclass
class Diagnostic:
    """One message, with where it applies.

    `location` is an MLIR location, or a plain "file:line:col"/"file" string for
    inputs that are not MLIR (hardware files, npy inputs).
    """

    message: str
    location: "ir.Location | str | None" = None
    severity: str = "error"
    notes: list["Diagnostic"] = field(default_factory=list)

    def format(self, filename: str | None = None) -> str:
        where = format_location(self.location, filename)
        head = f"{where}: {self.severity}: {self.message}" if where else f"{self.severity}: {self.message}"
        lines = [head] + ["  " + n.format(filename) for n in self.notes]
        return "\n".join(lines)


class AccelError(Exception):
    """An error meant for the user: one or more located diagnostics."""

    def __init__(self, diagnostics: "Iterable[Diagnostic] | str", location=None):
        if isinstance(diagnostics, str):
            diagnostics = [Diagnostic(diagnostics, location)]
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def format(self, filename: str | None = None) -> str:
        return "\n".join(d.format(filename) for d in self.diagnostics)

    def named(self, filename: str) -> "AccelError":
        """This error with the parser's "-" locations rendered as `filename`'s, so it
        names the source wherever it is printed."""

        def rename(diagnostic: Diagnostic) -> Diagnostic:
            location = diagnostic.location
            if location is not None and not isinstance(location, str) and _FILE_LINE_COL.search(str(location)):
                location = format_location(location, filename)
            return Diagnostic(diagnostic.message, location, diagnostic.severity, [rename(n) for n in diagnostic.notes])

        return AccelError([rename(d) for d in self.diagnostics])


def format_location(location, filename: str | None = None) -> str:
    """Renders a location as FILE:LINE:COL (the parser's "-" becomes `filename`)."""
    if location is None:
        return filename or ""
    if isinstance(location, str):
        return location
    match = _FILE_LINE_COL.search(str(location))
    if not match:
        return filename or ""
    file, line, col = match.group(1), match.group(2), match.group(3)
    filename = filename or SOURCE_NAME.get()
    if file == PARSER_BUFFER_NAME and filename:
        file = filename
    return f"{file}:{line}:{col}"


def from_mlir_error(error: "ir.MLIRError") -> AccelError:
    """Converts MLIR's exception into located diagnostics."""
    diagnostics = [_from_mlir_diagnostic(d) for d in error.error_diagnostics]
    if not diagnostics:
        diagnostics = [Diagnostic(error.message.strip())]
    return AccelError(diagnostics)


def _from_mlir_diagnostic(info) -> Diagnostic:
    severity = str(info.severity).rsplit(".", 1)[-1].lower()
    return Diagnostic(
        info.message,
        info.location,
        severity if severity in ("error", "warning", "note", "remark") else "error",
        [_from_mlir_diagnostic(n) for n in info.notes],
    )


def print_error(error: AccelError, filename: str | None = None, stream: TextIO | None = None) -> None:
    print(error.format(filename), file=stream or sys.stderr)
