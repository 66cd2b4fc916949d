package com.edgepay.gateway.reconcile;

import com.edgepay.gateway.idempotency.UnknownCall;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a call whose outcome was unknown took effect at Juspay, read from the order's status.
 * The table, per route (README, "Money safety"):
 *
 * <pre>
 * route             took effect                                  did not
 * orders, session   the order exists (any status but NOT_FOUND)  HTTP 404 or NOT_FOUND
 * txns              the order is paid, or its newest txn is not  the order is NEW with no txn, or its
 *                   the one the gateway knew of when it claimed   newest txn is the one the gateway knew
 *                                                                of; no such order
 * refund            a refund with that unique_request_id          none; no such order
 * update            the order's amount is the one the update set  another amount; no such order
 *                   (an update without an amount: the order exists)
 * capture           its txn shows CHARGED, CAPTURE_INITIATED or    its txn still AUTHORIZED
 *                   CAPTURE_FAILED
 * void              its txn shows VOIDED, VOID_INITIATED or        its txn still AUTHORIZED
 *                   VOID_FAILED
 * </pre>
 *
 * Anything else (a status that says an attempt exists but names no txn, a status outside the
 * table, an order the gateway cannot name) stays unknown: it is asked again later, and retries keep
 * getting OUTCOME_UNKNOWN. "Did not" releases the record and lets the retry be sent, so it is only
 * ever concluded from a shape that positively shows no new attempt.
 */
public enum Verdict {
  TOOK_EFFECT,
  DID_NOT,
  UNRESOLVED;

  private static final Set<String> CAPTURED = Set.of("CHARGED", "CAPTURE_INITIATED", "CAPTURE_FAILED");
  private static final Set<String> VOIDED = Set.of("VOIDED", "VOID_INITIATED", "VOID_FAILED");

  /**
   * @param txnTag the store's keyed tag of a txn uuid
   * @param amountTag the store's keyed tag of an amount
   */
  public static Verdict of(UnknownCall call, OrderReport order, Function<String, String> txnTag,
      Function<String, String> amountTag) {
    return switch (call.kind()) {
      case "orders", "session" -> order.found() ? TOOK_EFFECT : DID_NOT;
      case "txns" -> txns(call, order, txnTag);
      case "refund" -> !order.found() ? DID_NOT : order.refund(call.refundId()) != null ? TOOK_EFFECT : DID_NOT;
      case "update" -> !order.found() ? DID_NOT
          : call.amountTag().isEmpty() || amountTag.apply(order.amount()).equals(call.amountTag()) ? TOOK_EFFECT : DID_NOT;
      case "capture" -> txnAction(call, order, CAPTURED, txnTag);
      case "void" -> txnAction(call, order, VOIDED, txnTag);
      default -> UNRESOLVED;
    };
  }

  private static Verdict txns(UnknownCall call, OrderReport order, Function<String, String> txnTag) {
    if (!order.found()) {
      return DID_NOT;
    }
    if (order.paid()) {
      return TOOK_EFFECT;
    }
    if (order.txnUuid().isEmpty()) {
      return order.status().equals("NEW") ? DID_NOT : UNRESOLVED;
    }
    return txnTag.apply(order.txnUuid()).equals(call.knownTxnTag()) ? DID_NOT : TOOK_EFFECT;
  }

  private static Verdict txnAction(UnknownCall call, OrderReport order, Set<String> done,
      Function<String, String> txnTag) {
    if (!order.found() || order.txnUuid().isEmpty() || !txnTag.apply(order.txnUuid()).equals(call.txnTag())) {
      return UNRESOLVED;
    }
    if (done.contains(order.status())) {
      return TOOK_EFFECT;
    }
    return order.status().equals("AUTHORIZED") ? DID_NOT : UNRESOLVED;
  }
}
