// RUN: accel-opt %s | accel-opt | filecheck %s
// RUN: iree-opt --irdl-file=%accel_irdl %s | filecheck %s

// The accel type and attribute outside accel ops: !accel.token and
// #accel.memspace<...> in function signatures, control flow and memref types.

// CHECK-LABEL: func.func @signature
// CHECK-SAME: (%[[T:.*]]: !accel.token, %[[S:.*]]: memref<8xi8, #accel.memspace<"sram">>, %[[D:.*]]: memref<8xi8, #accel.memspace<"dram">>)
// CHECK-SAME: -> (!accel.token, memref<8xi8, #accel.memspace<"sram">>)
func.func @signature(%t: !accel.token, %s: memref<8xi8, #accel.memspace<"sram">>, %d: memref<8xi8, #accel.memspace<"dram">>) -> (!accel.token, memref<8xi8, #accel.memspace<"sram">>) {
  // CHECK-NEXT: return %[[T]], %[[S]] : !accel.token, memref<8xi8, #accel.memspace<"sram">>
  return %t, %s : !accel.token, memref<8xi8, #accel.memspace<"sram">>
}

// Tokens flow through scf.if like any value.
// CHECK-LABEL: func.func @token_select
// CHECK-SAME: (%[[C:.*]]: i1, %[[A:.*]]: !accel.token, %[[B:.*]]: !accel.token)
func.func @token_select(%c: i1, %a: !accel.token, %b: !accel.token) -> !accel.token {
  // CHECK-NEXT: %[[R:.*]] = scf.if %[[C]] -> (!accel.token) {
  %r = scf.if %c -> (!accel.token) {
    // CHECK-NEXT: scf.yield %[[A]] : !accel.token
    scf.yield %a : !accel.token
  } else {
    // CHECK: scf.yield %[[B]] : !accel.token
    scf.yield %b : !accel.token
  }
  // CHECK: "accel.wait"(%[[R]]) : (!accel.token) -> ()
  "accel.wait"(%r) : (!accel.token) -> ()
  // CHECK-NEXT: return %[[R]] : !accel.token
  return %r : !accel.token
}
