"""accel's frontends: real models in, linalg on tensors (L1) out, in-process.

    from accel.compiler.frontend import from_hf_config, from_hf_model, from_onnx, from_mlir, from_torch
    module = from_hf_config("llama.json", seed=0, seq_len=32, context=compiler.context)

| input | function | path |
|---|---|---|
| torch.nn.Module | `from_torch(model, args)` | torch.export (non-strict) + decompositions -> iree-turbine fx importer -> `torch-to-iree` |
| Hugging Face config | `from_hf_config(config, seed=...)` | transformers `from_config`, seeded random weights -> `from_torch` |
| Hugging Face folder | `from_hf_model(dir)` | transformers `from_pretrained(local_files_only=True)` -> `from_torch` |
| .onnx file | `from_onnx(path)` | IREE's ONNX importer -> `torch-onnx-to-torch-backend-pipeline` -> `torch-to-iree` |
| MLIR text | `from_mlir(text)` | detect torch / ONNX / StableHLO / TOSA / linalg -> IREE's input pipeline for it |

Every function returns an `ir.Module` in the given `context` (a new accel context by
default; pass a `CpuCompiler`'s to compile it for the CPU without a copy).

What the imported IR (L1) looks like, the contract for the passes that raise it:

- One public function per entry point: `util.func` (torch, ONNX) or `func.func`
  (StableHLO, TOSA, linalg given as is), named `main` for PyTorch models (ONNX: the
  graph's name). Its signature is tensors only, statically shaped from the example
  inputs, no `!hal.buffer_view` ABI: IREE adds that when it compiles.
  Hugging Face models take `input_ids` (causal LMs) or `input_ids, attention_mask`
  (encoders), i64 [batch, seq_len], and return the model output's tensors in order:
  logits [batch, seq_len, vocab] for a causal LM; last_hidden_state then any pooled
  output for an encoder.
- Weights are `util.global private` ops read by `util.global.load`:
  PyTorch: every tensor the program reads (parameters, buffers persistent or not,
  lifted constants), named after it (`@model.layers.0.self_attn.q_proj.weight`,
  `@model.rotary_emb.inv_freq`); ONNX: every initializer of 100 elements or more,
  named after it (smaller ones, shape operands among them, stay `arith.constant`);
  StableHLO / TOSA: every non-splat tensor constant, as `@__constant_tensor_<shape>`.
  The initial value is a `dense_resource` blob (named like the global), or with
  `weights="external"` a reference `#flow.parameter.named<"model"::"NAME">`
  (ONNX: `#stream.parameter.named`), whose values are in an .irpa archive or, for a
  meta-device model, nowhere. See parameters.py.
- The body is linalg on tensors as IREE's input conversion leaves it: `linalg.matmul`
  / `linalg.batch_matmul` for linear layers and attention products (weights
  transposed by `linalg.transpose`), `linalg.generic` for element-wise ops,
  normalizations and softmax, `tensor.expand_shape` / `collapse_shape` / `extract_slice`
  / `concat` for reshapes and rotary embeddings, `iree_linalg_ext` ops where torch has
  no linalg form (scan, sort, scatter), `cf.assert` for the model's runtime checks.
  Locations point into the model's Python source (PyTorch) or name the ONNX node.

`raising_stats(module)` (stats.py; `accelc import --stats`) says what accel makes of
an imported module: its op histogram before and after raising, the unit each op
runs on, and the ops that fall back, named and located.

The torch stack (torch, transformers, iree-turbine, onnx) is optional: this package
imports without it (from_mlir works), and the functions that need it raise an
AccelError saying `pip install accel[torch]`.
"""

from __future__ import annotations

import importlib

from accel.compiler.frontend.mlir_import import INPUT_PIPELINES, convert_to_linalg, detect_input_dialect, from_mlir
from accel.compiler.frontend.parameters import bind_parameters, parameter_globals, parameter_sizes, save_parameters
from accel.compiler.frontend.sources import import_source, write_module
from accel.compiler.frontend.stats import RaisingStats, raising_stats

# Public names defined in modules that import the optional torch stack: loaded on
# first use, so that importing this package does not import torch.
_LAZY = {
    "from_torch": "torch_import",
    "export_program": "torch_import",
    "import_program": "torch_import",
    "from_hf_config": "hf_import",
    "from_hf_model": "hf_import",
    "build_hf_model": "hf_import",
    "load_hf_model": "hf_import",
    "hf_example_inputs": "hf_import",
    "from_onnx": "onnx_import",
}

__all__ = [
    "INPUT_PIPELINES",
    "RaisingStats",
    "bind_parameters",
    "convert_to_linalg",
    "detect_input_dialect",
    "from_mlir",
    "import_source",
    "parameter_globals",
    "parameter_sizes",
    "raising_stats",
    "save_parameters",
    "write_module",
    *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
