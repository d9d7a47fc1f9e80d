"""A small operation-definition framework: how accel ops are declared, once.

An op is a Python class deriving from `OpDef` with class attributes `OPERANDS`,
`ATTRIBUTES` and `RESULTS` (lists of `Operand`, `Attr`, `Result`), a docstring
(one-line summary, description, an MLIR example), and optionally a `verify_op`
method for what the constraints cannot say. From that single definition come:

- named accessors (`op.lhs`, `op.group_size`) and a keyword `build(...)`,
- the Python verifier (`verify_operation`), used on every accel op in our context,
- the IRDL text (`accel.dialects.irdl`) that lets `iree-opt --irdl-file` verify it.

The pip build of IREE cannot register a dialect from Python, so accel ops are
unregistered operations in generic form (`"accel.qmatmul"(...)`) in the Python
context; this module gives them their meaning.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Callable, ClassVar, Sequence

from accel.core.mlir import ir

DIALECT = "accel"

# ---------------------------------------------------------------------------
# Errors


class VerifyError(Exception):
    """An op violates its definition. Carries the op so the message is located."""

    def __init__(self, message: str, operation: "ir.Operation | None" = None):
        super().__init__(message)
        self.message = message
        self.operation = operation


# ---------------------------------------------------------------------------
# Element types and memory spaces

FLOAT_TYPES = ("f16", "bf16", "f32", "f64")
INT_TYPES = ("i1", "i4", "i8", "i16", "i32", "i64")


def element_name(type_: ir.Type) -> str:
    """'i8', 'f32', ... for a scalar type; str(type) for anything else."""
    return str(type_)


def memory_space_of(type_: ir.Type) -> str:
    """'sram' or 'dram' for a memref type (no memory space means DRAM)."""
    space = type_.memory_space
    if space is None:
        return "dram"
    text = str(space)
    for kind in MEMORY_SPACES:
        if text == memspace_text(kind):
            return kind
    return text


MEMORY_SPACES = ("dram", "sram")


def memspace_text(kind: str) -> str:
    return f'#{DIALECT}.memspace<"{kind}">'


TOKEN_TEXT = f"!{DIALECT}.token"


def is_token(type_: ir.Type) -> bool:
    return str(type_) == TOKEN_TEXT


def token_type() -> ir.Type:
    return ir.Type.parse(TOKEN_TEXT)


# ---------------------------------------------------------------------------
# Type constraints


class TypeConstraint:
    """What an operand or result may be. `irdl_text` is the IRDL constraint op."""

    summary: str = "any type"
    irdl_text: str = "irdl.any"

    def check(self, type_: ir.Type) -> str | None:
        """Returns why `type_` does not satisfy this constraint, or None."""
        return None


def _element_ok(element: str, allowed: Sequence[str]) -> bool:
    if not allowed:
        return True
    for kind in allowed:
        if kind == "float" and element in FLOAT_TYPES:
            return True
        if kind == "int" and element in INT_TYPES:
            return True
        if element == kind:
            return True
    return False


def _describe_elements(allowed: Sequence[str]) -> str:
    return " or ".join(allowed) if allowed else "any element type"


class TensorOf(TypeConstraint):
    """A ranked tensor with one of `elements` ('float' and 'int' are families)."""

    def __init__(self, *elements: str, rank: int | None = None):
        self.elements = elements
        self.rank = rank

    @property
    def summary(self) -> str:
        rank = f"rank-{self.rank} " if self.rank is not None else ""
        return f"{rank}tensor of {_describe_elements(self.elements)}"

    irdl_text = 'irdl.base "!builtin.tensor"'

    def check(self, type_):
        if not isinstance(type_, ir.RankedTensorType):
            return f"expected {self.summary}, got {type_}"
        tensor = type_
        if self.rank is not None and tensor.rank != self.rank:
            return f"expected {self.summary}, got {type_}"
        if not _element_ok(element_name(tensor.element_type), self.elements):
            return f"expected {self.summary}, got {type_}"
        return None


class MemRefOf(TypeConstraint):
    """A memref with one of `elements`, in memory `space` ('sram' / 'dram' / None)."""

    def __init__(self, *elements: str, space: str | None = None, rank: int | None = None):
        self.elements = elements
        self.space = space
        self.rank = rank

    @property
    def summary(self) -> str:
        where = f" in {self.space.upper()}" if self.space else ""
        rank = f"rank-{self.rank} " if self.rank is not None else ""
        return f"{rank}memref of {_describe_elements(self.elements)}{where}"

    irdl_text = 'irdl.base "!builtin.memref"'

    def check(self, type_):
        if not isinstance(type_, ir.MemRefType):
            return f"expected {self.summary}, got {type_}"
        memref = type_
        if self.rank is not None and memref.rank != self.rank:
            return f"expected {self.summary}, got {type_}"
        if not _element_ok(element_name(memref.element_type), self.elements):
            return f"expected {self.summary}, got {type_}"
        if self.space is not None:
            space = memory_space_of(type_)
            if space != self.space:
                # Upper-case only the names we know; any other space is quoted as written.
                where = space.upper() if space in MEMORY_SPACES else f"memory space {space}"
                return f"expected {self.summary}, got a memref in {where}: {type_}"
        return None


class TokenConstraint(TypeConstraint):
    summary = f"token ({TOKEN_TEXT})"
    irdl_text = f"irdl.parametric @{DIALECT}::@token<>"

    def check(self, type_):
        return None if is_token(type_) else f"expected {self.summary}, got {type_}"


Token = TokenConstraint()


class IndexConstraint(TypeConstraint):
    summary = "index"
    irdl_text = "irdl.is index"

    def check(self, type_):
        return None if isinstance(type_, ir.IndexType) else f"expected index, got {type_}"


Index = IndexConstraint()

# ---------------------------------------------------------------------------
# Attribute constraints


class AttrConstraint:
    """What an attribute may be; `to_attr` turns a Python value into one."""

    summary = "any attribute"

    def irdl_lines(self, new_value: Callable[[str], str]) -> str:
        """Emits IRDL ops for this constraint; returns the SSA name of the result."""
        return new_value("irdl.any")

    def check(self, attr: ir.Attribute) -> str | None:
        return None

    def to_attr(self, value) -> ir.Attribute:
        if isinstance(value, ir.Attribute):
            return value
        raise TypeError(f"cannot make a {self.summary} from {value!r}")

    def to_python(self, attr: ir.Attribute):
        return attr


class IntAttr(AttrConstraint):
    def __init__(self, min_value: int | None = None):
        self.min_value = min_value

    @property
    def summary(self):
        return "64-bit integer" + (f" >= {self.min_value}" if self.min_value is not None else "")

    def irdl_lines(self, new_value):
        return new_value('irdl.base "#builtin.integer"')

    def check(self, attr):
        if not isinstance(attr, ir.IntegerAttr):
            return f"expected a {self.summary}, got {attr}"
        value = attr.value
        if self.min_value is not None and value < self.min_value:
            return f"expected a {self.summary}, got {value}"
        return None

    def to_attr(self, value):
        if isinstance(value, ir.Attribute):
            return value
        return ir.IntegerAttr.get(ir.IntegerType.get_signless(64), int(value))

    def to_python(self, attr):
        return attr.value


class FloatAttr(AttrConstraint):
    summary = "64-bit float"

    def irdl_lines(self, new_value):
        return new_value('irdl.base "#builtin.float"')

    def check(self, attr):
        return None if isinstance(attr, ir.FloatAttr) else f"expected a {self.summary}, got {attr}"

    def to_attr(self, value):
        if isinstance(value, ir.Attribute):
            return value
        return ir.FloatAttr.get(ir.F64Type.get(), float(value))

    def to_python(self, attr):
        return attr.value


class BoolAttr(AttrConstraint):
    summary = "boolean"

    def irdl_lines(self, new_value):
        true = new_value("irdl.is true")
        false = new_value("irdl.is false")
        return new_value(f"irdl.any_of({true}, {false})")

    def check(self, attr):
        return None if isinstance(attr, ir.BoolAttr) else f"expected a boolean, got {attr}"

    def to_attr(self, value):
        if isinstance(value, ir.Attribute):
            return value
        return ir.BoolAttr.get(bool(value))

    def to_python(self, attr):
        return attr.value


class EnumAttr(AttrConstraint):
    """A string attribute from a fixed set."""

    def __init__(self, *values: str):
        self.values = values

    @property
    def summary(self):
        return "one of " + ", ".join(f'"{v}"' for v in self.values)

    def irdl_lines(self, new_value):
        names = [new_value(f'irdl.is "{v}"') for v in self.values]
        return names[0] if len(names) == 1 else new_value(f"irdl.any_of({', '.join(names)})")

    def check(self, attr):
        if not isinstance(attr, ir.StringAttr) or attr.value not in self.values:
            return f"expected {self.summary}, got {attr}"
        return None

    def to_attr(self, value):
        if isinstance(value, ir.Attribute):
            return value
        return ir.StringAttr.get(str(value))

    def to_python(self, attr):
        return attr.value


class I64ArrayAttr(AttrConstraint):
    summary = "array<i64: ...>"

    def irdl_lines(self, new_value):
        return new_value('irdl.base "#builtin.dense_array"')

    def check(self, attr):
        return None if isinstance(attr, ir.DenseI64ArrayAttr) else f"expected {self.summary}, got {attr}"

    def to_attr(self, value):
        if isinstance(value, ir.Attribute):
            return value
        return ir.DenseI64ArrayAttr.get([int(v) for v in value])

    def to_python(self, attr):
        return list(attr)


# ---------------------------------------------------------------------------
# Operands, attributes, results


@dataclass
class Operand:
    name: str
    constraint: TypeConstraint
    doc: str = ""
    variadic: bool = False
    optional: bool = False


@dataclass
class Result:
    name: str
    constraint: TypeConstraint
    doc: str = ""


@dataclass
class Attr:
    name: str
    constraint: AttrConstraint
    doc: str = ""
    optional: bool = False


# ---------------------------------------------------------------------------
# Type and attribute definitions of the dialect (for IRDL and documentation)


@dataclass
class TypeDef:
    name: str
    summary: str


@dataclass
class AttrDef:
    name: str
    summary: str
    parameter: str
    values: tuple[str, ...]


# ---------------------------------------------------------------------------
# The op base class


class OpDef:
    """Base of every accel op definition; an instance wraps one `ir.Operation`."""

    NAME: ClassVar[str]
    OPERANDS: ClassVar[list[Operand]] = []
    RESULTS: ClassVar[list[Result]] = []
    ATTRIBUTES: ClassVar[list[Attr]] = []

    def __init__(self, operation: "ir.Operation | ir.OpView"):
        self.operation = operation.operation if hasattr(operation, "operation") else operation
        if self.operation.name != self.op_name():
            raise TypeError(f"{self.operation.name} is not {self.op_name()}")

    # -- class-level facts -------------------------------------------------

    @classmethod
    def op_name(cls) -> str:
        return f"{DIALECT}.{cls.NAME}"

    @classmethod
    def summary(cls) -> str:
        return inspect.getdoc(cls).splitlines()[0]

    @classmethod
    def description(cls) -> str:
        return inspect.getdoc(cls)

    @classmethod
    def example(cls) -> str:
        """The MLIR example in the docstring (the indented block after 'Example:')."""
        doc = inspect.getdoc(cls)
        _, _, after = doc.partition("Example:")
        lines = [line for line in after.splitlines() if line.strip()]
        return "\n".join(line[4:] if line.startswith("    ") else line for line in lines)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _check_definition(cls)
        for index, operand in enumerate(cls.OPERANDS):
            setattr(cls, operand.name, property(lambda self, i=index: self._operand_group(i)))
        for index, result in enumerate(cls.RESULTS):
            setattr(cls, result.name, property(lambda self, i=index: self.operation.results[i]))
        for attr in cls.ATTRIBUTES:
            setattr(cls, attr.name, property(lambda self, a=attr: self._attr_value(a)))

    # -- accessors ---------------------------------------------------------

    def _operand_group(self, index: int):
        """The operand(s) for definition `index`: a Value, None, or a list (variadic)."""
        fixed = [o for o in self.OPERANDS if not (o.variadic or o.optional)]
        operands = list(self.operation.operands)
        spare = len(operands) - len(fixed)
        position = 0
        for i, operand in enumerate(self.OPERANDS):
            count = spare if (operand.variadic or operand.optional) else 1
            if i == index:
                group = operands[position : position + count]
                if operand.variadic:
                    return group
                if operand.optional:
                    return group[0] if group else None
                return group[0]
            position += count
        raise IndexError(index)

    def _attr_value(self, attr: Attr):
        if attr.name not in self.operation.attributes:
            return None
        return attr.constraint.to_python(self.operation.attributes[attr.name])

    # -- building ------------------------------------------------------------

    @classmethod
    def build(cls, *, result_types: Sequence[ir.Type] = (), loc=None, ip=None, **kwargs) -> "OpDef":
        """Creates the op at the current insertion point.

        Operands and attributes are keyword arguments named as in the definition;
        results are `result_types` (in definition order) unless the op infers them.
        """
        operands = []
        for operand in cls.OPERANDS:
            value = kwargs.pop(operand.name, None)
            if operand.variadic:
                operands.extend(value or [])
            elif value is None:
                if not operand.optional:
                    raise TypeError(f"{cls.op_name()}: missing operand '{operand.name}'")
            else:
                operands.append(value)
        attributes = {}
        for attr in cls.ATTRIBUTES:
            value = kwargs.pop(attr.name, None)
            if value is None:
                if not attr.optional:
                    raise TypeError(f"{cls.op_name()}: missing attribute '{attr.name}'")
                continue
            attributes[attr.name] = attr.constraint.to_attr(value)
        if kwargs:
            raise TypeError(f"{cls.op_name()}: unknown arguments {sorted(kwargs)}")
        if not result_types:
            result_types = cls.infer_result_types(operands, attributes)
        operation = ir.Operation.create(
            cls.op_name(),
            results=list(result_types),
            operands=operands,
            attributes=attributes,
            loc=loc,
            ip=ip,
        )
        return cls(operation)

    @classmethod
    def infer_result_types(cls, operands, attributes) -> list[ir.Type]:
        if cls.RESULTS:
            raise TypeError(f"{cls.op_name()}: pass result_types=")
        return []

    # -- verification --------------------------------------------------------

    def verify_op(self) -> None:
        """Checks what the declared constraints cannot; raises VerifyError."""

    def error(self, message: str) -> VerifyError:
        return VerifyError(message, self.operation)


def _check_definition(cls) -> None:
    """Definition-time checks, so a bad op definition fails at import, not in use."""
    if not inspect.getdoc(cls) or "Example:" not in inspect.getdoc(cls):
        raise TypeError(f"{cls.__name__}: the docstring needs a summary and an 'Example:'")
    groups = [o for o in cls.OPERANDS if o.variadic or o.optional]
    if len(groups) > 1:
        # More than one would need operandSegmentSizes; keep the generic form simple.
        raise TypeError(f"{cls.__name__}: at most one variadic or optional operand group")


# ---------------------------------------------------------------------------
# Verification of one operation against its definition


def verify_operation(definition: type[OpDef], operation: ir.Operation) -> None:
    """Checks `operation` against `definition`; raises VerifyError."""
    name = definition.op_name()
    fixed = [o for o in definition.OPERANDS if not (o.variadic or o.optional)]
    flexible = [o for o in definition.OPERANDS if o.variadic or o.optional]
    count = len(operation.operands)
    if count < len(fixed) or (not flexible and count != len(fixed)) or (
        flexible and flexible[0].optional and count > len(fixed) + 1
    ):
        expected = f"{len(fixed)}" + (
            f" or {len(fixed) + 1}" if flexible and flexible[0].optional else " or more" if flexible else ""
        )
        raise VerifyError(f"'{name}' op expects {expected} operands, got {count}", operation)
    if len(operation.results) != len(definition.RESULTS):
        raise VerifyError(
            f"'{name}' op expects {len(definition.RESULTS)} results, got {len(operation.results)}", operation
        )
    if len(operation.regions) != 0:
        raise VerifyError(f"'{name}' op expects no regions", operation)
    view = definition(operation)
    for index, operand in enumerate(definition.OPERANDS):
        values = view._operand_group(index)
        values = values if isinstance(values, list) else ([] if values is None else [values])
        for value in values:
            problem = operand.constraint.check(value.type)
            if problem:
                raise VerifyError(f"'{name}' op operand '{operand.name}': {problem}", operation)
    for index, result in enumerate(definition.RESULTS):
        problem = result.constraint.check(operation.results[index].type)
        if problem:
            raise VerifyError(f"'{name}' op result '{result.name}': {problem}", operation)
    for attr in definition.ATTRIBUTES:
        if attr.name not in operation.attributes:
            if not attr.optional:
                raise VerifyError(f"'{name}' op requires attribute '{attr.name}'", operation)
            continue
        problem = attr.constraint.check(operation.attributes[attr.name])
        if problem:
            raise VerifyError(f"'{name}' op attribute '{attr.name}': {problem}", operation)
    view.verify_op()


@dataclass
class Dialect:
    """The set of op, type and attribute definitions of one dialect."""

    name: str
    ops: dict[str, type[OpDef]] = field(default_factory=dict)
    types: list[TypeDef] = field(default_factory=list)
    attributes: list[AttrDef] = field(default_factory=list)

    def op(self, cls: type[OpDef]) -> type[OpDef]:
        """Class decorator: registers an op definition."""
        if cls.op_name() in self.ops:
            raise TypeError(f"op {cls.op_name()} defined twice")
        self.ops[cls.op_name()] = cls
        return cls

    def lookup(self, op_name: str) -> type[OpDef] | None:
        return self.ops.get(op_name)
