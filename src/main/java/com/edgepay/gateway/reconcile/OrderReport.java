package com.edgepay.gateway.reconcile;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Juspay's order status ({@code GET /orders/{order_id}}), as far as reconciliation reads it: the
 * order's status, its newest transaction, its amount and its refunds.
 *
 * @param found false when Juspay has no such order (HTTP 404, or status NOT_FOUND)
 */
public record OrderReport(boolean found, String orderId, String status, String txnId, String txnUuid,
    String amount, List<Refund> refunds) {

  /** A paid order, in the contract's words: CHARGED, or AUTHORIZED for a pre-auth. */
  private static final Set<String> PAID = Set.of("CHARGED", "AUTHORIZED");

  /** One refund on the order, as Juspay lists it. */
  public record Refund(String uniqueRequestId, String status) {
  }

  /** Juspay's answer could not be read as an order status: the question stays open. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String why) {
      super(why, null, false, false);
    }
  }

  public boolean paid() {
    return found && PAID.contains(status);
  }

  public Refund refund(String uniqueRequestId) {
    return refunds.stream().filter(r -> r.uniqueRequestId().equals(uniqueRequestId)).findFirst().orElse(null);
  }

  /** @throws Unreadable for anything but a 404 or a 2xx JSON order */
  public static OrderReport parse(int httpStatus, Buffer body) {
    if (httpStatus == 404) {
      return new OrderReport(false, "", "NOT_FOUND", "", "", "", List.of());
    }
    if (httpStatus < 200 || httpStatus >= 300) {
      throw new Unreadable("Juspay answered " + httpStatus);
    }
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new Unreadable("not a JSON object");
    }
    String status = text(json, "status");
    if (status.isEmpty()) {
      throw new Unreadable("no status");
    }
    List<Refund> refunds = new ArrayList<>();
    JsonArray list = json.getValue("refunds") instanceof JsonArray a ? a : new JsonArray();
    for (Object item : list) {
      if (item instanceof JsonObject r) {
        refunds.add(new Refund(text(r, "unique_request_id"), text(r, "status")));
      }
    }
    return new OrderReport(!status.equals("NOT_FOUND"), text(json, "order_id"), status, text(json, "txn_id"),
        text(json, "txn_uuid"), text(json, "amount"), List.copyOf(refunds));
  }

  private static String text(JsonObject json, String field) {
    Object v = json.getValue(field);
    return v == null ? "" : v.toString();
  }

  /** What a retry is told when the call took effect: Juspay's status and ids, nothing else. */
  public JsonObject summary(String refundId) {
    JsonObject out = new JsonObject().put("order_id", orderId).put("status", status);
    if (!txnId.isEmpty()) {
      out.put("txn_id", txnId);
    }
    if (!txnUuid.isEmpty()) {
      out.put("txn_uuid", txnUuid);
    }
    Refund refund = refundId.isEmpty() ? null : refund(refundId);
    if (refund != null) {
      out.put("refund", new JsonObject().put("unique_request_id", refund.uniqueRequestId())
          .put("status", refund.status()));
    }
    return out;
  }
}
