"""The compile-time values of weights: one reader for every form a constant takes.

    values = constant_value(op)        # an arith.constant or a util.global.load
    values = elements_value(attr)      # a dense or dense_resource elements attribute

Models reach accel with their weights in one of these forms, and whatever reads
weights at compile time (accel-quantize; the golden interpreter could read
`arith.constant` / `util.global.load` with the same functions) reads them here:

- `dense<...>` (DenseElementsAttr): what MLIR text spells out; the bindings' buffer
  protocol gives the values (a splat is expanded to the full shape here);
- `dense_resource<KEY>` (DenseResourceElementsAttr): a blob owned by the context,
  what the frontends make of every imported weight (weights="inline", see
  frontend/parameters.py) and what the parser makes of a file's `dialect_resources`
  section;
- `#flow.parameter.named<"SCOPE"::"NAME">` (or `#stream.parameter.named`): a
  reference to an external parameter archive, whose values are not in the module:
  unreadable, and said so.

Reading a dense_resource blob. The Python bindings of this MLIR version expose no
buffer of a DenseResourceElementsAttr: only `get_from_buffer` (to make one) and
`get_named`; the C API reads one element per call (`mlirDense*ResourceElementsAttr
GetValue`, not wrapped by the bindings), far too slow through ctypes for millions of
elements. Three ways were possible; this module takes the asm printer's:

- print a module holding just the attribute: MLIR's own printer writes the blob in
  the module's `dialect_resources` section in the text format's encoding, "0x", the
  blob's alignment as a little-endian u32, then the bytes, in hex. The printer emits
  only the resources the printed IR references, so that section holds exactly this
  blob. It works for blobs from any source (the frontend's numpy arrays, a parsed
  .mlir or .mlirbc file), costs two characters per byte for the duration of the read
  (about 8 ms per MB: 0.36 s for a 30522 x 384 f32 embedding table) and depends on
  nothing but the documented text format;
- parse the same section out of bytecode: fewer bytes, but a hand-written reader of
  the bytecode's varint-encoded section layout;
- have the frontend keep a side table of the numpy arrays it bound: no help for a
  module read back from a file, the case `accelc import` then `accelc run` is.

Errors are ValueError with the reason a value cannot be read (an external
parameter, an element type numpy lacks, a blob elided when the module was printed),
so that a caller can report why a weight stayed as it was.
"""

from __future__ import annotations

import binascii
import re

import numpy as np

from accel.core.mlir import ir

# The start of the one resource entry in the printed section, `KEY: "0x<hex>"` (KEY a
# bare or quoted identifier); the hex runs to the next quote.
_BLOB_START = re.compile(rb'dialect_resources:\s*\{\s*builtin:\s*\{\s*(?:"(?:[^"\\]|\\.)*"|[^:\s]+)\s*:\s*"0x')
_NAMED_PARAMETER = re.compile(r'^#(?:flow|stream)\.parameter\.named<"((?:[^"\\]|\\.)*)"::"((?:[^"\\]|\\.)*)">')
# The blob's alignment, a little-endian u32, precedes its bytes in the text encoding.
_ALIGNMENT_BYTES = 4


def _numpy_dtype(element_type: ir.Type) -> np.dtype:
    # Imported here: the golden interpreter owns the element-type table and may itself
    # read constants through this module.
    from accel.runtime.golden import numpy_dtype

    return numpy_dtype(element_type)


def dense_resource(attr: ir.Attribute) -> "ir.DenseResourceElementsAttr | None":
    """`attr` as a DenseResourceElementsAttr, or None if it is something else (the
    bindings do not downcast these: an `isinstance` check on the parsed attribute fails)."""
    if isinstance(attr, ir.DenseResourceElementsAttr):
        return attr
    try:
        return ir.DenseResourceElementsAttr(attr)
    except ValueError:
        return None


