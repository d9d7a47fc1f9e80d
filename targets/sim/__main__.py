"""`python -m accel.targets.sim FILE.mlir --hardware edge-npu`: simulate a scheduled program.

Prints the report as JSON. Timing only, unless --inputs gives one .npy file per
function argument (then --outputs DIR saves every argument after the run as
argN.npy). --trace FILE writes the Chrome trace (Perfetto, chrome://tracing).
Errors are FILE:LINE:COL: error: ... with exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from accel.core.diagnostics import AccelError, from_mlir_error, print_error
from accel.core.mlir import ir, make_context, parse_module
from accel.targets.sim.simulator import simulate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m accel.targets.sim", description=__doc__.splitlines()[0])
    parser.add_argument("input", help="scheduled (L4) MLIR file")
    parser.add_argument("--hardware", default="edge-npu", help="preset name or .toml hardware file (default: edge-npu)")
    parser.add_argument("--function", help="function to run (default: the module's only one)")
    parser.add_argument("--inputs", nargs="+", metavar="NPY", help="one .npy per argument: run the numerics too")
    parser.add_argument("--outputs", metavar="DIR", help="save the arguments after the run (with --inputs)")
    parser.add_argument("--trace", metavar="FILE", help="write the Chrome trace-event JSON here")
    args = parser.parse_args(argv)
    try:
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
        result = simulate(module, args.hardware, function=args.function, inputs=inputs, timing_only=inputs is None)
    except AccelError as error:
        print_error(error, args.input)
        return 1
    if args.trace:
        result.write_trace(args.trace, args.input)
    if args.outputs and result.outputs is not None:
        directory = Path(args.outputs)
        directory.mkdir(parents=True, exist_ok=True)
        for index, array in enumerate(result.outputs):
            np.save(directory / f"arg{index}.npy", array)
    print(json.dumps(result.report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
