package com.edgepay.gateway.simulator;

import java.math.BigDecimal;

/** One payment attempt. Mutable; only touched while holding the {@link SimulatorState} ledger lock. */
final class SimTxn {

  private final String txnUuid;
  private final String txnId;
  private final SimOrder order;
  private final String paymentMethodType;
  private final String paymentMethod;
  private OrderStatus status;
  private BigDecimal capturedAmount;

  SimTxn(String txnUuid, String txnId, SimOrder order, String paymentMethodType, String paymentMethod) {
    this.txnUuid = txnUuid;
    this.txnId = txnId;
    this.order = order;
    this.paymentMethodType = paymentMethodType;
    this.paymentMethod = paymentMethod;
    this.status = OrderStatus.PENDING_VBV;
  }

  String txnUuid() {
    return txnUuid;
  }

  String txnId() {
    return txnId;
  }

  SimOrder order() {
    return order;
  }

  String paymentMethodType() {
    return paymentMethodType;
  }

  String paymentMethod() {
    return paymentMethod;
  }

  OrderStatus status() {
    return status;
  }

  void status(OrderStatus newStatus) {
    this.status = newStatus;
  }

  BigDecimal capturedAmount() {
    return capturedAmount == null ? order.amount() : capturedAmount;
  }

  void capturedAmount(BigDecimal amount) {
    this.capturedAmount = amount;
  }
}
