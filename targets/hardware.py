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
                        pe_macs_per_cycle = { int8 = ..., bf16 = ..., f32 = ... },
                        macs_per_cycle = { ... } (optional: a check, see below)
    [vector]            lanes (f32 elementwise ops per cycle),
                        cycles_per_op = { simple = 1, divide = 4, transcendental = 4 }
    [sram]              bytes, banks, bandwidth (bytes/s)
    [dram]              bytes, bandwidth (bytes/s), latency_ns
    [dma]               engines
    [energy]            mac_pj = { int8 = ..., bf16 = ..., f32 = ... },
                        sram_byte_pj, dram_byte_pj, vector_op_pj,
                        vector_op_ratio = { divide = 4, transcendental = 8 }
    [area]              mm2

Meaning of the fields:

- `matrix.pe_macs_per_cycle` is what one processing element (PE) does per cycle, per
  precision: 1 for one multiplier-accumulator, 2 for int8 on TPU v5e's MXU (int8 at
  twice the bf16 rate), 0.25 for a 16-bit MAC that takes 4 cycles. A precision
  that is 0 or absent is not supported; int8 must be (qmatmul's i8 x i8 -> i32 tiles
  are the matrix path).
- The geometry wins: the whole matrix unit's rate is derived,
  `matrix.macs_per_cycle` = rows x cols x units x pe_macs_per_cycle (per precision),
  so a 64x64 array is 4 times a 32x32 one. A file may still state `macs_per_cycle`
  (a datasheet's MACs per cycle): it is then a check, and a value that disagrees with
  the geometry is an error naming both fields.
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
  that level; `vector_op_pj` one simple f32 lane operation (add, multiply, max,
  convert, copy).
- The vector unit's operations come in three classes (accel.targets.timing says what
  each op kind does of each): simple, divide (divide, reciprocal, sqrt, rsqrt) and
  transcendental (exp, erf). `vector.cycles_per_op` is what one lane takes per
  operation of a class, `energy.vector_op_ratio` the energy of one in units of
  `vector_op_pj`. Both tables are optional (defaults: cycles 1 / 4 / 4, energy
  1 / 4 / 8, the presets' figures, whose comments give their sources).
- `sram.bytes` must hold `minimal_tile_bytes()`, the smallest legal int8 tile step.

Presets (edge-npu: a phone NPU; datacenter: TPU v5e class; sram-only: Groq LPU class)
cite a source for every number in their comments. Numbers no public part fixes follow
rules shared by all three, so that comparing presets compares architectures: on-chip
energies from Horowitz (ISSCC 2014, 45 nm), the SRAM byte energy from the size of the
SRAM macro one access touches; DRAM byte energy from the memory technology (LPDDR5,
HBM2); SRAM bandwidth at least what the smallest int8 tile step needs at peak (lhs,
rhs, and the i32 accumulator read and written); two DMA engines per array.

Every field is required except the per-precision entries, `macs_per_cycle`,
`weight_load_rows_per_cycle`, `vector.cycles_per_op` and `energy.vector_op_ratio`; an unknown field is an error (it is most likely a typo).
Every number has a plausible range (a clock of 1 MHz to 10 GHz, arrays of at most
4096 x 4096, ...; each bound and its reason: the `_Limit`s below): a value outside
is an error, most likely a unit mistake (MHz for Hz, GB/s for B/s). Errors name the
field by its dotted path and are located at the file:
`edge.toml: error: field 'sram.bytes' must be > 0, got -1`.

`load_hardware` parses each file once: its results are cached by preset name, or by
the file's resolved path, modification time and size (an edited file is read again),
so every stage, the tuning and the simulator can take the same spelling and share
one `Hardware`. A `Hardware` is frozen (immutable and hashable).
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import threading
import tomllib
from collections import OrderedDict
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


@dataclass(frozen=True)
class _Limit:
    """A plausibility bound of a numeric field: `value`, how errors spell it, and why."""

    value: float
    shown: str
    why: str


def _spec(
    doc: str,
    bound: str | None = None,
    choices: tuple[str, ...] | None = None,
    default: Any = MISSING,
    at_least: _Limit | None = None,
    at_most: _Limit | None = None,
):
    """A schema field: its documentation, its bound, plausible range and allowed values
    live on the dataclass field itself, so the reader, `to_dict` and the docs share one
    schema."""
    metadata = {"doc": doc, "bound": bound, "choices": choices, "at_least": at_least, "at_most": at_most}
    return field(default=default, metadata=metadata)


# Plausible ranges. Each is far outside every part built (so no real design is
# refused) and close enough to catch a unit mistake or a typo'd exponent, which would
# otherwise simulate quietly into nonsense (or for hours).

# Clock: below 1 MHz is slower than any microcontroller (most likely MHz written as Hz);
# above 10 GHz is faster than any shipping logic (the fastest CPUs boost to ~6 GHz).
_CLOCK_MIN = _Limit(1e6, "1e6 (1 MHz)", "slower than any accelerator; is it in MHz instead of Hz?")
_CLOCK_MAX = _Limit(1e10, "1e10 (10 GHz)", "faster than any clocked logic (the fastest CPUs boost to ~6 GHz)")
# One systolic array: the largest built are 256x256 (TPU v1) and 320x320 (Groq); 4096
# is 16 times that per side (and the simulator's per-mma cost grows with it).
_ARRAY_MAX = _Limit(4096, "4096", "16x the side of the largest systolic arrays built (256 on TPU v1, 320 on Groq)")
# Identical arrays: a wafer-scale engine (Cerebras WSE-3) has ~900,000 cores.
_UNITS_MAX = _Limit(2**20, "1048576 (2^20)", "more arrays than a wafer-scale engine has cores (Cerebras WSE-3: ~900,000)")
# MACs per PE per cycle: a PE is one multiplier-accumulator; packing narrow operands
# gives a few per cycle (TPU v5e: 2 int8), 16 would be 16 int8 multipliers in one PE.
_PE_RATE_MAX = _Limit(16, "16", "a PE is one multiply-accumulate datapath (TPU v5e's does 2 int8 MACs per cycle)")
# Vector lanes: an H100 has 16,896 f32 lanes (132 SMs x 128); 2^20 is 60 times that.
_LANES_MAX = _Limit(2**20, "1048576 (2^20)", "60x the f32 lanes of the largest GPU (H100: 16896)")
# Vector op cycles per lane: an iterative divider or a polynomial evaluation takes tens
# of cycles at most (GPUs issue transcendentals at 1/4 to 1/8 of the FMA rate); 1000
# is a unit mistake or a typo.
_VECTOR_CYCLES_MAX = _Limit(1000, "1000", "a lane divides or evaluates exp in tens of cycles at most (GPU SFUs: 4 to 8)")
# Energy of a divide or transcendental in simple operations: a few multiplies each
# (Newton-Raphson steps, a polynomial); 1000 simple ops would be a whole vector program.
_VECTOR_RATIO_MAX = _Limit(1000, "1000", "a divide or exp costs a few multiplies (Newton steps, a short polynomial)")
# SRAM: the largest on-chip SRAM is a whole wafer's, 44 GB (Cerebras WSE-3).
_SRAM_BYTES_MAX = _Limit(2**36, "68719476736 (64 GiB)", "more on-chip SRAM than a whole wafer holds (Cerebras WSE-3: 44 GB)")
# SRAM banks: one per wafer-scale core at most (Cerebras WSE-3: ~900,000).
_BANKS_MAX = _Limit(2**20, "1048576 (2^20)", "more banks than a wafer-scale engine has cores (Cerebras WSE-3: ~900,000)")
# Bandwidths: below 100 MB/s is slower than a 1990s memory (most likely GB/s written as
# B/s); on-chip above 100 PB/s is 5 times a whole wafer's (Cerebras WSE-3: 21 PB/s),
# DRAM above 100 TB/s is 12 times the fastest HBM system (B200: 8 TB/s).
_BANDWIDTH_MIN = _Limit(1e8, "1e8 (100 MB/s)", "slower than any memory; is it in GB/s instead of bytes/s?")
_SRAM_BANDWIDTH_MAX = _Limit(1e17, "1e17 (100 PB/s)", "5x the on-chip bandwidth of a whole wafer (Cerebras WSE-3: 21 PB/s)")
_DRAM_BANDWIDTH_MAX = _Limit(1e14, "1e14 (100 TB/s)", "12x the fastest HBM system (B200: 8 TB/s)")
# DRAM capacity: below 1 MiB is smaller than any DRAM chip (most likely GiB written as
# bytes); above 4 TiB is 10 times the most memory attached to one accelerator (GH200: 480 GB).
_DRAM_BYTES_MIN = _Limit(2**20, "1048576 (1 MiB)", "smaller than any DRAM chip; is it in GiB instead of bytes?")
_DRAM_BYTES_MAX = _Limit(2**42, "4398046511104 (4 TiB)", "10x the most memory attached to one accelerator (GH200: 480 GB)")
# DRAM latency: an access takes ~100 ns; 10 us is 100 times that (storage, not memory).
_LATENCY_MAX = _Limit(1e4, "1e4 ns (10 us)", "100x a DRAM access (~100 ns): that is storage, not memory")
# DMA engines: each is a unit with its own descriptor queue; parts have a few per core.
_ENGINES_MAX = _Limit(1024, "1024", "128x the engines of the presets' largest (8); each is a hardware unit")
# Energies (Horowitz, ISSCC 2014, 45 nm): an f32 MAC 4.6 pJ, a byte of a 1 MB SRAM
# 12.5 pJ, a byte of DDR3 160-325 pJ; 1 nJ per MAC, SRAM byte or vector op is 80x to
# 270x those, 10 nJ per DRAM byte 30x.
_ENERGY_MAX = _Limit(1e3, "1000 pJ", "80x to 270x Horowitz's 45 nm figures (f32 MAC 4.6 pJ, SRAM byte 12.5 pJ)")
_DRAM_ENERGY_MAX = _Limit(1e4, "10000 pJ", "30x Horowitz's DDR3 byte (160-325 pJ)")
# Area: a whole 300 mm wafer is 70,686 mm2 (Cerebras WSE-3 uses 46,225 of it).
_AREA_MAX = _Limit(1e5, "1e5 mm2", "more than a whole 300 mm wafer (70686 mm2)")


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
class PeMacsPerCycle(_PerPrecision):
    int8: float = _spec("int8 x int8 -> i32 MACs of one PE per cycle", _NON_NEGATIVE, default=0, at_most=_PE_RATE_MAX)
    bf16: float = _spec("bf16 x bf16 -> f32 MACs of one PE per cycle (0: unsupported)", _NON_NEGATIVE, default=0, at_most=_PE_RATE_MAX)
    f32: float = _spec("f32 MACs of one PE per cycle (0: unsupported)", _NON_NEGATIVE, default=0, at_most=_PE_RATE_MAX)


@dataclass(frozen=True)
class MacsPerCycle(_PerPrecision):
    """The whole matrix unit's MACs per cycle: derived from the geometry (see
    `MatrixUnit.macs_per_cycle`); read from a file only to check it."""

    int8: float = _spec("int8 x int8 -> i32 MACs per cycle, all units together", _NON_NEGATIVE, default=0)
    bf16: float = _spec("bf16 x bf16 -> f32 MACs per cycle (0: unsupported)", _NON_NEGATIVE, default=0)
    f32: float = _spec("f32 MACs per cycle (0: unsupported)", _NON_NEGATIVE, default=0)


@dataclass(frozen=True)
class MacEnergy(_PerPrecision):
    int8: float = _spec("pJ per int8 MAC", _NON_NEGATIVE, default=0.0, at_most=_ENERGY_MAX)
    bf16: float = _spec("pJ per bf16 MAC", _NON_NEGATIVE, default=0.0, at_most=_ENERGY_MAX)
    f32: float = _spec("pJ per f32 MAC", _NON_NEGATIVE, default=0.0, at_most=_ENERGY_MAX)


@dataclass(frozen=True)
class MatrixUnit:
    rows: int = _spec("rows of one array (the M extent of its smallest tile)", _POSITIVE, at_most=_ARRAY_MAX)
    cols: int = _spec("columns of one array (the N and K extents of its smallest tile)", _POSITIVE, at_most=_ARRAY_MAX)
    units: int = _spec("identical arrays", _POSITIVE, at_most=_UNITS_MAX)
    dataflow: str = _spec("what stays in the array while operands stream", choices=DATAFLOWS)
    pe_macs_per_cycle: PeMacsPerCycle = _spec("MACs one processing element does per cycle, by precision")
    weight_load_rows_per_cycle: int = _spec(
        "rows of a weight block an array loads per cycle (weight-stationary: a block loads in rows / this cycles)",
        _POSITIVE,
        default=1,
        at_most=_ARRAY_MAX,
    )
    # Derived from the fields above, never read: the geometry wins (a file's
    # `macs_per_cycle` is only checked against it, see `_check_consistency`).
    macs_per_cycle: MacsPerCycle = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        pes = self.rows * self.cols * self.units
        rates = {p: _whole(pes * getattr(self.pe_macs_per_cycle, p)) for p in PRECISIONS}
        # A frozen dataclass sets its derived field once, here.
        object.__setattr__(self, "macs_per_cycle", MacsPerCycle(**rates))

    @property
    def weight_load_cycles(self) -> int:
        """Cycles to load one rows x cols weight block into an array."""
        return math.ceil(self.rows / self.weight_load_rows_per_cycle)

    def supports(self, precision: Any) -> bool:
        return self.macs_per_cycle[precision] > 0


VECTOR_OP_CLASSES = ("simple", "divide", "transcendental")


@dataclass(frozen=True)
class VectorOpCycles:
    """Cycles one vector lane takes per operation, by class (what each op kind does of
    each class: accel.targets.timing.VECTOR_KIND_OPS). The defaults are the presets'."""

    simple: float = _spec("add, sub, mul, max, min, compare, convert, copy", _POSITIVE, default=1.0, at_most=_VECTOR_CYCLES_MAX)
    divide: float = _spec("divide, reciprocal, sqrt, rsqrt", _POSITIVE, default=4.0, at_most=_VECTOR_CYCLES_MAX)
    transcendental: float = _spec("exp, erf", _POSITIVE, default=4.0, at_most=_VECTOR_CYCLES_MAX)


@dataclass(frozen=True)
class VectorUnit:
    lanes: int = _spec("f32 elementwise operations per cycle", _POSITIVE, at_most=_LANES_MAX)
    cycles_per_op: VectorOpCycles = _spec("cycles of one lane per operation, by class", default=VectorOpCycles())


@dataclass(frozen=True)
class Sram:
    bytes: int = _spec("capacity", _POSITIVE, at_most=_SRAM_BYTES_MAX)
    banks: int = _spec("independently addressed banks", _POSITIVE, at_most=_BANKS_MAX)
    bandwidth: float = _spec("bytes/s, all banks together", _POSITIVE, at_least=_BANDWIDTH_MIN, at_most=_SRAM_BANDWIDTH_MAX)


@dataclass(frozen=True)
class Dram:
    # The lower bounds of capacity and bandwidth hold when there is DRAM (0 is no DRAM):
    # `_check_consistency` applies them.
    bytes: int = _spec("capacity (0: no DRAM)", _NON_NEGATIVE, at_most=_DRAM_BYTES_MAX)
    bandwidth: float = _spec("bytes/s (0 exactly when there is no DRAM)", _NON_NEGATIVE, at_most=_DRAM_BANDWIDTH_MAX)
    latency_ns: float = _spec("time from a request to its first byte", _NON_NEGATIVE, at_most=_LATENCY_MAX)

    @property
    def present(self) -> bool:
        return self.bytes > 0


@dataclass(frozen=True)
class Dma:
    engines: int = _spec("DMA transfers in flight at once", _POSITIVE, at_most=_ENGINES_MAX)


@dataclass(frozen=True)
class VectorOpRatio:
    """Energy of one vector-lane operation of a class in units of `energy.vector_op_pj`
    (a simple operation). The defaults are the presets'."""

    divide: float = _spec("divide, reciprocal, sqrt, rsqrt", _POSITIVE, default=4.0, at_most=_VECTOR_RATIO_MAX)
    transcendental: float = _spec("exp, erf", _POSITIVE, default=8.0, at_most=_VECTOR_RATIO_MAX)


@dataclass(frozen=True)
class Energy:
    mac_pj: MacEnergy = _spec("pJ per MAC by precision")
    sram_byte_pj: float = _spec("pJ per byte read or written in SRAM", _NON_NEGATIVE, at_most=_ENERGY_MAX)
    dram_byte_pj: float = _spec("pJ per byte read or written in DRAM", _NON_NEGATIVE, at_most=_DRAM_ENERGY_MAX)
    vector_op_pj: float = _spec("pJ per simple f32 vector-lane operation", _NON_NEGATIVE, at_most=_ENERGY_MAX)
    vector_op_ratio: VectorOpRatio = _spec("energy of a vector-lane operation per class, in vector_op_pj", default=VectorOpRatio())

    def vector_pj(self, ops: dict[str, float]) -> float:
        """Energy of vector-lane operations counted by class ({"simple": n, ...})."""
        ratio = {"simple": 1.0, "divide": self.vector_op_ratio.divide, "transcendental": self.vector_op_ratio.transcendental}
        return self.vector_op_pj * sum(count * ratio[kind] for kind, count in ops.items())


@dataclass(frozen=True)
class Area:
    mm2: float = _spec("die area of the accelerator", _POSITIVE, at_most=_AREA_MAX)


@dataclass(frozen=True)
class Hardware:
    """An accelerator: a validated hardware file. Build it with `load_hardware` or
    `Hardware.from_dict`; both check every field (see the module docstring)."""

    name: str = _spec("what reports call the design")
    clock_hz: float = _spec("clock of every unit", _POSITIVE, at_least=_CLOCK_MIN, at_most=_CLOCK_MAX)
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
            _check_plausible_dram(hardware.dram, reader)
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
                f"(matrix.pe_macs_per_cycle.{precision_of(precision)} is 0)",
                self.source or None,
            )
        memory = dram_bytes / self.dram.bandwidth if self.has_dram else 0.0
        return max(macs / peak, memory)

    def sram_bandwidth_needed(self) -> float:
        """SRAM bytes/s the matrix unit reads and writes at peak on its smallest int8
        tile step (lhs and rhs int8 blocks, the i32 accumulator read and written, per
        pass of `rows` lhs rows, every unit), plus the DMA channel's DRAM side. The
        simulator gives the matrix and vector units SRAM ports of their own beside the
        DMA channel (targets/sim/engines.py), which holds only when the SRAM delivers
        this much: a file that states less is refused (an optimistic model is a bug)."""
        m = self.matrix
        rate = m.pe_macs_per_cycle.int8
        cycles = max(math.ceil(m.rows / rate), m.weight_load_cycles if m.dataflow == "weight_stationary" else m.rows)
        per_array = m.rows * m.cols * 2 + m.rows * m.cols * 4 * 2
        dram = self.dram.bandwidth if self.has_dram else 0.0
        return m.units * per_array / cycles * self.clock_hz + dram

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


