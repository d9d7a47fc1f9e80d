"""The SRAM address plan: a byte offset for every on-chip buffer of a scheduled program.

accel-schedule describes the buffers a function needs (`SramBuffer`: name, shape,
element type) and `plan_sram` gives each an offset. An `accel.alloc` lives until its
function returns (see the dialect), so every buffer of a function is live at once and
no two may share a byte: the plan packs them end to end in the order requested, each
starting on an `alignment` boundary, and its `peak` (one past the highest byte used)
must fit the hardware's SRAM; otherwise the plan is a located error that names every
buffer and its size. For one tile schedule the peak is the aligned sum of its working
set, which is what `accel.compiler.cost_model.working_set_bytes` budgets for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from accel.core.diagnostics import AccelError, Diagnostic

# Buffers start on a 64-byte boundary: a DMA burst / cache line, and a multiple of
# every element size, so no element straddles a bank word.
ALIGNMENT = 64

ELEMENT_BYTES = {"i8": 1, "i16": 2, "i32": 4, "i64": 8, "f16": 2, "bf16": 2, "f32": 4, "f64": 8}


def align_up(value: int, alignment: int) -> int:
    return -(-value // alignment) * alignment


@dataclass(frozen=True)
class SramBuffer:
    """One SRAM buffer to place."""

    name: str
    shape: tuple[int, ...]
    element: str

    @property
    def bytes(self) -> int:
        if self.element not in ELEMENT_BYTES:
            raise ValueError(f"SRAM buffer '{self.name}': no byte size for element type {self.element}")
        return math.prod(self.shape) * ELEMENT_BYTES[self.element]

    def describe(self) -> str:
        return f"{self.name} {'x'.join(map(str, self.shape))}x{self.element} ({self.bytes} B)"


@dataclass(frozen=True)
class Placement:
    buffer: SramBuffer
    offset: int

    @property
    def end(self) -> int:
        return self.offset + self.buffer.bytes


@dataclass(frozen=True)
class SramPlan:
    """Offsets of every buffer, in the order they were requested."""

    placements: tuple[Placement, ...]
    capacity: int
    alignment: int

    @property
    def peak(self) -> int:
        """One past the highest SRAM byte the plan uses (0 for no buffers)."""
        return max((p.end for p in self.placements), default=0)

    def offset(self, name: str) -> int:
        for placement in self.placements:
            if placement.buffer.name == name:
                return placement.offset
        raise KeyError(name)


def plan_sram(
    buffers: Sequence[SramBuffer],
    capacity: int,
    *,
    alignment: int = ALIGNMENT,
    hardware: str = "the hardware",
    location=None,
) -> SramPlan:
    """Places `buffers` in an SRAM of `capacity` bytes (see the module docstring).

    Raises AccelError at `location` when the plan does not fit, naming each buffer's
    size, the bytes needed and what `hardware` has.
    """
    if alignment <= 0 or alignment & (alignment - 1):
        raise ValueError(f"SRAM alignment must be a power of two, got {alignment}")
    names = [b.name for b in buffers]
    if len(set(names)) != len(names):
        raise ValueError(f"SRAM buffer names must be unique, got {names}")
    placements = []
    offset = 0
    for buffer in buffers:
        if buffer.bytes <= 0:
            raise ValueError(f"SRAM buffer '{buffer.name}' must have a positive size, got {buffer.shape}")
        placements.append(Placement(buffer, offset))
        offset = align_up(offset + buffer.bytes, alignment)
    plan = SramPlan(tuple(placements), capacity, alignment)
    if plan.peak > capacity:
        listing = ", ".join(b.describe() for b in buffers)
        raise AccelError(
            [
                Diagnostic(
                    f"the SRAM plan needs {plan.peak} bytes but {hardware} has {capacity} "
                    f"(buffers, each aligned to {alignment} B: {listing})",
                    location,
                )
            ]
        )
    return plan
