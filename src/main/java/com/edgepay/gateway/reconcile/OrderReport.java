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
 * @param found false when Juspay says it has no such order
 */
public record OrderReport(boolean found, String orderId, String status, String txnId, String txnUuid,
    String amount, List<Refund> refunds) {

  /**
   * An order with money on it: CHARGED, or AUTHORIZED for a pre-auth (the contract's words), and the
   * statuses on the way from one to the other or part of the way (a capture under way, a partial
   * charge, cash on delivery started). A new payment attempt on any of them could charge again.
   */
  private static final Set<String> PAID = Set.of("CHARGED", "AUTHORIZED", "CAPTURE_INITIATED", "PARTIAL_CHARGED",
      "COD_INITIATED");
  private static final String NOT_FOUND = "NOT_FOUND";

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

  /**
   * Reads Juspay's answer about {@code orderId}. Only Juspay's own shapes count: its "not found"
   * (HTTP 404, or status NOT_FOUND, in its JSON), or an order status naming that very order.
   *
   * @throws Unreadable for anything else: another status, not JSON, an error body (even with a
   *     2xx), a 404 that is not Juspay's (a proxy's page, a wrong base URL), another order's status
   */
  public static OrderReport parse(String orderId, int httpStatus, Buffer body) {
    if (httpStatus != 404 && (httpStatus < 200 || httpStatus >= 300)) {
      throw new Unreadable("Juspay answered " + httpStatus);
    }
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException | ClassCastException e) {
      throw new Unreadable("not a JSON object");
    }
    if (saysNotFound(json, httpStatus)) {
      return new OrderReport(false, orderId, NOT_FOUND, "", "", "", List.of());
    }
    if (httpStatus == 404) {
      throw new Unreadable("a 404 that is not Juspay's 'not found'");
    }
    String status = text(json, "status");
    if (status.isEmpty() || status.equalsIgnoreCase("error") || json.containsKey("error_code")) {
      throw new Unreadable("not an order status");
    }
    if (!text(json, "order_id").equals(orderId)) {
      throw new Unreadable("the status of another order");
    }
    List<Refund> refunds = new ArrayList<>();
    JsonArray list = json.getValue("refunds") instanceof JsonArray a ? a : new JsonArray();
    for (Object item : list) {
      if (item instanceof JsonObject r) {
        refunds.add(new Refund(text(r, "unique_request_id"), text(r, "status")));
      }
    }
    return new OrderReport(true, orderId, status, text(json, "txn_id"), text(json, "txn_uuid"), text(json, "amount"),
        List.copyOf(refunds));
  }

  /**
   * Juspay's "no such order": status NOT_FOUND, or, with HTTP 404, its error shape with a not-found
   * code (error_code not_found, or error_info.code NOT_FOUND or RESOURCE_NOT_FOUND).
   */
  private static boolean saysNotFound(JsonObject json, int httpStatus) {
    if (text(json, "status").equalsIgnoreCase(NOT_FOUND)) {
      return true;
    }
    if (httpStatus != 404) {
      return false;
    }
    String code = json.getValue("error_info") instanceof JsonObject info ? text(info, "code") : "";
    return text(json, "error_code").equalsIgnoreCase("not_found") || code.equals(NOT_FOUND)
        || code.equals("RESOURCE_NOT_FOUND");
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
