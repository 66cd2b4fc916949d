package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Create order, order status, update order and refund. */
final class OrderHandlers {

  private final SimulatorState state;
  private final Ids ids;

  OrderHandlers(SimulatorState state, Ids ids) {
    this.state = state;
    this.ids = ids;
  }

  Reply create(JuspayCall call) {
    List<String> missing = call.missing("order_id", "amount");
    if (!missing.isEmpty()) {
      return JuspayErrors.missing(missing, call.errorRequestId());
    }
    boolean wantsToken = call.isTrue("options.get_client_auth_token");
    return state.withLedger(ledger -> {
      SimOrder order = Orders.findOrCreate(ledger, call, "", ids);
      JsonObject json = order.toJson(false);
      if (wantsToken) {
        json.put("juspay", order.clientAuth(ids, Instant.now()));
      }
      return Reply.ok(json);
    });
  }

  Reply status(JuspayCall call) {
    String orderId = call.pathParam("order_id");
    return state.withLedger(ledger -> ledger.order(call.merchantId(), orderId)
        .map(order -> Reply.ok(order.toJson(true)))
        .orElseGet(() -> JuspayErrors.notFound("Order", orderId, call.errorRequestId())));
  }

  /** Only a NEW order can change: once paid, its amount is what was charged. */
  Reply update(JuspayCall call) {
    String orderId = call.pathParam("order_id");
    BigDecimal amount = call.has("amount") ? Amounts.parse(call.param("amount"), "amount") : null;
    return state.withLedger(ledger -> ledger.order(call.merchantId(), orderId)
        .map(order -> {
          if (order.status() != OrderStatus.NEW) {
            return JuspayErrors.invalid("order_id", "Order in status " + order.status()
                + " can no longer be updated", call.errorRequestId());
          }
          if (amount != null) {
            order.amount(amount);
          }
          order.applyFields(call.params(), "");
          return Reply.ok(order.toJson(true));
        })
        .orElseGet(() -> JuspayErrors.notFound("Order", orderId, call.errorRequestId())));
  }

  /** {@code POST /orders/{order_id}/refunds}: answers the order, its refunds listed. */
  Reply refund(JuspayCall call) {
    return refund(call, call.pathParam("order_id"), List.of("unique_request_id", "amount"), false);
  }

  /** {@code POST /refunds}, the order in the body: answers the new refund itself. */
  Reply refundByBody(JuspayCall call) {
    return refund(call, call.param("order_id"), List.of("order_id", "unique_request_id", "amount"), true);
  }

  private Reply refund(JuspayCall call, String orderId, List<String> required, boolean answerRefund) {
    List<String> missing = call.missing(required.toArray(String[]::new));
    if (!missing.isEmpty()) {
      return JuspayErrors.missing(missing, call.errorRequestId());
    }
    BigDecimal amount = Amounts.parse(call.param("amount"), "amount");
    return state.withLedger(ledger -> ledger.order(call.merchantId(), orderId)
        .map(order -> {
          Reply reply = refund(ledger, order, call, amount);
          if (!answerRefund || reply.status() != 200) {
            return reply;
          }
          SimRefund made = order.refunds().get(order.refunds().size() - 1);
          return Reply.ok(made.toJson().put("order_id", orderId));
        })
        .orElseGet(() -> JuspayErrors.notFound("Order", orderId, call.errorRequestId())));
  }

  /** A reused key is a duplicate whatever the order's state, so that a retried refund is recognisable. */
  private Reply refund(Ledger ledger, SimOrder order, JuspayCall call, BigDecimal amount) {
    String key = call.param("unique_request_id");
    if (ledger.refundRequestIdUsed(order.merchantId(), key)) {
      return JuspayErrors.duplicateCall(call.errorRequestId());
    }
    if (order.status() != OrderStatus.CHARGED) {
      return JuspayErrors.invalid("order_id", "Only CHARGED orders can be refunded; order is "
          + order.status(), call.errorRequestId());
    }
    if (order.amountRefunded().add(amount).compareTo(order.chargedAmount()) > 0) {
      return JuspayErrors.invalid("amount", "Refund amount exceeds the refundable amount",
          call.errorRequestId());
    }
    ledger.useRefundRequestId(order.merchantId(), key);
    order.refunds().add(new SimRefund(ids.refundId(), key, amount, "PENDING",
        Timestamps.iso(Instant.now())));
    return Reply.ok(order.toJson(true));
  }
}
