package com.edgepay.gateway.simulator;

/** The Juspay order and transaction statuses the simulator can reach, with Juspay's numeric ids. */
enum OrderStatus {
  NEW(10),
  PENDING_VBV(23),
  CHARGED(21),
  AUTHORIZED(25),
  VOIDED(31);

  private final int id;

  OrderStatus(int id) {
    this.id = id;
  }

  int id() {
    return id;
  }
}
