"""Tests of the golden semantics of accel's transformer ops (attention, rmsnorm, rope,
silu_mul, softmax, kv_append, kv_read) and of their CPU lowering against it.

- Semantics: hand-computed cases; float64 references of the stated formulas; PyTorch's
  own functions (scaled_dot_product_attention with enable_gqa, LlamaRMSNorm,
  apply_rotary_pos_emb, silu, softmax) when torch and transformers are installed.
- Error bounds (accel.runtime.golden.*_error_bound): float64 exact values lie within
  them, and they are far below the values (a wrong head, scale or mask cannot hide).
- exp: IREE's math.exp and numpy's float32 exp are within golden.EXP_ULPS ulps of the
  exact value, the assumption the bounds rest on (measured: about 1 ulp for IREE and
  2.4 for numpy; EXP_ULPS = 4).
- CPU target: each op lowered by accel-lower-to-linalg, compiled by IREE and run
  agrees with the golden model within twice the bound (two implementations within the
  bound each); the KV cache ops, copies, bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import AccelError
from accel.dialects import accel_operations
from accel.core.mlir import make_context, parse_module
from accel.runtime import golden
from accel.targets.cpu.iree_backend import CpuCompiler, CpuModule

F32 = np.float32


def normal(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def exact_attention(q, k, v, mask=None, *, causal=False, scale=1.0):
    """float64 attention with K and V repeated per query head (the definition)."""
    q, k, v = (np.asarray(a, np.float64) for a in (q, k, v))
    group = q.shape[1] // k.shape[1]
    k, v = np.repeat(k, group, axis=1), np.repeat(v, group, axis=1)
    s = q @ k.swapaxes(-1, -2) * float(F32(scale))
    if mask is not None:
        s = s + np.asarray(mask, np.float64)
    if causal:
        rows, cols = s.shape[-2:]
        s = np.where(np.arange(cols)[None, :] <= np.arange(rows)[:, None] + cols - rows, s, -np.inf)
    peak = s.max(-1, keepdims=True)
    with np.errstate(invalid="ignore"):
        w = np.exp(s - peak)
        w = w / w.sum(-1, keepdims=True)
    w = np.where(peak == -np.inf, 0.0, w)
    return w @ v


# ---------------------------------------------------------------------------
# attention


ATTENTION_CASES = {
    # name: (B, Hq, Hkv, S, T, D, Dv, causal, mask shape or None)
    "gqa_causal": (2, 8, 2, 5, 5, 16, 16, True, None),
    "gqa_decode": (1, 8, 2, 1, 9, 16, 16, True, None),
    "mqa_prefix": (1, 4, 1, 3, 7, 8, 12, True, (1, 1, 3, 7)),
    "mha_padding": (2, 4, 4, 6, 6, 8, 8, False, (2, 1, 1, 6)),
    "per_head_mask": (1, 4, 2, 4, 4, 8, 8, False, (1, 4, 4, 4)),
}


@pytest.mark.parametrize("case", sorted(ATTENTION_CASES))
def test_attention_matches_the_definition_within_the_bound(case):
    b, hq, hkv, s, t, d, dv, causal, mask_shape = ATTENTION_CASES[case]
    rng = np.random.default_rng(sorted(ATTENTION_CASES).index(case))
    q, k, v = normal(rng, b, hq, s, d), normal(rng, b, hkv, t, d), normal(rng, b, hkv, t, dv)
    mask = None if mask_shape is None else normal(rng, *mask_shape)
    attrs = dict(num_heads=hq, num_kv_heads=hkv, causal=causal, scale=1.0 / np.sqrt(d))
    out = golden.attention(q, k, v, mask, **attrs)
    assert out.dtype == np.float32 and out.shape == (b, hq, s, dv)
    exact = exact_attention(q, k, v, mask, causal=causal, scale=attrs["scale"])
    bound = golden.attention_error_bound(q, k, v, mask, **attrs)
    assert np.all(np.abs(out - exact) <= bound)
    # Far below the values: a wrong head or mask is orders of magnitude off.
    assert bound.max() <= 1e-4 * np.abs(exact).max()


def test_attention_hand_computed():
    # One head, two keys with scores 0 and ln 3 * 2 (scale 0.5): weights 1/4 and 3/4.
    q = f32_array([[[[np.log(3.0)]]]])
    k = f32_array([[[[0.0], [2.0]]]])
    v = f32_array([[[[4.0, 0.0], [0.0, 8.0]]]])
    out = golden.attention(q, k, v, num_heads=1, num_kv_heads=1, causal=False, scale=0.5)
    np.testing.assert_allclose(out, [[[[1.0, 6.0]]]], rtol=1e-6)
    # Causal, aligned to the end: the one query is the last position, it sees both keys.
    same = golden.attention(q, k, v, num_heads=1, num_kv_heads=1, causal=True, scale=0.5)
    assert np.array_equal(same, out)


def f32_array(values):
    return np.array(values, dtype=np.float32)


def test_attention_gqa_reads_the_kv_head_of_its_group():
    # 4 query heads, 2 KV heads: heads 0, 1 read KV head 0 and heads 2, 3 KV head 1.
    rng = np.random.default_rng(3)
    q, k, v = normal(rng, 1, 4, 3, 8), normal(rng, 1, 2, 3, 8), normal(rng, 1, 2, 3, 8)
    out = golden.attention(q, k, v, num_heads=4, num_kv_heads=2, causal=True, scale=0.3)
    for h in range(4):
        alone = golden.attention(q[:, h : h + 1], k[:, h // 2 : h // 2 + 1], v[:, h // 2 : h // 2 + 1], num_heads=1, num_kv_heads=1, causal=True, scale=0.3)
        np.testing.assert_allclose(out[:, h : h + 1], alone, rtol=1e-6, atol=1e-7)


def test_attention_causal_mask_is_aligned_to_the_end():
    # S = 2 queries, T = 4 keys: query 0 is position 2 (sees keys 0..2), query 1 sees all.
    rng = np.random.default_rng(4)
    q, k, v = normal(rng, 1, 1, 2, 4), normal(rng, 1, 1, 4, 4), normal(rng, 1, 1, 4, 4)
    causal = golden.attention(q, k, v, num_heads=1, num_kv_heads=1, causal=True, scale=1.0)
    mask = np.zeros((1, 1, 2, 4), np.float32)
    mask[0, 0, 0, 3] = -np.inf
    masked = golden.attention(q, k, v, mask, num_heads=1, num_kv_heads=1, causal=False, scale=1.0)
    assert np.array_equal(causal, masked)


def test_attention_query_without_keys_is_zero():
    # Causal with S = 3 > T = 2: query 0 is position -1 and sees nothing; a mask row of
    # -inf likewise (PyTorch's sdpa gives such rows zeros, not NaN).
    rng = np.random.default_rng(5)
    q, k, v = normal(rng, 1, 2, 3, 4), normal(rng, 1, 2, 2, 4), normal(rng, 1, 2, 2, 4)
    out = golden.attention(q, k, v, num_heads=2, num_kv_heads=2, causal=True, scale=1.0)
    assert np.array_equal(out[:, :, 0], np.zeros((1, 2, 4), np.float32))
    assert np.all(np.abs(out[:, :, 1:]) > 0)
    mask = np.zeros((1, 1, 3, 2), np.float32)
    mask[..., 2, :] = -np.inf
    out = golden.attention(q, k, v, mask, num_heads=2, num_kv_heads=2, causal=False, scale=1.0)
    assert np.array_equal(out[:, :, 2], np.zeros((1, 2, 4), np.float32)) and not np.isnan(out).any()


@pytest.mark.parametrize(
    "shapes, attrs, message",
    [
        (((1, 4, 2, 8), (1, 3, 2, 8), (1, 3, 2, 8)), dict(num_heads=4, num_kv_heads=3), "heads: query 4, key 3"),
        (((1, 4, 2, 8), (1, 2, 5, 8), (1, 2, 4, 8)), dict(num_heads=4, num_kv_heads=2), "must be \\[B, Hq, S, D\\]"),
        (((1, 4, 2), (1, 2, 5, 8), (1, 2, 5, 8)), dict(num_heads=4, num_kv_heads=2), "must be rank 4"),
    ],
)
def test_attention_rejects_bad_shapes(shapes, attrs, message):
    arrays = [np.zeros(s, np.float32) for s in shapes]
    with pytest.raises(ValueError, match=message):
        golden.attention(*arrays, causal=False, scale=1.0, **attrs)


def test_attention_rejects_a_mask_that_does_not_broadcast():
    with pytest.raises(ValueError, match="mask .* must be"):
        golden.attention(np.zeros((1, 2, 3, 4), np.float32), np.zeros((1, 2, 5, 4), np.float32), np.zeros((1, 2, 5, 4), np.float32),
                         np.zeros((1, 1, 3, 4), np.float32), num_heads=2, num_kv_heads=2, causal=False, scale=1.0)


def test_attention_matches_torch_sdpa():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    q, k, v = normal(rng, 2, 8, 6, 16), normal(rng, 2, 2, 6, 16), normal(rng, 2, 2, 6, 16)
    ours = golden.attention(q, k, v, num_heads=8, num_kv_heads=2, causal=True, scale=0.25)
    theirs = torch.nn.functional.scaled_dot_product_attention(
        torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v), is_causal=True, scale=0.25, enable_gqa=True
    ).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    # A decode step: torch's is_causal is aligned to the start, so the end-aligned
    # causal mask is given explicitly; a boolean mask there means "may attend".
    q1 = q[:, :, -1:]
    allowed = torch.ones(1, 6, dtype=torch.bool)
    ours = golden.attention(q1, k, v, num_heads=8, num_kv_heads=2, causal=True, scale=0.25)
    theirs = torch.nn.functional.scaled_dot_product_attention(
        torch.from_numpy(q1), torch.from_numpy(k), torch.from_numpy(v), attn_mask=allowed, scale=0.25, enable_gqa=True
    ).numpy()
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


# ---------------------------------------------------------------------------
# softmax, rmsnorm, rope, silu_mul


def test_softmax_hand_computed_and_bounded():
    x = f32_array([[0.0, np.log(3.0)], [5.0, 5.0]])
    np.testing.assert_allclose(golden.softmax(x, axis=1), [[0.25, 0.75], [0.5, 0.5]], rtol=1e-6)
    rng = np.random.default_rng(7)
    x = normal(rng, 3, 17, 5, scale=20.0)
    exact = np.exp(x.astype(np.float64) - x.max(1, keepdims=True))
    exact /= exact.sum(1, keepdims=True)
    out = golden.softmax(x, axis=1)
    assert np.all(np.abs(out - exact) <= golden.softmax_error_bound(x, axis=1))
    # Max-subtracted: no overflow for large logits; an all -inf slice is NaN.
    assert np.array_equal(golden.softmax(f32_array([1000.0, 1000.0]), axis=0), f32_array([0.5, 0.5]))
    assert np.isnan(golden.softmax(f32_array([-np.inf, -np.inf]), axis=0)).all()
    with pytest.raises(ValueError, match="axis 2 is out of range for rank 2"):
        golden.softmax(x[0], axis=2)


def test_softmax_matches_torch():
    torch = pytest.importorskip("torch")
    x = normal(np.random.default_rng(8), 4, 9, scale=5.0)
    np.testing.assert_allclose(golden.softmax(x, axis=1), torch.softmax(torch.from_numpy(x), dim=1).numpy(), rtol=1e-6, atol=1e-7)


def test_rmsnorm_hand_computed_and_bounded():
    # mean(x^2) = (9 + 16) / 2 = 12.5; epsilon 0: x / sqrt(12.5) * w.
    x, w = f32_array([[3.0, 4.0]]), f32_array([1.0, 2.0])
    np.testing.assert_allclose(golden.rmsnorm(x, w, epsilon=0.0), [[3 / np.sqrt(12.5), 8 / np.sqrt(12.5)]], rtol=1e-6)
    rng = np.random.default_rng(9)
    x, w = normal(rng, 2, 5, 256, scale=3.0), normal(rng, 256)
    exact = x.astype(np.float64) / np.sqrt((x.astype(np.float64) ** 2).mean(-1, keepdims=True) + float(F32(1e-6))) * w
    out = golden.rmsnorm(x, w, epsilon=1e-6)
    bound = golden.rmsnorm_error_bound(x, w, epsilon=1e-6)
    assert np.all(np.abs(out - exact) <= bound) and bound.max() <= 1e-4 * np.abs(exact).max()
    # f16 input: x * r is rounded to f16 before the weight (LlamaRMSNorm's cast back).
    x16 = x.astype(np.float16)
    x32 = x16.astype(np.float32)
    r = F32(1) / np.sqrt((x32 * x32).sum(-1, keepdims=True, dtype=np.float32) / F32(256) + F32(1e-6))
    assert np.array_equal(golden.rmsnorm(x16, w, epsilon=1e-6), w * (x32 * r).astype(np.float16).astype(np.float32))
    with pytest.raises(ValueError, match=r"weight \(128,\) must be \[H\]"):
        golden.rmsnorm(x, w[:128], epsilon=1e-6)


def test_rmsnorm_matches_llama():
    pytest.importorskip("torch")
    modeling = pytest.importorskip("transformers.models.llama.modeling_llama")
    import torch

    rng = np.random.default_rng(10)
    x, w = normal(rng, 2, 7, 64), normal(rng, 64)
    norm = modeling.LlamaRMSNorm(64, eps=1e-5)
    with torch.no_grad():
        norm.weight.copy_(torch.from_numpy(w))
        theirs = norm(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(golden.rmsnorm(x, w, epsilon=1e-5), theirs, rtol=2e-6, atol=1e-6)


def test_rope_hand_computed_and_bounded():
    # D = 2: rotate_half([a, b]) = [-b, a], a 2-D rotation by the angle of (cos, sin).
    x = f32_array([[[[1.0, 2.0]]]])
    cos, sin = f32_array([[0.0, 0.0]]), f32_array([[1.0, 1.0]])
    assert golden.rope(x, cos, sin).tolist() == [[[[-2.0, 1.0]]]]
    rng = np.random.default_rng(11)
    x, cos, sin = normal(rng, 2, 4, 5, 8), normal(rng, 2, 1, 5, 8), normal(rng, 2, 1, 5, 8)
    x64 = x.astype(np.float64)
    rotated = np.concatenate([-x64[..., 4:], x64[..., :4]], axis=-1)
    exact = x64 * cos + rotated * sin
    assert np.all(np.abs(golden.rope(x, cos, sin) - exact) <= golden.rope_error_bound(x, cos, sin))
    # A rank-3 table aligns with [H, S, D] (numpy): transformers' [B, S, D] must be unsqueezed.
    with pytest.raises(ValueError, match="does not broadcast"):
        golden.rope(x, cos[:, 0], sin[:, 0])
    with pytest.raises(ValueError, match="D even"):
        golden.rope(x[..., :7], cos[..., :7], sin[..., :7])


def test_rope_matches_transformers():
    pytest.importorskip("torch")
    modeling = pytest.importorskip("transformers.models.llama.modeling_llama")
    import torch

    rng = np.random.default_rng(12)
    q, k, cos, sin = normal(rng, 1, 4, 6, 8), normal(rng, 1, 2, 6, 8), normal(rng, 1, 6, 8), normal(rng, 1, 6, 8)
    q_out, k_out = modeling.apply_rotary_pos_emb(*(torch.from_numpy(a) for a in (q, k, cos, sin)))
    assert np.array_equal(golden.rope(q, cos[:, None], sin[:, None]), q_out.numpy())
    assert np.array_equal(golden.rope(k, cos[:, None], sin[:, None]), k_out.numpy())


def test_silu_mul_hand_computed_and_bounded():
    # silu(0) = 0; silu(x) -> x for large x, -> -0 for very negative x (exp overflows).
    g, u = f32_array([0.0, 100.0, -1000.0]), f32_array([5.0, 2.0, 3.0])
    out = golden.silu_mul(g, u)
    assert out.tolist() == [0.0, 200.0, 0.0]
    rng = np.random.default_rng(13)
    g, u = normal(rng, 7, 33, scale=4.0), normal(rng, 7, 33)
    exact = g.astype(np.float64) / (1 + np.exp(-g.astype(np.float64))) * u
    assert np.all(np.abs(golden.silu_mul(g, u) - exact) <= golden.silu_mul_error_bound(g, u))


def test_silu_mul_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(14)
    g, u = normal(rng, 4, 16, scale=3.0), normal(rng, 4, 16)
    theirs = (torch.nn.functional.silu(torch.from_numpy(g)) * torch.from_numpy(u)).numpy()
    assert np.all(np.abs(golden.silu_mul(g, u) - theirs) <= 2 * golden.silu_mul_error_bound(g, u))


# ---------------------------------------------------------------------------
# KV cache


def test_kv_contiguous_append_and_read():
    cache = np.zeros((1, 2, 6, 3), np.float32)
    new = np.arange(1 * 2 * 2 * 3, dtype=np.float32).reshape(1, 2, 2, 3) + 1
    out = golden.kv_append(cache, new, 3, layout="contiguous")
    assert np.array_equal(out[:, :, 3:5], new) and not out[:, :, :3].any() and not out[:, :, 5:].any()
    assert not cache.any()  # the input is not modified
    assert np.array_equal(golden.kv_read(out, 5, layout="contiguous"), out[:, :, :5])
    with pytest.raises(ValueError, match=r"positions \[5, 7\) of 1 sequences do not fit"):
        golden.kv_append(cache, new, 5, layout="contiguous")
    with pytest.raises(ValueError, match="length 7 is outside"):
        golden.kv_read(cache, 7, layout="contiguous")


def test_kv_paged_layout_equals_contiguous():
    """A prefill then decode steps, appended to both layouts: every read agrees, and
    the pool holds each position where its block table says."""
    rng = np.random.default_rng(15)
    batch, heads, dim, block = 2, 2, 4, 4
    contiguous = np.zeros((batch, heads, 16, dim), np.float32)
    pool = np.full((9, heads, block, dim), -1.0, np.float32)
    table = np.array([[5, 2, 7, 0], [1, 8, 3, 6]], np.int32)  # disjoint blocks, shuffled
    pos = 0
    for count in (6, 1, 1, 3):
        new = normal(rng, batch, heads, count, dim)
        contiguous = golden.kv_append(contiguous, new, pos, layout="contiguous")
        pool = golden.kv_append(pool, new, pos, table, layout="paged")
        pos += count
        assert np.array_equal(golden.kv_read(pool, pos, table, layout="paged"), golden.kv_read(contiguous, pos, layout="contiguous"))
    # Position 9 of sequence 1: block table[1, 2] = 3, slot 1.
    assert np.array_equal(pool[3, :, 1], contiguous[1, :, 9])
    # Block 4 is nobody's: untouched.
    assert (pool[4] == -1.0).all()


def test_kv_paged_rejects_undefined_uses():
    pool = np.zeros((4, 1, 2, 1), np.float32)
    new = np.ones((2, 1, 1, 1), np.float32)
    with pytest.raises(ValueError, match=r"block_table entries must be in \[0, 4\), got \[4\]"):
        golden.kv_append(pool, new, 0, np.array([[4, 0], [1, 2]], np.int32), layout="paged")
    with pytest.raises(ValueError, match="two written positions share one slot"):
        golden.kv_append(pool, new, 0, np.array([[3, 0], [3, 2]], np.int32), layout="paged")
    with pytest.raises(ValueError, match=r"positions \[4, 5\) exceed 2 blocks of 2"):
        golden.kv_append(pool, new, 4, np.array([[3, 0], [1, 2]], np.int32), layout="paged")
    with pytest.raises(ValueError, match="block_table must be int32"):
        golden.kv_read(pool, 1, np.array([[3, 0]], np.int64), layout="paged")
    with pytest.raises(ValueError, match="a paged cache needs a block table"):
        golden.kv_read(pool, 1, layout="paged")


KV_MODULE = """
func.func @step(%cache: tensor<1x2x8x4xf32>, %new: tensor<1x2x1x4xf32>, %pos: index) -> tensor<1x2x?x4xf32> {
  %u = "accel.kv_append"(%cache, %new, %pos) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, tensor<1x2x1x4xf32>, index) -> tensor<1x2x8x4xf32>
  %r = "accel.kv_read"(%u, %pos) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, index) -> tensor<1x2x?x4xf32>
  return %r : tensor<1x2x?x4xf32>
}
"""


def test_evaluate_interprets_kv_ops_with_index_operands():
    module = parse_module(KV_MODULE, make_context())
    cache = normal(np.random.default_rng(16), 1, 2, 8, 4)
    new = np.ones((1, 2, 1, 4), np.float32)
    (read,) = golden.evaluate(module, "step", [cache, new, np.int64(3)])
    assert read.shape == (1, 2, 3, 4) and np.array_equal(read, cache[:, :, :3])
    with pytest.raises(AccelError, match="'accel.kv_append': positions \\[8, 9\\) of 1 sequences do not fit"):
        golden.evaluate(module, "step", [cache, new, np.int64(8)])


# ---------------------------------------------------------------------------
# exp, the one non-reproducible function


EXP_MODULE = """
#id = affine_map<(d0) -> (d0)>
func.func @exp(%x: tensor<65536xf32>) -> tensor<65536xf32> {
  %e = tensor.empty() : tensor<65536xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<65536xf32>) outs(%e : tensor<65536xf32>) {
  ^bb0(%a: f32, %b: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<65536xf32>
  return %y : tensor<65536xf32>
}
"""


def test_exp_is_within_exp_ulps_on_cpu_and_in_numpy(compiler):
    x = np.linspace(-87.0, 88.0, 65536, dtype=np.float32)
    (iree,) = CpuModule(compiler.compile(compiler.parse(EXP_MODULE)))("exp", x)
    exact = np.exp(x.astype(np.float64))
    ulp = np.spacing(exact.astype(np.float32)).astype(np.float64)
    assert np.max(np.abs(iree - exact) / ulp) <= golden.EXP_ULPS
    assert np.max(np.abs(np.exp(x) - exact) / ulp) <= golden.EXP_ULPS


# ---------------------------------------------------------------------------
# The CPU target against the golden model

CPU_MODULE = """
func.func @attention_gqa(%q: tensor<2x8x5x16xf32>, %k: tensor<2x2x7x16xf32>, %v: tensor<2x2x7x12xf32>, %m: tensor<2x1x5x7xf32>) -> tensor<2x8x5x12xf32> {
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 8 : i64, num_kv_heads = 2 : i64, causal = true, scale = 0.25 : f64} : (tensor<2x8x5x16xf32>, tensor<2x2x7x16xf32>, tensor<2x2x7x12xf32>, tensor<2x1x5x7xf32>) -> tensor<2x8x5x12xf32>
  return %o : tensor<2x8x5x12xf32>
}
func.func @attention_dynamic(%q: tensor<?x4x?x8xf32>, %k: tensor<?x4x?x8xf32>, %v: tensor<?x4x?x8xf32>) -> tensor<?x4x?x8xf32> {
  %o = "accel.attention"(%q, %k, %v) {num_heads = 4 : i64, num_kv_heads = 4 : i64, causal = true, scale = 0.35355339059327373 : f64} : (tensor<?x4x?x8xf32>, tensor<?x4x?x8xf32>, tensor<?x4x?x8xf32>) -> tensor<?x4x?x8xf32>
  return %o : tensor<?x4x?x8xf32>
}
func.func @attention_head_mask(%q: tensor<1x4x6x8xf32>, %k: tensor<1x1x3x8xf32>, %v: tensor<1x1x3x8xf32>, %m: tensor<1x4x6x3xf32>) -> tensor<1x4x6x8xf32> {
  %o = "accel.attention"(%q, %k, %v, %m) {num_heads = 4 : i64, num_kv_heads = 1 : i64, causal = true, scale = 1.0 : f64} : (tensor<1x4x6x8xf32>, tensor<1x1x3x8xf32>, tensor<1x1x3x8xf32>, tensor<1x4x6x3xf32>) -> tensor<1x4x6x8xf32>
  return %o : tensor<1x4x6x8xf32>
}
func.func @rmsnorm(%x: tensor<3x5x256xf32>, %w: tensor<256xf32>) -> tensor<3x5x256xf32> {
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.0e-6 : f64} : (tensor<3x5x256xf32>, tensor<256xf32>) -> tensor<3x5x256xf32>
  return %y : tensor<3x5x256xf32>
}
func.func @rmsnorm_dynamic(%x: tensor<?x48xf32>, %w: tensor<48xf32>) -> tensor<?x48xf32> {
  %y = "accel.rmsnorm"(%x, %w) {epsilon = 1.0e-5 : f64} : (tensor<?x48xf32>, tensor<48xf32>) -> tensor<?x48xf32>
  return %y : tensor<?x48xf32>
}
func.func @rope(%x: tensor<2x4x5x16xf32>, %c: tensor<2x1x5x16xf32>, %s: tensor<2x1x5x16xf32>) -> tensor<2x4x5x16xf32> {
  %y = "accel.rope"(%x, %c, %s) : (tensor<2x4x5x16xf32>, tensor<2x1x5x16xf32>, tensor<2x1x5x16xf32>) -> tensor<2x4x5x16xf32>
  return %y : tensor<2x4x5x16xf32>
}
func.func @rope_table(%x: tensor<1x3x7x8xf32>, %c: tensor<7x8xf32>, %s: tensor<7x8xf32>) -> tensor<1x3x7x8xf32> {
  %y = "accel.rope"(%x, %c, %s) : (tensor<1x3x7x8xf32>, tensor<7x8xf32>, tensor<7x8xf32>) -> tensor<1x3x7x8xf32>
  return %y : tensor<1x3x7x8xf32>
}
func.func @silu_mul(%g: tensor<5x33xf32>, %u: tensor<5x33xf32>) -> tensor<5x33xf32> {
  %y = "accel.silu_mul"(%g, %u) : (tensor<5x33xf32>, tensor<5x33xf32>) -> tensor<5x33xf32>
  return %y : tensor<5x33xf32>
}
func.func @softmax(%x: tensor<4x9x6xf32>) -> tensor<4x9x6xf32> {
  %y = "accel.softmax"(%x) {axis = 1 : i64} : (tensor<4x9x6xf32>) -> tensor<4x9x6xf32>
  return %y : tensor<4x9x6xf32>
}
func.func @kv_contiguous(%c: tensor<2x2x16x8xf32>, %n: tensor<2x2x3x8xf32>, %p: tensor<1xi64>) -> (tensor<2x2x16x8xf32>, tensor<2x2x?x8xf32>) {
  %c0 = arith.constant 0 : index
  %pe = tensor.extract %p[%c0] : tensor<1xi64>
  %pos = arith.index_cast %pe : i64 to index
  %u = "accel.kv_append"(%c, %n, %pos) {layout = "contiguous"} : (tensor<2x2x16x8xf32>, tensor<2x2x3x8xf32>, index) -> tensor<2x2x16x8xf32>
  %c3 = arith.constant 3 : index
  %len = arith.addi %pos, %c3 : index
  %r = "accel.kv_read"(%u, %len) {layout = "contiguous"} : (tensor<2x2x16x8xf32>, index) -> tensor<2x2x?x8xf32>
  return %u, %r : tensor<2x2x16x8xf32>, tensor<2x2x?x8xf32>
}
func.func @kv_paged(%c: tensor<10x2x4x8xf32>, %n: tensor<2x2x3x8xf32>, %p: tensor<1xi64>, %t: tensor<2x4xi32>) -> (tensor<10x2x4x8xf32>, tensor<2x2x?x8xf32>) {
  %c0 = arith.constant 0 : index
  %pe = tensor.extract %p[%c0] : tensor<1xi64>
  %pos = arith.index_cast %pe : i64 to index
  %u = "accel.kv_append"(%c, %n, %pos, %t) {layout = "paged"} : (tensor<10x2x4x8xf32>, tensor<2x2x3x8xf32>, index, tensor<2x4xi32>) -> tensor<10x2x4x8xf32>
  %c3 = arith.constant 3 : index
  %len = arith.addi %pos, %c3 : index
  %r = "accel.kv_read"(%u, %len, %t) {layout = "paged"} : (tensor<10x2x4x8xf32>, index, tensor<2x4xi32>) -> tensor<2x2x?x8xf32>
  return %u, %r : tensor<10x2x4x8xf32>, tensor<2x2x?x8xf32>
}
"""


@pytest.fixture(scope="module")
def compiler():
    with CpuCompiler() as session:
        yield session


@pytest.fixture(scope="module")
def cpu(compiler):
    module = compiler.parse(CPU_MODULE)
    with compiler.context:
        Pipeline.parse("builtin.module(accel-lower-to-linalg)").run(module)
    assert not accel_operations(module.operation)
    return CpuModule(compiler.compile(module))


def within(actual, expected, bound):
    """`actual` is a correct implementation: within twice the bound of the golden."""
    assert actual.dtype == np.float32 and actual.shape == expected.shape
    assert np.all(np.abs(actual.astype(np.float64) - expected) <= 2 * bound)


def test_cpu_attention_gqa_causal_mask(cpu):
    rng = np.random.default_rng(20)
    q, k, v, m = normal(rng, 2, 8, 5, 16), normal(rng, 2, 2, 7, 16), normal(rng, 2, 2, 7, 12), normal(rng, 2, 1, 5, 7)
    attrs = dict(num_heads=8, num_kv_heads=2, causal=True, scale=0.25)
    (out,) = cpu("attention_gqa", q, k, v, m)
    within(out, golden.attention(q, k, v, m, **attrs), golden.attention_error_bound(q, k, v, m, **attrs))


@pytest.mark.parametrize("b, s, t", [(1, 1, 9), (2, 6, 6), (3, 5, 8)])
def test_cpu_attention_dynamic_shapes(cpu, b, s, t):
    rng = np.random.default_rng(21 + s)
    q, k, v = normal(rng, b, 4, s, 8), normal(rng, b, 4, t, 8), normal(rng, b, 4, t, 8)
    attrs = dict(num_heads=4, num_kv_heads=4, causal=True, scale=float(1 / np.sqrt(8)))
    (out,) = cpu("attention_dynamic", q, k, v)
    within(out, golden.attention(q, k, v, **attrs), golden.attention_error_bound(q, k, v, **attrs))


def test_cpu_attention_rows_without_keys_are_zero(cpu):
    # Causal with S = 6 > T = 3: queries 0..2 see no key; a per-head mask also hides
    # every key from query 4 of head 1. Those rows are exactly zero, as the golden.
    rng = np.random.default_rng(22)
    q, k, v, m = normal(rng, 1, 4, 6, 8), normal(rng, 1, 1, 3, 8), normal(rng, 1, 1, 3, 8), normal(rng, 1, 4, 6, 3)
    m[0, 1, 4] = -np.inf
    attrs = dict(num_heads=4, num_kv_heads=1, causal=True, scale=1.0)
    (out,) = cpu("attention_head_mask", q, k, v, m)
    expected = golden.attention(q, k, v, m, **attrs)
    assert not out[:, :, :3].any() and not out[0, 1, 4].any() and not np.isnan(out).any()
    within(out, expected, golden.attention_error_bound(q, k, v, m, **attrs))


def test_cpu_rmsnorm(cpu):
    rng = np.random.default_rng(23)
    x, w = normal(rng, 3, 5, 256, scale=3.0), normal(rng, 256)
    (out,) = cpu("rmsnorm", x, w)
    within(out, golden.rmsnorm(x, w, epsilon=1e-6), golden.rmsnorm_error_bound(x, w, epsilon=1e-6))
    for rows in (1, 7):
        x, w = normal(rng, rows, 48), normal(rng, 48)
        (out,) = cpu("rmsnorm_dynamic", x, w)
        within(out, golden.rmsnorm(x, w, epsilon=1e-5), golden.rmsnorm_error_bound(x, w, epsilon=1e-5))


def test_cpu_rope(cpu):
    rng = np.random.default_rng(24)
    x, c, s = normal(rng, 2, 4, 5, 16), normal(rng, 2, 1, 5, 16), normal(rng, 2, 1, 5, 16)
    (out,) = cpu("rope", x, c, s)
    within(out, golden.rope(x, c, s), golden.rope_error_bound(x, c, s))
    x, c, s = normal(rng, 1, 3, 7, 8), normal(rng, 7, 8), normal(rng, 7, 8)
    (out,) = cpu("rope_table", x, c, s)
    within(out, golden.rope(x, c, s), golden.rope_error_bound(x, c, s))


def test_cpu_silu_mul(cpu):
    rng = np.random.default_rng(25)
    g, u = normal(rng, 5, 33, scale=6.0), normal(rng, 5, 33)
    g[0, :3] = [-200.0, 0.0, 90.0]  # exp(-g) overflows, silu(0), silu(x) = x
    (out,) = cpu("silu_mul", g, u)
    within(out, golden.silu_mul(g, u), golden.silu_mul_error_bound(g, u))


def test_cpu_softmax(cpu):
    x = normal(np.random.default_rng(26), 4, 9, 6, scale=10.0)
    (out,) = cpu("softmax", x)
    within(out, golden.softmax(x, axis=1), golden.softmax_error_bound(x, axis=1))


def test_cpu_kv_cache_is_bit_exact(cpu):
    rng = np.random.default_rng(27)
    cache, new = normal(rng, 2, 2, 16, 8), normal(rng, 2, 2, 3, 8)
    updated, read = cpu("kv_contiguous", cache, new, np.array([5]))
    expected = golden.kv_append(cache, new, 5, layout="contiguous")
    assert np.array_equal(updated, expected) and np.array_equal(read, golden.kv_read(expected, 8, layout="contiguous"))
    pool, table = normal(rng, 10, 2, 4, 8), np.array([[3, 7, 1, 0], [9, 2, 5, 4]], np.int32)
    # Positions 2..4 cross a block boundary (blocks of 4) in both sequences.
    updated, read = cpu("kv_paged", pool, new, np.array([2]), table)
    expected = golden.kv_append(pool, new, 2, table, layout="paged")
    assert np.array_equal(updated, expected)
    assert np.array_equal(read, golden.kv_read(expected, 5, table, layout="paged"))
