"""The choices the frontends offer, in a module that needs nothing optional, so that
tools can show them (`accelc import --help`) without loading the torch stack."""

# How weights appear in the imported module: bound to their values (dense_resource
# blobs), or referenced by name (parameters.py).
WEIGHTS = ("inline", "external")
# The head a Hugging Face model is imported with (hf_import.py).
KINDS = ("causal-lm", "encoder")
DEFAULT_SEQ_LEN = 32
