"""Regenerates the imported decoder steps of the accel-raise-kv-cache lit test.

    python test/passes/Inputs/make_decode_inputs.py

A tiny seeded LlamaForCausalLM (1 layer, hidden 64, 4 heads, 2 KV heads), its
forward step over an explicit KV cache (accel.compiler.frontend.decode) imported with
external weights (named parameters, no values): the linalg IREE's torch-to-iree makes
of transformers' StaticCache writes (index_copy) and masked attention, for a decode
step (S = 1) and a prefill (S = 4) over a cache of 16 positions. Needs the torch extra.
"""

from __future__ import annotations

from pathlib import Path

from accel.compiler.frontend.decode import from_decoder
from accel.compiler.frontend.hf_import import build_hf_model

HERE = Path(__file__).resolve().parent
CONFIG = dict(model_type="llama", hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
              num_key_value_heads=2, vocab_size=64, max_position_embeddings=32)
MAX_CACHE_LEN = 16
STEPS = {"decode": 1, "prefill": 4}
HEADER = """// Imported by accel's frontend from a seeded tiny transformers LlamaForCausalLM
// (1 layer, hidden 64, 4 heads, 2 KV heads), its step over an explicit KV cache,
// weights external:
//   from_decoder(build_hf_model({config}, seed=0), seq_len={seq_len}, max_cache_len={max_len}, weights="external")
// @main(input_ids [1, {seq_len}], position [], k_0, v_0 [1, 2, {max_len}, 16]) -> (logits, k_0', v_0')
// An input of test/passes/accel-raise-kv-cache.mlir. Regenerate with
// test/passes/Inputs/make_decode_inputs.py.
"""


def main() -> None:
    model = build_hf_model(CONFIG, seed=0)
    for name, seq_len in STEPS.items():
        module = from_decoder(model, seq_len=seq_len, max_cache_len=MAX_CACHE_LEN, weights="external")
        path = HERE / f"llama-{name}-step.mlir"
        path.write_text(HEADER.format(config=CONFIG, seq_len=seq_len, max_len=MAX_CACHE_LEN) + module.operation.get_asm(large_elements_limit=16))
        print(path)


if __name__ == "__main__":
    main()
