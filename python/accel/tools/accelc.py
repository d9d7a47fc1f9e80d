"""accelc: the accel compiler driver.

    accelc compile IN.mlir --target cpu|sim --hw PRESET|FILE.toml [--quant ...] [--tile-sizes TM,TN,TK]
               [--tune N] -o OUT
    accelc run IN.mlir --target cpu|sim --hw ... [--input NAME=FILE.npy ...] [--seed N]
               [--output-dir DIR] [--report FILE.json] [--trace FILE.json]
    accelc import IN.onnx|IN.mlir | --hf-config CONFIG.json | --hf-model DIR [--seq-len N] [--seed N] [--stats]
               [-o OUT.mlir|OUT.mlirbc] [--emit-bytecode]
    accelc generate --hf-config CONFIG.json | --hf-model DIR --prompt-ids 1,2,3 | --prompt-len N [--seed S]
               --max-new-tokens N [--layout contiguous|paged]

Errors are `FILE:LINE:COL: error: ...` with exit status 1, never a Python traceback.
Every output path is checked before any work, and a failed command leaves no output
file behind (accel.tools.outputs).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

from accel.core.diagnostics import AccelError
from accel.driver import Artifact, compile as compile_module, random_inputs, stderr_progress
from accel.options import QUANT_SCHEMES, CompileOptions
from accel.targets import REFERENCE_TARGET, get_target, target_names, targets
from accel.tools import run_tool, version_text
from accel.tools.outputs import STDOUT, OutputFiles, check_directory, check_file

DESCRIPTION = """\
Compile MLIR (linalg on tensors, or accel graph ops) for a target, and run it.
Hardware (--hw): a preset ({presets}) or a .toml file.

targets (--target):
{targets}

examples:
  accelc run examples/gemm.mlir --target sim --hw edge-npu --report report.json
  accelc run examples/gemm.mlir --target cpu --input x=x.npy --output-dir out/
  accelc compile examples/gemm.mlir --target cpu -o gemm.vmfb   (iree-run-module runs it)
