"""A causal LM's forward step with an explicit KV cache, imported to linalg: prefill and decode.

    spec = kv_cache_spec(model, max_cache_len=64)
    prefill = from_decoder(model, seq_len=8, max_cache_len=64)   # S = the prompt length
    decode = from_decoder(model, seq_len=1, max_cache_len=64)    # S = 1, one token per step

Both are the same function of a transformers causal LM, traced at two sequence
lengths S:

    @main(input_ids: i64 [B, S], position: i64 [], k_0, v_0, k_1, v_1, ...)
        -> (logits [B, S, vocab], k_0', v_0', k_1', v_1', ...)

The caches are static-shape tensors [B, Hkv, Tmax, D], one key and one value cache per
layer, in and out: the S new tokens sit at positions [position, position + S), and
attention reads positions [0, position + S). Prefill is the step at position 0 given
empty caches; because the position is an input the same function also continues a
prompt in chunks. One tensor per layer and kind (not one [layers, ...] stack) because
that is what a KV cache op updates: `accel.kv_append` / `kv_read` act on one layer's
cache, and a paged layout replaces each by its own block pool (accel-raise-kv-cache).

How: `KvCacheStep` wraps the model and hands it transformers' own `StaticCache`,
whose layers are initialized by transformers and then given the argument tensors (a
clone, so the exported program does not mutate its inputs) and the position as their
fill level. The model writes its new keys and values with the cache's `index_copy`
at positions `position + arange(S)` and builds its attention mask from the same
positions, exactly as it does under `model.generate(cache_implementation="static")`.
The export is `from_torch`'s (torch.export, the fx importer, torch-to-iree). In the
linalg that comes out the writes are `iree_linalg_ext.scatter`s into the cache
arguments and the reads are the whole caches under a position-dependent mask;
accel-raise-kv-cache turns them into accel.kv_append / accel.kv_read.

Only models whose layers all use full attention fit this cache (StaticCache's plain
layers); sliding-window, chunked or linear-attention layers are an AccelError.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from accel.compiler.frontend.hf_import import quiet_transformers, transformers
from accel.compiler.frontend.torch_import import export_program, import_program, torch
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir

_StaticCache = transformers.StaticCache
_StaticLayer = transformers.cache_utils.StaticLayer
_layer_types = transformers.cache_utils.get_layer_types_and_kwargs

# Where errors about the generation's sizes point (accelc generate's options).
_LENGTH_OPTION = "--max-new-tokens"


@dataclass(frozen=True)
class KvCacheSpec:
    """The explicit KV cache of a model: `layers` key caches and as many value caches,
    each [batch, kv_heads, max_len, head_dim] of `dtype`."""

    layers: int
    batch: int
    kv_heads: int
    max_len: int
    head_dim: int
    dtype: np.dtype

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return (self.batch, self.kv_heads, self.max_len, self.head_dim)

    def empty(self) -> list[np.ndarray]:
        """Zeroed caches in argument order: k_0, v_0, k_1, v_1, ..."""
        return [np.zeros(self.shape, self.dtype) for _ in range(2 * self.layers)]


def text_config(model):
    """The config of the model's text decoder (the model's own for a plain causal LM)."""
    config = model.config
    return config.get_text_config(decoder=True) if hasattr(config, "get_text_config") else config


def kv_cache_spec(model, *, max_cache_len: int, batch: int = 1) -> KvCacheSpec:
    """The cache `model` (a transformers causal LM) needs for `max_cache_len` positions.
    AccelError for a model whose layers are not all full attention, or a length
    beyond its positions."""
    config = text_config(model)
    kinds = _layer_types(config)[0]
    other = sorted({kind for kind in kinds if kind != "full_attention"})
    if other:
        raise AccelError(f"an explicit static KV cache needs full-attention layers; this model has {', '.join(other)} layers", getattr(config, "name_or_path", None) or "config")
    limit = getattr(config, "max_position_embeddings", None)
    if max_cache_len < 1 or batch < 1:
        raise AccelError(f"the cache length and batch must be positive, got {max_cache_len} and {batch}", _LENGTH_OPTION)
    if isinstance(limit, int) and max_cache_len > limit:
        raise AccelError(f"{max_cache_len} cache positions exceed the model's max_position_embeddings ({limit})", _LENGTH_OPTION)
    heads = config.num_attention_heads
    kv_heads = getattr(config, "num_key_value_heads", None) or heads
    head_dim = getattr(config, "head_dim", None) or config.hidden_size // heads
    try:
        dtype = torch.empty(0, dtype=model.dtype).numpy().dtype
    except TypeError:
        raise AccelError(f"a {model.dtype} cache has no numpy type to hold it: use float32 or float16", "dtype") from None
    return KvCacheSpec(len(kinds), batch, kv_heads, max_cache_len, head_dim, dtype)


class KvCacheStep(torch.nn.Module):
    """`model`'s forward step over explicit caches: `(input_ids [B, S], position [],
    k_0, v_0, ...) -> (logits [B, S, V], k_0', v_0', ...)`, see the module docstring."""

    def __init__(self, model, spec: KvCacheSpec):
        super().__init__()
        self.model = model
        self.spec = spec

    def forward(self, input_ids, position, *caches):
        spec = self.spec
        cache = _StaticCache(config=self.model.config, max_cache_len=spec.max_len)
        if len(cache.layers) != spec.layers or len(caches) != 2 * spec.layers:
            raise ValueError(f"expected {2 * spec.layers} cache tensors for {spec.layers} layers, got {len(caches)}")
        for index, layer in enumerate(cache.layers):
            if type(layer) is not _StaticLayer:
                raise ValueError(f"layer {index} has a {type(layer).__name__} cache, not a full-attention one")
            keys, values = caches[2 * index], caches[2 * index + 1]
            # transformers sets up the layer (device, sizes, flags) from states of the
            # right shape, then works on our tensors: clones, as it writes in place.
            layer.lazy_initialization(keys[:, :, :0], values[:, :, :0])
            layer.keys, layer.values = keys.clone(), values.clone()
            layer.cumulative_length = position.clone()
        output = self.model(input_ids=input_ids, cache=cache, use_cache=True)
        results = [output.logits]
        for layer in cache.layers:
            results += [layer.keys, layer.values]
        return tuple(results)


def step_inputs(model, spec: KvCacheSpec, seq_len: int, *, position: int = 0, seed: int = 0) -> tuple:
    """Example inputs of the step: seeded token ids [B, seq_len], the position, and zero caches."""
    if seq_len < 1 or position + seq_len > spec.max_len:
        raise AccelError(f"{seq_len} tokens at position {position} do not fit a cache of {spec.max_len} positions", _LENGTH_OPTION)
    generator = torch.Generator().manual_seed(seed)
    input_ids = torch.randint(0, text_config(model).vocab_size, (spec.batch, seq_len), generator=generator, dtype=torch.int64)
    caches = [torch.from_numpy(array) for array in spec.empty()]
    return (input_ids, torch.tensor(position, dtype=torch.int64), *caches)


def from_decoder(
    model,
    *,
    seq_len: int,
    max_cache_len: int,
    batch: int = 1,
    context: ir.Context | None = None,
    weights: str = "inline",
) -> ir.Module:
    """Imports the step of `model` (a transformers causal LM in eval mode) for
    `seq_len` new tokens per call over caches of `max_cache_len` positions, as linalg
    on tensors (one public function `@main`, signature in the module docstring)."""
    spec = kv_cache_spec(model, max_cache_len=max_cache_len, batch=batch)
    step = KvCacheStep(model, spec).eval()
    with quiet_transformers():
        program = export_program(step, step_inputs(model, spec, seq_len))
    return import_program(program, context=context, weights=weights)


def load_causal_lm(*, hf_config: "str | Path | dict | None" = None, hf_model: "str | Path | None" = None, seed: int = 0, dtype: str = "float32"):
    """A causal LM from a config (seeded random weights) or a local folder, in eval mode."""
    from accel.compiler.frontend.hf_import import build_hf_model, load_hf_model

    if (hf_config is None) == (hf_model is None):
        raise AccelError("give one model: --hf-config CONFIG.json or --hf-model DIR", "accelc generate")
    if hf_config is not None:
        return build_hf_model(hf_config, seed=seed, kind="causal-lm", dtype=dtype)
    return load_hf_model(hf_model, kind="causal-lm", dtype=dtype)


def reference_generate(model, prompt_ids: Any, max_new_tokens: int, *, stop_at_eos: bool = True) -> np.ndarray:
    """transformers' own greedy generation, `model.generate(do_sample=False,
    max_new_tokens=...)`: the new tokens [B, <= max_new_tokens], the reference accel's
    generation is compared with. It stops early when every sequence has produced the
    model's EOS token, unless `stop_at_eos` is False (then it runs max_new_tokens steps)."""
    ids = torch.as_tensor(np.asarray(prompt_ids), dtype=torch.int64)
    options = {}
    if not stop_at_eos:
        config = copy.deepcopy(model.generation_config)
        config.eos_token_id = None
        options["generation_config"] = config
    with quiet_transformers(), torch.no_grad():
        output = model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=max_new_tokens, **options)
    return output[:, ids.shape[1] :].numpy()


__all__ = ["KvCacheSpec", "KvCacheStep", "from_decoder", "kv_cache_spec", "load_causal_lm", "reference_generate", "step_inputs", "text_config"]
