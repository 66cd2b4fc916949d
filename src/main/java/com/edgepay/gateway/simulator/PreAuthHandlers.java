package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** Capture and void of a pre-authorised (AUTHORIZED) transaction. */
final class PreAuthHandlers {

  private final SimulatorState state;

  PreAuthHandlers(SimulatorState state) {
    this.state = state;
  }

  /** An empty body captures in full; an amount captures part of the authorisation. */
  Reply capture(JuspayCall call) {
    BigDecimal amount = call.has("amount") ? Amounts.parse(call.param("amount"), "amount") : null;
    return move(call, OrderStatus.CHARGED, amount);
  }

  Reply voidTxn(JuspayCall call) {
    return move(call, OrderStatus.VOIDED, null);
  }

  private Reply move(JuspayCall call, OrderStatus target, BigDecimal amount) {
    String txnUuid = call.pathParam("txn_uuid");
    return state.withLedger(ledger -> ledger.txn(txnUuid)
        .filter(txn -> txn.order().merchantId().equals(call.merchantId()))
        .map(txn -> move(txn, target, amount, call))
        .orElseGet(() -> JuspayErrors.notFound("Transaction", txnUuid, call.errorRequestId())));
  }

  private static Reply move(SimTxn txn, OrderStatus target, BigDecimal amount, JuspayCall call) {
    if (txn.status() != OrderStatus.AUTHORIZED) {
      return JuspayErrors.invalid("txn_uuid", "Invalid state for this operation: transaction is "
          + txn.status(), call.errorRequestId());
    }
    if (amount != null && amount.compareTo(txn.capturedAmount()) > 0) {
      return JuspayErrors.invalid("amount", "Capture amount exceeds the authorised amount",
          call.errorRequestId());
    }
    if (amount != null) {
      txn.capturedAmount(amount);
    }
    txn.status(target);
    if (txn.order().status() == OrderStatus.AUTHORIZED) {
      txn.order().status(target);
    }
    SimOrder order = txn.order();
    return Reply.ok(new JsonObject()
        .put("txn_uuid", txn.txnUuid())
        .put("txn_id", txn.txnId())
        .put("order_id", order.orderId())
        .put("merchant_id", order.merchantId())
        .put("status", target.name())
        .put("status_id", target.id())
        .put("amount", txn.capturedAmount().doubleValue())
        .put("currency", order.currency()));
  }
}
