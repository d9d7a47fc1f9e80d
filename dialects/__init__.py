"""The accel dialect: op definitions (accel.py), their framework (ods.py), the
Python-side verifier (verifier.py) and the IRDL emitter (irdl.py)."""

from accel.dialects.accel import *  # noqa: F401,F403
from accel.dialects.accel import ACCEL
from accel.dialects.ods import OpDef, VerifyError, is_token, memspace_text, token_type
from accel.dialects.verifier import accel_operations, verify_accel
