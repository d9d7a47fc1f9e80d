"""The hardware model (accel.targets.hardware): the presets' headline numbers, the
derived quantities computed by hand, and one located, named error per bad input."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

import accel
from accel.core.diagnostics import AccelError
from accel.targets.hardware import Hardware, clear_hardware_cache, load_hardware, precision_of, preset_names

REPO = Path(__file__).resolve().parents[2]

MiB = 1024 * 1024

# A valid hardware file; each bad-file test changes one line of it.
BASE = """\
name = "tiny"
clock_hz = 1.0e9

[matrix]
rows = 32
cols = 32
units = 1
dataflow = "weight_stationary"
pe_macs_per_cycle = { int8 = 1, bf16 = 0.25 }

[vector]
lanes = 32

[sram]
bytes = 2097152
banks = 16
bandwidth = 512.0e9

[dram]
bytes = 8589934592
bandwidth = 51.2e9
latency_ns = 100.0

[dma]
engines = 2

[energy]
mac_pj = { int8 = 0.3, bf16 = 2.0 }
sram_byte_pj = 5.0
dram_byte_pj = 36.0
vector_op_pj = 3.7

[area]
mm2 = 0.6
"""


def write(tmp_path: Path, text: str, name: str = "edge.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


SRAM_BANDWIDTH = "bandwidth = 512.0e9"  # BASE's [sram] line


def variant(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def load_error(path: Path) -> AccelError:
    with pytest.raises(AccelError) as info:
        load_hardware(path)
    return info.value


# ----------------------------------------------------------------------------- presets


def test_preset_names():
    assert preset_names() == ["datacenter", "edge-npu", "sram-only"]


@pytest.mark.parametrize("name", ["datacenter", "edge-npu", "sram-only"])
def test_every_preset_loads_and_round_trips(name):
    hw = load_hardware(name)
    assert hw.name == name
    assert hw.source.endswith(f"{name}.toml")
    assert Hardware.from_dict(hw.to_dict(), "copy") == hw


def test_edge_npu_headline_numbers():
    hw = load_hardware("edge-npu")
    assert (hw.matrix.rows, hw.matrix.cols, hw.matrix.units) == (32, 32, 1)
    assert hw.clock_hz == 1.0e9
    assert hw.peak_macs_per_second("int8") == 1.024e12
    assert hw.peak_macs_per_second("bf16") == 0.256e12  # 1/4 of int8
    assert not hw.matrix.supports("f32")
    assert hw.peak_macs_per_second("f32") == 0.0
    assert hw.sram.bytes == 2 * MiB
    assert hw.dram.bandwidth == 51.2e9
    assert hw.dram.latency_ns == 100.0
    assert hw.dma.engines == 2
    assert hw.dram_bytes_per_cycle == 51.2
    assert hw.sram_bytes_per_cycle == 512.0
    assert hw.dram_latency_cycles == pytest.approx(100.0)


def test_datacenter_headline_numbers():
    hw = load_hardware("datacenter")
    assert (hw.matrix.rows, hw.matrix.cols, hw.matrix.units) == (128, 128, 4)
    assert hw.matrix.macs_per_cycle.int8 == 131072
    int8_ops = 2 * hw.peak_macs_per_second("int8")
    bf16_flops = 2 * hw.peak_macs_per_second("bf16")
    assert abs(int8_ops - 393e12) / 393e12 < 0.02
    assert abs(bf16_flops - 197e12) / 197e12 < 0.02
    assert hw.dram.bandwidth == 819e9
    assert hw.dram.bytes == 16 * 1024 * MiB
    assert hw.sram.bytes >= 48 * MiB
    assert hw.dma.engines >= 4
    assert hw.dram_bytes_per_cycle == pytest.approx(546.0)  # 819e9 / 1.5e9
    assert hw.dram_latency_cycles == pytest.approx(150.0)


def test_sram_only_headline_numbers():
    hw = load_hardware("sram-only")
    int8_ops = 2 * hw.peak_macs_per_second("int8")
    assert abs(int8_ops - 750e12) / 750e12 < 0.02
    assert hw.clock_hz == 0.9e9
    assert hw.sram.bytes == 220 * MiB
    assert not hw.has_dram
    assert (hw.dram.bytes, hw.dram.bandwidth) == (0, 0.0)
    assert hw.dram_bytes_per_cycle == 0.0
    # With no DRAM, DMA copies SRAM to SRAM at SRAM bandwidth.
    assert hw.dma_bandwidth == hw.sram.bandwidth == 80e12


def test_edge_and_datacenter_dma_runs_at_dram_bandwidth():
    assert load_hardware("edge-npu").dma_bandwidth == 51.2e9
    assert load_hardware("datacenter").dma_bytes_per_cycle == pytest.approx(546.0)


@pytest.mark.parametrize(
    "name, needed",
    [
        # per array: (rows*cols + cols*cols + 8*rows*cols) bytes per (cols * PE rate) cycles
        ("edge-npu", (1024 + 1024 + 8192) / 32),  # 320 B/cycle
        ("datacenter", 4 * (16384 + 16384 + 131072) / 64),  # 2 int8 MACs per PE: 10240
        ("sram-only", 4 * (102400 + 102400 + 819200) / 320),  # 12800
    ],
)
def test_sram_feeds_the_smallest_tile_step_at_peak(name, needed):
    assert load_hardware(name).sram_bytes_per_cycle >= needed


def test_energies_are_consistent_across_presets():
    energies = [load_hardware(name).energy for name in preset_names()]
    assert {e.mac_pj.int8 for e in energies} == {0.3}  # Horowitz: 0.2 mult + 0.1 add
    assert {e.mac_pj.bf16 for e in energies} == {2.0}
    assert {e.vector_op_pj for e in energies} == {3.7}
    edge, datacenter, sram_only = (load_hardware(n).energy for n in ("edge-npu", "datacenter", "sram-only"))
    assert datacenter.dram_byte_pj == pytest.approx(3.9 * 8)
    assert sram_only.dram_byte_pj == 0.0
    assert edge.dram_byte_pj > edge.sram_byte_pj


# ----------------------------------------------------------------------------- derived numbers


def test_minimal_tile_bytes_by_hand():
    # 2 * (lhs [rows, cols] + rhs [cols, cols]) int8 + [rows, cols] i32 accumulator
    assert load_hardware("edge-npu").minimal_tile_bytes() == 2 * (32 * 32 + 32 * 32) + 4 * 32 * 32 == 8192
    assert load_hardware("datacenter").minimal_tile_bytes() == 131072
    assert load_hardware("sram-only").minimal_tile_bytes() == 819200


def test_minimal_tile_bytes_of_a_non_square_array(tmp_path):
    hw = load_hardware(write(tmp_path, variant("rows = 32", "rows = 16")))
    assert hw.minimal_tile_bytes() == 2 * (16 * 32 + 32 * 32) + 4 * 16 * 32  # 5120


def test_roofline_of_a_compute_bound_gemm():
    # 4096^3 int8 GEMM on datacenter: A and B int8, C f32 through DRAM.
    hw = load_hardware("datacenter")
    macs, dram_bytes = 4096**3, 4096 * 4096 * (1 + 1 + 4)
    compute = 68719476736 / (131072 * 1.5e9)  # 3.4953e-4 s
    memory = 100663296 / 819e9  # 1.2291e-4 s
    assert hw.roofline_seconds(macs, dram_bytes) == pytest.approx(compute)
    assert compute == pytest.approx(3.4953e-4, rel=1e-4) and compute > memory


def test_roofline_of_a_memory_bound_gemv():
    # Decode step: [1, 4096] x [4096, 4096] int8 weights, all read from LPDDR5.
    hw = load_hardware("edge-npu")
    macs, dram_bytes = 4096 * 4096, 4096 * 4096 + 4096 + 4096 * 4
    assert hw.roofline_seconds(macs, dram_bytes) == pytest.approx(16797696 / 51.2e9)  # 328 us
    assert hw.roofline_seconds(macs, dram_bytes, "bf16") == pytest.approx(16797696 / 51.2e9)


def test_roofline_bf16_is_compute_bound_at_a_quarter_rate():
    hw = load_hardware("edge-npu")
    assert hw.roofline_seconds(1024**3, 0, "bf16") == pytest.approx(1073741824 / 0.256e12)


def test_roofline_without_dram_counts_only_compute():
    hw = load_hardware("sram-only")
    assert hw.roofline_seconds(4096**3, 10**12) == pytest.approx(68719476736 / (409600 * 0.9e9))


def test_roofline_of_an_unsupported_precision_is_an_error():
    with pytest.raises(AccelError, match="no f32 matrix support"):
        load_hardware("edge-npu").roofline_seconds(100, 100, "f32")


def test_precisions_by_element_type():
    hw = load_hardware("datacenter")
    assert precision_of("i8") == "int8"
    assert hw.matrix.macs_per_cycle["i8"] == hw.matrix.macs_per_cycle["int8"] == 131072
    assert hw.peak_macs_per_second("bf16") == 65536 * 1.5e9
    with pytest.raises(AccelError, match="'f16' is not a matrix-unit precision"):
        hw.peak_macs_per_second("f16")


def test_precision_of_an_mlir_type(context):
    from accel.core.mlir import ir

    assert precision_of(ir.IntegerType.get_signless(8)) == "int8"
    assert precision_of(ir.BF16Type.get()) == "bf16"


# ----------------------------------------------------------------------------- loading


def test_load_by_path_string_and_path(tmp_path):
    path = write(tmp_path, BASE)
    assert load_hardware(str(path)) == load_hardware(path)
    assert load_hardware(path).source == str(path)


def test_integral_floats_are_accepted_for_integer_fields(tmp_path):
    hw = load_hardware(write(tmp_path, variant("bytes = 2097152", "bytes = 2.097152e6")))
    assert hw.sram.bytes == 2097152 and isinstance(hw.sram.bytes, int)


def test_an_absent_precision_is_unsupported(tmp_path):
    hw = load_hardware(write(tmp_path, BASE))
    assert hw.matrix.macs_per_cycle.f32 == 0
    assert hw.matrix.macs_per_cycle.supported() == ("int8", "bf16")


def test_a_design_without_dram(tmp_path):
    text = variant("bytes = 8589934592\nbandwidth = 51.2e9\nlatency_ns = 100.0", "bytes = 0\nbandwidth = 0\nlatency_ns = 0")
    hw = load_hardware(write(tmp_path, text))
    assert not hw.has_dram
    assert hw.dma_bandwidth == 512e9
    assert hw.roofline_seconds(1024e9, 5e12) == pytest.approx(1.0)


def test_unknown_preset_lists_the_presets():
    with pytest.raises(AccelError) as info:
        load_hardware("edge-np")
    message = str(info.value)
    assert "unknown hardware preset 'edge-np'" in message
    assert "did you mean 'edge-npu'" in message
    for name in ("datacenter", "edge-npu", "sram-only"):
        assert name in message


def test_file_not_found(tmp_path):
    path = tmp_path / "missing.toml"
    error = load_error(path)
    assert error.diagnostics[0].location == str(path)
    assert error.format() == f"{path}: error: hardware file not found"


def test_a_directory_is_not_a_hardware_file(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    error = load_error(tmp_path / "dir.toml")
    assert "is a directory" in str(error)


def test_invalid_toml_is_located_at_its_line_and_column(tmp_path):
    path = write(tmp_path, variant("lanes = 32", "lanes = = 32"))
    error = load_error(path)
    assert error.diagnostics[0].location == f"{path}:12:9"
    assert error.format().startswith(f"{path}:12:9: error: invalid TOML: ")


def test_non_utf8_file(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "caf\xe9"\n'.encode("latin-1"))
    assert "not UTF-8" in str(load_error(path))


# ----------------------------------------------------------------------------- bad fields

BAD_FIELDS = [
    # missing
    ("banks = 16\n", "", "missing field 'sram.banks'"),
    ('name = "tiny"\n', "", "missing field 'name'"),
    ("[dma]\nengines = 2\n", "", "missing field 'dma'"),
    # unknown (typos)
    ("bandwidth = 512.0e9", "bandwith = 512.0e9", "unknown field 'sram.bandwith' (did you mean 'sram.bandwidth'?"),
    ("clock_hz = 1.0e9", "clock_hz = 1.0e9\nclock = 1", "unknown field 'clock'"),
    ("{ int8 = 1, bf16 = 0.25 }", "{ int8 = 1, int4 = 2 }", "unknown field 'matrix.pe_macs_per_cycle.int4'"),
    # wrong type
    ("bytes = 2097152", 'bytes = "2MiB"', "field 'sram.bytes' must be an integer, got \"2MiB\" (a string)"),
    ("bytes = 2097152", "bytes = 2097152.5", "field 'sram.bytes' must be an integer, got 2097152.5"),
    ("lanes = 32", "lanes = true", "field 'vector.lanes' must be an integer, got true (a boolean)"),
    ("clock_hz = 1.0e9", 'clock_hz = "1 GHz"', "field 'clock_hz' must be a number"),
    ('name = "tiny"', "name = 7", "field 'name' must be a string, got 7"),
    ("mm2 = 0.6", "[area.mm2]\nvalue = 0.6", "field 'area.mm2' must be a number, got a table"),
    ("{ int8 = 1, bf16 = 0.25 }", "1", "field 'matrix.pe_macs_per_cycle' must be a table"),
    ("mm2 = 0.6", "mm2 = inf", "field 'area.mm2' must be a finite number"),
    # zero or negative
    ("bytes = 2097152", "bytes = -1", "field 'sram.bytes' must be > 0, got -1"),
    ("clock_hz = 1.0e9", "clock_hz = 0", "field 'clock_hz' must be > 0, got 0"),
    ("bandwidth = 512.0e9", "bandwidth = 0.0", "field 'sram.bandwidth' must be > 0, got 0"),
    ("rows = 32", "rows = 0", "field 'matrix.rows' must be > 0, got 0"),
    ("units = 1", "units = -2", "field 'matrix.units' must be > 0, got -2"),
    ("lanes = 32", "lanes = 0", "field 'vector.lanes' must be > 0, got 0"),
    ("banks = 16", "banks = 0", "field 'sram.banks' must be > 0, got 0"),
    ("bytes = 8589934592", "bytes = -5", "field 'dram.bytes' must be >= 0, got -5"),
    ("bandwidth = 51.2e9", "bandwidth = 0", "field 'dram.bandwidth' must be > 0 when dram.bytes = 8589934592"),
    ("bandwidth = 51.2e9", "bandwidth = -1.0", "field 'dram.bandwidth' must be >= 0, got -1"),
    ("latency_ns = 100.0", "latency_ns = -3", "field 'dram.latency_ns' must be >= 0, got -3"),
    ("mm2 = 0.6", "mm2 = 0", "field 'area.mm2' must be > 0, got 0"),
    ("sram_byte_pj = 5.0", "sram_byte_pj = -5.0", "field 'energy.sram_byte_pj' must be >= 0, got -5"),
    ("{ int8 = 0.3, bf16 = 2.0 }", "{ int8 = -0.3, bf16 = 2.0 }", "field 'energy.mac_pj.int8' must be >= 0, got -0.3"),
    # dataflow
    ('"weight_stationary"', '"row_stationary"', "field 'matrix.dataflow' must be one of weight_stationary, output_stationary, got \"row_stationary\""),
    # int8 must be supported
    ("{ int8 = 1, bf16 = 0.25 }", "{ bf16 = 0.25 }", "field 'matrix.pe_macs_per_cycle.int8' must be > 0"),
    ("{ int8 = 1, bf16 = 0.25 }", "{ int8 = 0, bf16 = 0.25 }", "field 'matrix.pe_macs_per_cycle.int8' must be > 0"),
    # a supported precision needs an energy
    ("{ int8 = 0.3, bf16 = 2.0 }", "{ int8 = 0.3 }", "missing field 'energy.mac_pj.bf16'"),
    # DMA engines: at least one, at most one per SRAM bank
    ("engines = 2", "engines = 0", "field 'dma.engines' must be > 0, got 0"),
    ("engines = 2", "engines = 17", "field 'dma.engines' must be <= sram.banks (16)"),
    # no DRAM means no DRAM bandwidth either
    ("bytes = 8589934592", "bytes = 0", "field 'dram.bandwidth' must be 0 when dram.bytes = 0 (no DRAM), got 51200000000"),
]


@pytest.mark.parametrize("old, new, expected", BAD_FIELDS, ids=[case[2][:60] for case in BAD_FIELDS])
def test_bad_field_is_named_and_located_at_the_file(tmp_path, old, new, expected):
    path = write(tmp_path, variant(old, new))
    error = load_error(path)
    messages = [d.message for d in error.diagnostics]
    assert any(expected in m for m in messages), messages
    assert all(d.location == str(path) for d in error.diagnostics)
    assert f"{path}: error: " in error.format()


def test_a_section_given_as_a_value(tmp_path):
    text = "vector = 32\n" + BASE.replace("[vector]\nlanes = 32\n", "")
    error = load_error(write(tmp_path, text))
    assert [d.message for d in error.diagnostics] == ["field 'vector' must be a table, got 32"]


def test_error_format_is_file_error_field(tmp_path):
    path = write(tmp_path, variant("bytes = 2097152", "bytes = -1"))
    assert load_error(path).format() == f"{path}: error: field 'sram.bytes' must be > 0, got -1"


def test_sram_smaller_than_the_smallest_tile_names_both_numbers(tmp_path):
    path = write(tmp_path, variant("bytes = 2097152", "bytes = 4096"))
    (diagnostic,) = load_error(path).diagnostics
    assert "field 'sram.bytes'" in diagnostic.message
    assert "8192" in diagnostic.message and "got 4096" in diagnostic.message


def test_every_problem_is_reported_at_once(tmp_path):
    text = variant("bytes = 2097152", "bytes = -1").replace("lanes = 32", "lanez = 32")
    error = load_error(write(tmp_path, text))
    messages = "\n".join(d.message for d in error.diagnostics)
    assert "field 'sram.bytes' must be > 0" in messages
    assert "unknown field 'vector.lanez'" in messages
    assert "missing field 'vector.lanes'" in messages


def test_from_dict_validates_like_a_file():
    data = load_hardware("edge-npu").to_dict()
    data["sram"]["bytes"] = 0
    with pytest.raises(AccelError, match="field 'sram.bytes' must be > 0, got 0") as info:
        Hardware.from_dict(data, "sweep")
    assert info.value.diagnostics[0].location == "sweep"


# ----------------------------------------------------------------------------- parsed once


@pytest.fixture
def toml_parses(monkeypatch):
    """Counts every TOML parse in the process, however it is reached."""
    count = [0]
    parse = tomllib.loads

    def counting(*args, **kwargs):
        count[0] += 1
        return parse(*args, **kwargs)

    monkeypatch.setattr(tomllib, "loads", counting)
    return count


@pytest.mark.parametrize("spec", ["edge-npu", "file"])
def test_a_compile_and_run_with_default_tuning_parses_the_hardware_once(tmp_path, toml_parses, spec):
    clear_hardware_cache()
    if spec == "file":
        spec = write(tmp_path, (REPO / "targets/presets/edge-npu.toml").read_text(), "mine.toml")
    artifact = accel.compile((REPO / "examples/gemm.mlir").read_text(), target="sim", hw=str(spec))
    artifact.run(timing_only=True)
    assert artifact.tuning  # default tuning compiled and simulated several candidates
    assert toml_parses[0] == 1


def test_a_hardware_is_loaded_once_and_shared(tmp_path, toml_parses):
    path = write(tmp_path, BASE)
    first = load_hardware(path)
    assert load_hardware(str(path)) is first
    assert load_hardware(first) is first  # a Hardware is taken as is
    assert toml_parses[0] == 1


def test_another_spelling_of_a_file_is_not_parsed_again_but_named_as_given(tmp_path, toml_parses, monkeypatch):
    path = write(tmp_path, BASE)
    load_hardware(path)
    monkeypatch.chdir(tmp_path)
    relative = load_hardware("edge.toml")
    assert relative.source == "edge.toml" and relative == load_hardware(path)
    assert toml_parses[0] == 1


def test_an_edited_file_is_read_again(tmp_path):
    path = write(tmp_path, BASE)
    assert load_hardware(path).vector.lanes == 32
    write(tmp_path, variant("lanes = 32", "lanes = 64"))
    assert load_hardware(path).vector.lanes == 64


def test_an_invalid_file_is_not_remembered(tmp_path):
    path = write(tmp_path, variant("lanes = 32", "lanes = 0"))
    load_error(path)
    assert "lanes" in str(load_error(path))


def test_hardware_is_frozen_and_hashable():
    hw = load_hardware("edge-npu")
    with pytest.raises(dataclasses.FrozenInstanceError):
        hw.clock_hz = 2e9
    with pytest.raises(dataclasses.FrozenInstanceError):
        hw.matrix.rows = 64
    assert {hw: 1}[load_hardware("edge-npu")] == 1


# ----------------------------------------------------------------------------- plausible ranges

# One case per class of bound: (old line, new line, the error's field, its bound).
IMPLAUSIBLE = [
    ("clock_hz = 1.0e9", "clock_hz = 1e300", "clock_hz", "<= 1e10 (10 GHz)"),
    ("clock_hz = 1.0e9", "clock_hz = 1000", "clock_hz", ">= 1e6 (1 MHz)"),  # 1 GHz written in MHz
    ("rows = 32", "rows = 100000", "matrix.rows", "<= 4096"),
    ("cols = 32", "cols = 100000", "matrix.cols", "<= 4096"),
    ("units = 1", "units = 2000000", "matrix.units", "<= 1048576 (2^20)"),
    ("units = 1", "units = 1\nweight_load_rows_per_cycle = 5000", "matrix.weight_load_rows_per_cycle", "<= 4096"),
    ("{ int8 = 1, bf16 = 0.25 }", "{ int8 = 1024, bf16 = 0.25 }", "matrix.pe_macs_per_cycle.int8", "<= 16"),
    ("lanes = 32", "lanes = 10000000", "vector.lanes", "<= 1048576 (2^20)"),
    ("bytes = 2097152", "bytes = 1e12", "sram.bytes", "<= 68719476736 (64 GiB)"),
    ("banks = 16", "banks = 2000000", "sram.banks", "<= 1048576 (2^20)"),
    ("bandwidth = 512.0e9", "bandwidth = 1e18", "sram.bandwidth", "<= 1e17 (100 PB/s)"),
    ("bandwidth = 512.0e9", "bandwidth = 512", "sram.bandwidth", ">= 1e8 (100 MB/s)"),  # GB/s written as B/s
    ("bandwidth = 51.2e9", "bandwidth = 1e15", "dram.bandwidth", "<= 1e14 (100 TB/s)"),
    ("bandwidth = 51.2e9", "bandwidth = 51.2", "dram.bandwidth", ">= 1e8 (100 MB/s)"),
    ("bytes = 8589934592", "bytes = 8", "dram.bytes", ">= 1048576 (1 MiB)"),  # GiB written as bytes
    ("bytes = 8589934592", "bytes = 1e15", "dram.bytes", "<= 4398046511104 (4 TiB)"),
    ("latency_ns = 100.0", "latency_ns = 1e6", "dram.latency_ns", "<= 1e4 ns (10 us)"),
    ("engines = 2", "engines = 5000", "dma.engines", "<= 1024"),
    ("{ int8 = 0.3, bf16 = 2.0 }", "{ int8 = 3e3, bf16 = 2.0 }", "energy.mac_pj.int8", "<= 1000 pJ"),
    ("sram_byte_pj = 5.0", "sram_byte_pj = 5e3", "energy.sram_byte_pj", "<= 1000 pJ"),
    ("dram_byte_pj = 36.0", "dram_byte_pj = 36e3", "energy.dram_byte_pj", "<= 10000 pJ"),
    ("vector_op_pj = 3.7", "vector_op_pj = 3.7e3", "energy.vector_op_pj", "<= 1000 pJ"),
    ("mm2 = 0.6", "mm2 = 1e6", "area.mm2", "<= 1e5 mm2"),
]


@pytest.mark.parametrize("old, new, name, bound", IMPLAUSIBLE, ids=[f"{c[2]} {c[3].split()[0]}" for c in IMPLAUSIBLE])
def test_an_implausible_value_names_the_field_its_bound_and_why(tmp_path, old, new, name, bound):
    path = write(tmp_path, variant(old, new))
    error = load_error(path)
    messages = [d.message for d in error.diagnostics]
    expected = f"field '{name}' must be {bound}: "
    matching = [m for m in messages if m.startswith(expected)]
    assert len(matching) == 1, messages
    reason = matching[0][len(expected):].rsplit(", got ", 1)[0]
    assert len(reason) > 10, matching  # says why
    assert f"{path}: error: {expected}" in error.format()


def test_the_clock_bound_error_reads_well(tmp_path):
    path = write(tmp_path, variant("clock_hz = 1.0e9", "clock_hz = 1e300"))
    assert load_error(path).format() == (
        f"{path}: error: field 'clock_hz' must be <= 1e10 (10 GHz): faster than any clocked logic "
        "(the fastest CPUs boost to ~6 GHz), got 1e+300"
    )


def test_a_design_without_dram_is_not_held_to_the_dram_lower_bounds(tmp_path):
    text = variant("bytes = 8589934592\nbandwidth = 51.2e9\nlatency_ns = 100.0", "bytes = 0\nbandwidth = 0\nlatency_ns = 0")
    assert not load_hardware(write(tmp_path, text)).has_dram


@pytest.mark.parametrize("name", ["datacenter", "edge-npu", "sram-only"])
def test_the_presets_are_plausible_with_room_to_spare(name):
    # Designs well beyond each preset stay within the bounds: they catch unit
    # mistakes and typos, not bigger designs.
    data = load_hardware(name).to_dict()
    data["clock_hz"] = min(data["clock_hz"] * 5, 1e10)
    for section, key in [("sram", "bandwidth"), ("vector", "lanes"), ("energy", "sram_byte_pj"), ("area", "mm2")]:
        data[section][key] *= 10
    Hardware.from_dict(data, "x10")


# ----------------------------------------------------------------------------- the geometry wins


def test_the_units_rate_is_derived_from_the_geometry(tmp_path):
    small = load_hardware(write(tmp_path, BASE, "small.toml"))
    # A 64x64 array needs a wider SRAM (Hardware.sram_bandwidth_needed).
    big = load_hardware(write(tmp_path, variant("rows = 32\ncols = 32", "rows = 64\ncols = 64").replace(SRAM_BANDWIDTH, "bandwidth = 1024.0e9"), "big.toml"))
    assert small.matrix.macs_per_cycle.int8 == 1024 and small.matrix.macs_per_cycle.bf16 == 256
    assert big.matrix.macs_per_cycle.int8 == 4096 and big.matrix.macs_per_cycle.bf16 == 1024
    assert big.peak_macs_per_second("int8") == 4 * small.peak_macs_per_second("int8")
    # A Hardware built in code derives it the same way.
    grown = dataclasses.replace(small, matrix=dataclasses.replace(small.matrix, rows=64, cols=64))
    assert grown.matrix.macs_per_cycle == big.matrix.macs_per_cycle


def test_a_stated_macs_per_cycle_that_agrees_is_accepted(tmp_path):
    text = variant("dataflow = ", "macs_per_cycle = { int8 = 1024, bf16 = 256 }\ndataflow = ")
    assert load_hardware(write(tmp_path, text)).matrix.macs_per_cycle.int8 == 1024


def test_a_stated_macs_per_cycle_that_disagrees_names_both_fields(tmp_path):
    text = variant("rows = 32\ncols = 32", "rows = 64\ncols = 64\nmacs_per_cycle = { int8 = 1024 }").replace(SRAM_BANDWIDTH, "bandwidth = 1024.0e9")
    path = write(tmp_path, text)
    (diagnostic,) = load_error(path).diagnostics
    assert diagnostic.location == str(path)
    assert diagnostic.message == (
        "field 'matrix.macs_per_cycle.int8' = 1024 disagrees with the geometry: matrix.rows x cols x units x "
        "pe_macs_per_cycle.int8 = 64 x 64 x 1 x 1 = 4096 (the geometry wins: fix matrix.pe_macs_per_cycle or "
        "the array's size, or drop macs_per_cycle)"
    )


def test_a_stated_macs_per_cycle_is_checked_for_form(tmp_path):
    text = variant("dataflow = ", "macs_per_cycle = { int8 = -1, int4 = 5 }\ndataflow = ")
    messages = [d.message for d in load_error(write(tmp_path, text)).diagnostics]
    assert "field 'matrix.macs_per_cycle.int8' must be >= 0, got -1" in messages
    assert any(m.startswith("unknown field 'matrix.macs_per_cycle.int4'") for m in messages)


def test_a_file_with_only_the_units_rate_is_told_what_to_write(tmp_path):
    text = variant("pe_macs_per_cycle = { int8 = 1, bf16 = 0.25 }", "macs_per_cycle = { int8 = 1024, bf16 = 256 }")
    messages = [d.message for d in load_error(write(tmp_path, text)).diagnostics]
    assert messages == [
        "missing field 'matrix.pe_macs_per_cycle' (MACs one PE does per cycle, by precision, e.g. { int8 = 1 }: "
        "the unit's macs_per_cycle is derived from it, rows x cols x units x pe_macs_per_cycle)"
    ]


@pytest.mark.parametrize("spec", ["x" * 5000, "chip." + "x" * 5000, "dir/" + "x" * 5000 + ".toml"])
def test_a_name_the_system_refuses_is_an_error_not_a_crash(spec):
    with pytest.raises(AccelError):
        load_hardware(spec)


def test_an_sram_too_slow_to_feed_the_array_is_refused(tmp_path):
    """The simulator gives the matrix unit an SRAM port of its own beside the DMA
    channel; an SRAM slower than what the array reads and writes at peak would make
    that optimistic, so the file is refused, naming the field and the need."""
    hw = load_hardware(write(tmp_path, BASE))
    need = hw.sram_bandwidth_needed()
    assert hw.sram.bandwidth >= need
    path = write(tmp_path, BASE.replace(SRAM_BANDWIDTH, f"bandwidth = {need * 0.9:.6e}"), "slow.toml")
    (diagnostic,) = load_error(path).diagnostics
    assert diagnostic.location == str(path)
    assert diagnostic.message.startswith("field 'sram.bandwidth' must be >= ")
    assert float(diagnostic.message.split(">= ")[1].split(" ")[0]) == pytest.approx(need)
    assert "the simulator does not model SRAM port contention" in diagnostic.message
