"""The simulated accelerator: executes scheduled (L4) accel programs for numerics and timing.

- program.py: translates the scheduled function once into a Python program;
- engines.py: the timing model (DMA engines sharing bandwidth, matrix and vector units);
- hazards.py: happens-before between ops (vector clocks), for schedule-bug detection;
- simulator.py: `simulate(module, hw)`, the report and the Chrome trace.
"""

from accel.targets.sim.program import Program, translate
from accel.targets.sim.simulator import SimResult, simulate

__all__ = ["Program", "SimResult", "simulate", "translate"]
