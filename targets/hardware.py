"""The hardware model: what the accelerator is, read from a TOML hardware file.

One `Hardware` object is what every hardware-driven decision reads: tile sizes
(accel-tile), the SRAM plan (accel-schedule), the simulator's engines and energy,
and the roofline. Presets ship in targets/presets/*.toml; `load_hardware(spec)` takes
a preset name or a path.

SCHEMA (all sizes in bytes, bandwidths in bytes/second, energies in picojoules):

    name = "edge-npu"
    clock_hz = 1.0e9
    [matrix]            rows, cols, dataflow ("weight_stationary" | "output_stationary"),
                        macs_per_cycle = { int8 = ..., bf16 = ..., f32 = ... }
    [vector]            lanes (f32 elementwise ops per cycle)
    [sram]              bytes, banks, bandwidth (bytes/s)
    [dram]              bandwidth (bytes/s), latency_ns, (bytes: 0 = none, e.g. sram-only)
    [dma]               engines
    [energy]            mac_pj = { int8 = ..., bf16 = ..., f32 = ... },
                        sram_byte_pj, dram_byte_pj, vector_op_pj
    [area]              mm2
"""
