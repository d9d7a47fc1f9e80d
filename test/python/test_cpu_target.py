"""Tests of the CPU target (accel.targets.cpu.iree_backend) against the golden model.

The path under test: float linalg -> accel-quantize -> accel-lower-to-linalg -> IREE
(llvm-cpu, in-process) -> .vmfb -> iree.runtime. The reference is the golden model
run on the graph as accel-quantize left it (accel.runtime.golden.evaluate).

- w8a8 and accel.quantize / accel.dequantize are compared with `np.array_equal`: the
  semantics fix every f32 rounding, and the lowering reproduces them.
- w8a16 / w4a16 sum floats in an order IREE chooses. The golden model defines them up
  to `golden.qmatmul_error_bound` (Higham's gamma_K bound of a K-term dot product in
  any order, relative to the exact real result), so two correct implementations
  differ by at most twice that bound: the tolerance used here, per element.

IREE's CPU runtime flushes subnormal floats to zero (its task workers set FTZ/DAZ
unconditionally), so inputs here are normal floats; the one deviation this causes is
pinned down by `test_subnormal_rows_are_flushed_by_iree`.

Compiles take about a second each: modules are compiled once per test module, each
holding several functions (odd and even shapes, dynamic rows, the weight forms).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import AccelError
from accel.dialects import QMatmulOp, accel_operations
from accel.core.mlir import ir, make_context
from accel.runtime import golden
from accel.targets.cpu.iree_backend import CpuCompiler, CpuModule, compile_cpu, run_cpu
from accel.runtime.quantization import quantize_rows, quantize_weight

IREE_RUN_MODULE = os.path.join(os.path.dirname(sys.executable), "iree-run-module")

# (name, M, K, N); M None: dynamic rows. int4 K: multiples of 128, the largest group.
SHAPES_INT8 = [("odd", 37, 70, 53), ("gemv", 1, 256, 8), ("one_column", 16, 33, 1), ("dynamic", None, 96, 24)]
SHAPES_INT4 = [("odd", 37, 128, 53), ("gemv", 1, 256, 8), ("dynamic", None, 384, 17)]
SCHEMES = {"w8a8": (SHAPES_INT8, 0), "w8a16": (SHAPES_INT8, 0), "w4a16_g32": (SHAPES_INT4, 32), "w4a16_g128": (SHAPES_INT4, 128)}


def dense(context: ir.Context, array: np.ndarray) -> str:
    with context:
        return str(ir.DenseElementsAttr.get(np.ascontiguousarray(array)))


def matmul_function(context, name: str, m: int | None, k: int, n: int, rng) -> str:
    """@name: x [m, k] times a random constant weight [k, n], from a zero init."""
    rows = "?" if m is None else str(m)
    x_type, y_type = f"tensor<{rows}x{k}xf32>", f"tensor<{rows}x{n}xf32>"
    sizes = "(%m)" if m is None else "()"
    dim = "%c0 = arith.constant 0 : index\n  %m = tensor.dim %x, %c0 : " + x_type if m is None else ""
    weight = rng.standard_normal((k, n)).astype(np.float32)
    return f"""func.func @{name}(%x: {x_type}) -> {y_type} {{
  {dim}
  %zero = arith.constant 0.0 : f32
  %w = arith.constant {dense(context, weight)}
  %empty = tensor.empty{sizes} : {y_type}
  %init = linalg.fill ins(%zero : f32) outs(%empty : {y_type}) -> {y_type}
  %y = linalg.matmul ins(%x, %w : {x_type}, tensor<{k}x{n}xf32>) outs(%init : {y_type}) -> {y_type}
  return %y : {y_type}
}}
"""


def torch_linear_with_bias(context, rng) -> str:
    """What torch-to-iree makes of nn.Linear (weight [N, K] in a util.global, then
    linalg.transpose), accumulating into a bias argument: the non-zero-init path."""
    weight = rng.standard_normal((19, 48)).astype(np.float32)
    return f"""util.global private @linear_weight = {dense(context, weight)}
