package com.edgepay.gateway.simulator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders, transactions and refund keys. Not thread-safe by itself: reach it only through
 * {@link SimulatorState#withLedger}, which holds one lock so that every state change is atomic across
 * verticle instances on different event loops.
 */
final class Ledger {

  private final Map<String, SimOrder> orders = new HashMap<>();
  private final Map<String, SimTxn> txns = new HashMap<>();
  private final Set<String> refundRequestIds = new HashSet<>();

  /** Order ids are the merchant's own, so two merchants may reuse one. */
  Optional<SimOrder> order(String merchantId, String orderId) {
    return Optional.ofNullable(orders.get(scoped(merchantId, orderId)));
  }

  SimOrder addOrder(SimOrder order) {
    orders.put(scoped(order.merchantId(), order.orderId()), order);
    return order;
  }

  Optional<SimTxn> txn(String txnUuid) {
    return Optional.ofNullable(txns.get(txnUuid));
  }

  void addTxn(SimTxn txn) {
    txn.order().txns().add(txn);
    txns.put(txn.txnUuid(), txn);
  }

  /** Refund keys are unique per merchant, across all of its orders. */
  boolean refundRequestIdUsed(String merchantId, String uniqueRequestId) {
    return refundRequestIds.contains(scoped(merchantId, uniqueRequestId));
  }

  void useRefundRequestId(String merchantId, String uniqueRequestId) {
    refundRequestIds.add(scoped(merchantId, uniqueRequestId));
  }

  void clear() {
    orders.clear();
    txns.clear();
    refundRequestIds.clear();
  }

  private static String scoped(String merchantId, String id) {
    return merchantId + '\u0000' + id;
  }
}
