"""`python -m accel.targets.sim FILE.mlir --hw edge-npu`: simulate a scheduled program.

Prints the report as JSON. Timing only, unless --inputs gives one .npy file per
function argument (then --outputs DIR saves every argument after the run as
argN.npy). --trace FILE writes the Chrome trace (Perfetto, chrome://tracing).
Errors are FILE:LINE:COL: error: ... with exit status 1, never a traceback; output
paths are checked before the simulation, and an error leaves no output file behind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from accel.core.diagnostics import AccelError, from_mlir_error
from accel.core.mlir import ir, make_context, parse_module
from accel.targets.sim.simulator import simulate

PROG = "python -m accel.targets.sim"


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    parser.add_argument("input", help="scheduled (L4) MLIR file")
    parser.add_argument("--hw", default="edge-npu", metavar="PRESET|FILE.toml", help="preset name or .toml hardware file, as for accelc (default: edge-npu)")
    # The option's first name, kept working for existing command lines; accelc's --hw is the one shown.
    parser.add_argument("--hardware", dest="hw", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    parser.add_argument("--function", help="function to run (default: the module's only one)")
    parser.add_argument("--inputs", nargs="+", metavar="NPY", help="one .npy per argument: run the numerics too")
    parser.add_argument("--outputs", metavar="DIR", help="save the arguments after the run (with --inputs)")
    parser.add_argument("--trace", metavar="FILE", help="write the Chrome trace-event JSON here")
    return parser


def run(argv: list[str] | None = None) -> int:
    from accel.tools.outputs import OutputFiles, check_directory, check_file

    args = _argument_parser().parse_args(argv)
    try:
        if args.trace:
            check_file(args.trace, "--trace")
        if args.outputs:
            check_directory(args.outputs, "--outputs")
        try:
            text = Path(args.input).read_text()
        except OSError as error:
            raise AccelError(f"cannot read the input: {error.strerror}", args.input) from None
        try:
            module = parse_module(text, make_context())
        except ir.MLIRError as error:
            raise from_mlir_error(error) from None
        inputs = None
        if args.inputs:
            try:
                inputs = [np.load(path) for path in args.inputs]
            except (OSError, ValueError) as error:
                raise AccelError(f"cannot read the inputs: {error}", args.input) from None
        result = simulate(module, args.hw, function=args.function, inputs=inputs, timing_only=inputs is None)
        with OutputFiles() as files:
            if args.trace:
                files.write(args.trace, "--trace", lambda path: result.write_trace(path, args.input))
            if args.outputs and result.outputs is not None:
                files.directory(args.outputs, "--outputs")
                for index, array in enumerate(result.outputs):
                    files.write(str(Path(args.outputs) / f"arg{index}.npy"), "--outputs", lambda path, array=array: np.save(path, array))
    except AccelError as error:
        error.filename = args.input  # the "-" locations of the parsed text name the file
        raise
    print(json.dumps(result.report, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    # The tools' ending: located errors, exit 1, and no traceback when the reader of a
    # pipe leaves early (`... | head`).
    from accel.tools import run_tool

    return run_tool(PROG, run, argv)


if __name__ == "__main__":
    sys.exit(main())