@functools.cache
def _preset_files() -> dict[str, Any]:
    # The installed presets do not change while accel runs: listed once.
    directory = resources.files(_PRESET_PACKAGE) / _PRESET_DIR
    return {entry.name[: -len(".toml")]: entry for entry in directory.iterdir() if entry.name.endswith(".toml")}


def preset_names() -> list[str]:
    """The presets that ship with accel (targets/presets/*.toml), sorted."""
    return sorted(_preset_files())


# Parsed hardware by preset name or (resolved path, mtime_ns, size): each file is
# parsed once however many stages, tuning candidates and simulations name it. Bounded
# (least recently used first out) for sweeps over many generated files.
_CACHE: "OrderedDict[tuple, Hardware]" = OrderedDict()
_CACHE_SIZE = 256


_CACHE_LOCK = threading.Lock()  # sweeps may load from several threads


def _cached(key: tuple, parse) -> Hardware:
    with _CACHE_LOCK:
        hardware = _CACHE.get(key)
        if hardware is not None:
            _CACHE.move_to_end(key)
            return hardware
    hardware = parse()  # an invalid file raises: errors are not cached
    with _CACHE_LOCK:
        _CACHE[key] = hardware
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return hardware


def clear_hardware_cache() -> None:
    """Forgets every parsed file (files are re-read anyway once they change; presets,
    which are keyed by name, are re-read only after this)."""
    with _CACHE_LOCK:
        _CACHE.clear()


