"""Pass pipelines that mix accel's Python passes with upstream MLIR and IREE passes.

MLIR's textual pipeline parser does not know Python passes. `parse_pipeline` reads
the same syntax (`builtin.module(canonicalize, accel-op-stats{format=json},
func.func(cse))`) into a tree; `Pipeline.build` turns it into one MLIR PassManager:
runs of MLIR elements are added as text, each accel pass as a Python pass
(`PassManager.add(callable)`). So MLIR's own machinery runs everything: IR printing
after each pass, the verifier, failure propagation.

Python builds a pipeline from text and pass objects (`Pipeline.of("canonicalize",
AccelTile(hw=hardware), "cse")`): an accel pass given as an object runs as it is, with
option values text cannot hold (a `Hardware`).
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from dataclasses import dataclass, field

from accel.compiler.passes import PASSES, Pass
from accel.core.diagnostics import AccelError, Diagnostic, from_mlir_error
from accel.dialects import verify_accel
from accel.core.mlir import captured_native_stderr, ir, passmanager

PIPELINE_LOCATION = "<pass-pipeline>"


@dataclass
class Element:
    """A pass (`name{options}`) or a nested pipeline (`op-name(elements)`)."""

    name: str
    options: str | None = None  # text between the braces, None if absent
    children: list["Element"] | None = None  # set for nested pipelines
    location: str = PIPELINE_LOCATION  # where it was written, for diagnostics
    instance: Pass | None = None  # an accel pass given as an object (Pipeline.of)

    def text(self) -> str:
        if self.children is not None:
            return f"{self.name}({', '.join(c.text() for c in self.children)})"
        options = (self.instance.option_text() or None) if self.instance is not None else self.options
        return self.name + (f"{{{options}}}" if options is not None else "")

    def accel_pass(self) -> Pass:
        """The accel pass this element names, built from its option text if not given."""
        return self.instance if self.instance is not None else PASSES[self.name].from_option_text(self.options or "")


class _Parser:
    """Recursive descent over MLIR's pipeline grammar."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> AccelError:
        column = (self.pos if pos is None else pos) + 1
        return AccelError([Diagnostic(message, f"{PIPELINE_LOCATION}:1:{column}")])

    def skip_space(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def name(self) -> str:
        self.skip_space()
        start = self.pos
        while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] in "-_.$"):
            self.pos += 1
        if start == self.pos:
            found = self.text[self.pos] if self.pos < len(self.text) else "end of pipeline"
            raise self.error(f"expected a pass or operation name, found '{found}'")
        return self.text[start : self.pos]

    def braces(self) -> str:
        """Reads `{...}` (nesting and quotes respected); returns the inside."""
        start = self.pos
        depth = 0
        quote = None
        while self.pos < len(self.text):
            char = self.text[self.pos]
            self.pos += 1
            if quote:
                if char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return self.text[start + 1 : self.pos - 1]
        raise self.error("unbalanced '{' in pass options", start)

    def element(self) -> Element:
        self.skip_space()
        location = f"{PIPELINE_LOCATION}:1:{self.pos + 1}"
        name = self.name()
        self.skip_space()
        if self.pos < len(self.text) and self.text[self.pos] == "(":
            self.pos += 1
            children = self.elements(")")
            return Element(name, children=children, location=location)
        options = None
        if self.pos < len(self.text) and self.text[self.pos] == "{":
            options = self.braces()
        return Element(name, options=options, location=location)

    def elements(self, closer: str | None) -> list[Element]:
        result: list[Element] = []
        self.skip_space()
        if closer and self.pos < len(self.text) and self.text[self.pos] == closer:
            self.pos += 1
            return result
        while True:
            result.append(self.element())
            self.skip_space()
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
                continue
            if closer:
                if self.pos < len(self.text) and self.text[self.pos] == closer:
                    self.pos += 1
                    return result
                raise self.error(f"expected ',' or '{closer}'")
            return result


def parse_pipeline(text: str) -> list[Element]:
    """Parses a textual pipeline; returns the elements under the anchor `builtin.module`.

    Accepts `builtin.module(...)` or a bare list of elements (anchored on the module).
    """
    parser = _Parser(text)
    elements = parser.elements(None)
    parser.skip_space()
    if parser.pos != len(text):
        raise parser.error(f"unexpected '{text[parser.pos]}'")
    if len(elements) == 1 and elements[0].name == "builtin.module" and elements[0].children is not None:
        return elements[0].children
    return elements


