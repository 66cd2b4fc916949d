package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code POST /txns}: order plus payment, payment on an existing order, and VPA verification. */
final class TxnHandlers {

  private static final String AUTH_URL_BASE = "https://sandbox.juspay.in/v2/pay/start/";
  private static final Set<String> INTENT_METHODS = Set.of("UPI_PAY", "UPI_QR");

  private final SimulatorState state;
  private final Ids ids;

  TxnHandlers(SimulatorState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply txns(JuspayCall call) {
    if (isVpaCheck(call)) {
      return Reply.ok(new JsonObject()
          .put("vpa", call.param("vpa"))
          .put("status", "VALID")
          .put("customer_name", "Simulated Customer")
          .put("mandate_details", new JsonObject().put("is_handle_supported", true)));
    }
    boolean withOrder = call.has("order.order_id");
    List<String> missing = call.missing("payment_method_type", "merchant_id");
    missing.addAll(call.missing(withOrder ? "order.amount" : "order_id"));
    if (!missing.isEmpty()) {
      return JuspayErrors.missing(missing, call.errorRequestId());
    }
    return state.withLedger(ledger -> {
      if (withOrder) {
        return attempt(ledger, Orders.findOrCreate(ledger, call, "order.", ids), call);
      }
      String orderId = call.param("order_id");
      return ledger.order(call.merchantId(), orderId)
          .map(order -> attempt(ledger, order, call))
          .orElseGet(() -> JuspayErrors.notFound("Order", orderId, call.errorRequestId()));
    });
  }

  /** Juspay's /txns is not idempotent: every call is a new attempt with the next txn_id suffix. */
  private Reply attempt(Ledger ledger, SimOrder order, JuspayCall call) {
    String txnId = order.merchantId() + "-" + order.orderId() + "-" + (order.txns().size() + 1);
    SimTxn txn = new SimTxn(ids.txnUuid(), txnId, order, call.param("payment_method_type"),
        call.param("payment_method"));
    ledger.addTxn(txn);
    settle(order, txn, call);
    return Reply.ok(response(order, txn, call));
  }

  /**
   * There is no customer to send through authentication, so a card, net-banking or wallet payment
   * completes at once; later status, refund, capture and void calls then have something to act on.
   * A UPI collect waits for the customer to approve it in their UPI app, as at Juspay: it stays
   * PENDING_VBV (and the customer may switch to another method). A charged order stays charged.
   */
  private static void settle(SimOrder order, SimTxn txn, JuspayCall call) {
    boolean collect = "UPI".equals(call.param("payment_method_type")) && "UPI_COLLECT".equals(call.param("txn_type"));
    boolean preAuth = !order.autoCapture()
        || "false".equalsIgnoreCase(call.param("order.metadata.txns.auto_capture"));
    txn.status(collect ? OrderStatus.PENDING_VBV : preAuth ? OrderStatus.AUTHORIZED : OrderStatus.CHARGED);
    if (order.status() != OrderStatus.CHARGED) {
      order.status(txn.status());
    }
  }

  /** The answer still says PENDING_VBV, as Juspay's does while the customer authenticates. */
  private JsonObject response(SimOrder order, SimTxn txn, JuspayCall call) {
    JsonObject payment = new JsonObject().put("authentication", new JsonObject()
        .put("method", "GET")
        .put("url", AUTH_URL_BASE + order.merchantId() + "/" + txn.txnUuid()));
    if (wantsSdkParams(call)) {
      payment.put("sdk_params", sdkParams(order, call));
    }
    JsonObject json = new JsonObject()
        .put("order_id", order.orderId())
        .put("txn_id", txn.txnId())
        .put("txn_uuid", txn.txnUuid())
        .put("status", OrderStatus.PENDING_VBV.name())
        .put("payment", payment)
        .put("offer_details", new JsonObject().put("offers", new JsonArray()));
    if (call.isTrue("order.options.get_client_auth_token")) {
      json.put("juspay", order.clientAuth(ids, Instant.now()));
    }
    return json;
  }

  private static boolean isVpaCheck(JuspayCall call) {
    return call.has("vpa") && call.params().keySet().stream()
        .allMatch(name -> name.equals("vpa") || name.equals("merchant_id"));
  }

  private static boolean wantsSdkParams(JuspayCall call) {
    return call.isTrue("sdk_params")
        || "UPI_PAY".equals(call.param("txn_type"))
        || INTENT_METHODS.contains(String.valueOf(call.param("payment_method")));
  }

  /** Shaped like the UPI intent and QR samples in Juspay's docs. */
  private JsonObject sdkParams(SimOrder order, JuspayCall call) {
    String amount = Amounts.format(order.amount());
    String reference = ids.upiReference();
    String vpa = "simulator@upi";
    return new JsonObject()
        .put("tr", reference)
        .put("merchant_vpa", vpa)
        .put("merchant_name", order.merchantId())
        .put("mcc", "7399")
        .put("tn", "Pay")
        .put("currency", order.currency())
        .put("amount", amount)
        .put("mam", amount)
        .put("customer_first_name", orEmpty(call.param("order.billing_address_first_name")))
        .put("customer_last_name", orEmpty(call.param("order.billing_address_last_name")))
        .put("pgIntentUrl", "upi://pay?am=" + amount + "&cu=" + order.currency() + "&mc=7399&pa="
            + vpa + "&pn=" + order.merchantId() + "&tn=Pay&tr=" + reference);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
