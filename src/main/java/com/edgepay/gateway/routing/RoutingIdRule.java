package com.edgepay.gateway.routing;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;

/**
 * Juspay's rule for x-routing-id: the same value on every call tied to a customer. The effective
 * id is the client's header; otherwise the customer id; otherwise, for a guest, the order id.
 */
public final class RoutingIdRule {
  public static final String HEADER = "x-routing-id";
  static final int MAX_LENGTH = 128;

  private RoutingIdRule() {
  }

  /**
   * @return the routing id, or null when the call names neither header, customer nor order
   * @throws GatewayError INVALID_PARAMETER when the id could not travel as a header
   */
  public static RoutingId derive(String header, String customerId, String orderId) {
    if (header != null) {
      return new RoutingId(checked(header, HEADER), RoutingId.Source.HEADER);
    }
    if (customerId != null && !customerId.isEmpty()) {
      return new RoutingId(checked(customerId, "customer_id"), RoutingId.Source.CUSTOMER);
    }
    if (orderId != null && !orderId.isEmpty()) {
      return new RoutingId(checked(orderId, "order_id"), RoutingId.Source.ORDER);
    }
    return null;
  }

  /** Visible ASCII only: anything else cannot be sent as an HTTP header value unchanged. */
  static String checked(String value, String field) {
    boolean ok = !value.isEmpty() && value.length() <= MAX_LENGTH;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c > ' ' && c <= '~';
    }
    if (!ok) {
      throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "Unusable routing id")
          .withField(field, "must be 1-" + MAX_LENGTH + " visible ASCII characters to serve as x-routing-id");
    }
    return value;
  }
}
