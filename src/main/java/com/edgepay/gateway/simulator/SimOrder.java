package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** One order at Juspay. Mutable; only touched while holding the {@link SimulatorState} ledger lock. */
final class SimOrder {

  /** Free-text order fields echoed back as given; Juspay answers "" for the ones never sent. */
  static final List<String> TEXT_FIELDS = Stream.concat(
          Stream.of("customer_id", "customer_email", "customer_phone", "product_id", "return_url",
              "description"),
          IntStream.rangeClosed(1, 10).mapToObj(i -> "udf" + i))
      .toList();

  private static final String LINK_BASE = "https://sandbox.juspay.in/merchant/";

  private final String merchantId;
  private final String orderId;
  private final String id;
  private final String dateCreated;
  private final Map<String, String> text = new LinkedHashMap<>();
  private final List<SimTxn> txns = new ArrayList<>();
  private final List<SimRefund> refunds = new ArrayList<>();
  private BigDecimal amount;
  private String currency = "INR";
  private boolean autoCapture = true;
  private OrderStatus status = OrderStatus.NEW;
  private String clientAuthToken;
  private Instant clientAuthTokenExpiry;

  SimOrder(String merchantId, String orderId, String id, BigDecimal amount, Instant created) {
    this.merchantId = merchantId;
    this.orderId = orderId;
    this.id = id;
    this.amount = amount;
    this.dateCreated = Timestamps.iso(created);
  }

  /** Copies the order fields present in {@code params}, read under {@code prefix} ("" or "order."). */
  void applyFields(Map<String, String> params, String prefix) {
    for (String field : TEXT_FIELDS) {
      String value = params.get(prefix + field);
      if (value != null) {
        text.put(field, value);
      }
    }
    String newCurrency = params.get(prefix + "currency");
    if (newCurrency != null && !newCurrency.isBlank()) {
      currency = newCurrency;
    }
    if ("false".equalsIgnoreCase(params.get(prefix + "metadata.txns.auto_capture"))) {
      autoCapture = false;
    }
  }

  String merchantId() {
    return merchantId;
  }

  String orderId() {
    return orderId;
  }

  String id() {
    return id;
  }

  BigDecimal amount() {
    return amount;
  }

  void amount(BigDecimal newAmount) {
    amount = newAmount;
  }

  String currency() {
    return currency;
  }

  String text(String field) {
    return text.getOrDefault(field, "");
  }

  boolean autoCapture() {
    return autoCapture;
  }

  OrderStatus status() {
    return status;
  }

  void status(OrderStatus newStatus) {
    status = newStatus;
  }

  List<SimTxn> txns() {
    return txns;
  }

  List<SimRefund> refunds() {
    return refunds;
  }

  /** Refunds count against the order from the moment they are accepted, as Juspay does. */
  BigDecimal amountRefunded() {
    return refunds.stream().map(SimRefund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** What a refund can draw on: the captured amount when a pre-auth was captured partially. */
  BigDecimal chargedAmount() {
    for (int i = txns.size() - 1; i >= 0; i--) {
      if (txns.get(i).status() == OrderStatus.CHARGED) {
        return txns.get(i).capturedAmount();
      }
    }
    return amount;
  }

  /** Keeps a still-valid token, so repeated asks for one return the same value. */
  JsonObject clientAuth(Ids ids, Instant now) {
    if (clientAuthToken == null || !clientAuthTokenExpiry.isAfter(now)) {
      clientAuthToken = ids.clientAuthToken();
      clientAuthTokenExpiry = now.plus(Timestamps.TOKEN_LIFETIME);
    }
    return new JsonObject()
        .put("client_auth_token", clientAuthToken)
        .put("client_auth_token_expiry", Timestamps.iso(clientAuthTokenExpiry));
  }

  JsonObject paymentLinks() {
    return new JsonObject()
        .put("web", LINK_BASE + "pay/" + id)
        .put("mobile", LINK_BASE + "pay/" + id + "?mobile=true")
        .put("iframe", LINK_BASE + "ipay/" + id);
  }

  /** The order as Juspay's create-order and order-status answers show it. */
  JsonObject toJson(boolean withRefunds) {
    JsonObject json = new JsonObject();
    TEXT_FIELDS.forEach(field -> json.put(field, text(field)));
    json.put("status", status.name())
        .put("status_id", status.id())
        .put("id", id)
        .put("order_id", orderId)
        .put("merchant_id", merchantId)
        .put("amount", amount.doubleValue())
        .put("currency", currency)
        .put("date_created", dateCreated)
        .put("refunded", amountRefunded().signum() > 0)
        .put("amount_refunded", amountRefunded().doubleValue())
        .put("payment_links", paymentLinks());
    if (!txns.isEmpty()) {
      SimTxn latest = txns.get(txns.size() - 1);
      json.put("txn_id", latest.txnId())
          .put("txn_uuid", latest.txnUuid())
          .put("payment_method_type", latest.paymentMethodType())
          .put("payment_method", latest.paymentMethod());
    }
    if (withRefunds) {
      json.put("refunds", new JsonArray(refunds.stream().map(SimRefund::toJson).toList()));
    }
    return json;
  }
}
