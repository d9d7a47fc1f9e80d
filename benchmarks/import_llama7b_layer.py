"""Peak memory and time of importing Llama-2-7B-shaped models without their weights.

A Llama-2-7B decoder layer (hidden 4096, 32 heads, 32 KV heads, MLP 11008: 202M
parameters, 810 MB in f32) is built on the meta device and imported with
`from_torch(..., weights="external")`: every weight becomes a `util.global` that
references parameter "model"::NAME, and no weight is ever allocated. Goal: peak RSS
under 4 GB. The second row imports a whole 1-layer Llama-2-7B (embeddings and LM head
too, 464M parameters) from its config with `from_hf_config(..., weights="external")`.

Each case runs in a fresh process, which measures its own peak RSS
(`resource.getrusage(RUSAGE_SELF).ru_maxrss`, which includes the Python stack:
torch, transformers, IREE's compiler).

    python benchmarks/import_llama7b_layer.py [--seq-len 128] [--json]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

LLAMA2_7B = {
    "model_type": "llama",
    "hidden_size": 4096,
    "intermediate_size": 11008,
    "num_attention_heads": 32,
    "num_key_value_heads": 32,
    "num_hidden_layers": 1,
    "vocab_size": 32000,
    "max_position_embeddings": 4096,
    "rms_norm_eps": 1e-5,
}
CASES = ("decoder-layer", "model-1-layer")
GOAL_BYTES = 4 * 1024**3


def run_case(case: str, seq_len: int) -> dict:
    """Imports `case` in this process; returns its figures."""
    started = time.perf_counter()
    import torch
    from transformers import LlamaConfig
    from transformers.models.llama.modeling_llama import LlamaDecoderLayer

    from accel.compiler.frontend import from_hf_config, from_torch, parameter_sizes

    libraries = time.perf_counter() - started
    started = time.perf_counter()
    if case == "decoder-layer":
        config = LlamaConfig(**{k: v for k, v in LLAMA2_7B.items() if k != "model_type"})
        config._attn_implementation = "sdpa"
        with torch.device("meta"):
            layer = LlamaDecoderLayer(config, layer_idx=0).eval()
        head_dim = config.hidden_size // config.num_attention_heads
        hidden = torch.empty(1, seq_len, config.hidden_size, device="meta")
        cos = torch.empty(1, seq_len, head_dim, device="meta")
        sin = torch.empty(1, seq_len, head_dim, device="meta")
        module = from_torch(layer, (hidden,), example_kwargs={"position_embeddings": (cos, sin)}, weights="external")
    else:
        module = from_hf_config(LLAMA2_7B, seq_len=seq_len, weights="external")
    imported = time.perf_counter() - started
    weights = parameter_sizes(module)
    return {
        "case": case,
        "seq_len": seq_len,
        "libraries_s": round(libraries, 2),
        "import_s": round(imported, 2),
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "weights": len(weights),
        "weight_bytes": sum(weights.values()),
        "ir_chars": len(str(module)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seq-len", type=int, default=128)
    parser.add_argument("--case", choices=CASES, action="append", help="run only this case (repeatable)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    parser.add_argument("--child", choices=CASES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child, args.seq_len)))
        return 0
    results = []
    for case in args.case or CASES:
        started = time.perf_counter()
        child = subprocess.run(
            [sys.executable, __file__, "--child", case, "--seq-len", str(args.seq_len)],
            capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"},
        )
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return 1
        result = json.loads(child.stdout.strip().splitlines()[-1])
        result["process_s"] = round(time.perf_counter() - started, 2)
        results.append(result)
    if args.json:
        for result in results:
            print(json.dumps(result))
        return 0
    print(f"{'case':<14} {'weights':>7} {'weight MB':>9} {'import s':>8} {'process s':>9} {'peak RSS MB':>11}")
    for r in results:
        print(f"{r['case']:<14} {r['weights']:>7} {r['weight_bytes'] / 1e6:>9.0f} {r['import_s']:>8.2f} {r['process_s']:>9.2f} {r['peak_rss_bytes'] / 2**20:>11.0f}")
    print(f"goal: peak RSS < {GOAL_BYTES / 2**30:.0f} GB (weights never allocated: meta device, external parameters)")
    return 0 if all(r["peak_rss_bytes"] < GOAL_BYTES for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
