"""The hardware model: what the accelerator is, read from a TOML hardware file.

One `Hardware` object is what every hardware-driven decision reads: tile sizes
(accel-tile), the SRAM plan (accel-schedule), the simulator's engines and energy,
and the roofline. Presets ship in targets/presets/*.toml; `load_hardware(spec)` takes
a preset name or a path.

SCHEMA (all sizes in bytes, bandwidths in bytes/second, energies in picojoules):

    name = "edge-npu"
    clock_hz = 1.0e9
    [matrix]            rows, cols (one systolic array), units (identical arrays),
                        dataflow ("weight_stationary" | "output_stationary"),
                        macs_per_cycle = { int8 = ..., bf16 = ..., f32 = ... }
    [vector]            lanes (f32 elementwise ops per cycle)
    [sram]              bytes, banks, bandwidth (bytes/s)
    [dram]              bytes, bandwidth (bytes/s), latency_ns
    [dma]               engines
    [energy]            mac_pj = { int8 = ..., bf16 = ..., f32 = ... },
                        sram_byte_pj, dram_byte_pj, vector_op_pj
    [area]              mm2

Meaning of the fields:

- `matrix.macs_per_cycle` is the whole matrix unit's rate (all `units` together),
  per precision. A precision that is 0 or absent is not supported; int8 must be
  (qmatmul's i8 x i8 -> i32 tiles are the matrix path). The rate is what timing
  uses; `rows` x `cols` is the tile geometry (an int8 rate of 2 MACs per PE per cycle,
  as on TPU v5e, is expressed by the rate, not by a bigger array).
- `dram.bytes = 0` is a design without DRAM (sram-only): weights and inputs are
  resident in SRAM, `dram.bandwidth` and `dram.latency_ns` must then be 0, DMA copies
  are SRAM-to-SRAM at SRAM bandwidth (`dma_bandwidth`) and no byte is a DRAM byte.
- `dma.engines` are the DMA transfers that can be in flight at once; they share the
  bandwidth of the memory they read. A transfer is interleaved across the SRAM banks
  (consecutive lines in consecutive banks), so one transfer can use the whole channel;
  there are at least 1 and at most `sram.banks` engines.
- `matrix.weight_load_rows_per_cycle` (default 1) is how fast a weight-stationary
  array takes in a new weight block. It bounds decode-shaped matmuls, which use each
  weight once: at 1 row per cycle an array ingests `cols` weight bytes per cycle.
- `energy.mac_pj` is one multiply-accumulate at that precision (required for every
  supported precision); `sram_byte_pj` / `dram_byte_pj` one byte read or written at
  that level; `vector_op_pj` one f32 lane operation.
- `sram.bytes` must hold `minimal_tile_bytes()`, the smallest legal int8 tile step.

Presets (edge-npu: a phone NPU; datacenter: TPU v5e class; sram-only: Groq LPU class)
cite a source for every number in their comments. Numbers no public part fixes follow
rules shared by all three, so that comparing presets compares architectures: on-chip
energies from Horowitz (ISSCC 2014, 45 nm), the SRAM byte energy from the size of the
SRAM macro one access touches; DRAM byte energy from the memory technology (LPDDR5,
HBM2); SRAM bandwidth at least what the smallest int8 tile step needs at peak (lhs,
rhs, and the i32 accumulator read and written); two DMA engines per array.

Every field is required except the per-precision entries; an unknown field is an
error (it is most likely a typo). Errors name the field by its dotted path and are
located at the file: `edge.toml: error: field 'sram.bytes' must be > 0, got -1`.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any, get_type_hints

from accel.core.diagnostics import AccelError, Diagnostic

PRECISIONS = ("int8", "bf16", "f32")
DATAFLOWS = ("weight_stationary", "output_stationary")

# MLIR element types the matrix unit consumes, by precision name (names map to themselves).
_PRECISION_OF = {"i8": "int8", "int8": "int8", "bf16": "bf16", "f32": "f32"}

_POSITIVE = "> 0"
_NON_NEGATIVE = ">= 0"


def _spec(doc: str, bound: str | None = None, choices: tuple[str, ...] | None = None, default: Any = MISSING):
    """A schema field: its documentation, its bound and allowed values live on the
    dataclass field itself, so the reader, `to_dict` and the docs share one schema."""
    return field(default=default, metadata={"doc": doc, "bound": bound, "choices": choices})


def precision_of(element_type: Any) -> str:
    """The matrix-unit precision of an MLIR element type (`i8`, `bf16`, `f32`, given as
    an `ir.Type` or its spelling) or of a precision name (`int8`, ...)."""
    name = str(element_type)
    try:
        return _PRECISION_OF[name]
    except KeyError:
        raise AccelError(f"'{name}' is not a matrix-unit precision (one of {', '.join(PRECISIONS)})") from None


class _PerPrecision:
    """Indexing by precision name or element type: `macs_per_cycle["i8"]`."""

    def __getitem__(self, precision: Any) -> float:
        return getattr(self, precision_of(precision))

    def supported(self) -> tuple[str, ...]:
        return tuple(p for p in PRECISIONS if getattr(self, p) > 0)


@dataclass(frozen=True)
class MacsPerCycle(_PerPrecision):
    int8: int = _spec("int8 x int8 -> i32 MACs per cycle, all units together", _NON_NEGATIVE, default=0)
    bf16: int = _spec("bf16 x bf16 -> f32 MACs per cycle (0: unsupported)", _NON_NEGATIVE, default=0)
    f32: int = _spec("f32 MACs per cycle (0: unsupported)", _NON_NEGATIVE, default=0)


@dataclass(frozen=True)
class MacEnergy(_PerPrecision):
    int8: float = _spec("pJ per int8 MAC", _NON_NEGATIVE, default=0.0)
    bf16: float = _spec("pJ per bf16 MAC", _NON_NEGATIVE, default=0.0)
    f32: float = _spec("pJ per f32 MAC", _NON_NEGATIVE, default=0.0)


@dataclass(frozen=True)
class MatrixUnit:
    rows: int = _spec("rows of one array (the M extent of its smallest tile)", _POSITIVE)
    cols: int = _spec("columns of one array (the N and K extents of its smallest tile)", _POSITIVE)
    units: int = _spec("identical arrays", _POSITIVE)
    dataflow: str = _spec("what stays in the array while operands stream", choices=DATAFLOWS)
    macs_per_cycle: MacsPerCycle = _spec("MACs per cycle by precision, all units together")
    weight_load_rows_per_cycle: int = _spec(
        "rows of a weight block an array loads per cycle (weight-stationary: a block loads in rows / this cycles)",
        _POSITIVE,
        default=1,
    )

    @property
    def weight_load_cycles(self) -> int:
        """Cycles to load one rows x cols weight block into an array."""
        return math.ceil(self.rows / self.weight_load_rows_per_cycle)

    def supports(self, precision: Any) -> bool:
        return self.macs_per_cycle[precision] > 0


@dataclass(frozen=True)
class VectorUnit:
    lanes: int = _spec("f32 elementwise operations per cycle", _POSITIVE)


@dataclass(frozen=True)
class Sram:
    bytes: int = _spec("capacity", _POSITIVE)
    banks: int = _spec("independently addressed banks", _POSITIVE)
    bandwidth: float = _spec("bytes/s, all banks together", _POSITIVE)


@dataclass(frozen=True)
class Dram:
    bytes: int = _spec("capacity (0: no DRAM)", _NON_NEGATIVE)
    bandwidth: float = _spec("bytes/s (0 exactly when there is no DRAM)", _NON_NEGATIVE)
    latency_ns: float = _spec("time from a request to its first byte", _NON_NEGATIVE)

    @property
    def present(self) -> bool:
        return self.bytes > 0


@dataclass(frozen=True)
class Dma:
    engines: int = _spec("DMA transfers in flight at once", _POSITIVE)


@dataclass(frozen=True)
class Energy:
    mac_pj: MacEnergy = _spec("pJ per MAC by precision")
    sram_byte_pj: float = _spec("pJ per byte read or written in SRAM", _NON_NEGATIVE)
    dram_byte_pj: float = _spec("pJ per byte read or written in DRAM", _NON_NEGATIVE)
    vector_op_pj: float = _spec("pJ per f32 vector-lane operation", _NON_NEGATIVE)


@dataclass(frozen=True)
class Area:
    mm2: float = _spec("die area of the accelerator", _POSITIVE)


@dataclass(frozen=True)
class Hardware:
    """An accelerator: a validated hardware file. Build it with `load_hardware` or
    `Hardware.from_dict`; both check every field (see the module docstring)."""

    name: str = _spec("what reports call the design")
    clock_hz: float = _spec("clock of every unit", _POSITIVE)
    matrix: MatrixUnit = _spec("the matrix unit")
    vector: VectorUnit = _spec("the vector unit")
    sram: Sram = _spec("on-chip SRAM")
    dram: Dram = _spec("off-chip DRAM/HBM")
    dma: Dma = _spec("DMA engines")
    energy: Energy = _spec("energy per event")
    area: Area = _spec("silicon area")
    # Where it was read from: the location of errors about this hardware.
    source: str = field(default="", compare=False, repr=False)

    @staticmethod
    def from_dict(data: dict, source: str = "<hardware>") -> "Hardware":
        """Validates `data` (a parsed hardware file) into a Hardware; errors are located at `source`."""
        if not isinstance(data, dict):
            raise AccelError(f"a hardware description is a table, got {_describe(data)}", source)
        reader = _Reader(source)
        hardware = reader.read(Hardware, data, "")
        if hardware is not None:
            _check_consistency(hardware, data, reader)
        reader.raise_errors()
        return replace(hardware, source=source)

    def to_dict(self) -> dict:
        """The hardware file as nested dicts (every precision entry spelled out): what
        reports embed, and what `from_dict` reads back into an equal Hardware."""
        return _to_dict(self)

    @property
    def spec(self) -> str:
        """What `load_hardware` reads this hardware back from: its preset's name, or
        the path of its file (how pipelines and reports name it)."""
        path = Path(self.source)
        if path.parent.name == _PRESET_DIR and path.suffix == ".toml" and path.stem in preset_names():
            return path.stem
        return self.source

    @property
    def has_dram(self) -> bool:
        return self.dram.present

    def peak_macs_per_second(self, precision: Any = "int8") -> float:
        """Peak MAC rate of the whole matrix unit at `precision`; 0.0 if unsupported."""
        return self.matrix.macs_per_cycle[precision] * self.clock_hz

    @property
    def sram_bytes_per_cycle(self) -> float:
        return self.sram.bandwidth / self.clock_hz

    @property
    def dram_bytes_per_cycle(self) -> float:
        return self.dram.bandwidth / self.clock_hz

    @property
    def dma_bandwidth(self) -> float:
        """Bytes/s a DMA transfer moves at: DRAM's, or SRAM's on a design with no DRAM
        (copies there are SRAM to SRAM)."""
        return self.dram.bandwidth if self.has_dram else self.sram.bandwidth

    @property
    def dma_bytes_per_cycle(self) -> float:
        return self.dma_bandwidth / self.clock_hz

    @property
    def dram_latency_cycles(self) -> float:
        return self.dram.latency_ns * 1e-9 * self.clock_hz

    def roofline_seconds(self, macs: float, dram_bytes: float, precision: Any = "int8") -> float:
        """The roofline bound: max(macs / peak MAC rate, dram_bytes / DRAM bandwidth).
        The DRAM term is 0 on a design without DRAM."""
        peak = self.peak_macs_per_second(precision)
        if peak == 0:
            raise AccelError(
                f"hardware '{self.name}' has no {precision_of(precision)} matrix support "
                f"(matrix.macs_per_cycle.{precision_of(precision)} is 0)",
                self.source or None,
            )
        memory = dram_bytes / self.dram.bandwidth if self.has_dram else 0.0
        return max(macs / peak, memory)

    def minimal_tile_bytes(self) -> int:
        """SRAM working set of the smallest legal int8 tile step: one array's tile,
        lhs [rows, cols] and rhs [cols, cols] int8 (K = cols), both double-buffered so
        the next step's DMA overlaps this step's MMA, plus one [rows, cols] i32
        accumulator: 2 * (rows*cols + cols*cols) + 4 * rows*cols bytes."""
        rows, cols = self.matrix.rows, self.matrix.cols
        return 2 * (rows * cols + cols * cols) + 4 * rows * cols


# ----------------------------------------------------------------------------- loading

_PRESET_PACKAGE = "accel.targets"
_PRESET_DIR = "presets"


def _preset_files() -> dict[str, Any]:
    directory = resources.files(_PRESET_PACKAGE) / _PRESET_DIR
    return {entry.name[: -len(".toml")]: entry for entry in directory.iterdir() if entry.name.endswith(".toml")}


def preset_names() -> list[str]:
    """The presets that ship with accel (targets/presets/*.toml), sorted."""
    return sorted(_preset_files())


def load_hardware(spec: "str | Path | Hardware") -> Hardware:
    """The Hardware named by `spec`: a preset name (`edge-npu`, ...) or a path to a
    .toml hardware file (a Hardware is returned as is)."""
    if isinstance(spec, Hardware):
        return spec
    text = str(spec)
    presets = _preset_files()
    if not isinstance(spec, Path) and text in presets:
        entry = presets[text]
        return _parse(entry.read_bytes(), str(entry))
    path = Path(text)
    if path.suffix == ".toml" or path.exists() or len(path.parts) > 1:
        return _load_file(path, text)
    close = difflib.get_close_matches(text, list(presets), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise AccelError(
        f"unknown hardware preset '{text}' ({hint}presets: {', '.join(sorted(presets))}; "
        "or give the path of a .toml hardware file)"
    )


def _load_file(path: Path, shown: str) -> Hardware:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AccelError("hardware file not found", shown) from None
    except IsADirectoryError:
        raise AccelError("hardware file is a directory, not a .toml file", shown) from None
    except OSError as error:
        raise AccelError(f"cannot read hardware file: {error.strerror}", shown) from None
    return _parse(data, shown)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _parse(data: bytes, source: str) -> Hardware:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AccelError(f"hardware file is not UTF-8 text TOML (byte {error.start})", source) from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        if position:
            message = message[: position.start()]
            source_at = f"{source}:{position.group(1)}:{position.group(2)}"
        else:
            source_at = source
        raise AccelError(f"invalid TOML: {message}", source_at) from None
    return Hardware.from_dict(table, source)


# ----------------------------------------------------------------------------- validation


class _Reader:
    """Reads a schema dataclass out of a TOML table, recording every problem (all are
    reported at once, like a compiler) instead of stopping at the first."""

    def __init__(self, source: str):
        self.source = source
        self.errors: list[Diagnostic] = []

    def error(self, message: str) -> None:
        self.errors.append(Diagnostic(message, self.source))

    def raise_errors(self) -> None:
        if self.errors:
            raise AccelError(self.errors)

    def read(self, cls: type, table: dict, prefix: str) -> Any:
        schema = _schema(cls)
        self._reject_unknown(table, prefix, [f.name for f in schema])
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        complete = True
        for spec in schema:
            dotted = prefix + spec.name
            if spec.name not in table:
                if spec.default is MISSING:
                    self.error(f"missing field '{dotted}'")
                    complete = False
                continue
            value = self._value(hints[spec.name], spec, table[spec.name], dotted)
            if value is None:
                complete = False
            else:
                values[spec.name] = value
        return cls(**values) if complete else None

    def _reject_unknown(self, table: dict, prefix: str, known: list[str]) -> None:
        for key in table:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean '{prefix}{close[0]}'? " if close else ""
            where = f"[{prefix[:-1]}]" if prefix else "the top level"
            self.error(f"unknown field '{prefix}{key}' ({hint}fields of {where}: {', '.join(known)})")

    def _value(self, kind: type, spec, value: Any, dotted: str) -> Any:
        if hasattr(kind, "__dataclass_fields__"):
            if not isinstance(value, dict):
                self.error(f"field '{dotted}' must be a table, got {_describe(value)}")
                return None
            return self.read(kind, value, dotted + ".")
        if kind is str:
            if not isinstance(value, str):
                self.error(f"field '{dotted}' must be a string, got {_describe(value)}")
                return None
            choices = spec.metadata["choices"]
            if choices and value not in choices:
                self.error(f"field '{dotted}' must be one of {', '.join(choices)}, got \"{value}\"")
                return None
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            noun = "an integer" if kind is int else "a number"
            self.error(f"field '{dotted}' must be {noun}, got {_describe(value)}")
            return None
        if not math.isfinite(value):
            self.error(f"field '{dotted}' must be a finite number, got {value}")
            return None
        if kind is int:
            if value != int(value):
                self.error(f"field '{dotted}' must be an integer, got {value}")
                return None
            value = int(value)
        else:
            value = float(value)
        bound = spec.metadata["bound"]
        if (bound == _POSITIVE and value <= 0) or (bound == _NON_NEGATIVE and value < 0):
            self.error(f"field '{dotted}' must be {bound}, got {_number(value)}")
            return None
        return value


def _check_consistency(hw: Hardware, data: dict, reader: _Reader) -> None:
    """Rules that relate fields to each other (each field is already well-formed)."""
    rates = hw.matrix.macs_per_cycle
    if rates.int8 == 0:
        state = "is 0" if "int8" in data["matrix"]["macs_per_cycle"] else "is missing"
        reader.error(
            f"field 'matrix.macs_per_cycle.int8' must be > 0 (the matrix unit must support int8: "
            f"qmatmul's i8 x i8 -> i32 tiles run on it), but it {state}"
        )
    written = data["energy"]["mac_pj"]
    for precision in rates.supported():
        if precision not in written:
            reader.error(
                f"missing field 'energy.mac_pj.{precision}': matrix.macs_per_cycle.{precision} = "
                f"{rates[precision]} needs an energy per MAC"
            )
    dram = hw.dram
    if dram.present and dram.bandwidth == 0:
        reader.error(
            f"field 'dram.bandwidth' must be > 0 when dram.bytes = {dram.bytes} "
            "(a design without DRAM sets dram.bytes = 0)"
        )
    if not dram.present:
        for name in ("bandwidth", "latency_ns"):
            if getattr(dram, name) != 0:
                reader.error(
                    f"field 'dram.{name}' must be 0 when dram.bytes = 0 (no DRAM), "
                    f"got {_number(getattr(dram, name))}"
                )
    if hw.dma.engines > hw.sram.banks:
        reader.error(
            f"field 'dma.engines' must be <= sram.banks ({hw.sram.banks}): transfers in flight "
            f"start in distinct banks, so more engines than banks cannot all run, got {hw.dma.engines}"
        )
    needed = hw.minimal_tile_bytes()
    if hw.sram.bytes < needed:
        m = hw.matrix
        reader.error(
            f"field 'sram.bytes' must hold the smallest int8 tile step, {needed} bytes "
            f"(double-buffered {m.rows}x{m.cols} lhs and {m.cols}x{m.cols} rhs int8 tiles plus a "
            f"{m.rows}x{m.cols} i32 accumulator), got {hw.sram.bytes}"
        )


def _schema(cls: type) -> list:
    return [f for f in fields(cls) if "doc" in f.metadata]


def _to_dict(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _to_dict(getattr(obj, f.name)) for f in _schema(type(obj))}
    return obj


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, str):
        return f'"{value}" (a string)'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, (int, float)):
        return _number(value)
    return f"{value!r} (a {type(value).__name__})"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e16 else repr(value)
