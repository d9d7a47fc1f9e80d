"""Translation of a scheduled (L4) function into a Python program the simulator runs.

Walking MLIR objects per loop iteration is far too slow for a 4096^3 GEMM, so the IR is
translated once: every SSA value becomes a local variable of one generated Python
function, `scf.for` becomes a Python `for` over `range`, index arithmetic becomes
Python expressions (affine maps are compiled to expressions too), and every accel op
becomes a call into the simulator (`rt.dma_load(op, source, dest, deps)`, ...) with
its static facts (location, attributes, shapes) resolved into a table (`Program.ops`)
indexed by the op's number. `Program.source` is that generated code, for debugging.

The contract (what accel-schedule emits): a `func.func` whose arguments are statically
shaped memrefs in DRAM, inputs and outputs alike (destination-passing style), whose
body holds only

    accel.alloc, accel.dma_load, accel.dma_store, accel.mma, accel.rescale, accel.ready,
      accel.wait, accel.vunary, accel.vbinary, accel.vreduce, accel.gather (its table
      a DRAM window or an SRAM buffer),
    scf.for (any nesting, iter_args of any type), scf.yield,
    arith.constant / addi / subi / muli / divui / divsi / remui / remsi / ceildivui /
      minsi / minui / maxsi / maxui / cmpi / select (on integers and index; select also
      between two memrefs or two tokens),
    affine.min / affine.apply,
    memref.subview of a DRAM memref (static or dynamic offsets, sizes and strides;
      not rank-reducing), memref.cast (the same window, another view of its type),
    memref.expand_shape of a whole DRAM argument (its bytes with another static shape),
    memref.alloc in DRAM (scratch between scheduled ops) and memref.get_global of a
      dense constant: DRAM regions of the function's own (MemorySpec),
    func.return (no operands).

Anything else is an AccelError at the op: "the simulator cannot execute 'x.y'".

Integers are Python ints: signed ops do not wrap at the type's width (index values of a
real schedule never come near 2^63); unsigned ops (divui, remui, ceildivui, minui,
maxui, unsigned cmpi) read their operands as unsigned values of the type's width.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from accel.core.diagnostics import AccelError, Diagnostic
from accel.dialects import verify_accel
from accel.dialects.accel import (
    AllocOp,
    DmaLoadOp,
    DmaStoreOp,
    GatherOp,
    MmaOp,
    RescaleOp,
    VBinaryOp,
    VReduceOp,
    VUnaryOp,
    WaitOp,
    static_shape,
)
from accel.dialects.ods import memory_space_of
from accel.core.mlir import find_function, ir

import numpy as np


@dataclass(frozen=True)
class ArgumentSpec:
    """One function argument: a DRAM memref."""

    index: int
    type_text: str
    shape: tuple[int, ...]
    element: str  # MLIR spelling: i8, i32, f32, ...
    element_bytes: int

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.element_bytes


@dataclass(frozen=True)
class MemorySpec(ArgumentSpec):
    """A DRAM region of the function's own, numbered after the arguments: a
    `memref.alloc` (scratch between two scheduled ops, zeros at the start) or a
    `memref.get_global` of a constant (its `data`)."""

    op: int = 0  # index into Program.ops
    data: "np.ndarray | None" = None


@dataclass(frozen=True)
class BufferSpec:
    """One accel.alloc: an SRAM buffer at a fixed address."""

    index: int
    op: int  # index into Program.ops
    offset: int
    shape: tuple[int, ...]
    element: str
    element_bytes: int
    type_text: str

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.element_bytes

    def describe(self) -> str:
        return f"SRAM buffer @{self.offset} ({'x'.join(map(str, self.shape))}x{self.element})"


@dataclass
class OpInfo:
    """The static facts of one op the program calls into the simulator for."""

    name: str
    location: ir.Location
    attrs: dict = field(default_factory=dict)


@dataclass
class Program:
    """A translated function: run it with `entry(rt, argument_windows, buffers)`."""

    function: str
    location: ir.Location
    arguments: list[ArgumentSpec]
    buffers: list[BufferSpec]
    memories: list[MemorySpec]
    ops: list[OpInfo]
    source: str
    entry: Callable
    # How many timed ops (transfers, mmas, vector ops, waits) a run issues, counted when
    # every loop around them has constant bounds (None otherwise): the total of a
    # run's progress (accel.targets.sim.simulator).
    op_count: int | None = None


def element_bytes(element_type: ir.Type) -> int:
    """Bytes one element occupies in memory (i1 and i4 take a byte each)."""
    if isinstance(element_type, ir.IndexType):
        return 8
    width = getattr(element_type, "width", None)
    if width is None:
        raise ValueError(f"no size for element type {element_type}")
    return max(1, (width + 7) // 8)


def _nbytes(value) -> int:
    """Bytes of a statically shaped memref value."""
    return math.prod(static_shape(value)) * element_bytes(value.type.element_type)


def _fail(message: str, op) -> AccelError:
    return AccelError([Diagnostic(message, op.location)])


# ---------------------------------------------------------------------------
# Helpers the generated code calls (integer semantics of arith that Python lacks)


def _unsigned(x: int, width: int) -> int:
    return x & ((1 << width) - 1)


def _signed(x: int, width: int) -> int:
    return x - (1 << width) if x >> (width - 1) & 1 else x


def _divsi(a, b, fail, op):
    if b == 0:
        fail(op, "division by zero")
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


def _remsi(a, b, fail, op):
    return a - b * _divsi(a, b, fail, op)


def _divui(a, b, width, fail, op):
    b = _unsigned(b, width)
    if b == 0:
        fail(op, "division by zero")
    return _signed(_unsigned(a, width) // b, width)


def _remui(a, b, width, fail, op):
    b = _unsigned(b, width)
    if b == 0:
        fail(op, "division by zero")
    return _signed(_unsigned(a, width) % b, width)


def _ceildivui(a, b, width, fail, op):
    b = _unsigned(b, width)
    if b == 0:
        fail(op, "division by zero")
    return _signed(-(-_unsigned(a, width) // b), width)


def _minui(a, b, width):
    return a if _unsigned(a, width) <= _unsigned(b, width) else b


def _maxui(a, b, width):
    return a if _unsigned(a, width) >= _unsigned(b, width) else b


def _floordiv(a, b, fail, op):
    if b == 0:
        fail(op, "division by zero in an affine map")
    return a // b


def _mod(a, b, fail, op):
    if b == 0:
        fail(op, "division by zero in an affine map")
    return a % b


def _bad_step(step, fail, op):
    fail(op, f"the loop step must be positive, got {step}")


_HELPERS = {f.__name__: f for f in (_unsigned, _divsi, _remsi, _divui, _remui, _ceildivui, _minui, _maxui, _floordiv, _mod, _bad_step)}

# arith.cmpi predicates, by their integer value in the IR.
_CMPI = {0: "==", 1: "!=", 2: "<", 3: "<=", 4: ">", 5: ">=", 6: "<", 7: "<=", 8: ">", 9: ">="}
_UNSIGNED_CMPI = {6, 7, 8, 9}

_INFIX = {"arith.addi": "+", "arith.subi": "-", "arith.muli": "*"}
_SIGNED_CALL = {"arith.divsi": "_divsi", "arith.remsi": "_remsi"}
_UNSIGNED_CALL = {"arith.divui": "_divui", "arith.remui": "_remui", "arith.ceildivui": "_ceildivui"}
_MINMAX = {"arith.minsi": "min", "arith.maxsi": "max", "arith.minui": "_minui", "arith.maxui": "_maxui"}


def _width(type_: ir.Type) -> int:
    if isinstance(type_, ir.IndexType):
        return 64
    if isinstance(type_, ir.IntegerType):
        return type_.width
    raise ValueError(str(type_))


def _literal(name: str) -> int | None:
    """The value of an operand the translator inlined as a literal (constants are), else None."""
    try:
        return int(name.strip("()"))
    except ValueError:
        return None


class _Translator:
    def __init__(self, function):
        self.function = function
        self.lines: list[str] = []
        self.names: dict = {}
        self.ops: list[OpInfo] = []
        self.buffers: list[BufferSpec] = []
        self.memories: list[MemorySpec] = []
        self.counter = 0
        # Iterations of the loops around the op being translated (None: not constant),
        # and the timed ops a run issues (see Program.op_count).
        self.trips: int | None = 1
        self.op_count: int | None = 0

    # -- names -------------------------------------------------------------

    def define(self, value) -> str:
        name = f"v{self.counter}"
        self.counter += 1
        self.names[value] = name
        return name

    def use(self, value) -> str:
        return self.names[value]

    def emit(self, depth: int, text: str) -> None:
        self.lines.append("    " * depth + text)

    def record(self, op, **attrs) -> int:
        self.ops.append(OpInfo(op.name, op.location, attrs))
        return len(self.ops) - 1

    def record_timed(self, op, **attrs) -> int:
        """`record` for an op the simulator times: counted for Program.op_count."""
        if self.op_count is not None:
            self.op_count = None if self.trips is None else self.op_count + self.trips
        return self.record(op, **attrs)

    # -- structure ---------------------------------------------------------

    def translate(self) -> None:
        block = self.function.regions[0].blocks[0]
        for argument in block.arguments:
            self.define(argument)
        names = [self.use(a) for a in block.arguments]
        self.emit(1, "LOAD = rt.dma_load; STORE = rt.dma_store; MMA = rt.mma; RESCALE = rt.rescale")
        self.emit(1, "WAIT = rt.wait; SUB = rt.subview; FAIL = rt.fail; READY = rt.ready; EXPAND = rt.expand_shape")
        self.emit(1, "VUN = rt.vunary; VBIN = rt.vbinary; VRED = rt.vreduce; GATHER = rt.gather")
        if names:
            self.emit(1, f"{', '.join(names)}, = args[:{len(names)}]")
        self.block(block, 1)

    def block(self, block, depth: int) -> None:
        start = len(self.lines)
        for op in block.operations:
            op = op.operation
            if op.name in ("scf.yield", "func.return"):
                if op.name == "func.return" and len(op.operands):
                    raise _fail("the simulator runs destination-passing functions: 'func.return' must return nothing (outputs are arguments written by accel.dma_store)", op)
                continue
            handler = _OPS.get(op.name)
            if handler is None:
                raise _fail(f"the simulator cannot execute '{op.name}'", op)
            handler(self, op, depth)
        if len(self.lines) == start:
            self.emit(depth, "pass")

    # -- scf -----------------------------------------------------------------

    def scf_for(self, op, depth: int) -> None:
        operands = [self.use(v) for v in op.operands]
        lower, upper, step, inits = operands[0], operands[1], operands[2], operands[3:]
        body = op.regions[0].blocks[0]
        induction = self.define(body.arguments[0])
        carried = [self.define(a) for a in list(body.arguments)[1:]]
        opi = self.record(op)
        if not (step.isdigit() and int(step) > 0):
            self.emit(depth, f"if {step} <= 0: _bad_step({step}, FAIL, {opi})")
        if carried:
            self.emit(depth, f"{', '.join(carried)}, = {', '.join(inits)},")
        self.emit(depth, f"for {induction} in range({lower}, {upper}, {step}):")
        enclosing = self.trips
        bounds = [_literal(lower), _literal(upper), _literal(step)]
        self.trips = None if enclosing is None or None in bounds or bounds[2] <= 0 else enclosing * len(range(*bounds))
        self.block(body, depth + 1)
        self.trips = enclosing
        terminator = list(body.operations)[-1].operation
        if carried:
            yielded = [self.use(v) for v in terminator.operands]
            self.emit(depth + 1, f"{', '.join(carried)}, = {', '.join(yielded)},")
        results = [self.define(r) for r in op.results]
        if results:
            self.emit(depth, f"{', '.join(results)}, = {', '.join(carried)},")

    # -- arith / affine ------------------------------------------------------

    def constant(self, op, depth: int) -> None:
        attr = op.attributes["value"]
        if isinstance(attr, ir.BoolAttr):
            value = int(attr.value)
        elif isinstance(attr, ir.IntegerAttr) and isinstance(attr.type, (ir.IntegerType, ir.IndexType)):
            value = attr.value
        else:
            raise _fail(f"the simulator cannot execute 'arith.constant' of {attr.type if hasattr(attr, 'type') else attr} (only integers and index)", op)
        # Constants are inlined where used: literals are as fast as locals and let the
        # translator see constant loop steps.
        self.names[op.results[0]] = str(value) if value >= 0 else f"({value})"

    def integer_op(self, op, depth: int) -> None:
        name = op.name
        args = [self.use(v) for v in op.operands]
        try:
            width = _width(op.operands[0].type)
        except ValueError:
            raise _fail(f"the simulator cannot execute '{name}' on {op.operands[0].type} (only integers and index)", op) from None
        result = self.define(op.results[0])
        if name in _INFIX:
            text = f"{args[0]} {_INFIX[name]} {args[1]}"
        elif name in _SIGNED_CALL:
            text = f"{_SIGNED_CALL[name]}({args[0]}, {args[1]}, FAIL, {self.record(op)})"
        elif name in _UNSIGNED_CALL:
            text = f"{_UNSIGNED_CALL[name]}({args[0]}, {args[1]}, {width}, FAIL, {self.record(op)})"
        elif name in ("arith.minsi", "arith.maxsi"):
            text = f"{_MINMAX[name]}({args[0]}, {args[1]})"
        else:
            text = f"{_MINMAX[name]}({args[0]}, {args[1]}, {width})"
        self.emit(depth, f"{result} = {text}")

    def cmpi(self, op, depth: int) -> None:
        predicate = op.attributes["predicate"].value
        a, b = (self.use(v) for v in op.operands)
        try:
            width = _width(op.operands[0].type)
        except ValueError:
            raise _fail(f"the simulator cannot execute 'arith.cmpi' on {op.operands[0].type} (only integers and index)", op) from None
        if predicate in _UNSIGNED_CMPI:
            a, b = f"_unsigned({a}, {width})", f"_unsigned({b}, {width})"
        self.emit(depth, f"{self.define(op.results[0])} = int({a} {_CMPI[predicate]} {b})")

    def select(self, op, depth: int) -> None:
        condition, true, false = (self.use(v) for v in op.operands)
        self.emit(depth, f"{self.define(op.results[0])} = {true} if {condition} else {false}")

    def cast(self, op, depth: int) -> None:
        # Same memory, another static/dynamic view of its type: the window is unchanged.
        self.emit(depth, f"{self.define(op.results[0])} = {self.use(op.operands[0])}")

    def dram(self, op, depth: int) -> None:
        """memref.alloc (DRAM scratch) and memref.get_global (a constant): a DRAM
        region numbered after the arguments (MemorySpec)."""
        type_ = op.results[0].type
        if memory_space_of(type_) != "dram" or not type_.has_static_shape:
            raise _fail(f"the simulator executes '{op.name}' of statically shaped DRAM memrefs only, got {type_}", op)
        data = None
        if op.name == "memref.get_global":
            data = _global_data(self.function, op)
        opi = self.record(op)
        index = self.arguments + len(self.memories)
        self.memories.append(MemorySpec(index, str(type_), tuple(type_.shape), str(type_.element_type),
                                        element_bytes(type_.element_type), opi, data))
        self.emit(depth, f"{self.define(op.results[0])} = args[{index}]")

    def expand_shape(self, op, depth: int) -> None:
        # Another shape of the same DRAM bytes (accel-schedule-quantize stores [M] scales from [R, 1] buffers).
        source = op.operands[0]
        if memory_space_of(source.type) != "dram" or not op.results[0].type.has_static_shape:
            raise _fail("the simulator executes 'memref.expand_shape' of statically shaped DRAM memrefs only", op)
        opi = self.record(op)
        self.emit(depth, f"{self.define(op.results[0])} = EXPAND({opi}, {self.use(source)}, {tuple(op.results[0].type.shape)})")

    def affine(self, op, depth: int) -> None:
        affine_map = op.attributes["map"].value
        operands = [self.use(v) for v in op.operands]
        opi = self.record(op)
        exprs = [self.affine_expr(e, affine_map.n_dims, operands, opi) for e in affine_map.results]
        if op.name == "affine.apply":
            text = exprs[0]
        else:
            text = exprs[0] if len(exprs) == 1 else f"min({', '.join(exprs)})"
        self.emit(depth, f"{self.define(op.results[0])} = {text}")

    def affine_expr(self, expr, n_dims: int, operands: list[str], opi: int) -> str:
        if isinstance(expr, ir.AffineConstantExpr):
            return str(expr.value)
        if isinstance(expr, ir.AffineDimExpr):
            return operands[expr.position]
        if isinstance(expr, ir.AffineSymbolExpr):
            return operands[n_dims + expr.position]
        lhs = self.affine_expr(expr.lhs, n_dims, operands, opi)
        rhs = self.affine_expr(expr.rhs, n_dims, operands, opi)
        constant_divisor = isinstance(expr.rhs, ir.AffineConstantExpr) and expr.rhs.value != 0
        if isinstance(expr, ir.AffineAddExpr):
            return f"({lhs} + {rhs})"
        if isinstance(expr, ir.AffineMulExpr):
            return f"({lhs} * {rhs})"
        if isinstance(expr, ir.AffineFloorDivExpr):
            return f"({lhs} // {rhs})" if constant_divisor else f"_floordiv({lhs}, {rhs}, FAIL, {opi})"
        if isinstance(expr, ir.AffineCeilDivExpr):
            return f"(-(-{lhs} // {rhs}))" if constant_divisor else f"(-_floordiv(-{lhs}, {rhs}, FAIL, {opi}))"
        if isinstance(expr, ir.AffineModExpr):
            return f"({lhs} % {rhs})" if constant_divisor else f"_mod({lhs}, {rhs}, FAIL, {opi})"
        raise _fail(f"the simulator cannot evaluate the affine expression {expr}", self.ops[opi])

    # -- memref ----------------------------------------------------------------

    def subview(self, op, depth: int) -> None:
        view = op.opview
        source = op.operands[0]
        if memory_space_of(source.type) != "dram":
            raise _fail("the simulator cannot execute 'memref.subview' of an SRAM buffer (windows are taken of DRAM arguments)", op)
        if op.results[0].type.rank != source.type.rank:
            raise _fail("the simulator cannot execute a rank-reducing 'memref.subview'", op)
        dynamic = ir.ShapedType.get_dynamic_stride_or_offset()

        def mixed(static_name: str, values) -> str:
            dynamic_values = iter(self.use(v) for v in values)
            parts = [next(dynamic_values) if s == dynamic else str(s) for s in op.attributes[static_name]]
            return "(" + "".join(p + ", " for p in parts) + ")"

        offsets = mixed("static_offsets", view.offsets)
        sizes = mixed("static_sizes", view.sizes)
        strides = mixed("static_strides", view.strides)
        opi = self.record(op)
        self.emit(depth, f"{self.define(op.results[0])} = SUB({opi}, {self.use(source)}, {offsets}, {sizes}, {strides})")

    # -- accel -------------------------------------------------------------------

    def alloc(self, op, depth: int) -> None:
        view = AllocOp(op)
        type_ = view.buffer.type
        opi = self.record(op)
        spec = BufferSpec(
            index=len(self.buffers),
            op=opi,
            offset=view.offset,
            shape=tuple(static_shape(view.buffer)),
            element=str(type_.element_type),
            element_bytes=element_bytes(type_.element_type),
            type_text=str(type_),
        )
        self.buffers.append(spec)
        self.emit(depth, f"{self.define(op.results[0])} = B[{spec.index}]")

    def tokens(self, values) -> str:
        return "(" + "".join(self.use(v) + ", " for v in values) + ")"

    def dma_load(self, op, depth: int) -> None:
        view = DmaLoadOp(op)
        opi = self.record_timed(op, queue=view.queue)
        self.emit(depth, f"{self.define(op.results[0])} = LOAD({opi}, {self.use(view.source)}, {self.use(view.dest)}, {self.tokens(view.deps)})")

    def dma_store(self, op, depth: int) -> None:
        view = DmaStoreOp(op)
        opi = self.record_timed(op, queue=view.queue)
        self.emit(depth, f"{self.define(op.results[0])} = STORE({opi}, {self.use(view.source)}, {self.use(view.dest)}, {self.tokens(view.deps)})")

    def mma(self, op, depth: int) -> None:
        view = MmaOp(op)
        tm, tk = static_shape(view.lhs)
        tn = static_shape(view.rhs)[0]
        opi = self.record_timed(op, accumulate=bool(view.accumulate), element=str(view.lhs.type.element_type), shape=(tm, tn, tk))
        self.emit(depth, f"{self.define(op.results[0])} = MMA({opi}, {self.use(view.lhs)}, {self.use(view.rhs)}, {self.use(view.acc)}, {self.tokens(view.deps)})")

    def rescale(self, op, depth: int) -> None:
        view = RescaleOp(op)
        opi = self.record_timed(op, shape=tuple(static_shape(view.acc)))
        operands = ", ".join(self.use(v) for v in (view.acc, view.row_scale, view.col_scale, view.out))
        self.emit(depth, f"{self.define(op.results[0])} = RESCALE({opi}, {operands}, {self.tokens(view.deps)})")

    def vector(self, op, depth: int) -> None:
        """accel.vunary / vbinary / vreduce: the static facts the vector unit's timing
        needs (accel.targets.timing.vector_cycles): the elements it computes (out's, or
        the input's for a reduction) and the SRAM bytes its port moves (every operand
        buffer read once, out written once)."""
        definition = {"accel.vunary": VUnaryOp, "accel.vbinary": VBinaryOp, "accel.vreduce": VReduceOp}[op.name]
        view = definition(op)
        reads = [getattr(view, o.name) for o in definition.OPERANDS if o.name not in ("out", "deps")]
        counted = view.input if definition is VReduceOp else view.out
        attrs = {"kind": view.kind, "elements": math.prod(static_shape(counted)), "sram_bytes": sum(_nbytes(v) for v in (*reads, view.out))}
        if definition is VUnaryOp and view.kind == "clamp":
            attrs.update(min=view.min, max=view.max)
        opi = self.record_timed(op, **attrs)
        call = {"accel.vunary": "VUN", "accel.vbinary": "VBIN", "accel.vreduce": "VRED"}[op.name]
        operands = ", ".join(self.use(v) for v in (*reads, view.out))
        self.emit(depth, f"{self.define(op.results[0])} = {call}({opi}, {operands}, {self.tokens(view.deps)})")

    def gather(self, op, depth: int) -> None:
        view = GatherOp(op)
        rows, width = static_shape(view.out)
        row_bytes = width * element_bytes(view.out.type.element_type)
        opi = self.record_timed(
            op,
            kind="copy",
            queue=view.queue,
            dram=memory_space_of(view.table.type) == "dram",
            elements=rows * width,
            bytes=rows * row_bytes,
            # From SRAM: rows read and written, the indices read.
            sram_bytes=2 * rows * row_bytes + _nbytes(view.indices),
        )
        operands = ", ".join(self.use(v) for v in (view.table, view.indices, view.out))
        self.emit(depth, f"{self.define(op.results[0])} = GATHER({opi}, {operands}, {self.tokens(view.deps)})")

    def ready(self, op, depth: int) -> None:
        self.emit(depth, f"{self.define(op.results[0])} = READY")

    def wait(self, op, depth: int) -> None:
        view = WaitOp(op)
        opi = self.record_timed(op)
        self.emit(depth, f"WAIT({opi}, {self.tokens(view.tokens)})")


_OPS: dict[str, Callable] = {
    "scf.for": _Translator.scf_for,
    "arith.constant": _Translator.constant,
    "arith.cmpi": _Translator.cmpi,
    "arith.select": _Translator.select,
    "affine.min": _Translator.affine,
    "affine.apply": _Translator.affine,
    "memref.subview": _Translator.subview,
    "memref.cast": _Translator.cast,
    "memref.expand_shape": _Translator.expand_shape,
    "memref.alloc": _Translator.dram,
    "memref.get_global": _Translator.dram,
    "accel.alloc": _Translator.alloc,
    "accel.dma_load": _Translator.dma_load,
    "accel.dma_store": _Translator.dma_store,
    "accel.mma": _Translator.mma,
    "accel.rescale": _Translator.rescale,
    "accel.vunary": _Translator.vector,
    "accel.vbinary": _Translator.vector,
    "accel.vreduce": _Translator.vector,
    "accel.gather": _Translator.gather,
    "accel.ready": _Translator.ready,
    "accel.wait": _Translator.wait,
}
for _name in (*_INFIX, *_SIGNED_CALL, *_UNSIGNED_CALL, *_MINMAX):
    _OPS[_name] = _Translator.integer_op


def _global_data(function, op) -> np.ndarray:
    """The value of the constant memref.global that `op` (memref.get_global) names."""
    from accel.runtime.golden import numpy_dtype

    name = ir.FlatSymbolRefAttr(op.attributes["name"]).value
    module = function.parent
    while module is not None and module.name != "builtin.module":
        module = module.parent
    found = None if module is None else ir.SymbolTable(module.operation if hasattr(module, "operation") else module)[name]
    if found is None or "constant" not in found.attributes or "initial_value" not in found.attributes:
        raise _fail(f"the simulator reads constant memref.globals only: @{name} is not one", op)
    value = found.attributes["initial_value"]
    try:
        elements = ir.DenseElementsAttr(value)
    except ValueError:
        raise _fail(f"the simulator reads dense constants only: @{name} is {value.type} {str(value)[:40]}...", op) from None
    type_ = op.results[0].type
    dtype = numpy_dtype(type_.element_type)
    if elements.is_splat:
        splat = elements.get_splat_value()
        value = ir.FloatAttr(splat).value if isinstance(splat.type, ir.FloatType) else ir.IntegerAttr(splat).value
        return np.full(tuple(type_.shape), value, dtype)
    return np.array(elements, copy=True).astype(dtype, copy=False).reshape(tuple(type_.shape))


def _arguments(function) -> list[ArgumentSpec]:
    block = function.regions[0].blocks[0]
    name = ir.StringAttr(function.attributes["sym_name"]).value
    specs = []
    for index, argument in enumerate(block.arguments):
        type_ = argument.type
        if not isinstance(type_, ir.MemRefType) or memory_space_of(type_) != "dram" or not type_.has_static_shape:
            raise AccelError([Diagnostic(
                f"argument #{index} of @{name} is {type_}: the simulator takes statically shaped memrefs in DRAM",
                function.location,
            )])
        try:
            size = element_bytes(type_.element_type)
        except ValueError as error:
            raise AccelError([Diagnostic(f"argument #{index} of @{name}: {error}", function.location)]) from None
        specs.append(ArgumentSpec(index, str(type_), tuple(type_.shape), str(type_.element_type), size))
    return specs


def translate(module, function: str | None = None) -> Program:
    """Translates the scheduled function `function` (or the module's only function)."""
    func_op = find_function(module, function)
    verify_accel(func_op)
    name = ir.StringAttr(func_op.attributes["sym_name"]).value
    if len(func_op.regions[0].blocks) != 1:
        raise _fail("the simulator runs single-block functions (loops are scf.for)", func_op)
    arguments = _arguments(func_op)
    translator = _Translator(func_op)
    translator.arguments = len(arguments)
    translator.translate()
    source = "def __program(rt, args, B):\n" + "\n".join(translator.lines) + "\n"
    namespace = dict(_HELPERS)
    exec(compile(source, f"<accel-sim @{name}>", "exec"), namespace)
    return Program(
        function=name,
        location=func_op.location,
        arguments=arguments,
        buffers=translator.buffers,
        memories=translator.memories,
        ops=translator.ops,
        source=source,
        entry=namespace["__program"],
        op_count=translator.op_count,
    )