"""


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="IN.mlir", help="MLIR file ('-' for stdin)")
    parser.add_argument("--target", choices=target_names(), default="cpu",
                        help="; ".join(f"{name}: {target.summary}" for name, target in sorted(targets().items())) + " (default cpu)")
    parser.add_argument("--hw", default="edge-npu", metavar="PRESET|FILE.toml", help="the accelerator (sim target); default edge-npu")
    parser.add_argument("--quant", choices=QUANT_SCHEMES, default="none", help="quantize constant-weight matmuls; default none")
    parser.add_argument("--function", help="the function to compile and run (default: the only public one)")
    parser.add_argument("--tile-sizes", metavar="TM,TN,TK", help="sim target: tile every matmul [TM, TN], K steps of TK (default: chosen for --hw); "
                        "sizes larger than a matmul are clamped to it, with a warning")
    parser.add_argument("--tune", type=int, metavar="N", help="sim target: simulate the tile-size model's N best tile sizes per matmul shape and keep the fastest (default 8; 0: the model's choice)")
    parser.add_argument("--dump-ir", metavar="DIR", help="write the IR after each stage to DIR/NN-STAGE.mlir")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")


def _argument_parser() -> argparse.ArgumentParser:
    from accel.targets.hardware import preset_names

    listing = "\n".join(f"  {name:<10}{target.summary}" for name, target in sorted(targets().items()))
    description = DESCRIPTION.format(presets=", ".join(preset_names()), targets=listing)
    parser = argparse.ArgumentParser(prog="accelc", description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=version_text("accelc"), help="print accel's and IREE's versions and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="{compile,run,import,generate}")
    compile_parser = commands.add_parser("compile", help="compile to an artifact (.vmfb for cpu, scheduled .mlir for sim)")
    _common(compile_parser)
    compile_parser.add_argument("-o", dest="output", required=True, metavar="OUT", help="where to write the compiled artifact")
    _add_iree_options(compile_parser)
    run_parser = commands.add_parser("run", help="compile and run, print a summary")
    _common(run_parser)
    run_parser.add_argument("--input", dest="inputs", action="append", default=[], metavar="NAME=FILE.npy", help="an input by position (0=x.npy) or argument name (x=x.npy); others are random")
    run_parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    run_parser.add_argument("--output-dir", metavar="DIR", help="write outputs as DIR/result0.npy, ...")
    run_parser.add_argument("--report", metavar="FILE.json", help="write the run's report as JSON")
    run_parser.add_argument("--trace", metavar="FILE.json", help="write a trace (sim target) that Perfetto opens")
    run_parser.add_argument("--timing-only", action="store_true", help="sim target: time the program without computing values (large shapes)")
    run_parser.add_argument("--check", action="store_true", help="sim target: also run on the cpu target and require bit-identical outputs "
                            "(exit 1 when they differ; the output files are still written, to look at)")
    _add_import_command(commands)
    _add_generate_command(commands)
    return parser


def _add_import_command(commands) -> None:
    """`accelc import`: a model (ONNX, MLIR, Hugging Face) to linalg-level MLIR."""
    from accel.compiler.frontend.options import DEFAULT_SEQ_LEN, KINDS, WEIGHTS

    parser = commands.add_parser("import", help="import a model (ONNX, MLIR, Hugging Face) as linalg-level MLIR (needs accel[torch] for ONNX and Hugging Face)")
    parser.add_argument("source", nargs="?", metavar="IN", help=".onnx file, or .mlir/.mlirbc in torch, StableHLO, TOSA or linalg form ('-' for MLIR on stdin)")
    parser.add_argument("--hf-config", metavar="CONFIG.json", help="a Hugging Face config: the model with seeded random weights")
    parser.add_argument("--hf-model", metavar="DIR", help="a local Hugging Face model folder (config.json and weights)")
    parser.add_argument("--kind", choices=KINDS, help="Hugging Face: causal-lm (input_ids -> logits; default for --hf-config) or encoder (input_ids, attention_mask -> hidden states); --hf-model: from the config's architecture")
    parser.add_argument("--seq-len", type=int, help=f"Hugging Face: the sequence length of the inputs (default {DEFAULT_SEQ_LEN})")
    parser.add_argument("--batch", type=int, default=1, help="Hugging Face: the batch size of the inputs (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="Hugging Face: seed of the random weights (--hf-config) and example tokens (default 0)")
    parser.add_argument("--weights", choices=WEIGHTS, default="inline", help="inline: weights in the MLIR (default); external: referenced by name (--hf-config: built on the meta device, no memory)")
    parser.add_argument("--params", metavar="FILE.irpa", help="with --weights external: write the weights to this IREE parameter archive")
    parser.add_argument("-o", dest="output", default=STDOUT, metavar="OUT.mlir", help="where to write the IR (.mlirbc: bytecode; default '-': stdout)")
    parser.add_argument("--emit-bytecode", action="store_true", help="write MLIR bytecode whatever the file name (refused to a terminal)")
    parser.add_argument("--stats", action="store_true", help="print (to stderr) the op histogram before and after raising, each op's unit (matrix, vector, fallback) and the ops that fall back")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")


def _import_command(args) -> int:
    from accel.compiler.frontend import import_source, write_module  # the torch stack loads only when needed

    bytecode = args.emit_bytecode or args.output.endswith(".mlirbc")
    if args.output == STDOUT and bytecode and sys.stdout.isatty():
        raise AccelError("refusing to write MLIR bytecode to a terminal: redirect stdout or give -o FILE", "--emit-bytecode")
    _check_outputs(args)
    started = time.perf_counter()
    module = import_source(
        args.source, hf_config=args.hf_config, hf_model=args.hf_model, kind=args.kind, seq_len=args.seq_len,
        batch=args.batch, seed=args.seed, weights=args.weights, parameters_path=args.params,
    )
    if args.output == STDOUT:
        if bytecode:
            module.operation.write_bytecode(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            write_module(module, STDOUT)
    else:
        with OutputFiles() as files:
            files.write(args.output, "-o", lambda path: _write_bytecode(module, path) if bytecode else write_module(module, path))
    if not args.quiet:
        stderr_progress(f"imported in {time.perf_counter() - started:.2f} s, wrote {'stdout' if args.output == STDOUT else args.output}")
    if args.stats:
        from accel.compiler.frontend.stats import raising_stats

        print(raising_stats(module).format(args.source), file=sys.stderr)
    return 0


def _write_bytecode(module, path: str) -> None:
    with open(path, "wb") as file:
        module.operation.write_bytecode(file)


def _add_generate_command(commands) -> None:
    """`accelc generate`: greedy generation with an explicit KV cache on the cpu target."""
    from accel.dialects import KV_LAYOUTS

    parser = commands.add_parser("generate", help="greedy generation on the cpu target: prefill, then decode steps over an explicit KV cache (needs accel[torch])")
    model = parser.add_mutually_exclusive_group(required=True)
    model.add_argument("--hf-config", metavar="CONFIG.json", help="a Hugging Face causal LM config: the model with seeded random weights")
    model.add_argument("--hf-model", metavar="DIR", help="a local Hugging Face causal LM folder (config.json and weights)")
    prompt = parser.add_mutually_exclusive_group(required=True)
    prompt.add_argument("--prompt-ids", metavar="ID,ID,...", help="the prompt's token ids, e.g. 1,2,3")
    prompt.add_argument("--prompt-len", type=int, metavar="N", help="a prompt of N random token ids (from --seed)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random weights (--hf-config) and prompt (--prompt-len) (default 0)")
    parser.add_argument("--max-new-tokens", type=int, default=16, metavar="N", help="tokens to generate (default 16): the prefill gives the first, N - 1 decode steps the rest")
    parser.add_argument("--batch", type=int, default=1, help="sequences generated together, each from the same prompt (default 1)")
    parser.add_argument("--layout", choices=KV_LAYOUTS, default="contiguous", help="the KV cache layout: contiguous [B, Hkv, T, D] per layer, or paged block pools and a block table (default contiguous)")
    parser.add_argument("--block-size", type=int, default=16, metavar="N", help="paged layout: positions per block (default 16)")
    parser.add_argument("--max-cache-len", type=int, metavar="T", help="cache positions (default: prompt length + max new tokens)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    parser.set_defaults(source=None)


def _generate_command(args) -> int:
    from accel.generation import generate  # the torch stack loads only when needed

    result = generate(
        hf_config=args.hf_config, hf_model=args.hf_model, prompt_ids=args.prompt_ids, prompt_len=args.prompt_len, seed=args.seed,
        batch=args.batch, max_new_tokens=args.max_new_tokens, max_cache_len=args.max_cache_len, layout=args.layout,
        block_size=args.block_size, progress=None if args.quiet else stderr_progress,
    )
    print(result.summary())
    return 0


def _add_iree_options(parser: argparse.ArgumentParser) -> None:
    """`accelc compile` inside IREE's pipeline: iree-compile's flags pass through
    (`--iree-*`, `--compile-from=PHASE`, `--compile-to=PHASE`; taken by
    `_take_iree_flags`) and accel's stages run after IREE's phase --accel-after."""
    parser.add_argument(
        "--accel-after", metavar="PHASE",
        help="run accel's stages after this IREE phase (start, or input up to global-optimization; default input, "
        "--compile-from when later, start for input holding accel ops); IREE compiles the rest in the same session. iree-compile's flags pass through: "
        "--iree-NAME[=VALUE], --compile-from=PHASE (the input is at that phase), --compile-to=PHASE (write MLIR at that phase)",
    )
    parser.set_defaults(iree_flags=[])


# iree-compile's flags that `accelc compile` passes to IREE.
_IREE_FLAG_PREFIXES = ("--iree-", "--compile-from", "--compile-to")


def _take_iree_flags(parser: argparse.ArgumentParser, args, unknown: list[str]) -> None:
    """Moves iree-compile's flags among the arguments argparse did not know into
    `args.iree_flags` (compile only); anything else is an error, as parse_args has it."""
    if args.command == "compile":
        args.iree_flags = [a for a in unknown if a.startswith(_IREE_FLAG_PREFIXES)]
        unknown = [a for a in unknown if not a.startswith(_IREE_FLAG_PREFIXES)]
    if unknown:
        hint = " (IREE's flags take their value after '=': --iree-NAME=VALUE, --compile-to=PHASE)" if args.command == "compile" else ""
        parser.error(f"unrecognized arguments: {' '.join(unknown)}{hint}")


def _compile_in_iree(args) -> int:
    """`accelc compile` with IREE's flags: IREE to --accel-after, accel's cpu stages
    (accel.iree.cpu_pipeline), IREE from there, in one session (accel.iree.compile);
    writes the .vmfb, or MLIR text with --compile-to."""
    import accel.iree

    given = {"--target": args.target != accel.iree.TARGET, "--tile-sizes": args.tile_sizes, "--tune": args.tune, "--function": args.function, "--dump-ir": args.dump_ir}
    for option, value in given.items():
        if value:
            raise AccelError(f"{option} does not apply inside IREE's pipeline (IREE's flags, --accel-after): "
                             "there accel runs the cpu target's stages and IREE compiles every function", option)
    text, _ = _read_source(args.source)
    result = accel.iree.compile(text, accel.iree.cpu_pipeline(args.quant), accel_after=args.accel_after, iree_flags=args.iree_flags)
    try:
        Path(args.output).write_bytes(result if isinstance(result, bytes) else result.encode())
    except OSError as error:
        raise AccelError(f"cannot write: {error.strerror}", args.output) from None
    if not args.quiet:
        stderr_progress(f"wrote {args.output}")
    return 0


def _read_source(path: str) -> tuple[str, str]:
    if path == "-":
        return sys.stdin.read(), "<stdin>"
    try:
        return Path(path).read_text(), path
    except OSError as error:
        raise AccelError(f"cannot read input: {error.strerror}", path) from None
    except UnicodeDecodeError:
        raise AccelError("cannot read input: not UTF-8 text", path) from None


def _options(args) -> CompileOptions:
    """The CompileOptions of accelc's flags (validated there, located at the flags)."""
    return CompileOptions(target=args.target, hw=args.hw, quant=args.quant, function=args.function,
                          tile_sizes=args.tile_sizes, tune=args.tune)


