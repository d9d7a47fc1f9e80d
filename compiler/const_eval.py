"""Compile-time evaluation of tensors computed in the graph, on the CPU target.

transformers builds causal masks and cache indices in the graph, from position ids,
not from the inputs. Raise passes check such a tensor by computing it: its function is
cloned, everything the tensor does not read is erased, and IREE compiles and runs
what is left (accel.targets.cpu), once with no argument (a constant) or at each
position of a position argument. One `Evaluator` serves a pass run: one IREE session,
each tensor compiled once. Used by accel-raise-attention (constant causal masks) and
accel-raise-kv-cache (cache write indices and masks at every position).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from accel.compiler.linalg_match import producer
from accel.core.diagnostics import AccelError
from accel.core.mlir import FUNCTION_OPS, ir, passmanager
from accel.runtime.golden import numpy_dtype


def entry_block(function: ir.Operation) -> ir.Block:
    return function.regions[0].blocks[0]


@dataclass(frozen=True)
class Positional:
    """A tensor of a function that depends on constants and at most one argument: its
    values at a position (`argument` None: a constant, `at` ignores the position)."""

    argument: int | None
    at: Callable[[int], np.ndarray]


def _position_argument(type_: ir.Type) -> bool:
    """An argument that can hold a position: an integer, or an integer tensor of one element."""
    if isinstance(type_, ir.RankedTensorType):
        return isinstance(type_.element_type, ir.IntegerType) and all(d == 1 for d in type_.shape)
    return isinstance(type_, ir.IntegerType)


class Evaluator:
    """Computes tensors of a function on the CPU target as functions of its position
    argument; one IREE session for all of them, each tensor compiled once. A context
    manager (closing the session on exit)."""

    def __init__(self):
        self._compiler = None
        self._found: dict = {}

    def close(self) -> None:
        if self._compiler is not None:
            self._compiler.close()
            self._compiler = None

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def evaluate(self, function: ir.Operation, value: ir.Value) -> Positional | None:
        """`value` (defined at the top level of `function`) as a Positional, or None
        when it depends on more than one argument or on one that is not a position,
        or IREE cannot compute it alone."""
        key = (function, value)
        if key not in self._found:
            self._found[key] = self._evaluate(function, value)
        return self._found[key]

    def _evaluate(self, function: ir.Operation, value: ir.Value) -> Positional | None:
        op = producer(value)
        if op is None or op.parent is None or op.parent.operation != function:
            return None
        module = function.parent.operation
        top = [o.operation for o in module.regions[0].blocks[0].operations]
        ops = [o.operation for o in entry_block(function).operations]
        clone = module.clone()
        clone_top = [o.operation for o in clone.regions[0].blocks[0].operations]
        clone_function = clone_top[top.index(function)]
        for other in clone_top:
            if other.name in FUNCTION_OPS and other != clone_function:
                other.attributes["sym_visibility"] = ir.StringAttr.get("private")
        cloned = [o.operation for o in entry_block(clone_function).operations]
        target = cloned[ops.index(op)].results[ir.OpResult(value).result_number]
        terminator = cloned[-1]
        with ir.InsertionPoint(terminator), terminator.location:
            ir.Operation.create(terminator.name, operands=[target])
        terminator.erase()
        # Only the value matters here: anything it does not read goes, side effects
        # (cf.assert) and accel ops (unregistered, so kept by MLIR's DCE) included.
        # In reverse order every user of an op has been visited before it.
        for inner in reversed(cloned[:-1]):
            if not any(len(list(result.uses)) for result in inner.results):
                inner.erase()
        entry = entry_block(clone_function)
        used = [i for i, argument in enumerate(entry.arguments) if len(list(argument.uses))]
        if len(used) > 1 or (used and not _position_argument(entry.arguments[used[0]].type)):
            return None
        for index in reversed(range(len(entry.arguments))):
            if index not in used:
                entry.erase_argument(index)
        clone_function.attributes["function_type"] = ir.TypeAttr.get(ir.FunctionType.get([a.type for a in entry.arguments], [target.type]))
        for name in ("arg_attrs", "res_attrs", "sym_visibility"):
            if name in clone_function.attributes:
                del clone_function.attributes[name]
        # Unused weights and functions would be compiled too: gone.
        passmanager.PassManager.parse("builtin.module(symbol-dce)").run(clone)
        return self._compiled(clone, ir.StringAttr(clone_function.attributes["sym_name"]).value, used, list(entry.arguments))

    def _compiled(self, clone: ir.Operation, name: str, used: list[int], arguments: list[ir.Value]) -> Positional | None:
        from accel.targets.cpu.iree_backend import CpuCompiler, CpuModule  # the runtime loads only when a pass run evaluates

        if self._compiler is None:
            self._compiler = CpuCompiler()
        try:
            program = CpuModule(self._compiler.compile(clone))
        except AccelError:
            return None  # IREE cannot compute it apart from the rest: left alone
        if not used:
            try:
                (constant,) = program(name)
            except AccelError:
                return None  # IREE compiled it but cannot compute it: left alone
            return Positional(None, lambda position: constant)
        type_ = arguments[0].type
        if isinstance(type_, ir.RankedTensorType):
            shape, dtype = tuple(type_.shape), numpy_dtype(str(type_.element_type))
        else:
            shape, dtype = (), numpy_dtype(str(type_))

        def at(position: int) -> np.ndarray:
            (result,) = program(name, np.full(shape, position, dtype))
            return result
        return Positional(used[0], at)
