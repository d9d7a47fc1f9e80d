// Hugging Face inputs accelc import cannot take: a config that is not JSON, one
// transformers rejects, a sequence longer than the model's positions, a folder
// that is not a model. Located errors, exit status 1, no traceback.

// REQUIRES: torch
// RUN: not accelc import --hf-config %S/Inputs/bad-heads.json -o %t.mlir 2>&1 | filecheck %s --check-prefix REJECTED
// RUN: not accelc import --hf-config %S/Inputs/not-json.json -o %t.mlir 2>&1 | filecheck %s --check-prefix NOT-JSON
// RUN: not accelc import --hf-config %S/Inputs/tiny-llama.json --seq-len 4096 -o %t.mlir 2>&1 | filecheck %s --check-prefix TOO-LONG
// RUN: not accelc import --hf-model %S/Inputs -o %t.mlir 2>&1 | filecheck %s --check-prefix NOT-A-FOLDER

// REJECTED-NOT: Traceback
// REJECTED: bad-heads.json:3:3: error: transformers rejects the config: StrictDataclassClassValidationError: Class validation error for validator 'validate_architecture': ValueError: The hidden size (250) is not a multiple of the number of attention heads (8).

// NOT-JSON: not-json.json:3:22: error: not a JSON config: Expecting property name enclosed in double quotes

// TOO-LONG: --seq-len: error: sequence length 4096 exceeds the model's max_position_embeddings (128)

// NOT-A-FOLDER-NOT: Traceback
// NOT-A-FOLDER: Inputs/config.json: error: transformers cannot read the model's config:
