"""Scheduled (L4) GEMM programs as MLIR text, for the simulator's tests and benchmarks.

`gemm_program(M, N, K, tm, tn, tk)` writes what a dataflow scheduler emits for
`C = A @ B^T` (A [M, K] int8, B [N, K] int8, weights output-channels first), without
needing the real scheduler:

- tile loops over M and N (scf.for), a double-buffered K loop inside: slice s of A and
  B is loaded into slot s % 2 (chosen with arith.select on (k / tk) % 2) while the mma
  of slice s - 1 runs; the K loop carries the tokens of the last loads and of the last
  mma as iter_args; the first slices (and the first mma, accumulate = false) are
  peeled so every op's `accumulate` is static;
- edge tiles (M, N or K not multiples of the tile) take windows of dynamic size,
  computed with affine.min (`edge="affine"`) or arith.subi + arith.minsi
  (`edge="arith"`); dims that divide evenly get static sizes;
- epilogue "rescale": w8a8 — row scales [M] and column scales [N] f32 are loaded per
  tile, accel.rescale writes an f32 tile, dma_store writes C [M, N] f32.
  Epilogue "none": the i32 accumulator is stored to C [M, N] i32;
- the tile loops carry, as tokens, the last reader of each buffer that the next tile
  overwrites (the slots, the accumulator, the output tile), so tiles overlap: the
  next tile's loads start while this tile's epilogue runs. Before the first tile
  those tokens are `accel.ready` (nothing has read the buffers yet).

The program ends with an accel.wait on every token the loops hand back.
"""

from __future__ import annotations

import math

SRAM = '#accel.memspace<"sram">'
TOKEN = "!accel.token"


class _Writer:
    def __init__(self):
        self.lines: list[str] = []
        self.types: dict[str, str] = {}
        self.counter = 0
        self.depth = 1

    def fresh(self, hint: str) -> str:
        self.counter += 1
        return f"%{hint}{self.counter}"

    def line(self, text: str) -> None:
        self.lines.append("  " * self.depth + text)

    def constant(self, value: int) -> str:
        name = f"%c{value}"
        if name not in self.types:
            self.types[name] = "index"
            self.lines.insert(0, f"  {name} = arith.constant {value} : index")
        return name

    def op(self, hint: str, name: str, operands: list[str], result_type: str | None, attrs: str = "") -> str | None:
        types = ", ".join(self.types[o] for o in operands)
        result = self.fresh(hint) if result_type else None
        head = f"{result} = " if result else ""
        attr_text = f" {{{attrs}}}" if attrs else ""
        self.line(f'{head}"{name}"({", ".join(operands)}){attr_text} : ({types}) -> ({result_type or ""})')
        if result:
            self.types[result] = result_type
        return result


def _memref(shape, element: str, space: str | None = None, layout: str | None = None) -> str:
    dims = "x".join("?" if d is None else str(d) for d in shape)
    extra = "".join(f", {p}" for p in (layout, space) if p)
    return f"memref<{dims}x{element}{extra}>"


