func.func @bad_wait() {
  "accel.wait"() : () -> ()
  return
}
