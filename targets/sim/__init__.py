"""The simulated accelerator: executes scheduled (L4) accel programs for numerics and timing."""
