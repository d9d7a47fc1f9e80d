"""Tests of the raising passes (accel-raise-attention, -rmsnorm, -rope, -silu-mul,
-softmax) and of the expression matching they share (accel.compiler.linalg_match).

- linalg_match: expressions read through chains of elementwise generics with their
  maps composed, remember the tensors they came from, and see reductions through
  keepdim reshapes; dead accel ops are erased.
- Each lit test's hand-written functions compute the same before and after raising:
  compiled for the CPU as linalg, and raised then lowered again (accel-lower-to-linalg),
  they agree within float tolerance on random inputs.
- The imported models of test/passes/Inputs raise to the expected op counts, whatever
  the order of the passes and with canonicalization first.
- The key acceptance: a tiny Llama (hidden 256, 2 layers, 8 heads, 2 KV heads, seeded)
  imported by accel's frontend with eager and with sdpa attention shows exactly one
  accel.attention per layer after raising (K and V not repeated, the in-graph causal
  mask evaluated into causal = true), and the raised model run on the CPU target gives
  PyTorch's logits within 1e-4 * max|logit|. A BERT encoder with a padding mask (an
  input, kept as the mask operand) likewise. Skipped without torch / transformers.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from accel.compiler import linalg_match as lm
from accel.compiler.passes.accel_op_stats import op_histogram
from accel.compiler.pass_pipeline import Pipeline
from accel.dialects import accel_operations, verify_accel
from accel.core.mlir import ir, make_context, parse_module
from accel.targets.cpu.iree_backend import CpuCompiler, CpuModule
from accel.runtime.golden import numpy_dtype

ROOT = Path(__file__).resolve().parents[2]
INPUTS = ROOT / "test" / "passes" / "Inputs"
RAISE_ALL = "accel-raise-rmsnorm, accel-raise-rope, accel-raise-silu-mul, accel-raise-softmax, accel-raise-attention"
MISSING = [name for name in ("torch", "transformers", "iree.turbine") if importlib.util.find_spec(name.split(".")[0]) is None or (name == "iree.turbine" and importlib.util.find_spec(name) is None)]
needs_torch = pytest.mark.skipif(bool(MISSING), reason=f"needs torch, transformers and iree-turbine; missing: {', '.join(MISSING)}")


def run(module, pipeline: str) -> None:
    with module.context:
        Pipeline.parse(f"builtin.module({pipeline})").run(module)


def counts(module) -> Counter:
    return op_histogram(module.operation)


# ---------------------------------------------------------------------------
# linalg_match

CHAIN = """
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#t = affine_map<(d0, d1) -> (d1, d0)>
func.func @f(%x: tensor<4x4xf32>, %b: tensor<4xf32>) -> tensor<4x4xf32> {
  %two = arith.constant 2.000000e+00 : f32
  %half = arith.constant dense<5.000000e-01> : tensor<4x4xf32>
  %e = tensor.empty() : tensor<4x4xf32>
  %sq = linalg.generic {indexing_maps = [#t, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %b : tensor<4x4xf32>, tensor<4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %m = arith.mulf %a, %two : f32
    %r = arith.addf %m, %c : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  %y = linalg.generic {indexing_maps = [#t, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%sq, %half : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%a: f32, %h: f32, %o: f32):
    %i = linalg.index 1 : index
    %r = arith.mulf %a, %h : f32
    linalg.yield %r : f32
  } -> tensor<4x4xf32>
  return %y : tensor<4x4xf32>
}
"""


def function_ops(module, name="f"):
    for op in module.body.operations:
        if "sym_name" in op.attributes and ir.StringAttr(op.attributes["sym_name"]).value == name:
            return list(op.regions[0].blocks[0].operations)
    raise KeyError(name)


def test_expression_inlines_elementwise_producers_with_composed_maps(context):
    module = parse_module(CHAIN, context)
    ops = function_ops(module)
    x, b = (arg for arg in ops[0].operation.parent.regions[0].blocks[0].arguments)
    sq, y = ops[3].results[0], ops[4].results[0]
    expr = lm.expression(y)
    # y = sq^T * 0.5 with sq = x^T * 2 + b[row]: through the transposes x reads at the
    # identity, b at the column; the splat tensor is a constant.
    identity = ir.AffineMap.get_identity(2)
    column = ir.AffineMap.get(2, 0, [ir.AffineDimExpr.get(1)])
    assert expr == lm.Op("arith.mulf", (lm.Op("arith.addf", (lm.Op("arith.mulf", (lm.Read(x, identity), lm.Const(2.0))), lm.Read(b, column))), lm.Const(0.5)))
    # The inlined subtree remembers the tensor it computes, read through the transpose.
    inner = expr.args[0]
    assert inner.origin == lm.Read(sq, ir.AffineMap.get_permutation([1, 0]))
    assert lm.tensor_of(expr) == lm.Read(y, identity)
    # Depth 1 stops at the producer.
    assert lm.expression(y, depth=1).args[0] == lm.Read(sq, ir.AffineMap.get_permutation([1, 0]))
    assert lm.identity_operand(expr, 2) == y and lm.identity_operand(inner, 2) is None


def test_reduction_and_keepdim_reads_through_expand_shape(context):
    module = parse_module(
        """
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#keep = affine_map<(d0, d1) -> (d0, 0)>
func.func @f(%x: tensor<3x5xf32>) -> tensor<3x5xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %e3 = tensor.empty() : tensor<3xf32>
  %init = linalg.fill ins(%ninf : f32) outs(%e3 : tensor<3xf32>) -> tensor<3xf32>
  %max = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<3x5xf32>) outs(%init : tensor<3xf32>) {
  ^bb0(%a: f32, %m: f32):
    %r = arith.maximumf %m, %a : f32
    linalg.yield %r : f32
  } -> tensor<3xf32>
  %keep = tensor.expand_shape %max [[0, 1]] output_shape [3, 1] : tensor<3xf32> into tensor<3x1xf32>
  %e = tensor.empty() : tensor<3x5xf32>
  %d = linalg.generic {indexing_maps = [#id, #keep, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %keep : tensor<3x5xf32>, tensor<3x1xf32>) outs(%e : tensor<3x5xf32>) {
  ^bb0(%a: f32, %m: f32, %o: f32):
    %r = arith.subf %a, %m : f32
    linalg.yield %r : f32
  } -> tensor<3x5xf32>
  return %d : tensor<3x5xf32>
}
""",
        context,
    )
    ops = function_ops(module)
    max_value, d = ops[3].results[0], ops[6].results[0]
    found = lm.reduction(max_value)
    assert (found.combiner, found.reduced, found.init, found.rank) == ("arith.maximumf", (1,), lm.Const(float("-inf")), 2)
    x = ops[0].operation.parent.regions[0].blocks[0].arguments[0]
    assert found.body == lm.Read(x, ir.AffineMap.get_identity(2))
    peak = lm.expression(d).args[1]
    assert lm.peel_unit_reshapes(peak) == lm.Read(max_value, ir.AffineMap.get(2, 0, [ir.AffineDimExpr.get(0)]))
    assert lm.reduction_read(peak, 1, ("arith.maximumf",)) == found
    assert lm.reduction_read(peak, 0, ("arith.maximumf",)) is None  # not over that axis
    assert lm.reduction_read(peak, 1, ("arith.addf",)) is None  # not that combiner


def test_dead_accel_ops_are_erased_with_what_fed_them(context):
    module = parse_module(
        """func.func @f(%x: tensor<4x8xf32>, %cache: tensor<1x2x8x4xf32>, %n: index, %t: !accel.token) -> tensor<4x8xf32> {
  %p = "accel.softmax"(%x) {axis = 1 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %q = "accel.softmax"(%p) {axis = 0 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  %r = "accel.kv_read"(%cache, %n) {layout = "contiguous"} : (tensor<1x2x8x4xf32>, index) -> tensor<1x2x?x4xf32>
  %kept = "accel.softmax"(%x) {axis = 0 : i64} : (tensor<4x8xf32>) -> tensor<4x8xf32>
  "accel.wait"(%t) : (!accel.token) -> ()
  return %kept : tensor<4x8xf32>
}""",
        context,
    )
    lm.rewrite_greedily(module.operation, {})
    # Graph ops are pure: the unused ones go, with the softmax only they used. A
    # scheduled op (accel.wait) orders the program: it stays.
    assert [op.name for op in accel_operations(module.operation)] == ["accel.softmax", "accel.wait"]


# ---------------------------------------------------------------------------
# The lit tests' functions compute the same before and after raising

LIT_FILES = ["accel-raise-attention", "accel-raise-rmsnorm", "accel-raise-rope", "accel-raise-silu-mul", "accel-raise-softmax"]


def lit_chunks(name: str) -> list[str]:
    text = (ROOT / "test" / "passes" / f"{name}.mlir").read_text()
    return [chunk for chunk in re.split(r"^// -----$", text, flags=re.M)]


def functions_of(module) -> list[tuple[str, list[ir.Type]]]:
    found = []
    for op in module.body.operations:
        if op.operation.name == "func.func":
            signature = ir.TypeAttr(op.attributes["function_type"]).value
            found.append((ir.StringAttr(op.attributes["sym_name"]).value, list(signature.inputs)))
    return found


@pytest.fixture(scope="module")
def compiler():
    with CpuCompiler() as session:
        yield session


@pytest.mark.parametrize("name", LIT_FILES)
def test_raising_preserves_what_the_lit_functions_compute(compiler, name):
    rng = np.random.default_rng(LIT_FILES.index(name))
    pass_name = name
    for chunk in lit_chunks(name):
        original = compiler.parse(chunk)
        raised = compiler.parse(chunk)
        run(raised, f"{pass_name}, accel-lower-to-linalg")
        plain, lowered = CpuModule(compiler.compile(original)), CpuModule(compiler.compile(raised))
        for function, types in functions_of(original):
            inputs = [rng.standard_normal(t.shape).astype(numpy_dtype(t.element_type)) for t in types]
            expected = plain(function, *inputs)
            actual = lowered(function, *inputs)
            for a, e in zip(actual, expected):
                np.testing.assert_allclose(a, e, rtol=2e-5, atol=2e-6, err_msg=f"{name} @{function}")


# ---------------------------------------------------------------------------
# The imported models of test/passes/Inputs

IMPORTED = {
    # file: (attention, rmsnorm, rope, silu_mul) raised by all five passes
    "llama-eager": (1, 3, 2, 1),
    "llama-sdpa": (1, 3, 2, 1),
    "bert-eager": (1, 0, 0, 0),
    "bert-sdpa": (1, 0, 0, 0),
}


@pytest.mark.parametrize("pipeline", [RAISE_ALL, "canonicalize, cse, " + RAISE_ALL, "accel-raise-attention, accel-raise-softmax, accel-raise-silu-mul, accel-raise-rope, accel-raise-rmsnorm"])
@pytest.mark.parametrize("name", sorted(IMPORTED))
def test_imported_models_raise(name, pipeline):
    module = parse_module((INPUTS / f"{name}.mlir").read_text(), make_context())
    run(module, pipeline)
    verify_accel(module)
    found = counts(module)
    attention, rmsnorm, rope, silu_mul = IMPORTED[name]
    assert (found["accel.attention"], found["accel.rmsnorm"], found["accel.rope"], found["accel.silu_mul"]) == (attention, rmsnorm, rope, silu_mul)
    # The softmax went into the attention; no attention product is left.
    assert found["accel.softmax"] == 0 and found["linalg.batch_matmul"] == 0
    # What is left computes no softmax, no RMSNorm (BERT's LayerNorm keeps its rsqrt).
    assert found["math.exp"] == 0 and found["math.rsqrt"] == (0 if name.startswith("llama") else 3)


def raised_attention(name: str, pipeline: str):
    module = parse_module((INPUTS / f"{name}.mlir").read_text(), make_context())
    run(module, pipeline)
    [attention] = [op for op in accel_operations(module.operation) if op.name == "accel.attention"]
    return module, attention


@pytest.mark.parametrize("name", ["llama-eager", "llama-sdpa"])
def test_llama_attention_reads_kv_heads_unrepeated_and_is_causal(name):
    module, attention = raised_attention(name, "accel-raise-attention")
    # The mask transformers builds from position ids is evaluated and found causal.
    assert [str(v.type) for v in attention.operands] == ["tensor<1x4x8x16xf32>", "tensor<1x2x8x16xf32>", "tensor<1x2x8x16xf32>"]
    assert (attention.attributes["num_heads"].value, attention.attributes["num_kv_heads"].value) == (4, 2)
    assert attention.attributes["scale"].value == 0.25 and attention.attributes["causal"].value
    # The [1, 2, 2, 8, 16] broadcasts of repeat_kv are gone with the products.
    assert "tensor<1x2x2x8x16xf32>" not in str(module)
    _, kept = raised_attention(name, "accel-raise-attention{causal-masks=keep}")
    assert str(kept.operands[3].type) == "tensor<1x1x8x8xf32>" and not kept.attributes["causal"].value


def test_a_mask_from_the_inputs_is_kept():
    # BERT's padding mask comes from its attention_mask argument: not a constant.
    _, attention = raised_attention("bert-eager", "accel-raise-attention")
    assert str(attention.operands[3].type) == "tensor<1x1x8x8xf32>" and not attention.attributes["causal"].value


def test_causal_mask_recognition():
    from accel.compiler.passes.accel_raise_attention import is_causal_mask

    s, t = 3, 5
    visible = np.arange(t)[None, :] <= np.arange(s)[:, None] + (t - s)
    finfo_min = np.where(visible, 0.0, np.finfo(np.float32).min).astype(np.float32)[None, None]
    assert is_causal_mask(finfo_min, s, t)
    assert is_causal_mask(np.where(visible, 0.0, -np.inf)[None, None], s, t)
    assert not is_causal_mask(finfo_min, t, s)  # not this shape
    top_left = np.where(np.arange(t)[None, :] <= np.arange(s)[:, None], 0.0, -np.inf)[None, None]
    assert not is_causal_mask(top_left, s, t)  # aligned to the start, not the end
    soft = finfo_min.copy()
    soft[..., 0, 4] = -1e4  # hides little: exp(-1e4 + score) is 0, but not for every score
    assert not is_causal_mask(soft, s, t)
    biased = finfo_min.copy()
    biased[..., 2, 0] = 0.5  # a visible entry that is not 0 changes the scores
    assert not is_causal_mask(biased, s, t)


def test_op_stats_places_every_accel_op_and_the_raised_graph():
    from accel.compiler.passes.accel_op_stats import placement
    from accel.dialects import ACCEL

    assert placement("accel.attention") == "matrix"
    assert {placement(name) for name in ("accel.rmsnorm", "accel.rope", "accel.silu_mul", "accel.softmax")} == {"vector"}
    assert placement("accel.kv_append") == placement("accel.kv_read") == "none"  # copies: DMA work
    assert not [name for name in ACCEL.ops if placement(name) == "fallback"]
    module = parse_module((INPUTS / "llama-eager.mlir").read_text(), make_context())
    before = Counter()
    for name, count in counts(module).items():
        before[placement(name)] += count
    run(module, RAISE_ALL)
    after = Counter()
    for name, count in counts(module).items():
        after[placement(name)] += count
    # The layer's attention, norms, rotary embeddings and MLP activation leave the
    # host (fallback) for the accelerator's units.
    assert after["fallback"] < before["fallback"] / 2
    assert (after["matrix"], after["vector"]) == (before["matrix"] - 2 + 1, 3 + 2 + 1)


# ---------------------------------------------------------------------------
# Real transformers models, raised and run on the CPU target

TINY_LLAMA = json.loads((ROOT / "test" / "frontend" / "Inputs" / "tiny-llama.json").read_text())
SEQ_LEN = 16


@needs_torch
@pytest.mark.parametrize("attention", ["eager", "sdpa"])
def test_tiny_llama_raised_has_one_attention_per_layer_and_pytorch_logits(compiler, attention):
    import torch

    from accel.compiler.frontend import build_hf_model, from_torch, hf_example_inputs

    config = dict(TINY_LLAMA, attn_implementation=attention)
    model = build_hf_model(config, seed=0)
    inputs = hf_example_inputs(model, kind="causal-lm", seq_len=SEQ_LEN, seed=0)
    module = from_torch(model, example_kwargs=inputs, context=compiler.context)
    before = counts(module)
    run(module, RAISE_ALL)
    verify_accel(module)
    after = counts(module)
    layers = config["num_hidden_layers"]
    assert before["linalg.batch_matmul"] == 2 * layers
    assert after["accel.attention"] == layers and after["linalg.batch_matmul"] == 0
    assert (after["accel.rmsnorm"], after["accel.rope"], after["accel.silu_mul"]) == (2 * layers + 1, 2 * layers, layers)
    heads, kv_heads, head_dim = 8, 2, 32
    for op in accel_operations(module.operation):
        if op.name == "accel.attention":
            assert (op.attributes["num_heads"].value, op.attributes["num_kv_heads"].value) == (heads, kv_heads)
            # K and V keep their 2 heads; the causal mask became the causal flag.
            assert [str(v.type) for v in op.operands[1:]] == [f"tensor<1x{kv_heads}x{SEQ_LEN}x{head_dim}xf32>"] * 2
            assert op.attributes["causal"].value
    run(module, "accel-lower-to-linalg")
    cpu = CpuModule(compiler.compile(module))
    for seed in (0, 1):
        input_ids = hf_example_inputs(model, kind="causal-lm", seq_len=SEQ_LEN, seed=seed)["input_ids"]
        (logits,) = cpu("main", input_ids.numpy())
        with torch.no_grad():
            expected = model(input_ids=input_ids, use_cache=False).logits.numpy()
        assert np.abs(logits - expected).max() <= 1e-4 * np.abs(expected).max()
        assert (logits.argmax(-1) == expected.argmax(-1)).all()


TINY_BERT = {
    "model_type": "bert",
    "hidden_size": 128,
    "intermediate_size": 256,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "vocab_size": 512,
    "max_position_embeddings": 64,
}


@needs_torch
@pytest.mark.parametrize("attention", ["eager", "sdpa"])
def test_bert_encoder_raised_matches_pytorch_with_padding(compiler, attention):
    import torch

    from accel.compiler.frontend import build_hf_model, from_torch, hf_example_inputs

    model = build_hf_model(dict(TINY_BERT, attn_implementation=attention), seed=0, kind="encoder")
    inputs = hf_example_inputs(model, kind="encoder", seq_len=12, batch=2, seed=0)
    module = from_torch(model, example_kwargs=inputs, context=compiler.context)
    run(module, RAISE_ALL)
    attentions = [op for op in accel_operations(module.operation) if op.name == "accel.attention"]
    assert len(attentions) == TINY_BERT["num_hidden_layers"]
    # The padding mask comes from the attention_mask input: an operand, not causal.
    assert all(len(op.operands) == 4 and not op.attributes["causal"].value for op in attentions)
    run(module, "accel-lower-to-linalg")
    cpu = CpuModule(compiler.compile(module))
    mask = torch.ones(2, 12, dtype=torch.int64)
    mask[1, 7:] = 0  # the second sequence is padded: its last keys are masked out
    outputs = cpu("main", inputs["input_ids"].numpy(), mask.numpy())
    with torch.no_grad():
        expected = model(input_ids=inputs["input_ids"], attention_mask=mask).last_hidden_state.numpy()
    assert np.abs(outputs[0] - expected).max() <= 1e-4 * np.abs(expected).max()
