"""Greedy generation with an explicit KV cache on the CPU target: `generate` and `accelc generate`.

    from accel.generation import generate
    result = generate(hf_config="examples/tiny-llama.json", prompt_ids=[1, 2, 3], max_new_tokens=16)
    result.tokens                                   # [B, 16], the greedy tokens
    result.prefill_tokens_per_second, result.decode_tokens_per_second
    print(result.summary())

How a model becomes the two programs that generate:

1. The transformers causal LM is imported twice by `accel.compiler.frontend.decode`,
   as its forward step over explicit caches (token ids, position, one key and one
   value cache per layer in; logits and the updated caches out) at S = the prompt
   length (prefill) and at S = 1 (decode).
2. Both are raised: the transformer ops (accel-raise-*), then the cache writes and
   masked reads (accel-raise-kv-cache) into accel.kv_append / accel.kv_read in the
   chosen layout; `paged` makes each cache a block pool read through a block table.
3. `accel.compile(target="cpu")` lowers and compiles each (IREE, llvm-cpu).

Generation runs the prefill at position 0 on empty caches, takes the argmax of the
last logits, then runs `max_new_tokens - 1` decode steps, each feeding the last token
at the next position and the caches the previous step returned (greedy, no stop
token: always `max_new_tokens` tokens). Times are wall-clock times of the runs
(`Artifact.run`, inputs and outputs through host memory, argmax included) after one
untimed run of each program that loads it: prefill tokens/s counts B x prompt tokens
over the prefill, decode tokens/s the B x (max_new_tokens - 1) tokens of the decode
steps over their time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from accel.compiler.passes import int_list
from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.stages import RAISE
from accel.core.diagnostics import AccelError
from accel.dialects import KV_LAYOUTS, accel_operations
from accel.driver import Artifact, compile as compile_module

DEFAULT_BLOCK_SIZE = 16


def raise_decoder(module, *, layout: str = "contiguous", block_size: int = DEFAULT_BLOCK_SIZE) -> None:
    """Raises an imported decoder step in place: transformer ops, then its KV cache in `layout`."""
    if layout not in KV_LAYOUTS:
        raise AccelError(f"unknown KV cache layout '{layout}' (layouts: {', '.join(KV_LAYOUTS)})", "--layout")
    if block_size < 1:
        raise AccelError(f"the block size must be positive, got {block_size}", "--block-size")
    with module.context:
        Pipeline.parse(f"{RAISE}, accel-raise-kv-cache{{layout={layout} block-size={block_size}}}, canonicalize, cse").run(module)


def materialize_cache_reads(module) -> int:
    """Puts each dynamically sized accel.kv_read result behind a
    `util.optimization_barrier` (its dims tied back), for the CPU target; returns how
    many. A workaround, not part of the graph's meaning: IREE 3.13's data tiling fails
    to compile a `linalg.batch_matmul` with a dynamic dim whose operand it fuses with
    the slice or gather that reads the cache (the product with V, summed over the
    dynamic key length: "unbounded stack allocation", or for the paged gather
    "affine.delinearize_index ... statically non-positive"). accel-lower-to-linalg
    materializes the attention weights for the same reason; K and V need it too, and
    once `lower_attention` does that this goes."""
    from accel.compiler.passes.accel_lower_to_linalg import materialized, tensor_sizes
    from accel.core.mlir import ir

    reads = [op for op in accel_operations(module.operation) if op.name == "accel.kv_read" and op.results[0].type.is_dynamic_dim(2)]
    with module.context:
        for op in reads:
            result = op.results[0]
            users = [use.owner for use in result.uses]
            with ir.InsertionPoint.after(op), op.location:
                kept = materialized(result, tensor_sizes(result))
            for user in users:
                user.operation.replace_uses_of_with(result, kept)
    return len(reads)


def cache_op_counts(module) -> dict[str, int]:
    """How many accel.kv_append, accel.kv_read and accel.attention ops `module` holds."""
    counts = {"accel.kv_append": 0, "accel.kv_read": 0, "accel.attention": 0}
    for op in accel_operations(module.operation):
        if op.name in counts:
            counts[op.name] += 1
    return counts


@dataclass
class Generation:
    """The outcome of a greedy generation: tokens and times."""

    prompt_ids: np.ndarray  # [B, P]
    tokens: np.ndarray  # [B, N], the new tokens
    layout: str
    prefill_seconds: float
    decode_seconds: float

    @property
    def prefill_tokens(self) -> int:
        return int(self.prompt_ids.size)

    @property
    def decode_tokens(self) -> int:
        """Tokens the decode steps produced (the first new token comes from the prefill)."""
        return int(self.tokens.shape[0] * max(self.tokens.shape[1] - 1, 0))

    @property
    def prefill_tokens_per_second(self) -> float:
        return self.prefill_tokens / self.prefill_seconds

    @property
    def decode_tokens_per_second(self) -> float | None:
        return self.decode_tokens / self.decode_seconds if self.decode_tokens else None

    def summary(self) -> str:
        """What `accelc generate` prints."""
        lines = []
        for index, (prompt, new) in enumerate(zip(self.prompt_ids, self.tokens)):
            label = f"[{index}] " if len(self.tokens) > 1 else ""
            lines.append(f"{label}prompt ({len(prompt)} tokens): {' '.join(map(str, prompt))}")
            lines.append(f"{label}tokens ({len(new)}): {' '.join(map(str, new))}")
        lines.append(f"prefill: {self.prefill_tokens} tokens in {self.prefill_seconds * 1e3:.3f} ms, {self.prefill_tokens_per_second:.1f} tokens/s")
        if self.decode_tokens:
            steps = self.tokens.shape[1] - 1
            lines.append(
                f"decode: {self.decode_tokens} tokens in {self.decode_seconds * 1e3:.3f} ms, {self.decode_tokens_per_second:.1f} tokens/s"
                f" ({self.decode_seconds / steps * 1e3:.3f} ms per step)"
            )
        else:
            lines.append("decode: no decode step (one new token comes from the prefill)")
        return "\n".join(lines)


@dataclass
class Decoder:
    """A compiled prefill and decode step of one model, and how to call them."""

    prefill: Artifact
    decode: Artifact
    batch: int
    prompt_len: int
    max_cache_len: int
    vocab_size: int
    layout: str
    cache_ops: dict[str, dict[str, int]] = field(default_factory=dict)  # "prefill"/"decode" -> cache_op_counts

    def empty_cache(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(caches, block table): zeroed caches (or block pools) in argument order, and
        for the paged layout the block table, [] otherwise. Blocks are handed out
        from the end of the pool, sequences interleaved, so that no sequence's blocks
        are where a contiguous cache would put them."""
        inputs = self.decode.signature.inputs[2:]
        if self.layout == "paged":
            inputs, table_spec = inputs[:-1], inputs[-1]
            batch, blocks = table_spec.shape
            pool_blocks = inputs[0].shape[0]
            order = np.arange(blocks)[None, :] * batch + np.arange(batch)[:, None]
            table = [(pool_blocks - 1 - order).astype(table_spec.dtype)]
        else:
            table = []
        return [np.zeros(spec.shape, spec.dtype) for spec in inputs], table

    def generate(self, prompt_ids: Any, max_new_tokens: int, *, warmup: bool = True) -> Generation:
        """Greedy generation of `max_new_tokens` tokens after `prompt_ids` [B, P]."""
        prompt = np.asarray(prompt_ids, dtype=np.int64)
        if prompt.ndim == 1:
            prompt = prompt[None, :]
        if prompt.shape != (self.batch, self.prompt_len):
            raise AccelError(f"this decoder takes prompts of {self.batch} x {self.prompt_len} tokens, got {prompt.shape[0]} x {prompt.shape[1]}", "--prompt-ids")
        check_tokens(prompt, self.vocab_size)
        if max_new_tokens < 1 or self.prompt_len + max_new_tokens - 1 > self.max_cache_len:
            raise AccelError(
                f"{max_new_tokens} new tokens after {self.prompt_len} do not fit the cache of {self.max_cache_len} positions "
                f"(at most {self.max_cache_len - self.prompt_len + 1})",
                "--max-new-tokens",
            )
        if warmup:
            # Loads both programs (and touches their memory) outside the timed runs.
            self._prefill(prompt, *self.empty_cache())
            caches, table = self.empty_cache()
            self.decode.run(prompt[:, :1], np.array(0, np.int64), *caches, *table)
        caches, table = self.empty_cache()
        started = time.perf_counter()
        caches, next_ids = self._prefill(prompt, caches, table)
        prefill_seconds = time.perf_counter() - started
        tokens = [next_ids]
        started = time.perf_counter()
        for step in range(max_new_tokens - 1):
            logits, *caches = self.decode.run(next_ids[:, None], np.array(self.prompt_len + step, np.int64), *caches, *table)
            next_ids = logits[:, -1].argmax(-1)
            tokens.append(next_ids)
        decode_seconds = time.perf_counter() - started
        return Generation(prompt, np.stack(tokens, axis=1).astype(np.int64), self.layout, prefill_seconds, decode_seconds)

    def _prefill(self, prompt: np.ndarray, caches: list[np.ndarray], table: list[np.ndarray]) -> tuple[list[np.ndarray], np.ndarray]:
        """(the caches after the prompt, the first new token of each sequence)."""
        logits, *caches = self.prefill.run(prompt, np.array(0, np.int64), *caches, *table)
        return caches, logits[:, -1].argmax(-1)


