func.func @other() -> i32 {
  %0 = "vendor.custom_op"() {level = 3 : i64} : () -> i32
  return %0 : i32
}
