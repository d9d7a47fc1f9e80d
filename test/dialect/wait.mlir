// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.wait on one and on several tokens.

// CHECK-LABEL: func.func @wait_one
// CHECK-SAME: (%[[T:.*]]: !accel.token)
func.func @wait_one(%t: !accel.token) {
  // CHECK-NEXT: "accel.wait"(%[[T]]) : (!accel.token) -> ()
  "accel.wait"(%t) : (!accel.token) -> ()
  // CHECK-NEXT: return
  return
}

// CHECK-LABEL: func.func @wait_all
// CHECK-SAME: (%[[T0:.*]]: !accel.token, %[[T1:.*]]: !accel.token, %[[T2:.*]]: !accel.token)
func.func @wait_all(%t0: !accel.token, %t1: !accel.token, %t2: !accel.token) {
  // CHECK-NEXT: "accel.wait"(%[[T0]], %[[T1]], %[[T2]]) : (!accel.token, !accel.token, !accel.token) -> ()
  "accel.wait"(%t0, %t1, %t2) : (!accel.token, !accel.token, !accel.token) -> ()
  // CHECK-NEXT: "accel.wait"(%[[T2]]) : (!accel.token) -> ()
  "accel.wait"(%t2) : (!accel.token) -> ()
  return
}
