"""Regenerates the imported-model inputs of the accel-raise-* lit tests.

    python test/passes/Inputs/make_imported_inputs.py

Tiny seeded transformers models (a LlamaForCausalLM with grouped-query attention, a
BertModel), each with eager and sdpa attention, imported by accel's frontend with
external weights (named parameters, no values): the IR is exactly the linalg IREE's
torch-to-iree makes of them, small enough to read. Needs the torch extra.
"""

from __future__ import annotations

from pathlib import Path

from accel.compiler.frontend import from_hf_config

HERE = Path(__file__).resolve().parent
SEQ_LEN = 8
MODELS = {
    "llama": (
        "causal-lm",
        "LlamaForCausalLM (1 layer, hidden 64, 4 heads, 2 KV heads)",
        dict(model_type="llama", hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
             num_key_value_heads=2, vocab_size=64, max_position_embeddings=32),
    ),
    "bert": (
        "encoder",
        "BertModel (1 layer, hidden 64, 4 heads)",
        dict(model_type="bert", hidden_size=64, intermediate_size=128, num_hidden_layers=1, num_attention_heads=4,
             vocab_size=64, max_position_embeddings=32),
    ),
}
HEADER = """// Imported by accel's frontend (compiler/frontend) from a seeded tiny transformers
// {what}, attn_implementation="{impl}", weights external:
//   from_hf_config({config}, seed=0, seq_len={seq_len}, kind="{kind}", weights="external")
// An input of test/passes/accel-raise-*.mlir: the linalg IREE's torch-to-iree makes.
// Regenerate with test/passes/Inputs/make_imported_inputs.py.
"""


def main() -> None:
    for name, (kind, what, config) in MODELS.items():
        for impl in ("eager", "sdpa"):
            full = dict(config, attn_implementation=impl)
            module = from_hf_config(full, seed=0, seq_len=SEQ_LEN, kind=kind, weights="external")
            header = HEADER.format(what=what, impl=impl, config=full, seq_len=SEQ_LEN, kind=kind)
            path = HERE / f"{name}-{impl}.mlir"
            path.write_text(header + module.operation.get_asm(large_elements_limit=16))
            print(path)


if __name__ == "__main__":
    main()
