// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// Round trip of accel.ready: an already-complete token, the initial value of a
// loop-carried token.

// CHECK-LABEL: func.func @ready_then_wait
func.func @ready_then_wait() {
  // CHECK-NEXT: %[[T:.*]] = "accel.ready"() : () -> !accel.token
  %t = "accel.ready"() : () -> !accel.token
  // CHECK-NEXT: "accel.wait"(%[[T]]) : (!accel.token) -> ()
  "accel.wait"(%t) : (!accel.token) -> ()
  return
}

// The token of the previous iteration's load, starting from a ready token.
// CHECK-LABEL: func.func @loop_carried
// CHECK-SAME: (%[[SRC:.*]]: memref<4x16xf32>, %[[BUF:.*]]: memref<16xf32, #accel.memspace<"sram">>)
func.func @loop_carried(%src: memref<4x16xf32>, %buf: memref<16xf32, #accel.memspace<"sram">>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  // CHECK: %[[INIT:.*]] = "accel.ready"() : () -> !accel.token
  %init = "accel.ready"() : () -> !accel.token
  // CHECK-NEXT: %[[LAST:.*]] = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[PREV:.*]] = %[[INIT]]) -> (!accel.token) {
  %last = scf.for %i = %c0 to %c4 step %c1 iter_args(%prev = %init) -> (!accel.token) {
    // CHECK-NEXT: %[[ROW:.*]] = memref.subview %[[SRC]][%[[I]], 0] [1, 16] [1, 1]
    %row = memref.subview %src[%i, 0] [1, 16] [1, 1] : memref<4x16xf32> to memref<16xf32, strided<[1], offset: ?>>
    // CHECK-NEXT: %[[NEXT:.*]] = "accel.dma_load"(%[[ROW]], %[[BUF]], %[[PREV]])
    %next = "accel.dma_load"(%row, %buf, %prev) : (memref<16xf32, strided<[1], offset: ?>>, memref<16xf32, #accel.memspace<"sram">>, !accel.token) -> !accel.token
    // CHECK-NEXT: scf.yield %[[NEXT]] : !accel.token
    scf.yield %next : !accel.token
  }
  // CHECK: "accel.wait"(%[[LAST]]) : (!accel.token) -> ()
  "accel.wait"(%last) : (!accel.token) -> ()
  return
}
