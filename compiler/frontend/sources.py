"""One entry point over the frontends, for tools: which importer reads which input.

`import_source` is what `accelc import` runs: an .onnx file, an MLIR file (text or
bytecode, torch / ONNX / StableHLO / TOSA / linalg), a Hugging Face config.json or a
Hugging Face model folder. Anything else is an AccelError naming the input, never a
traceback from deep inside an importer. `write_module` writes the result as MLIR
text, or as bytecode for an .mlirbc path (much smaller with weights inline).
"""

from __future__ import annotations

import sys
from pathlib import Path

from accel.compiler.frontend.mlir_import import from_mlir
from accel.compiler.frontend.options import DEFAULT_SEQ_LEN
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir

MLIR_SUFFIXES = (".mlir", ".mlirbc")
ONNX_SUFFIXES = (".onnx",)


def import_source(
    source: str | None = None,
    *,
    hf_config: str | None = None,
    hf_model: str | None = None,
    kind: str | None = None,
    seq_len: int | None = None,
    batch: int = 1,
    seed: int = 0,
    weights: str = "inline",
    parameters_path: str | None = None,
    context: ir.Context | None = None,
) -> ir.Module:
    """Imports exactly one of: `source` (an .onnx or MLIR file, "-" for MLIR on
    stdin), `hf_config` (a config.json: seeded random weights) or `hf_model` (a model
    folder). The Hugging Face options (kind, seq_len, batch, seed) apply to those two."""
    given = [name for name, value in (("IN", source), ("--hf-config", hf_config), ("--hf-model", hf_model)) if value is not None]
    if len(given) != 1:
        raise AccelError("give one input: IN (.onnx or .mlir), --hf-config CONFIG.json or --hf-model DIR" + (f" (got {', '.join(given)})" if given else ""), "accelc import")
    if source is None:
        from accel.compiler.frontend import hf_import

        options = {"seq_len": seq_len or DEFAULT_SEQ_LEN, "batch": batch, "seed": seed, "weights": weights, "context": context}
        if hf_config is not None:
            if parameters_path is not None:
                raise AccelError("a model built from a config has random weights: there is no archive to write", "--params")
            return hf_import.from_hf_config(hf_config, kind=kind or "causal-lm", **options)
        return hf_import.from_hf_model(hf_model, kind=kind, parameters_path=parameters_path, **options)
    for flag, value in (("--kind", kind), ("--seq-len", seq_len)):
        if value is not None:
            raise AccelError(f"{flag} is an option of Hugging Face inputs (--hf-config, --hf-model)", flag)
    if source == "-":
        return _from_mlir_file(None, weights, parameters_path, context)
    path = Path(source)
    if path.is_dir():
        raise AccelError("is a directory: give a Hugging Face model folder with --hf-model", source)
    if not path.is_file():
        raise AccelError("cannot read input: No such file or directory", source)
    suffix = path.suffix.lower()
    if suffix in ONNX_SUFFIXES:
        from accel.compiler.frontend.onnx_import import from_onnx

        return from_onnx(path, context=context, weights=weights, parameters_path=parameters_path)
    if suffix in MLIR_SUFFIXES:
        return _from_mlir_file(path, weights, parameters_path, context)
    raise AccelError(f"not a model accel imports: expected an .onnx or .mlir file, got '{path.name}' (Hugging Face: --hf-config, --hf-model)", source)


def _from_mlir_file(path: Path | None, weights: str, parameters_path: str | None, context) -> ir.Module:
    if weights != "inline" or parameters_path is not None:
        raise AccelError("MLIR input keeps its weights as they are: --weights and --params are for models", "--weights")
    name = "<stdin>" if path is None else str(path)
    try:
        data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    except OSError as error:
        raise AccelError(f"cannot read input: {error.strerror}", name) from None
    if data.startswith(b"ML\xefR"):  # MLIR bytecode's magic number
        return from_mlir(data, context=context, filename=name)
    try:
        text = data.decode()
    except UnicodeDecodeError:
        raise AccelError("not MLIR: neither UTF-8 text nor MLIR bytecode", name) from None
    return from_mlir(text, context=context, filename=name)


def write_module(module: ir.Module, path: str) -> None:
    """Writes `module` to `path` ("-": stdout): bytecode if it ends in .mlirbc, else text."""
    if path == "-":
        module.operation.print(file=sys.stdout)
        return
    try:
        with open(path, "wb") as file:
            if path.endswith(".mlirbc"):
                module.operation.write_bytecode(file)
            else:
                module.operation.print(file=file, binary=True)
    except OSError as error:
        raise AccelError(f"cannot write: {error.strerror}", path) from None