def check_tokens(ids: np.ndarray, vocab_size: int) -> None:
    bad = ids[(ids < 0) | (ids >= vocab_size)]
    if bad.size:
        raise AccelError(f"token id {int(bad[0])} is outside the model's vocabulary [0, {vocab_size})", "--prompt-ids")


def compile_decoder(
    model,
    *,
    prompt_len: int,
    max_cache_len: int,
    batch: int = 1,
    layout: str = "contiguous",
    block_size: int = DEFAULT_BLOCK_SIZE,
    progress: Callable[[str], None] | None = None,
) -> Decoder:
    """Imports, raises and compiles the prefill (S = `prompt_len`) and decode (S = 1)
    steps of `model` (a transformers causal LM) over caches of `max_cache_len`
    positions for the CPU target. The paged layout needs every cache raised: an
    AccelError says when the model's cache writes or reads were not recognized."""
    from accel.compiler.frontend.decode import from_decoder, kv_cache_spec, text_config

    report = progress or (lambda message: None)
    if prompt_len < 1 or prompt_len > max_cache_len:
        raise AccelError(f"a prompt of {prompt_len} tokens does not fit a cache of {max_cache_len} positions", "--prompt-len")
    layers = kv_cache_spec(model, max_cache_len=max_cache_len, batch=batch).layers
    artifacts, counts = {}, {}
    for name, seq_len in (("prefill", prompt_len), ("decode", 1)):
        started = time.perf_counter()
        module = from_decoder(model, seq_len=seq_len, max_cache_len=max_cache_len, batch=batch)
        report(f"{name}: imported in {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        raise_decoder(module, layout=layout, block_size=block_size)
        counts[name] = cache_op_counts(module)
        report(f"{name}: raised in {time.perf_counter() - started:.2f} s: " + ", ".join(f"{count} {op}" for op, count in counts[name].items()))
        if layout == "paged" and (counts[name]["accel.kv_append"] != 2 * layers or counts[name]["accel.kv_read"] != 2 * layers):
            raise AccelError(
                f"the paged layout needs every cache write and read raised; the {name} step has {counts[name]['accel.kv_append']} "
                f"accel.kv_append and {counts[name]['accel.kv_read']} accel.kv_read for {layers} layers (expected {2 * layers} each)",
                "--layout",
            )
        materialize_cache_reads(module)
        started = time.perf_counter()
        artifacts[name] = compile_module(module, target="cpu")
        report(f"{name}: compiled for the cpu target in {time.perf_counter() - started:.2f} s")
    vocab = text_config(model).vocab_size
    return Decoder(artifacts["prefill"], artifacts["decode"], batch, prompt_len, max_cache_len, vocab, layout, counts)


def prompt_from(prompt_ids: "Sequence[int] | np.ndarray | str | None", prompt_len: int | None, *, vocab_size: int, batch: int = 1, seed: int = 0) -> np.ndarray:
    """The prompt [B, P]: `prompt_ids` (a list, an array, or "1,2,3" text) repeated over
    the batch, or `prompt_len` seeded random tokens per sequence."""
    if (prompt_ids is None) == (prompt_len is None):
        raise AccelError("give the prompt as token ids (--prompt-ids 1,2,3) or as a length of random tokens (--prompt-len N)", "--prompt-ids")
    if prompt_ids is not None:
        if isinstance(prompt_ids, str):
            try:
                prompt_ids = int_list(prompt_ids)
            except ValueError as error:
                raise AccelError(str(error), "--prompt-ids") from None
        prompt = np.asarray(prompt_ids, dtype=np.int64)
        if prompt.ndim == 1:
            prompt = np.repeat(prompt[None, :], batch, axis=0)
        if prompt.ndim != 2 or prompt.shape[1] == 0 or prompt.shape[0] != batch:
            raise AccelError(f"the prompt must be token ids [{batch}, P], P >= 1; got shape {list(prompt.shape)}", "--prompt-ids")
    else:
        if prompt_len < 1:
            raise AccelError(f"the prompt length must be positive, got {prompt_len}", "--prompt-len")
        prompt = np.random.default_rng(seed).integers(0, vocab_size, size=(batch, prompt_len), dtype=np.int64)
    check_tokens(prompt, vocab_size)
    return prompt


def generate(
    model=None,
    *,
    hf_config=None,
    hf_model=None,
    prompt_ids: "Sequence[int] | np.ndarray | str | None" = None,
    prompt_len: int | None = None,
    seed: int = 0,
    batch: int = 1,
    max_new_tokens: int = 16,
    max_cache_len: int | None = None,
    layout: str = "contiguous",
    block_size: int = DEFAULT_BLOCK_SIZE,
    dtype: str = "float32",
    progress: Callable[[str], None] | None = None,
) -> Generation:
    """Greedy generation on the CPU target with an explicit KV cache.

    The model: `model` (a transformers causal LM), `hf_config` (a config.json path or
    dict: seeded random weights from `seed`) or `hf_model` (a local folder). The
    prompt: `prompt_ids` (token ids, or "1,2,3") or `prompt_len` random tokens drawn
    from `seed`, the same for each of `batch` sequences when given as one list.
    `max_cache_len` defaults to prompt + max_new_tokens positions; `layout` is
    "contiguous" or "paged" (blocks of `block_size` positions). See the module
    docstring for what is timed."""
    from accel.compiler.frontend.decode import text_config, load_causal_lm

    if model is None:
        model = load_causal_lm(hf_config=hf_config, hf_model=hf_model, seed=seed, dtype=dtype)
    elif hf_config is not None or hf_model is not None:
        raise AccelError("give one model: a transformers model, hf_config or hf_model", "accel.generate")
    prompt = prompt_from(prompt_ids, prompt_len, vocab_size=text_config(model).vocab_size, batch=batch, seed=seed)
    if max_new_tokens < 1:
        raise AccelError(f"--max-new-tokens must be at least 1, got {max_new_tokens}", "--max-new-tokens")
    length = max_cache_len or prompt.shape[1] + max_new_tokens
    decoder = compile_decoder(model, prompt_len=prompt.shape[1], max_cache_len=length, batch=batch, layout=layout, block_size=block_size, progress=progress)
    return decoder.generate(prompt, max_new_tokens)


__all__ = ["Decoder", "Generation", "cache_op_counts", "compile_decoder", "generate", "prompt_from", "raise_decoder"]
