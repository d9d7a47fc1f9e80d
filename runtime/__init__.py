"""The numpy golden semantics of every accel op (golden.py) and the quantizer
(quantization.py): the meaning both targets are checked against."""
