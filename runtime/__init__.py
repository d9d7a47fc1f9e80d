"""Runtimes: the numpy golden semantics of every accel op and the CPU reference (IREE)."""