def resource_blob(attr: ir.DenseResourceElementsAttr) -> memoryview:
    """The bytes of a dense_resource blob, through the asm printer (see the module
    docstring). ValueError if the module it came from was printed with the blob elided."""
    holder = ir.Module.create(ir.Location.unknown(attr.context))
    with ir.InsertionPoint(holder.body), ir.Location.unknown(attr.context):
        ir.Operation.create("arith.constant", results=[attr.type], attributes={"value": attr})
    text = holder.operation.get_asm(binary=True, print_generic_op_form=True, assume_verified=True)
    match = _BLOB_START.search(text)
    end = -1 if match is None else text.find(b'"', match.end())
    if end < 0:
        # A handle without a blob: `dense_resource<__elided__>` from a module printed
        # with a size limit, or a key the file's resource section does not define.
        raise ValueError(f"the blob of {_handle_text(attr)} is not in the module (elided when it was printed?)")
    data = binascii.a2b_hex(memoryview(text)[match.end() : end])
    return memoryview(data)[_ALIGNMENT_BYTES:]


def _handle_text(attr: ir.Attribute) -> str:
    return str(attr).split(" : ", 1)[0]


def elements_value(attr: ir.Attribute) -> np.ndarray:
    """The values of a dense or dense_resource elements attribute, shaped as its type,
    in the numpy dtype of its element type. ValueError saying why not otherwise."""
    resource = dense_resource(attr)
    if resource is not None:
        shaped = resource.type
        dtype = _numpy_dtype(shaped.element_type)
        data = resource_blob(resource)
        expected = int(np.prod(shaped.shape, dtype=np.int64)) * dtype.itemsize
        if len(data) != expected:
            raise ValueError(f"the blob of {_handle_text(attr)} has {len(data)} bytes, its type {shaped} needs {expected}")
        return np.frombuffer(data, dtype=dtype).reshape(shaped.shape)
    if isinstance(attr, ir.DenseElementsAttr):
        shaped = attr.type
        dtype = _numpy_dtype(shaped.element_type)
        if attr.is_splat:
            return np.full(shaped.shape, np.array(attr).reshape(-1)[0], dtype=dtype)
        # The bindings' buffer protocol decodes i1 as bool; the cast is a no-op otherwise.
        return np.array(attr).astype(dtype, copy=False).reshape(shaped.shape)
    parameter = named_parameter(attr)
    if parameter is not None:
        raise ValueError(
            f'the weight is the external parameter "{parameter[0]}"::"{parameter[1]}": its values are not in the module '
            "(import with weights='inline')"
        )
    raise ValueError(f"{_handle_text(attr)} is not a dense or dense_resource elements attribute")


def named_parameter(attr: ir.Attribute) -> tuple[str, str] | None:
    """(scope, name) of a `#flow.parameter.named<"SCOPE"::"NAME">` (or
    `#stream.parameter.named`) reference, None for any other attribute."""
    if isinstance(attr, ir.DenseElementsAttr) or dense_resource(attr) is not None:
        return None  # values, not a reference (and printing them to look costs their size)
    match = _NAMED_PARAMETER.match(str(attr))
    return None if match is None else (match.group(1), match.group(2))


def global_initial_value(load: ir.Operation) -> ir.Attribute:
    """The initial value of the immutable `util.global` that the `util.global.load`
    `load` reads (looked up in the nearest enclosing symbol table that defines it).
    ValueError if there is none or the global may change."""
    name = ir.FlatSymbolRefAttr(load.attributes["global"]).value
    scope = load.parent
    while scope is not None:
        try:
            found = ir.SymbolTable(scope)[name].operation
        except TypeError:  # not a symbol table: look further out
            scope = scope.parent if scope.name != "builtin.module" else None
            continue
        except KeyError:
            break
        if found.name != "util.global":
            raise ValueError(f"@{name} is a '{found.name}', not a util.global")
        if "is_mutable" in found.attributes:
            raise ValueError(f"the global @{name} is mutable: its value is not known at compile time")
        if "initial_value" not in found.attributes:
            raise ValueError(f"the global @{name} has no initial value (it is set by an initializer)")
        return found.attributes["initial_value"]
    raise ValueError(f"no global @{name} in scope")


def constant_value(op: ir.Operation) -> np.ndarray:
    """The value of an `arith.constant` of elements or a `util.global.load` of an
    immutable global (see `elements_value`). ValueError saying why not otherwise."""
    op = op.operation
    if op.name == "arith.constant":
        return elements_value(op.attributes["value"])
    if op.name == "util.global.load":
        return elements_value(global_initial_value(op))
    raise ValueError(f"the value is computed at run time (by '{op.name}'), not a constant")


__all__ = ["constant_value", "dense_resource", "elements_value", "global_initial_value", "named_parameter", "resource_blob"]
