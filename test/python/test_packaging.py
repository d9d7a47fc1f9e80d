"""The package layout: `pip wheel .` holds every subpackage and data file of the
source tree, and the top-level folders map to `accel.*` as pyproject.toml says."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _package_dirs() -> dict[str, Path]:
    """accel.* package name -> folder, from pyproject's package-dir mapping."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    return {name: ROOT / folder for name, folder in config["package-dir"].items()}


def _source_packages() -> set[str]:
    """Every folder with an __init__.py under a mapped folder, as a dotted name."""
    found = set()
    for name, folder in _package_dirs().items():
        for init in folder.rglob("__init__.py"):
            relative = init.parent.relative_to(folder)
            if "__pycache__" in relative.parts:
                continue
            found.add(".".join([name, *relative.parts]) if relative.parts else name)
    return found


def test_pyproject_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert set(config["packages"]) == _source_packages()


def test_wheel_contains_every_subpackage_and_data_file(tmp_path):
    # Built from a copy: setuptools leaves build/ and *.egg-info where it builds.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "Output", "__pycache__", "*.egg-info", ".hypothesis"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(source)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = tmp_path.glob("accel-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in _source_packages():
        assert f"{package.replace('.', '/')}/__init__.py" in names, package
    dirs = _package_dirs()
    for name, folder in dirs.items():
        for module in folder.rglob("*.py"):
            if "__pycache__" in module.parts or not (module.parent / "__init__.py").exists():
                continue
            assert f"{name.replace('.', '/')}/{module.relative_to(folder)}" in names, module
    assert "accel/dialects/accel.irdl.mlir" in names
    presets = sorted(p.name for p in (ROOT / "targets" / "presets").glob("*.toml"))
    assert presets and all(f"accel/targets/presets/{p}" in names for p in presets)
