"""The files a tool writes: checked before any work, written all or none.

A compiler that fails leaves no output behind, and a path it cannot write is an error
before it spends minutes compiling, not after. `check_file` and `check_directory`
say what is wrong with an output path (located at the path, naming the option that
gave it) without creating anything; `OutputFiles` writes each file to a temporary
file beside its destination and renames them all into place at the end, so an error
on the way (a later output that fails, a user error, a bug) leaves nothing partial.

A file's directory must exist, as for cc or mlir-opt; a directory output (`--output-dir`,
`--dump-ir`) is created with its missing parents, as `mkdir -p` would.
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable

from accel.core.diagnostics import AccelError

STDOUT = "-"


def _error(path: str, what: str, reason: str) -> AccelError:
    return AccelError(f"cannot write {what}: {reason}", path)


def _writable_directory(directory: str, path: str, what: str) -> None:
    """`directory` (an existing path) must be a directory we may create files in."""
    if not os.path.isdir(directory):
        raise _error(path, what, f"'{directory}' is not a directory")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise _error(path, what, f"directory '{directory}' is not writable")


def check_file(path: str, what: str) -> None:
    """Raises a located AccelError unless `path` can be written as a file: its
    directory exists and is writable, and `path` is not a directory. `what` names the
    output in the message (an option such as "--trace", or "output")."""
    if path == STDOUT:
        return
    if os.path.isdir(path):
        raise _error(path, what, f"'{path}' is a directory")
    if os.path.exists(path):
        if not os.access(path, os.W_OK):
            raise _error(path, what, f"'{path}' is not writable")
        if not os.path.isfile(path):
            return  # a device or a pipe (-o /dev/null): written in place
    directory = os.path.dirname(path) or "."
    if not os.path.exists(directory):
        # Name the part that is wrong: a missing directory, or a file in the way.
        ancestor = _existing_ancestor(directory)
        if ancestor is not None and not os.path.isdir(ancestor):
            raise _error(path, what, f"'{ancestor}' is not a directory")
        raise _error(path, what, f"directory '{directory}' does not exist")
    _writable_directory(directory, path, what)


def check_directory(path: str, what: str) -> None:
    """Raises a located AccelError unless `path` is a writable directory or can be
    created as one (its nearest existing ancestor is a writable directory)."""
    if os.path.exists(path):
        _writable_directory(path, path, what)
        return
    ancestor = _existing_ancestor(path)
    if ancestor is None:  # nothing on the path exists (an unmounted drive, say)
        raise _error(path, what, f"no existing parent directory of '{path}'")
    _writable_directory(ancestor, path, what)


def _existing_ancestor(path: str) -> str | None:
    """The nearest existing parent of `path` (which does not exist itself)."""
    current = os.path.abspath(path)
    relative = not os.path.isabs(path)
    while True:
        parent = os.path.dirname(current)
        if parent == current:
            return None
        if os.path.exists(parent):
            # Say it as the user wrote it: relative paths stay relative.
            return os.path.relpath(parent) if relative else parent
        current = parent


def _file_mode() -> int:
    """The mode a newly created file gets (0666 less the umask): mkstemp makes 0600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class OutputFiles:
    """Files written all or none. `write(path, what, writer)` calls `writer(temporary)`
    with a temporary path beside `path` (same suffix: writers choose formats by it);
    `commit` renames every temporary into place. Used as a context manager, it commits
    when the block ends normally and removes the temporaries (and any directory it
    made for them) when an exception leaves it."""

    def __init__(self) -> None:
        self._staged: list[tuple[str, str, str]] = []  # (temporary, destination, what)
        self._in_place: list[tuple[str, str, Callable[[str], None]]] = []  # devices, pipes
        self._made: list[str] = []  # directories made, outermost first

    def directory(self, path: str, what: str) -> None:
        """Makes directory `path` with its missing parents (removed again by `discard`)."""
        missing = []
        current = os.path.abspath(path)
        while not os.path.exists(current):
            missing.append(current)
            current = os.path.dirname(current)
        try:
            for directory in reversed(missing):
                os.mkdir(directory)
                self._made.append(directory)
        except OSError as error:
            raise _error(path, what, error.strerror or str(error)) from None
        if not os.path.isdir(path):
            raise _error(path, what, f"'{path}' is not a directory")

    def write(self, path: str, what: str, writer: Callable[[str], None]) -> str:
        """Stages file `path`, written by `writer(temporary path)`; returns `path`."""
        if os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path):
            # A device or a pipe (-o /dev/null): renaming over it would replace it.
            self._in_place.append((path, what, writer))
            return path
        directory = os.path.dirname(path) or "."
        self.directory(directory, what)
        suffix = os.path.splitext(path)[1]
        try:
            fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=suffix)
            os.close(fd)
        except OSError as error:
            raise _error(path, what, error.strerror or str(error)) from None
        self._staged.append((temporary, path, what))
        try:
            writer(temporary)
            os.chmod(temporary, _file_mode())
        except OSError as error:
            raise _error(path, what, error.strerror or str(error)) from None
        return path

    def commit(self) -> None:
        """Moves every staged file into place."""
        for path, what, writer in self._in_place:
            try:
                writer(path)
            except OSError as error:
                raise _error(path, what, error.strerror or str(error)) from None
        self._in_place = []
        while self._staged:
            temporary, path, what = self._staged[0]
            try:
                os.replace(temporary, path)
            except OSError as error:
                raise _error(path, what, error.strerror or str(error)) from None
            self._staged.pop(0)
        self._made = []

    def discard(self) -> None:
        """Removes the staged files and the directories made for them."""
        for temporary, _, _ in self._staged:
            try:
                os.unlink(temporary)
            except OSError:
                pass
        for directory in reversed(self._made):
            try:
                os.rmdir(directory)
            except OSError:
                pass  # not empty: something else was put there meanwhile
        self._staged, self._in_place, self._made = [], [], []

    def __enter__(self) -> "OutputFiles":
        return self

    def __exit__(self, kind, error, traceback) -> None:
        if kind is not None:
            self.discard()
            return
        try:
            self.commit()
        except BaseException:
            self.discard()
            raise
