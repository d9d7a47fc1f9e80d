"""Sliding-window attention: accel.attention's `window` attribute, its golden
semantics and cpu lowering, and the raising of a transformers model's sliding-window
mask (Mistral) to it."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

import accel
from accel.compiler.passes.accel_raise_attention import is_causal_mask, sliding_window_of
from accel.runtime import golden

MISSING = [name for name in ("torch", "transformers", "iree") if importlib.util.find_spec(name) is None]
needs_torch = pytest.mark.skipif(bool(MISSING) or importlib.util.find_spec("iree.turbine") is None, reason="needs the torch extra")


def band(s: int, t: int, window: int | None, hidden: float = -np.inf) -> np.ndarray:
    last = np.arange(s)[:, None] + (t - s)
    keys = np.arange(t)[None, :]
    visible = (keys <= last) & ((keys > last - window) if window else True)
    return np.where(visible, 0.0, hidden).astype(np.float32)[None, None]


def test_sliding_window_masks_are_recognised():
    s, t = 4, 7
    assert sliding_window_of(band(s, t, 3), s, t) == 3
    assert sliding_window_of(band(s, t, 1, np.finfo(np.float32).min), s, t) == 1
    assert sliding_window_of(band(s, t, None), s, t) is None and is_causal_mask(band(s, t, None), s, t)
    assert sliding_window_of(band(s, t, t), s, t) is None  # a window as long as the keys hides nothing
    ragged = band(s, t, 3)
    ragged[..., 0, 0] = 0.0  # one query sees an extra key: no window
    assert sliding_window_of(ragged, s, t) is None
    assert sliding_window_of(band(t, s, 2), s, t) is None  # not this shape


def test_golden_window_is_the_additive_band_mask():
    """window = W is exactly the causal attention with the band mask added."""
    rng = np.random.default_rng(0)
    q = rng.standard_normal((1, 4, 5, 8)).astype(np.float32)
    k = rng.standard_normal((1, 2, 9, 8)).astype(np.float32)
    v = rng.standard_normal((1, 2, 9, 8)).astype(np.float32)
    attrs = {"num_heads": 4, "num_kv_heads": 2, "scale": 0.35}
    windowed = golden.attention(q, k, v, causal=True, window=3, **attrs)
    masked = golden.attention(q, k, v, band(5, 9, 3), causal=False, **attrs)
    np.testing.assert_array_equal(windowed, masked)
    assert not np.allclose(windowed, golden.attention(q, k, v, causal=True, **attrs))


def test_cpu_lowering_of_the_window_matches_golden():
    text = """func.func @f(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x9x8xf32>, %v: tensor<1x2x9x8xf32>) -> tensor<1x4x5x8xf32> {
  %o = "accel.attention"(%q, %k, %v) {num_heads = 4 : i64, num_kv_heads = 2 : i64, causal = true, scale = 3.500000e-01 : f64, window = 3 : i64} : (tensor<1x4x5x8xf32>, tensor<1x2x9x8xf32>, tensor<1x2x9x8xf32>) -> tensor<1x4x5x8xf32>
  return %o : tensor<1x4x5x8xf32>
}"""
    artifact = accel.compile(text, target="cpu")
    rng = np.random.default_rng(1)
    q, k, v = (rng.standard_normal(a.shape).astype(np.float32) for a in artifact.signature.inputs)
    (out,) = artifact.run(q, k, v)
    attrs = {"num_heads": 4, "num_kv_heads": 2, "causal": True, "scale": 0.35, "window": 3}
    expected = golden.attention(q, k, v, **attrs)
    # The bound of the op's definition: sums and exp in another order than golden's.
    assert np.all(np.abs(out - expected) <= golden.attention_error_bound(q, k, v, **attrs))


MISTRAL = {"model_type": "mistral", "architectures": ["MistralForCausalLM"], "hidden_size": 64, "intermediate_size": 128,
           "num_hidden_layers": 1, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 100,
           "max_position_embeddings": 64, "sliding_window": 4, "tie_word_embeddings": False}


@needs_torch
def test_mistral_sliding_window_is_raised_and_matches_transformers():
    """A Mistral-class model with a 4-token window over 12 tokens: its mask becomes
    `window = 4` on a causal accel.attention (no mask operand), and the cpu target's
    logits equal transformers' within 1e-5 (f32 sums in another order)."""
    import torch

    from accel.compiler.frontend import build_hf_model

    module = accel.from_hf_config(MISTRAL, seed=0, seq_len=12)
    artifact = accel.compile(module, target="cpu")
    (line,) = [line for line in artifact.ir["graph"].splitlines() if '"accel.attention"' in line]
    assert "window = 4 : i64" in line and "causal = true" in line and line.count("%") == 4  # q, k, v: no mask
    ids = np.random.default_rng(0).integers(0, 100, size=(1, 12)).astype(np.int64)
    (logits,) = artifact.run(ids)
    with torch.no_grad():
        expected = build_hf_model(MISTRAL, seed=0)(torch.from_numpy(ids)).logits.numpy()
    np.testing.assert_allclose(logits, expected, atol=1e-5, rtol=0)