@dataclass
class Pipeline:
    """A list of pipeline elements under the module, with accel passes instantiated."""

    elements: list[Element] = field(default_factory=list)
    _passes: list[Pass] = field(default_factory=list, repr=False, compare=False)  # the accel passes built

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings the pipeline's accel passes kept when it ran (Pass.warn)."""
        return [warning for instance in self._passes for warning in instance.warnings]

    @staticmethod
    def parse(text: str) -> "Pipeline":
        pipeline = Pipeline(parse_pipeline(text))
        pipeline._check_python_passes(pipeline.elements, nested=False)
        return pipeline

    @staticmethod
    def of(*parts: "str | Pass") -> "Pipeline":
        """From pipeline text fragments and accel pass objects, in order."""
        elements: list[Element] = []
        for part in parts:
            if isinstance(part, Pass):
                elements.append(Element(part.ARGUMENT, instance=part, location=f"<{part.ARGUMENT}>"))
            else:
                elements += parse_pipeline(part)
        pipeline = Pipeline(elements)
        pipeline._check_python_passes(pipeline.elements, nested=False)
        return pipeline

    @staticmethod
    def from_flags(flags: list[tuple[str, str | None]]) -> "Pipeline":
        """From `--name[=options]` command-line flags, in order."""
        pipeline = Pipeline([Element(name, options=options, location=f"--{name}") for name, options in flags])
        pipeline._check_python_passes(pipeline.elements, nested=False)
        return pipeline

    def _check_python_passes(self, elements, nested: bool):
        for element in elements:
            if element.children is not None:
                self._check_python_passes(element.children, nested=True)
            elif element.instance is None and element.name in PASSES:
                location = element.location
                if nested:
                    raise AccelError([Diagnostic(f"accel pass '{element.name}' runs on the module: schedule it at the top level, not inside a nested pipeline", location)])
                try:
                    PASSES[element.name].from_option_text(element.options or "")
                except AccelError as error:
                    raise AccelError([Diagnostic(d.message, location) for d in error.diagnostics]) from None

    def text(self) -> str:
        return f"builtin.module({', '.join(e.text() for e in self.elements)})"

    def build(self, context: ir.Context, *, verify_each: bool = True, print_ir_after_all: bool = False) -> passmanager.PassManager:
        """One PassManager running every element in order. Raises AccelError on unknown
        passes or bad options of MLIR passes (accel ones are checked at parse time)."""
        self._passes.clear()  # the warnings are those of the last build's passes
        with context:
            manager = passmanager.PassManager("builtin.module")
            manager.enable_verifier(verify_each)
            segment: list[Element] = []

            def flush():
                if segment:
                    _add_mlir_elements(manager, segment)
                    segment.clear()

            for element in self.elements:
                if element.children is None and (element.instance is not None or element.name in PASSES):
                    flush()
                    instance = element.accel_pass()
                    self._passes.append(instance)
                    manager.add(
                        _as_mlir_pass(instance, verify_each),
                        name=type(instance).__name__,
                        argument=instance.ARGUMENT,
                        description=instance.SUMMARY,
                    )
                else:
                    segment.append(element)
            flush()
            if print_ir_after_all:
                manager.enable_ir_printing(print_after_all=True)
        return manager

    def run(self, module: ir.Module, *, verify_each: bool = True, print_ir_after_all: bool = False) -> None:
        """Runs the pipeline on `module` in place; raises AccelError on failure."""
        manager = self.build(module.context, verify_each=verify_each, print_ir_after_all=print_ir_after_all)
        try:
            manager.run(module.operation)
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None


def _add_mlir_elements(manager: passmanager.PassManager, elements: list[Element]) -> None:
    for element in elements:
        with captured_native_stderr() as native:
            try:
                manager.add(element.text())
                continue
            except ValueError as error:
                message = str(error)
        detail = " ".join((message + " " + "".join(native)).split())
        # MLIR names the failing pass but locates it in our re-printed text, not the
        # user's: point at that pass as written, which may be nested inside `element`.
        named = _FAILED_PASS.search(detail)
        culprit = _find_leaf(element, named.group(1) or named.group(2), named.group(3)) if named else None
        culprit = culprit or element
        if "does not refer to a registered pass" in detail:
            detail = f"unknown pass '{culprit.name}' (not an accel, MLIR or IREE pass; see accel-opt --list-passes)"
        raise AccelError([Diagnostic(detail, culprit.location)])


# What MLIR's pipeline parser says about the pass it could not add (innermost first).
_FAILED_PASS = re.compile(r"'([^']*)' does not refer to a registered pass|failed to add `([^`]*)` with options `([^`]*)`")


def _find_leaf(element: Element, name: str, options: str | None) -> Element | None:
    """The first pass named `name` (with `options`, if given) in `element`'s subtree."""
    if element.children is None:
        matches = element.name == name and (options is None or (element.options or "") == options)
        return element if matches else None
    for child in element.children:
        found = _find_leaf(child, name, options)
        if found:
            return found
    return None


def _as_mlir_pass(instance: Pass, verify_each: bool):
    """Wraps an accel pass as the callable MLIR's PassManager runs.

    User-facing failures (AccelError) become MLIR diagnostics at their locations; any
    other exception is a bug in the pass, reported as an internal error at the module,
    or its first op with a line (set ACCEL_DEBUG=1 for the Python traceback).
    """

    def run(operation, pass_):
        try:
            instance.run(operation)
            if verify_each:
                verify_accel(operation)
        except AccelError as error:
            for diagnostic in error.diagnostics:
                location = diagnostic.location if isinstance(diagnostic.location, ir.Location) else operation.location
                location.emit_error(diagnostic.message)
            pass_.signal_pass_failure()
        except Exception as error:  # noqa: BLE001 - turned into a diagnostic, see docstring
            _report_internal_error(instance, operation, error)
            pass_.signal_pass_failure()

    return run


def _report_internal_error(instance: Pass, operation, error: Exception) -> None:
    if os.environ.get("ACCEL_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    _located(operation).emit_error(
        f"internal error in pass '{instance.ARGUMENT}': {type(error).__name__}: {error} (ACCEL_DEBUG=1 shows the traceback)"
    )


def _located(operation) -> ir.Location:
    """Where to report a problem with `operation` as a whole: its location, or when that
    has no line (a parsed module is at FILE:0:0, a built one nowhere) the first nested
    op's that has one, so that the report names the input and a line of it."""
    found = []

    def visit(op):
        if _has_line(op.location):
            found.append(op.location)
            return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    operation.walk(visit, ir.WalkOrder.PRE_ORDER)  # `operation` itself first
    return found[0] if found else operation.location


def _has_line(location: ir.Location) -> bool:
    match = re.search(r":(\d+):\d+\)*$", str(location))
    return match is not None and int(match.group(1)) > 0
