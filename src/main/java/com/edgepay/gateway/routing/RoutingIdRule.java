package com.edgepay.gateway.routing;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;

/**
 * Juspay's rule for x-routing-id: the same value on every call tied to a customer. The gateway's
 * candidate is the client's header; otherwise the customer id; otherwise, for a guest, the order
 * id. The store then makes it sticky, atomically with the claim: whatever was bound first for a
 * customer or order wins ({@code lua/routing.lua}); its verdicts are {@link RoutingOutcome}s.
 */
public final class RoutingIdRule {
  public static final String HEADER = "x-routing-id";
  static final int MAX_LENGTH = 128;

  private static final GatewayError MISMATCH = GatewayError.of(ErrorCode.ROUTING_ID_MISMATCH,
          "The x-routing-id differs from the one bound to this customer or order")
      .withField(HEADER, "must equal the routing id first used for this customer or order");
  private static final GatewayError REQUIRED = GatewayError.of(ErrorCode.MISSING_MANDATORY_PARAMETER,
          "This merchant must send x-routing-id")
      .withField(HEADER, "is required by this merchant's routing policy");

  private RoutingIdRule() {
  }

  /** @return the client's header, checked, or null when it sent none */
  public static String header(String value) {
    return value == null ? null : checked(value, HEADER);
  }

  /** @return what the gateway derives without a header: customer id, else order id, else "" */
  public static String candidate(String customerId, String orderId) {
    if (customerId != null && !customerId.isEmpty()) {
      return checked(customerId, "customer_id");
    }
    if (orderId != null && !orderId.isEmpty()) {
      return checked(orderId, "order_id");
    }
    return "";
  }

  /**
   * The id to use when the bindings cannot be read (the store is down, for a read only): the
   * client's header, else the derived candidate.
   */
  public static String unchecked(String header, String candidate) {
    return header != null ? header : candidate;
  }

  /** The answer to a refused call. */
  public static GatewayError refusal(RoutingOutcome outcome) {
    return outcome == RoutingOutcome.REQUIRED ? REQUIRED : MISMATCH;
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