class Progress:
    """accelc's progress on stderr: a line per finished step ("accelc: tiled: 0.02 s");
    when stderr is a terminal, also a bar (tqdm) for counted work, tuning's candidates
    and a run's simulation, with the lines written above it. The library only calls
    back (accel.compile's `progress`, Artifact.run's): accelc owns the terminal."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.bars = bool(getattr(self.stream, "isatty", lambda: False)())
        self.bar = None
        self.label = None

    def __call__(self, message: str) -> None:
        if self.bar is not None:
            self.bar.write(f"accelc: {message}", file=self.stream)
        else:
            print(f"accelc: {message}", file=self.stream, flush=True)

    def advance(self, label: str, done: int, total: int | None, unit: str = "it") -> None:
        """Work `label` is at `done` of `total` (None: not known yet); drawn on a terminal only."""
        if not self.bars:
            return
        if self.bar is None or label != self.label:
            from tqdm import tqdm

            self.close()
            self.bar = tqdm(total=total, desc=f"accelc: {label}", file=self.stream, leave=False, dynamic_ncols=True,
                            unit=unit, unit_scale=unit != "it")  # counts of steps run to millions
            self.label = label
        if total != self.bar.total:
            self.bar.total = total
        self.bar.update(done - self.bar.n)
        if total is not None and done >= total:
            self.close()

    def simulation(self, done: int, total: int | None) -> None:
        """Artifact.run's callback: a simulation's steps (two per op: issue, then timing)."""
        self.advance("simulate", done, total, unit="step")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.label = None


def _compile(args, progress: Progress | None = None) -> tuple[Artifact, str, str]:
    """The artifact, and the source's text and name (read once: stdin cannot be read again)."""
    options = _options(args)  # bad options fail before the input is read
    text, filename = _read_source(args.source)
    try:
        artifact = compile_module(text, options, filename=filename, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    # Before any long run: tiles that waste the array, a simulation of minutes.
    for warning in artifact.warnings:
        print(warning.format(), file=sys.stderr)
    return artifact, text, filename


# Each output option: (argparse dest, option, a file or a directory).
OUTPUT_OPTIONS = (
    ("output", "-o", "file"),
    ("params", "--params", "file"),
    ("report", "--report", "file"),
    ("trace", "--trace", "file"),
    ("output_dir", "--output-dir", "directory"),
    ("dump_ir", "--dump-ir", "directory"),
)


def _check_outputs(args) -> None:
    """Every output path of the command can be written: checked before any work."""
    for dest, option, kind in OUTPUT_OPTIONS:
        path = getattr(args, dest, None)
        if path:
            (check_file if kind == "file" else check_directory)(str(path), option)


def _dump_ir(files: OutputFiles, directory: str, artifact: Artifact) -> None:
    """The IR after each stage, as DIR/NN-STAGE.mlir."""
    files.directory(directory, "--dump-ir")
    for index, (stage, ir_text) in enumerate(artifact.ir.items()):
        files.write(str(Path(directory) / f"{index:02d}-{stage}.mlir"), "--dump-ir", lambda path, text=ir_text: Path(path).write_text(text))


def _load_inputs(artifact: Artifact, specs: list[str], seed: int) -> list[np.ndarray]:
    arrays = random_inputs(artifact.signature, seed)
    names = {spec.name: index for index, spec in enumerate(artifact.signature.inputs)}
    for spec in specs:
        key, has_file, path = spec.partition("=")
        if not has_file or not key or not path:
            raise AccelError(f"expected NAME=FILE.npy or INDEX=FILE.npy, got '{spec}'", "--input")
        index = int(key) if key.isdigit() else names.get(key)
        if index is None or index >= len(arrays):
            known = ", ".join(f"{i}/{s.name}" for i, s in enumerate(artifact.signature.inputs))
            raise AccelError(f"no input '{key}' (inputs: {known})", "--input")
        try:
            # np.load takes any non-.npy file for a pickle and says so; the format's own
            # reader says what is wrong (the magic string, the header).
            with open(path, "rb") as file:
                array = np.lib.format.read_array(file, allow_pickle=False)
        except OSError as error:
            raise AccelError(f"cannot read input: {error.strerror or error}", path) from None
        except ValueError as error:
            raise AccelError(f"cannot read a .npy array: {error}", path) from None
        want = artifact.signature.inputs[index]
        if array.shape != want.shape or array.dtype != want.dtype:
            raise AccelError(f"input {index} ({want.describe()}) needs {want.dtype} {want.shape}, the file holds {array.dtype} {array.shape}", path)
        arrays[index] = array
    return arrays


def _result_paths(directory: str, count: int) -> list[str]:
    return [str(Path(directory) / f"result{index}.npy") for index in range(count)]


def _write_outputs(files: OutputFiles, directory: str, outputs: list[np.ndarray]) -> None:
    files.directory(directory, "--output-dir")
    for path, array in zip(_result_paths(directory, len(outputs)), outputs):
        files.write(path, "--output-dir", lambda temporary, array=array: np.save(temporary, array))


def summary(artifact: Artifact, outputs: list[np.ndarray], written: list[str]) -> str:
    """The terminal summary of a run: what ran where, the outputs, the report's headline."""
    target = artifact.options.target_object
    lines = [f"@{artifact.signature.function} on {target.describe(artifact.options)}, quant {artifact.quant}"]
    for index, array in enumerate(outputs):
        where = f" -> {written[index]}" if written else ""
        stats = f"min {array.min():.6g}  max {array.max():.6g}  mean {array.mean():.6g}" if array.size else "empty"
        lines.append(f"  result{index}: {array.dtype} {list(array.shape)}  {stats}{where}")
    rows = artifact.summary_rows()
    if rows:
        width = max(len(name) for name, _ in rows)
        lines += [f"  {name:<{width}}  {value}" for name, value in rows]
    return "\n".join(lines)


def _check_against_cpu(args, text: str, filename: str, arrays: list[np.ndarray], outputs: list[np.ndarray]) -> bool:
    """Runs the same program (`text`) on the cpu target; True when every output is bit-identical."""
    cpu = compile_module(text, CompileOptions(target=REFERENCE_TARGET, quant=args.quant, function=args.function), filename=filename)
    expected = cpu.run(*arrays)
    if len(expected) != len(outputs):
        print(f"check: sim gives {len(outputs)} outputs, cpu {len(expected)}", file=sys.stderr)
        return False
    differences = [line for index, (o, e) in enumerate(zip(outputs, expected)) if (line := compare_outputs(f"result{index}", o, e))]
    if not differences:
        print(f"check: sim == cpu, {len(outputs)} output(s) bit-identical")
        return True
    for line in differences:
        print(f"check: {line}", file=sys.stderr)
    return False


def compare_outputs(name: str, sim: np.ndarray, cpu: np.ndarray) -> str | None:
    """None when `sim` and `cpu` hold the same bits, else one line saying how they
    differ. Bits, not values: NaN == NaN is false, yet the same NaN from both targets
    is agreement; and a max |sim - cpu| over NaNs would only say "nan"."""
    if sim.shape != cpu.shape:
        return f"{name} differs in shape: sim {list(sim.shape)}, cpu {list(cpu.shape)}"
    if sim.dtype != cpu.dtype:
        return f"{name} differs in element type: sim {sim.dtype}, cpu {cpu.dtype}"
    width = sim.dtype.itemsize
    sim_bits = np.ascontiguousarray(sim).reshape(-1).view(np.uint8).reshape(-1, width)
    cpu_bits = np.ascontiguousarray(cpu).reshape(-1).view(np.uint8).reshape(-1, width)
    differ = (sim_bits != cpu_bits).any(axis=1)
    count = int(np.count_nonzero(differ))
    if not count:
        return None
    sim, cpu = sim.reshape(-1), cpu.reshape(-1)
    parts = []
    by_value = differ
    if sim.dtype.kind in "fc":
        sim_nan, cpu_nan = np.isnan(sim), np.isnan(cpu)
        by_value = differ & ~sim_nan & ~cpu_nan
        for what, mask in (
            ("NaN on sim where cpu has a number", sim_nan & ~cpu_nan),
            ("NaN on cpu where sim has a number", cpu_nan & ~sim_nan),
            ("NaN on both with different bits", differ & sim_nan & cpu_nan),
        ):
            if (n := int(np.count_nonzero(mask))):
                parts.append(f"{n} {what}")
    if (n := int(np.count_nonzero(by_value))):
        wide = np.complex128 if sim.dtype.kind == "c" else np.float64
        largest = float(np.abs(sim[by_value].astype(wide) - cpu[by_value].astype(wide)).max())
        parts.insert(0, f"{n} by value (max |sim - cpu| = {largest:.6g})")
    return f"{name}: {count} of {sim.size} elements differ: " + ", ".join(parts)


# Options whose value is a list of numbers. argparse takes "-16,16,16" for an option
# and says "expected one argument"; joined as "--tile-sizes=-16,16,16" it is the value,
# which the option's own check then explains.
NUMBER_LIST_OPTIONS = ("--tile-sizes", "--prompt-ids")
NEGATIVE_NUMBER_LIST = re.compile(r"-\d[\d,\s-]*$")


def _join_number_lists(argv: list[str]) -> list[str]:
    joined = []
    index = 0
    while index < len(argv):
        argument = argv[index]
        value = argv[index + 1] if index + 1 < len(argv) else None
        if argument in NUMBER_LIST_OPTIONS and value is not None and NEGATIVE_NUMBER_LIST.match(value):
            joined.append(f"{argument}={value}")
            index += 2
        else:
            joined.append(argument)
            index += 1
    return joined


def run(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _argument_parser()
    args, unknown = parser.parse_known_args(_join_number_lists(argv))
    _take_iree_flags(parser, args, unknown)
    try:
        return _command(args)
    except AccelError as error:
        error.filename = "<stdin>" if args.source == "-" else args.source  # locations in the input name it
        raise


def _command(args) -> int:
    if args.command == "import":
        return _import_command(args)
    if args.command == "generate":
        return _generate_command(args)
    progress = None if args.quiet else Progress()
    if args.command == "compile" and (args.iree_flags or args.accel_after):
        return _compile_in_iree(args)
    if args.command == "compile":
        _check_outputs(args)
        artifact, _, _ = _compile(args, progress)
        with OutputFiles() as files:
            if args.dump_ir:
                _dump_ir(files, args.dump_ir, artifact)
            files.write(args.output, "-o", artifact.save)
        if not args.quiet:
            stderr_progress(f"wrote {args.output}")
        return 0
    target = get_target(args.target)
    if args.trace and not target.has_timing:
        raise AccelError(f"--trace needs a target with timing, such as --target sim (--target {target.name} has no engine timeline)", "--trace")
    if args.timing_only and not target.has_timing:
        raise AccelError(f"--timing-only needs a target with timing, such as --target sim (--target {target.name} has no timing model)", "--timing-only")
    if args.check and (target.name == REFERENCE_TARGET or args.timing_only):
        raise AccelError(f"--check compares a run (with values) against the {REFERENCE_TARGET} target: use another --target, without --timing-only", "--check")
    _check_outputs(args)
    artifact, text, filename = _compile(args, progress)
    arrays = _load_inputs(artifact, args.inputs, args.seed)
    try:
        outputs = artifact.run(*arrays, timing_only=args.timing_only, progress=progress and progress.simulation)
    finally:
        if progress is not None:
            progress.close()
    print(summary(artifact, outputs, _result_paths(args.output_dir, len(outputs)) if args.output_dir else []))
    identical = not args.check or _check_against_cpu(args, text, filename, arrays, outputs)
    # Every file is written at the end, or none: an error on the way (or in the check's
    # cpu compile) leaves no output behind. A check that finds differences is not such
    # an error: the outputs, report and trace are what one looks at next.
    with OutputFiles() as files:
        if args.dump_ir:
            _dump_ir(files, args.dump_ir, artifact)
        if args.output_dir:
            _write_outputs(files, args.output_dir, outputs)
        if args.report:
            report = json.dumps(artifact.report, indent=2) + "\n"
            files.write(args.report, "--report", lambda path: Path(path).write_text(report))
        if args.trace:
            files.write(args.trace, "--trace", lambda path: artifact.write_trace(path, filename))
    return 0 if identical else 1


def main(argv: list[str] | None = None) -> int:
    return run_tool("accelc", run, argv)


if __name__ == "__main__":
    sys.exit(main())