def gemm_program(
    M: int,
    N: int,
    K: int,
    tm: int,
    tn: int,
    tk: int,
    *,
    epilogue: str = "rescale",
    edge: str = "affine",
    name: str = "gemm",
    align: int = 64,
) -> str:
    """The scheduled L4 text of an int8 GEMM (see the module docstring)."""
    if epilogue not in ("rescale", "none"):
        raise ValueError(f"epilogue must be 'rescale' or 'none', got {epilogue!r}")
    if edge not in ("affine", "arith"):
        raise ValueError(f"edge must be 'affine' or 'arith', got {edge!r}")
    w = _Writer()
    rescale = epilogue == "rescale"
    out_element = "f32" if rescale else "i32"
    args = {"a": ([M, K], "i8"), "b": ([N, K], "i8")}
    if rescale:
        args.update({"as": ([M], "f32"), "bs": ([N], "f32")})
    args["c"] = ([M, N], out_element)
    for arg, (shape, element) in args.items():
        w.types[f"%{arg}"] = _memref(shape, element)

    # SRAM plan: every buffer at its own aligned address.
    offset = 0
    buffers = {"a0": ([tm, tk], "i8"), "a1": ([tm, tk], "i8"), "b0": ([tn, tk], "i8"), "b1": ([tn, tk], "i8"), "acc": ([tm, tn], "i32")}
    if rescale:
        buffers.update({"rs": ([tm], "f32"), "cs": ([tn], "f32"), "out": ([tm, tn], "f32")})
    allocs = []
    for buf, (shape, element) in buffers.items():
        type_ = _memref(shape, element, SRAM)
        allocs.append(f'  %{buf} = "accel.alloc"() {{offset = {offset} : i64}} : () -> {type_}')
        w.types[f"%{buf}"] = type_
        size = math.prod(shape) * (1 if element == "i8" else 4)
        offset += -(-size // align) * align

    def extent(position: str, total: int, tile: int) -> str | int:
        """The valid extent of the tile starting at `position` (SSA name) of a dim."""
        if total % tile == 0:
            return tile
        if edge == "affine":
            result = w.fresh("e")
            w.line(f"{result} = affine.min affine_map<(d0) -> ({tile}, {total} - d0)>({position})")
        else:
            rest = w.fresh("r")
            w.line(f"{rest} = arith.subi {w.constant(total)}, {position} : index")
            result = w.fresh("e")
            w.line(f"{result} = arith.minsi {rest}, {w.constant(tile)} : index")
        w.types[result] = "index"
        return result

    def window(arg: str, offsets: list, sizes: list) -> str:
        shape, element = args[arg]
        strides = [math.prod(shape[d + 1 :]) for d in range(len(shape))]
        static_offsets = all(isinstance(o, int) for o in offsets)
        offset_text = str(sum(o * s for o, s in zip(offsets, strides))) if static_offsets else "?"
        layout = f"strided<[{', '.join(map(str, strides))}], offset: {offset_text}>"
        result_type = _memref([s if isinstance(s, int) else None for s in sizes], element, layout=layout)
        result = w.fresh("w")
        ones = ", ".join("1" for _ in shape)
        w.line(f"{result} = memref.subview %{arg}[{', '.join(map(str, offsets))}] [{', '.join(map(str, sizes))}] [{ones}] : {w.types['%' + arg]} to {result_type}")
        w.types[result] = result_type
        return result

    def load(arg: str, offsets: list, sizes: list, dest: str, deps: list[str]) -> str:
        return w.op("l", "accel.dma_load", [window(arg, offsets, sizes), dest] + deps, TOKEN)

    def mma(lhs: str, rhs: str, deps: list[str], accumulate: bool) -> str:
        return w.op("m", "accel.mma", [lhs, rhs, "%acc"] + deps, TOKEN, f"accumulate = {str(accumulate).lower()}")

    slices = -(-K // tk)
    tokens4 = ", ".join([TOKEN] * 4)

    t_init = w.op("ready", "accel.ready", [], TOKEN)

    ri = w.fresh("ri")
    w.line(f"{ri}:4 = scf.for %i = {w.constant(0)} to {w.constant(M)} step {w.constant(tm)} iter_args(%f0 = {t_init}, %f1 = {t_init}, %fa = {t_init}, %fo = {t_init}) -> ({tokens4}) {{")
    w.depth += 1
    for t in ("%f0", "%f1", "%fa", "%fo", "%g0", "%g1", "%ga", "%go", "%pa", "%pb", "%pm"):
        w.types[t] = TOKEN
    w.types["%i"] = w.types["%j"] = w.types["%k"] = "index"
    mi = extent("%i", M, tm)
    rj = w.fresh("rj")
    w.line(f"{rj}:4 = scf.for %j = {w.constant(0)} to {w.constant(N)} step {w.constant(tn)} iter_args(%g0 = %f0, %g1 = %f1, %ga = %fa, %go = %fo) -> ({tokens4}) {{")
    w.depth += 1
    nj = extent("%j", N, tn)
    if rescale:
        # Scales of this tile; their last reader is the previous tile's rescale (%ga).
        lrs = load("as", ["%i"], [mi], "%rs", ["%ga"])
        lcs = load("bs", ["%j"], [nj], "%cs", ["%ga"])
    first = min(tk, K)
    la0 = load("a", ["%i", 0], [mi, first], "%a0", ["%g0"])
    lb0 = load("b", ["%j", 0], [nj, first], "%b0", ["%g0"])
    if slices == 1:
        last = mma("%a0", "%b0", [la0, lb0, "%ga"], accumulate=False)
        free0, free1 = last, "%g1"
    else:
        second = min(tk, K - tk)
        la1 = load("a", ["%i", tk], [mi, second], "%a1", ["%g1"])
        lb1 = load("b", ["%j", tk], [nj, second], "%b1", ["%g1"])
        m0 = mma("%a0", "%b0", [la0, lb0, "%ga"], accumulate=False)
        pa, pb, pm = la1, lb1, m0
        if slices > 2:
            rk = w.fresh("rk")
            w.line(f"{rk}:3 = scf.for %k = {w.constant(2 * tk)} to {w.constant(K)} step {w.constant(tk)} iter_args(%pa = {la1}, %pb = {lb1}, %pm = {m0}) -> ({TOKEN}, {TOKEN}, {TOKEN}) {{")
            w.depth += 1
            s = w.fresh("s")
            w.line(f"{s} = arith.divui %k, {w.constant(tk)} : index")
            parity = w.fresh("p")
            w.line(f"{parity} = arith.remui {s}, {w.constant(2)} : index")
            odd = w.fresh("odd")
            w.line(f"{odd} = arith.cmpi eq, {parity}, {w.constant(1)} : index")
            picks = {}
            for role, (if_odd, if_even) in {"da": ("%a1", "%a0"), "db": ("%b1", "%b0"), "sa": ("%a0", "%a1"), "sb": ("%b0", "%b1")}.items():
                picks[role] = w.fresh(role)
                w.line(f"{picks[role]} = arith.select {odd}, {if_odd}, {if_even} : {w.types[if_odd]}")
                w.types[picks[role]] = w.types[if_odd]
            ks = extent("%k", K, tk)
            # Slice s into slot s % 2, whose last reader is the previous mma (slice s - 2).
            la = load("a", ["%i", "%k"], [mi, ks], picks["da"], ["%pm"])
            lb = load("b", ["%j", "%k"], [nj, ks], picks["db"], ["%pm"])
            m = mma(picks["sa"], picks["sb"], ["%pa", "%pb", "%pm"], accumulate=True)
            w.line(f"scf.yield {la}, {lb}, {m} : {TOKEN}, {TOKEN}, {TOKEN}")
            w.depth -= 1
            w.line("}")
            pa, pb, pm = f"{rk}#0", f"{rk}#1", f"{rk}#2"
            for t in (pa, pb, pm):
                w.types[t] = TOKEN
        slot = (slices - 1) % 2
        last = mma(f"%a{slot}", f"%b{slot}", [pa, pb, pm], accumulate=True)
        free0, free1 = (pm, last) if slot == 1 else (last, pm)
    c_window = window("c", ["%i", "%j"], [mi, nj])
    if rescale:
        r = w.op("r", "accel.rescale", ["%acc", "%rs", "%cs", "%out", last, lrs, lcs, "%go"], TOKEN)
        st = w.op("st", "accel.dma_store", ["%out", c_window, r], TOKEN)
        acc_free = r
    else:
        st = w.op("st", "accel.dma_store", ["%acc", c_window, last], TOKEN)
        acc_free = st
    w.line(f"scf.yield {free0}, {free1}, {acc_free}, {st} : {tokens4}")
    w.depth -= 1
    w.line("}")
    w.line(f"scf.yield {rj}#0, {rj}#1, {rj}#2, {rj}#3 : {tokens4}")
    w.depth -= 1
    w.line("}")
    w.line(f'"accel.wait"({ri}#0, {ri}#1, {ri}#2, {ri}#3) : ({tokens4}) -> ()')
    w.line("return")
    signature = ", ".join(f"%{arg}: {w.types['%' + arg]}" for arg in args)
    body = allocs + w.lines
    return f"func.func @{name}({signature}) {{\n" + "\n".join(body) + "\n}\n"


def gemm_inputs(M: int, N: int, K: int, *, epilogue: str = "rescale", seed: int = 0) -> list:
    """Random arguments for `gemm_program` (C zeroed), in argument order."""
    import numpy as np

    rng = np.random.default_rng(seed)
    a = rng.integers(-127, 128, size=(M, K), dtype=np.int8)
    b = rng.integers(-127, 128, size=(N, K), dtype=np.int8)
    if epilogue == "none":
        return [a, b, np.zeros((M, N), np.int32)]
    a_scale = rng.uniform(0.001, 0.1, size=M).astype(np.float32)
    b_scale = rng.uniform(0.001, 0.1, size=N).astype(np.float32)
    return [a, b, a_scale, b_scale, np.zeros((M, N), np.float32)]
