"""accel-opt: the mlir-opt of accel.

Reads MLIR (a file or stdin), runs a pass pipeline in which accel's Python passes
and any MLIR or IREE pass mix freely, verifies accel ops after parsing and after
each pass, and prints the result. Errors are `FILE:LINE:COL: error: ...` with exit
code 1, never a Python traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from accel.compiler.passes import PASSES
from accel.compiler.pass_pipeline import Pipeline
from accel.core.diagnostics import SOURCE_NAME, AccelError, from_mlir_error
from accel.dialects import verify_accel
from accel.core.mlir import ir, make_context, parse_module
from accel.tools import run_tool, version_text
from accel.tools.outputs import STDOUT, OutputFiles, check_file

SPLIT_MARKER = re.compile(r"^// -----\s*$", re.MULTILINE)

DESCRIPTION = """\
Run a pass pipeline over MLIR containing accel ops.

Passes are given either as a pipeline:
  accel-opt in.mlir --pass-pipeline='builtin.module(accel-op-stats, func.func(cse))'
or as one flag per pass, run in order (options as in mlir-opt):
  accel-opt in.mlir --canonicalize --accel-op-stats='format=json'
accel passes, MLIR passes and IREE passes mix freely; see --list-passes.
"""


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accel-opt",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
        epilog="Any other --NAME[=OPTIONS] is a pass flag. Exit status: 0 on success, 1 on any error.",
    )
    parser.add_argument("input", nargs="?", default="-", help="input file (default: stdin)")
    parser.add_argument("-o", dest="output", default="-", metavar="FILE", help="output file (default: stdout)")
    parser.add_argument("--pass-pipeline", metavar="PIPELINE", help="textual pipeline, e.g. 'builtin.module(canonicalize)'")
    parser.add_argument("--split-input-file", action="store_true", help="process each '// -----'-separated chunk on its own")
    parser.add_argument("--version", action="version", version=version_text("accel-opt"), help="print accel's and IREE's versions and exit")
    parser.add_argument("--list-passes", action="store_true", help="list accel's passes with their options and exit")
    parser.add_argument("--print-ir-after-all", action="store_true", help="print the IR after each pass (to stderr)")
    parser.add_argument("--no-verify-each", dest="verify_each", action="store_false", help="do not verify after each pass (the input and output are still verified)")
    parser.add_argument("--mlir-print-op-generic", action="store_true", help="print every op in generic form")
    parser.add_argument("--mlir-print-debuginfo", action="store_true", help="print locations")
    return parser


def list_passes(stream=None) -> None:
    # Looked up at call time: a default of sys.stdout would pin the stream at import.
    stream = stream or sys.stdout
    print("accel passes:", file=stream)
    for name in sorted(PASSES):
        cls = PASSES[name]
        print(f"  --{name:<28} {cls.SUMMARY}", file=stream)
        for option in cls.options():
            choices = f" ({'|'.join(option.choices)})" if option.choices else ""
            print(f"      {option.name}={option.default!s:<18} {option.help}{choices}", file=stream)
    print("\nEvery MLIR and IREE pass is available too (`iree-opt --help` lists them).", file=stream)


def _pass_flags(extras: list[str]) -> list[tuple[str, str | None]]:
    flags = []
    for extra in extras:
        if not extra.startswith("-") or extra == "-":
            raise AccelError(f"unexpected argument '{extra}' (one input file; pass options go after '=': --NAME='OPTIONS')", "accel-opt")
        name, has_value, value = extra.lstrip("-").partition("=")
        flags.append((name, value if has_value else None))
    return flags


def _split_chunks(text: str, split: bool) -> list[tuple[str, int]]:
    """(chunk text, number of lines before it) for each chunk of the input."""
    if not split:
        return [(text, 0)]
    chunks = []
    start = 0
    for match in SPLIT_MARKER.finditer(text):
        chunks.append((text[start : match.start()], text.count("\n", 0, start)))
        start = match.end()
    chunks.append((text[start:], text.count("\n", 0, start)))
    return chunks


def _process(chunk: str, line_offset: int, pipeline: Pipeline, args) -> str:
    context = make_context()
    with context:
        try:
            module = parse_module(chunk, context, line_offset=line_offset)
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None
        verify_accel(module)
        pipeline.run(module, verify_each=args.verify_each, print_ir_after_all=args.print_ir_after_all)
        for warning in pipeline.warnings:
            print(warning.format(), file=sys.stderr)
        verify_accel(module)
        return module.operation.get_asm(
            print_generic_op_form=args.mlir_print_op_generic,
            enable_debug_info=args.mlir_print_debuginfo,
        )


def _read_input(path: str) -> tuple[str, str]:
    # Bytes, decoded here: text-mode stdin may smuggle bad bytes in as surrogates,
    # which the parser's binding then rejects with an unhelpful TypeError.
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as f:
                data = f.read()
    except OSError as error:
        raise AccelError(f"cannot read input: {error.strerror}", name) from None
    try:
        return data.decode("utf-8"), name
    except UnicodeDecodeError as error:
        raise AccelError(f"cannot read input: not UTF-8 text (byte {error.start}: {error.reason})", name) from None


def _write_output(path: str, text: str) -> None:
    if path == STDOUT:
        sys.stdout.write(text)
        return
    # Beside the target, then renamed: a failure never leaves a half-written file.
    with OutputFiles() as files:
        files.write(path, "output", lambda temporary: Path(temporary).write_text(text))


def run(argv: list[str] | None = None) -> int:
    args, extras = _argument_parser().parse_known_args(argv)
    if args.list_passes:
        list_passes()
        return 0
    flags = _pass_flags(extras)
    if flags and args.pass_pipeline:
        raise AccelError("give passes either with --pass-pipeline or as flags, not both", "accel-opt")
    pipeline = Pipeline.parse(args.pass_pipeline) if args.pass_pipeline else Pipeline.from_flags(flags)
    pipeline.build(make_context())  # reject unknown passes and bad options before reading input
    check_file(args.output, "output")  # and an output that cannot be written
    text, filename = _read_input(args.input)
    source_name = SOURCE_NAME.set(filename)  # what the parser's "-" stands for in warnings and remarks
    try:
        return _run_chunks(text, filename, pipeline, args)
    finally:
        SOURCE_NAME.reset(source_name)


def _run_chunks(text: str, filename: str, pipeline: Pipeline, args) -> int:
    outputs = []
    failed = False
    for chunk, line_offset in _split_chunks(text, args.split_input_file):
        try:
            outputs.append(_process(chunk, line_offset, pipeline, args))
        except AccelError as error:
            print(error.format(filename), file=sys.stderr)
            failed = True
    if failed:
        if args.split_input_file and outputs and args.output == "-":
            sys.stdout.write("// -----\n".join(outputs))
        return 1
    _write_output(args.output, "// -----\n".join(outputs))
    return 0


def main(argv: list[str] | None = None) -> int:
    return run_tool("accel-opt", run, argv)


if __name__ == "__main__":
    sys.exit(main())
