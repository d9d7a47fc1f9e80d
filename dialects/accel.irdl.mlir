// Generated from dialects/accel.py by `python -m accel.dialects.irdl -o dialects/accel.irdl.mlir`.
// Do not edit: a test fails when this file and the definitions disagree.
irdl.dialect @accel {
  // Completion of an asynchronous accel op; consumed by ops that depend on it.
  irdl.type @token {
  }
  // Memory space of a memref: DRAM (off chip) or SRAM (on chip).
  irdl.attribute @memspace {
    %0 = irdl.is "dram"
    %1 = irdl.is "sram"
    %2 = irdl.any_of(%0, %1)
    irdl.parameters(kind: %2)
  }
  // Dynamic symmetric int8 quantization, one scale per row (over the last dim).
  irdl.operation @quantize {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0)
    irdl.results(output: %1, scale: %2)
  }
  // Symmetric dequantization of a [N, K] weight: `output = f32(input) * scale`.
  irdl.operation @dequantize {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "#builtin.integer"
    %3 = irdl.base "#builtin.integer"
    %4 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0, scale: %1)
    irdl.attributes {"bits" = %2, "group_size" = %3}
    irdl.results(output: %4)
  }
  // Matmul with quantized weights: `result[m, n] = sum_k lhs[m, k] * weight[n, k]`.
  irdl.operation @qmatmul {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "!builtin.tensor"
    %3 = irdl.base "!builtin.tensor"
    %4 = irdl.is "w8a8"
    %5 = irdl.is "w8a16"
    %6 = irdl.is "w4a16"
    %7 = irdl.any_of(%4, %5, %6)
    %8 = irdl.base "#builtin.integer"
    %9 = irdl.base "!builtin.tensor"
    irdl.operands(lhs: %0, weight: %1, weight_scale: %2, lhs_scale: optional %3)
    irdl.attributes {"scheme" = %7, "group_size" = %8}
    irdl.results(result: %9)
  }
  // Scaled dot-product attention with grouped KV heads: `softmax(q k^T * scale + mask) v`.
  irdl.operation @attention {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "!builtin.tensor"
    %3 = irdl.base "!builtin.tensor"
    %4 = irdl.base "#builtin.integer"
    %5 = irdl.base "#builtin.integer"
    %6 = irdl.is true
    %7 = irdl.is false
    %8 = irdl.any_of(%6, %7)
    %9 = irdl.base "#builtin.float"
    %10 = irdl.base "!builtin.tensor"
    irdl.operands(query: %0, key: %1, value: %2, mask: optional %3)
    irdl.attributes {"num_heads" = %4, "num_kv_heads" = %5, "causal" = %8, "scale" = %9}
    irdl.results(result: %10)
  }
  // Root-mean-square normalization over the last dim: `x * rsqrt(mean(x^2) + epsilon) * weight`.
  irdl.operation @rmsnorm {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "#builtin.float"
    %3 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0, weight: %1)
    irdl.attributes {"epsilon" = %2}
    irdl.results(result: %3)
  }
  // Rotary position embedding, rotate-half convention: `x * cos + rotate_half(x) * sin`.
  irdl.operation @rope {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "!builtin.tensor"
    %3 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0, cos: %1, sin: %2)
    irdl.results(result: %3)
  }
  // The gated-MLP activation `silu(gate) * up`, with `silu(g) = g / (1 + exp(-g))`.
  irdl.operation @silu_mul {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.base "!builtin.tensor"
    irdl.operands(gate: %0, up: %1)
    irdl.results(result: %2)
  }
  // Softmax along `axis`, max-subtracted: `exp(x - max(x)) / sum(exp(x - max(x)))`.
  irdl.operation @softmax {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "#builtin.integer"
    %2 = irdl.base "!builtin.tensor"
    irdl.operands(input: %0)
    irdl.attributes {"axis" = %1}
    irdl.results(result: %2)
  }
  // Writes S new keys (or values) per sequence into a KV cache at positions [pos, pos + S).
  irdl.operation @kv_append {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.base "!builtin.tensor"
    %2 = irdl.is index
    %3 = irdl.base "!builtin.tensor"
    %4 = irdl.is "contiguous"
    %5 = irdl.is "paged"
    %6 = irdl.any_of(%4, %5)
    %7 = irdl.base "!builtin.tensor"
    irdl.operands(cache: %0, new: %1, pos: %2, block_table: optional %3)
    irdl.attributes {"layout" = %6}
    irdl.results(result: %7)
  }
  // Reads positions [0, length) of every sequence from a KV cache: result [B, Hkv, T, D], T = length.
  irdl.operation @kv_read {
    %0 = irdl.base "!builtin.tensor"
    %1 = irdl.is index
    %2 = irdl.base "!builtin.tensor"
    %3 = irdl.is "contiguous"
    %4 = irdl.is "paged"
    %5 = irdl.any_of(%3, %4)
    %6 = irdl.base "!builtin.tensor"
    irdl.operands(cache: %0, length: %1, block_table: optional %2)
    irdl.attributes {"layout" = %5}
    irdl.results(result: %6)
  }
  // An on-chip SRAM buffer at a fixed address (`offset`, in bytes) of the memory plan.
  irdl.operation @alloc {
    %0 = irdl.base "#builtin.integer"
    %1 = irdl.base "!builtin.memref"
    irdl.attributes {"offset" = %0}
    irdl.results(buffer: %1)
  }
  // Asynchronous copy of a DRAM window into an SRAM buffer; returns its token.
  irdl.operation @dma_load {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.parametric @accel::@token<>
    %3 = irdl.parametric @accel::@token<>
    irdl.operands(source: %0, dest: %1, deps: variadic %2)
    irdl.results(token: %3)
  }
  // Asynchronous copy of an SRAM buffer (or its origin corner) into a DRAM window.
  irdl.operation @dma_store {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.parametric @accel::@token<>
    %3 = irdl.parametric @accel::@token<>
    irdl.operands(source: %0, dest: %1, deps: variadic %2)
    irdl.results(token: %3)
  }
  // Tile matmul on the matrix unit: `acc (+)= lhs x rhs^T`, all in SRAM.
  irdl.operation @mma {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.base "!builtin.memref"
    %3 = irdl.parametric @accel::@token<>
    %4 = irdl.is true
    %5 = irdl.is false
    %6 = irdl.any_of(%4, %5)
    %7 = irdl.parametric @accel::@token<>
    irdl.operands(lhs: %0, rhs: %1, acc: %2, deps: variadic %3)
    irdl.attributes {"accumulate" = %6}
    irdl.results(token: %7)
  }
  // Vector-unit epilogue of an int8 tile: `out = (f32(acc) * row_scale[m]) * col_scale[n]`.
  irdl.operation @rescale {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.base "!builtin.memref"
    %3 = irdl.base "!builtin.memref"
    %4 = irdl.parametric @accel::@token<>
    %5 = irdl.parametric @accel::@token<>
    irdl.operands(acc: %0, row_scale: %1, col_scale: %2, out: %3, deps: variadic %4)
    irdl.results(token: %5)
  }
  // Vector-unit elementwise unary op: `out = kind(input)`, input broadcast to out's shape.
  irdl.operation @vunary {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.parametric @accel::@token<>
    %3 = irdl.is "copy"
    %4 = irdl.is "cast"
    %5 = irdl.is "neg"
    %6 = irdl.is "abs"
    %7 = irdl.is "exp"
    %8 = irdl.is "rsqrt"
    %9 = irdl.is "sqrt"
    %10 = irdl.is "recip"
    %11 = irdl.is "silu"
    %12 = irdl.is "gelu"
    %13 = irdl.is "erf"
    %14 = irdl.is "round"
    %15 = irdl.is "clamp"
    %16 = irdl.any_of(%3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15)
    %17 = irdl.parametric @accel::@token<>
    irdl.operands(input: %0, out: %1, deps: variadic %2)
    irdl.attributes {"kind" = %16}
    irdl.results(token: %17)
  }
  // Vector-unit elementwise binary op: `out = kind(lhs, rhs)`, both broadcast to out's shape.
  irdl.operation @vbinary {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.base "!builtin.memref"
    %3 = irdl.parametric @accel::@token<>
    %4 = irdl.is "add"
    %5 = irdl.is "sub"
    %6 = irdl.is "mul"
    %7 = irdl.is "div"
    %8 = irdl.is "max"
    %9 = irdl.is "min"
    %10 = irdl.any_of(%4, %5, %6, %7, %8, %9)
    %11 = irdl.parametric @accel::@token<>
    irdl.operands(lhs: %0, rhs: %1, out: %2, deps: variadic %3)
    irdl.attributes {"kind" = %10}
    irdl.results(token: %11)
  }
  // Vector-unit row reduction over the last dim: `out[..., 0] = kind_j input[..., j]`.
  irdl.operation @vreduce {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.parametric @accel::@token<>
    %3 = irdl.is "sum"
    %4 = irdl.is "max"
    %5 = irdl.any_of(%3, %4)
    %6 = irdl.parametric @accel::@token<>
    irdl.operands(input: %0, out: %1, deps: variadic %2)
    irdl.attributes {"kind" = %5}
    irdl.results(token: %6)
  }
  // Gathers rows of a table by index: `out[r, :] = table[indices[r], :]` (embedding lookup).
  irdl.operation @gather {
    %0 = irdl.base "!builtin.memref"
    %1 = irdl.base "!builtin.memref"
    %2 = irdl.base "!builtin.memref"
    %3 = irdl.parametric @accel::@token<>
    %4 = irdl.parametric @accel::@token<>
    irdl.operands(table: %0, indices: %1, out: %2, deps: variadic %3)
    irdl.results(token: %4)
  }
  // A token that is already complete: what an op waits for when it waits for nothing.
  irdl.operation @ready {
    %0 = irdl.parametric @accel::@token<>
    irdl.results(token: %0)
  }
  // Blocks the control flow until every token has completed.
  irdl.operation @wait {
    %0 = irdl.parametric @accel::@token<>
    irdl.operands(tokens: variadic %0)
  }
}
