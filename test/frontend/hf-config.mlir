// A Hugging Face config in (a tiny Llama), linalg out. With --weights external the
// model is built on the meta device: no weight values anywhere, every parameter a
// named reference; the function takes token ids and returns logits.

// REQUIRES: torch
// RUN: accelc import --hf-config %S/Inputs/tiny-llama.json --seq-len 8 --weights external -o - | filecheck %s

// CHECK: util.global private @model.embed_tokens.weight = #flow.parameter.named<"model"::"model.embed_tokens.weight"> : tensor<1000x256xf32>
// CHECK: util.global private @model.layers.0.self_attn.q_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.q_proj.weight"> : tensor<256x256xf32>
// CHECK: util.global private @model.layers.0.self_attn.k_proj.weight = #flow.parameter.named<"model"::"model.layers.0.self_attn.k_proj.weight"> : tensor<64x256xf32>
// CHECK: util.global private @model.layers.1.mlp.down_proj.weight = #flow.parameter.named<"model"::"model.layers.1.mlp.down_proj.weight"> : tensor<256x512xf32>
// CHECK: util.global private @lm_head.weight = #flow.parameter.named<"model"::"lm_head.weight"> : tensor<1000x256xf32>
// CHECK-LABEL: util.func public @main(%{{.*}}: tensor<1x8xi64>) -> tensor<1x8x1000xf32>
// CHECK: util.global.load @model.layers.0.self_attn.q_proj.weight
// CHECK: linalg.batch_matmul
// CHECK: util.return %{{.*}} : tensor<1x8x1000xf32>
// CHECK-NOT: torch.