util.func public @linear(%x: tensor<6x48xf32>, %bias: tensor<6x19xf32>) -> tensor<6x19xf32> {{
  %w = util.global.load @linear_weight : tensor<19x48xf32>
  %t = tensor.empty() : tensor<48x19xf32>
  %wt = linalg.transpose ins(%w : tensor<19x48xf32>) outs(%t : tensor<48x19xf32>) permutation = [1, 0]
  %y = linalg.matmul ins(%x, %wt : tensor<6x48xf32>, tensor<48x19xf32>) outs(%bias : tensor<6x19xf32>) -> tensor<6x19xf32>
  util.return %y : tensor<6x19xf32>
}}
"""


class Compiled:
    """A module compiled for the CPU, with the graph-level IR the golden model runs."""

    def __init__(self, compiler: CpuCompiler, text: str, quantize: str | None):
        module = compiler.parse(text)
        with compiler.context:
            if quantize:
                Pipeline.parse(f"builtin.module(accel-quantize{{{quantize}}})").run(module)
            self.graph = module.operation.clone()
            Pipeline.parse("builtin.module(accel-lower-to-linalg)").run(module)
        assert not accel_operations(module.operation)
        self.vmfb = compiler.compile(module)
        self.cpu = CpuModule(self.vmfb)

    def golden(self, function: str, *inputs) -> list[np.ndarray]:
        return golden.evaluate(self.graph, function, list(inputs))

    def qmatmul(self, function: str) -> QMatmulOp:
        """The qmatmul of `function` in the graph (for its constant operands)."""
        for op in self.graph.regions[0].blocks[0].operations:
            if "sym_name" in op.attributes and ir.StringAttr(op.attributes["sym_name"]).value == function:
                (found,) = [o for o in accel_operations(op) if o.name == QMatmulOp.op_name()]
                return QMatmulOp(found)
        raise KeyError(function)


def constant_of(value: ir.Value) -> np.ndarray:
    assert value.owner.name == "arith.constant"
    return np.array(value.owner.attributes["value"])


def activations(rng, m: int, k: int) -> np.ndarray:
    """Random rows of very different magnitudes, one all-zero row and one outlier:
    every branch of the per-row quantization (normal floats only, see the docstring)."""
    x = rng.standard_normal((m, k)) * 10.0 ** rng.uniform(-4, 4, size=(m, 1))
    if m > 2:
        x[1] = 0.0
        x[2, k // 2] = 3.0e4
    return x.astype(np.float32)


@pytest.fixture(scope="module")
def compiler():
    with CpuCompiler() as session:
        yield session


@pytest.fixture(scope="module")
def compile_scheme(compiler):
    """Compiles the module of a SCHEMES entry on first use, once per test module."""
    compiled: dict[str, tuple] = {}

    def get(key: str):
        if key not in compiled:
            shapes, group_size = SCHEMES[key]
            scheme = key.split("_")[0]
            rng = np.random.default_rng(sorted(SCHEMES).index(key))
            text = "".join(matmul_function(compiler.context, name, m, k, n, rng) for name, m, k, n in shapes)
            if scheme == "w8a8":
                text += torch_linear_with_bias(compiler.context, rng)
            options = f"scheme={scheme}" + (f" group-size={group_size}" if group_size else "")
            compiled[key] = (scheme, shapes, Compiled(compiler, text, options))
        return compiled[key]

    return get


@pytest.fixture(params=sorted(SCHEMES))
def quantized(request, compile_scheme):
    return compile_scheme(request.param)


@pytest.fixture
def w8a8(compile_scheme):
    return compile_scheme("w8a8")


def test_quantized_matmuls_match_the_golden_model(quantized):
    scheme, shapes, compiled = quantized
    rng = np.random.default_rng(11)
    for name, m, k, n in shapes:
        for rows in [m] if m is not None else [1, 7, 64]:
            for _ in range(3):
                x = activations(rng, rows, k)
                (expected,) = compiled.golden(name, x)
                (actual,) = compiled.cpu(name, x)
                assert actual.dtype == np.float32 and actual.shape == (rows, n)
                if scheme == "w8a8":
                    assert np.array_equal(actual, expected), f"@{name}: w8a8 must be bit-exact"
                    continue
                qmatmul = compiled.qmatmul(name)
                bound = golden.qmatmul_error_bound(
                    x, constant_of(qmatmul.weight), constant_of(qmatmul.weight_scale), scheme=scheme, group_size=qmatmul.group_size
                )
                error = np.abs(actual.astype(np.float64) - expected)
                assert np.all(error <= 2 * bound), f"@{name}: {scheme} beyond twice the golden error bound"
                # A tolerance far below the quantization error itself (1e-2 relative and
                # more): a wrong scale, layout or nibble order cannot hide in it.
                assert np.max(2 * bound) <= 1e-3 * np.max(np.abs(expected))


def test_w8a8_torch_linear_with_bias(w8a8):
    """Weight from a util.global through linalg.transpose, accumulating into a bias:
    quantize_rows, then the golden qmatmul, then one f32 add (bit-exact: the lowering
    keeps IREE from contracting the add into an FMA with the last scale multiply)."""
    _, _, compiled = w8a8
    rng = np.random.default_rng(5)
    x, bias = activations(rng, 6, 48), rng.standard_normal((6, 19)).astype(np.float32)
    qmatmul = compiled.qmatmul("linear")
    weight, weight_scale = constant_of(qmatmul.weight), constant_of(qmatmul.weight_scale)
    q, scale = quantize_rows(x)
    expected = golden.qmatmul(q, weight, weight_scale, scale, scheme="w8a8", group_size=0) + bias
    (actual,) = compiled.cpu("linear", x, bias)
    assert np.array_equal(actual, expected)


ELEMENTWISE = """
func.func @quantize(%x: tensor<37x70xf32>) -> (tensor<37x70xi8>, tensor<37xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<37x70xf32>) -> (tensor<37x70xi8>, tensor<37xf32>)
  return %q, %s : tensor<37x70xi8>, tensor<37xf32>
}
func.func @quantize_rank3_dynamic(%x: tensor<?x5x33xf32>) -> (tensor<?x5x33xi8>, tensor<?x5xf32>) {
  %q, %s = "accel.quantize"(%x) : (tensor<?x5x33xf32>) -> (tensor<?x5x33xi8>, tensor<?x5xf32>)
  return %q, %s : tensor<?x5x33xi8>, tensor<?x5xf32>
}
func.func @dequantize_int8(%q: tensor<53x70xi8>, %s: tensor<53xf32>) -> tensor<53x70xf32> {
  %w = "accel.dequantize"(%q, %s) {bits = 8 : i64, group_size = 0 : i64} : (tensor<53x70xi8>, tensor<53xf32>) -> tensor<53x70xf32>
  return %w : tensor<53x70xf32>
}
func.func @dequantize_int4(%q: tensor<53x64xi8>, %s: tensor<53x4xf32>) -> tensor<53x128xf32> {
  %w = "accel.dequantize"(%q, %s) {bits = 4 : i64, group_size = 32 : i64} : (tensor<53x64xi8>, tensor<53x4xf32>) -> tensor<53x128xf32>
  return %w : tensor<53x128xf32>
}
"""


@pytest.fixture(scope="module")
def elementwise(compiler):
    return Compiled(compiler, ELEMENTWISE, quantize=None)


def test_quantize_is_bit_exact(elementwise):
    rng = np.random.default_rng(3)
    x = activations(rng, 37, 70)
    # Ties: absmax 127 makes the scale exactly 1, so x / scale lands on .5 (half to even).
    x[4] = rng.uniform(-100, 100, 70)
    x[4, :8] = [127.0, 0.5, 1.5, 2.5, -0.5, -2.5, 3.5, -126.5]
    x[5] = np.float32(1.0e-30) * rng.standard_normal(70).astype(np.float32)  # tiny but normal
    q, scale = elementwise.cpu("quantize", x)
    expected_q, expected_scale = quantize_rows(x)
    assert np.array_equal(q, expected_q) and np.array_equal(scale, expected_scale)
    assert np.array_equal(scale[1], np.float32(1.0)) and not q[1].any()  # the zero row
    for rows in (1, 4):
        x3 = (rng.standard_normal((rows, 5, 33)) * 100).astype(np.float32)
        q3, scale3 = elementwise.cpu("quantize_rank3_dynamic", x3)
        assert [np.array_equal(a, b) for a, b in zip((q3, scale3), quantize_rows(x3))] == [True, True]


def test_dequantize_is_bit_exact(elementwise):
    rng = np.random.default_rng(4)
    w = rng.standard_normal((53, 128)).astype(np.float32)
    q8, s8 = quantize_weight(w[:, :70], 8, 0)
    (w8,) = elementwise.cpu("dequantize_int8", q8, s8)
    assert np.array_equal(w8, golden.dequantize(q8, s8, bits=8, group_size=0))
    q4, s4 = quantize_weight(w, 4, 32)
    (w4,) = elementwise.cpu("dequantize_int4", q4, s4)
    assert np.array_equal(w4, golden.dequantize(q4, s4, bits=4, group_size=32))
    # Every byte value unpacks right (both nibbles, all signs), not only quantizer output.
    every_byte = np.arange(-128, 128, dtype=np.int16).astype(np.int8).reshape(4, 64)
    q_all = np.tile(every_byte, (14, 1))[:53]
    (w_all,) = elementwise.cpu("dequantize_int4", q_all, s4)
    assert np.array_equal(w_all, golden.dequantize(q_all, s4, bits=4, group_size=32))


def test_subnormal_rows_are_flushed_by_iree(elementwise):
    """IREE's CPU runtime runs with denormals flushed to zero (FTZ/DAZ, set by its
    task workers, no flag to turn it off). A row whose scale would be subnormal
    (absmax < 127 * 2^-126) is quantized as an all-zero row: scale 1, q 0. The golden
    model keeps the subnormal scale. Normal inputs are unaffected (tests above)."""
    x = np.ones((37, 70), np.float32)
    x[0] = np.float32(1.0e-37)
    q, scale = elementwise.cpu("quantize", x)
    expected_q, expected_scale = quantize_rows(x)
    assert expected_scale[0] != 1.0 and expected_q[0].any()  # what the golden model says
    assert scale[0] == 1.0 and not q[0].any()  # what IREE computes
    assert np.array_equal(q[1:], expected_q[1:]) and np.array_equal(scale[1:], expected_scale[1:])


FLOAT_MATMUL = """
func.func @matmul(%a: tensor<?x256xf32>, %b: tensor<256x96xf32>) -> tensor<?x96xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x256xf32>
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty(%m) : tensor<?x96xf32>
  %init = linalg.fill ins(%zero : f32) outs(%empty : tensor<?x96xf32>) -> tensor<?x96xf32>
  %c = linalg.matmul ins(%a, %b : tensor<?x256xf32>, tensor<256x96xf32>) outs(%init : tensor<?x96xf32>) -> tensor<?x96xf32>
  return %c : tensor<?x96xf32>
}
"""


@pytest.fixture(scope="module")
def float_matmul():
    """Compiled from text with its own session: the one-call path."""
    return compile_cpu(FLOAT_MATMUL)


def test_float_matmul_baseline(float_matmul):
    rng = np.random.default_rng(8)
    b = rng.standard_normal((256, 96)).astype(np.float32)
    for rows in (1, 77):
        a = rng.standard_normal((rows, 256)).astype(np.float32)
        (c,) = run_cpu(float_matmul, "matmul", [a, b])
        exact = a.astype(np.float64) @ b.astype(np.float64)
        assert np.all(np.abs(c - exact) <= golden.matmul_error_bound(a, b.T))


def test_iree_run_module_runs_the_vmfb(w8a8, tmp_path):
    """The .vmfb is an ordinary IREE module: IREE's own runner gives the same bits."""
    _, shapes, compiled = w8a8
    name, m, k, _ = shapes[0]
    x = activations(np.random.default_rng(9), m, k)
    (vmfb_path := tmp_path / "model.vmfb").write_bytes(compiled.vmfb)
    np.save(tmp_path / "x.npy", x)
    completed = subprocess.run(
        [IREE_RUN_MODULE, "--device=local-task", f"--module={vmfb_path}", f"--function={name}",
         f"--input=@{tmp_path / 'x.npy'}", f"--output=@{tmp_path / 'y.npy'}"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    (in_process,) = compiled.cpu(name, x)
    assert np.array_equal(np.load(tmp_path / "y.npy"), in_process)


def test_compile_leaves_the_module_alone_and_takes_other_contexts(compiler, float_matmul):
    """The caller's module is not consumed by IREE (which compiles in place), and a
    module from another context compiles to the same program."""
    own = compiler.parse(FLOAT_MATMUL)
    before = str(own)
    compiler.compile(own)
    assert str(own) == before
    foreign = ir.Module.parse(FLOAT_MATMUL, context=make_context())
    rng = np.random.default_rng(10)
    a, b = rng.standard_normal((3, 256)).astype(np.float32), rng.standard_normal((256, 96)).astype(np.float32)
    assert np.array_equal(run_cpu(compiler.compile(foreign), "matmul", [a, b])[0], run_cpu(float_matmul, "matmul", [a, b])[0])


def test_accel_ops_are_refused_before_iree(compiler):
    text = "func.func @f(%x: tensor<4x8xf32>) -> tensor<4xf32> {\n" \
           '  %q, %s = "accel.quantize"(%x) : (tensor<4x8xf32>) -> (tensor<4x8xi8>, tensor<4xf32>)\n' \
           "  return %s : tensor<4xf32>\n}"
    with pytest.raises(AccelError) as info:
        compiler.compile(text)
    assert info.value.format("m.mlir") == "m.mlir:2:12: error: the CPU target compiles linalg, not 'accel.quantize': run accel-lower-to-linalg first"


def test_iree_failures_are_located_errors(compiler):
    """f128 arithmetic needs a runtime library the CPU target does not link: IREE fails
    late (at link time); its diagnostics come back located, the linker's output as a note."""
    text = "func.func @f(%a: tensor<4xf128>) -> tensor<4xf128> {\n  %c = arith.addf %a, %a : tensor<4xf128>\n  return %c : tensor<4xf128>\n}"
    with pytest.raises(AccelError) as info:
        compiler.compile(text)
    report = info.value.format("m.mlir")
    assert report.startswith("m.mlir:2:8: error: failed to")
    assert "see current operation" not in report
    assert "__addtf3" in report  # the linker's message, kept as a note


def test_bad_flags_and_unknown_functions(float_matmul):
    with pytest.raises(AccelError, match="bad IREE compiler flags"):
        CpuCompiler(["--iree-no-such-flag"])
    with pytest.raises(AccelError, match=r"no function 'mm' in the module \(it has: matmul\)"):
        run_cpu(float_matmul, "mm", [])
    with pytest.raises(AccelError, match="running @matmul on the CPU failed"):
        run_cpu(float_matmul, "matmul", [np.zeros((2, 3), np.float32)])


def test_no_nanobind_leak_report_at_exit(tmp_path):
    """iree.runtime's objects outlive interpreter teardown; nanobind would report them
    as leaks on stderr at exit. A user's script must print nothing there."""
    script = tmp_path / "run.py"
    script.write_text(textwrap.dedent(f"""
        import numpy as np
        from accel.targets.cpu.iree_backend import CpuModule, compile_cpu
        module = CpuModule(compile_cpu({FLOAT_MATMUL!r}))
        a = np.ones((2, 256), np.float32)
        b = np.ones((256, 96), np.float32)
        print(float(module("matmul", a, b)[0].sum()))
    """))
    completed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == str(2 * 96 * 256.0)
    assert completed.stderr == ""
