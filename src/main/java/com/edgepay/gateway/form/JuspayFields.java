package com.edgepay.gateway.form;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.RouteMatch;

/**
 * Where Juspay's calls carry the ids the gateway keys on. /txns nests the order under the
 * {@code order.} prefix when it creates one, and names an existing order plainly.
 */
public final class JuspayFields {
  public static final String MERCHANT_ID = "merchant_id";

  private JuspayFields() {
  }

  /** The order a call is about, or null (capture and void name a txn, not an order). */
  public static String orderId(RouteMatch match, FormBody form) {
    ApiRoute route = match.route();
    return switch (route) {
      case ORDER_STATUS, UPDATE_ORDER, REFUND -> match.pathParam();
      case CREATE_ORDER, SESSION, REFUND_BY_BODY -> form.firstOf("order_id");
      case TXNS -> form.firstOf("order.order_id", "order_id");
      case CAPTURE, VOID -> null;
    };
  }

  /** The merchant's customer, or null for a guest or a call that names none. */
  public static String customerId(FormBody form) {
    return form.firstOf("customer_id", "order.customer_id");
  }
}