def load_hardware(spec: "str | Path | Hardware") -> Hardware:
    """The Hardware named by `spec`: a preset name (`edge-npu`, ...) or a path to a
    .toml hardware file (a Hardware is returned as is). Each file is parsed once (see
    the module docstring)."""
    if isinstance(spec, Hardware):
        return spec
    text = str(spec)
    presets = _preset_files()
    if not isinstance(spec, Path) and text in presets:
        entry = presets[text]
        return _cached(("preset", text), lambda: _parse(entry.read_bytes(), str(entry)))
    path = Path(text)
    if path.suffix == ".toml" or _exists(path) or len(path.parts) > 1:
        return _load_file(path, text)
    close = difflib.get_close_matches(text, list(presets), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise AccelError(
        f"unknown hardware preset '{text}' ({hint}presets: {', '.join(sorted(presets))}; "
        "or give the path of a .toml hardware file)"
    )


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name the system refuses (too long, ...) names no file
        return False


def _load_file(path: Path, shown: str) -> Hardware:
    try:
        if path.is_dir():
            raise IsADirectoryError
        status = path.stat()
        key = ("file", str(path.resolve()), status.st_mtime_ns, status.st_size)
        hardware = _cached(key, lambda: _parse(path.read_bytes(), shown))
    except FileNotFoundError:
        raise AccelError("hardware file not found", shown) from None
    except IsADirectoryError:
        raise AccelError("hardware file is a directory, not a .toml file", shown) from None
    except OSError as error:
        raise AccelError(f"cannot read hardware file: {error.strerror}", shown) from None
    # The same file by another spelling: errors about it name the spelling given.
    return hardware if hardware.source == shown else replace(hardware, source=shown)


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
        # What a file states of a derived field (`_STATED`), by dotted path, to check.
        self.stated: dict[str, Any] = {}

    def error(self, message: str) -> None:
        self.errors.append(Diagnostic(message, self.source))

    def raise_errors(self) -> None:
        if self.errors:
            raise AccelError(self.errors)

    def read(self, cls: type, table: dict, prefix: str) -> Any:
        schema = _schema(cls)
        stated = _STATED.get(cls, {})
        self._reject_unknown(table, prefix, [f.name for f in schema] + list(stated))
        for name, kind in stated.items():
            if name in table:
                dotted = prefix + name
                value = self._value(kind, None, table[name], dotted)
                if value is not None:
                    self.stated[dotted] = value
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        complete = True
        for spec in schema:
            dotted = prefix + spec.name
            if spec.name not in table:
                if spec.default is MISSING:
                    self.error(f"missing field '{dotted}'{_MISSING_HINTS.get(dotted, '')}")
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
        if not self.plausible(dotted, value, spec.metadata["at_least"], spec.metadata["at_most"]):
            return None
        return value

    def plausible(self, dotted: str, value: float, at_least: _Limit | None, at_most: _Limit | None) -> bool:
        """Whether `value` is in the field's plausible range (an error names the bound and why)."""
        if at_least is not None and value < at_least.value:
            self.error(f"field '{dotted}' must be >= {at_least.shown}: {at_least.why}, got {_number(value)}")
            return False
        if at_most is not None and value > at_most.value:
            self.error(f"field '{dotted}' must be <= {at_most.shown}: {at_most.why}, got {_number(value)}")
            return False
        return True


# What a missing field's error adds: the fields files written before it need.
_MISSING_HINTS = {
    "matrix.pe_macs_per_cycle": (
        " (MACs one PE does per cycle, by precision, e.g. { int8 = 1 }: the unit's macs_per_cycle is "
        "derived from it, rows x cols x units x pe_macs_per_cycle)"
    ),
}

# Fields a file may state although they are derived (the derived value wins): the
# reader checks their form, `_check_consistency` that they agree.
_STATED = {MatrixUnit: {"macs_per_cycle": MacsPerCycle}}


def _check_consistency(hw: Hardware, data: dict, reader: _Reader) -> None:
    """Rules that relate fields to each other (each field is already well-formed)."""
    matrix = hw.matrix
    pe_rates = matrix.pe_macs_per_cycle
    if pe_rates.int8 == 0:
        state = "is 0" if "int8" in data["matrix"]["pe_macs_per_cycle"] else "is missing"
        reader.error(
            f"field 'matrix.pe_macs_per_cycle.int8' must be > 0 (the matrix unit must support int8: "
            f"qmatmul's i8 x i8 -> i32 tiles run on it), but it {state}"
        )
    stated = reader.stated.get("matrix.macs_per_cycle")
    if stated is not None:
        geometry = f"{matrix.rows} x {matrix.cols} x {matrix.units}"
        for precision in PRECISIONS:
            given, derived = stated[precision], matrix.macs_per_cycle[precision]
            if precision in data["matrix"]["macs_per_cycle"] and given != derived:
                reader.error(
                    f"field 'matrix.macs_per_cycle.{precision}' = {_number(given)} disagrees with the geometry: "
                    f"matrix.rows x cols x units x pe_macs_per_cycle.{precision} = {geometry} x "
                    f"{_number(pe_rates[precision])} = {_number(derived)} (the geometry wins: "
                    "fix matrix.pe_macs_per_cycle or the array's size, or drop macs_per_cycle)"
                )
    written = data["energy"]["mac_pj"]
    for precision in pe_rates.supported():
        if precision not in written:
            reader.error(
                f"missing field 'energy.mac_pj.{precision}': matrix.pe_macs_per_cycle.{precision} = "
                f"{_number(pe_rates[precision])} needs an energy per MAC"
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
    if pe_rates.int8 > 0 and hw.sram.bandwidth < hw.sram_bandwidth_needed():
        reader.error(
            f"field 'sram.bandwidth' must be >= {_number(hw.sram_bandwidth_needed())} bytes/s: what the matrix unit "
            "reads and writes at peak on its smallest int8 tile step, plus the DRAM channel "
            "(the simulator does not model SRAM port contention; see Hardware.sram_bandwidth_needed), "
            f"got {_number(hw.sram.bandwidth)}"
        )
    needed = hw.minimal_tile_bytes()
    if hw.sram.bytes < needed:
        m = hw.matrix
        reader.error(
            f"field 'sram.bytes' must hold the smallest int8 tile step, {needed} bytes "
            f"(double-buffered {m.rows}x{m.cols} lhs and {m.cols}x{m.cols} rhs int8 tiles plus a "
            f"{m.rows}x{m.cols} i32 accumulator), got {hw.sram.bytes}"
        )


def _check_plausible_dram(dram: Dram, reader: _Reader) -> None:
    """The lower bounds of a DRAM that is there (0 is no DRAM: `_check_consistency`)."""
    if dram.present:
        reader.plausible("dram.bytes", dram.bytes, _DRAM_BYTES_MIN, None)
        if dram.bandwidth > 0:
            reader.plausible("dram.bandwidth", dram.bandwidth, _BANDWIDTH_MIN, None)


def _whole(value: float) -> float:
    """An integral rate as an int (1024, not 1024.0), as a file would write it."""
    return int(value) if float(value).is_integer() else value


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
