"""The hardware model (accel.targets.hardware): the presets' headline numbers, the
derived quantities computed by hand, and one located, named error per bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from accel.core.diagnostics import AccelError
from accel.targets.hardware import Hardware, load_hardware, precision_of, preset_names

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
macs_per_cycle = { int8 = 1024, bf16 = 256 }

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
    ("{ int8 = 1024, bf16 = 256 }", "{ int8 = 1024, int4 = 2048 }", "unknown field 'matrix.macs_per_cycle.int4'"),
    # wrong type
    ("bytes = 2097152", 'bytes = "2MiB"', "field 'sram.bytes' must be an integer, got \"2MiB\" (a string)"),
    ("bytes = 2097152", "bytes = 2097152.5", "field 'sram.bytes' must be an integer, got 2097152.5"),
    ("lanes = 32", "lanes = true", "field 'vector.lanes' must be an integer, got true (a boolean)"),
    ("clock_hz = 1.0e9", 'clock_hz = "1 GHz"', "field 'clock_hz' must be a number"),
    ('name = "tiny"', "name = 7", "field 'name' must be a string, got 7"),
    ("mm2 = 0.6", "[area.mm2]\nvalue = 0.6", "field 'area.mm2' must be a number, got a table"),
    ("{ int8 = 1024, bf16 = 256 }", "1024", "field 'matrix.macs_per_cycle' must be a table"),
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
    ("{ int8 = 1024, bf16 = 256 }", "{ bf16 = 256 }", "field 'matrix.macs_per_cycle.int8' must be > 0"),
    ("{ int8 = 1024, bf16 = 256 }", "{ int8 = 0, bf16 = 256 }", "field 'matrix.macs_per_cycle.int8' must be > 0"),
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
