package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** {@code POST /session}: creates the order and hands back what the payment-page SDK needs. */
final class SessionHandler {

  private final SimulatorState state;
  private final Ids ids;

  SessionHandler(SimulatorState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply session(JuspayCall call) {
    List<String> missing = call.missing("order_id", "amount", "payment_page_client_id");
    if (!missing.isEmpty()) {
      return JuspayErrors.missing(missing, call.errorRequestId());
    }
    return state.withLedger(ledger -> {
      SimOrder order = Orders.findOrCreate(ledger, call, "", ids);
      JsonObject auth = order.clientAuth(ids, Instant.now());
      String expiry = auth.getString("client_auth_token_expiry");
      return Reply.ok(new JsonObject()
          .put("status", order.status().name())
          .put("id", order.id())
          .put("order_id", order.orderId())
          .put("payment_links", new JsonObject()
              .put("web", "https://sandbox.juspay.in/orders/" + order.id() + "/payment-page")
              .put("expiry", expiry))
          .put("sdk_payload", new JsonObject()
              .put("requestId", ids.requestId().replace("-", ""))
              .put("service", "in.juspay.hyperpay")
              .put("payload", payload(order, auth, call))));
    });
  }

  private static JsonObject payload(SimOrder order, JsonObject auth, JuspayCall call) {
    return new JsonObject()
        .put("clientId", call.param("payment_page_client_id"))
        .put("amount", Amounts.format(order.amount()))
        .put("merchantId", order.merchantId())
        .put("clientAuthToken", auth.getString("client_auth_token"))
        .put("clientAuthTokenExpiry", auth.getString("client_auth_token_expiry"))
        .put("environment", "sandbox")
        .put("orderId", order.orderId())
        .put("customerId", order.text("customer_id"))
        .put("currency", order.currency())
        .put("returnUrl", order.text("return_url"))
        .put("action", "paymentPage");
  }
}
