"""Writes a small ONNX model (built with onnx.helper) to the path given: y = relu(x @ W + b).

W (8 x 16 = 128 elements) is at the importer's externalization threshold (100
elements) and becomes a named util.global; b (16 elements) stays a constant.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)
weight = numpy_helper.from_array(rng.standard_normal((8, 16)).astype(np.float32), "encoder.W")
bias = numpy_helper.from_array(rng.standard_normal(16).astype(np.float32), "encoder.b")
graph = helper.make_graph(
    [
        helper.make_node("MatMul", ["x", "encoder.W"], ["xw"], name="matmul"),
        helper.make_node("Add", ["xw", "encoder.b"], ["z"], name="add"),
        helper.make_node("Relu", ["z"], ["y"], name="relu"),
    ],
    "dense_relu",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 8])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 16])],
    [weight, bias],
)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="accel-test")
onnx.checker.check_model(model)
onnx.save(model, sys.argv[1])
