"""Tests of accel.core.mlir.find_function / functions: the one way accel finds a
function in a module (the driver, the simulator, the golden interpreter and the
passes all use it), with located errors naming the functions there are."""

from __future__ import annotations

import pytest

from accel.core.diagnostics import AccelError
from accel.core.mlir import find_function, functions, parse_module, symbol_name

MODULE = """module {
  func.func private @helper() { return }
  func.func @main() { return }
  util.func private @other() { util.return }
}
"""

TWO_PUBLIC = """module {
  func.func @first() { return }
  func.func @second() { return }
}
"""


def error_of(call) -> AccelError:
    with pytest.raises(AccelError) as info:
        call()
    return info.value


def test_functions_lists_func_and_util_functions_in_order(context):
    module = parse_module(MODULE, context)
    assert [symbol_name(f) for f in functions(module)] == ["helper", "main", "other"]
    assert [symbol_name(f) for f in functions(module.operation)] == ["helper", "main", "other"]


def test_named_or_the_only_public_one(context):
    module = parse_module(MODULE, context)
    assert symbol_name(find_function(module)) == "main"  # the private ones do not count
    assert symbol_name(find_function(module, "helper")) == "helper"
    assert symbol_name(find_function(module.operation, "other")) == "other"
    function = find_function(module, "main")
    assert find_function(function) == function  # a function is its own only function


def test_missing_function_names_the_others(context):
    module = parse_module(MODULE, context)
    error = error_of(lambda: find_function(module, "nope"))
    assert error.format("in.mlir") == "in.mlir: error: no function @nope in the module (it has: @helper, @main, @other)"
    error = error_of(lambda: find_function(module, "nope", option="--function"))
    assert error.format("in.mlir") == "--function: error: no function @nope in the module (it has: @helper, @main, @other)"


def test_ambiguity_is_located_at_the_second_public_function(context):
    module = parse_module(TWO_PUBLIC, context)
    error = error_of(lambda: find_function(module, option="--function"))
    assert error.format("in.mlir") == "in.mlir:3:3: error: the module has 2 public functions (@first, @second): name one with --function"
    error = error_of(lambda: find_function(module))
    assert error.format("in.mlir") == "in.mlir:3:3: error: the module has 2 public functions (@first, @second): name one"
    empty = parse_module("module {}", context)
    assert error_of(lambda: find_function(empty)).format("in.mlir") == "in.mlir: error: the module has 0 public functions (none): name one"
