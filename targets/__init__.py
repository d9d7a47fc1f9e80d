"""Target descriptions: the CPU reference target and the simulated accelerator."""
