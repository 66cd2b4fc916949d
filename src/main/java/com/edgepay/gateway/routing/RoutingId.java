package com.edgepay.gateway.routing;

/**
 * The x-routing-id a call goes out with, and where it came from.
 */
public record RoutingId(String value, Source source) {
  public enum Source {
    /** The client sent it. */
    HEADER,
    /** Derived from the call's customer_id. */
    CUSTOMER,
    /** Derived from the order id, for a guest checkout. */
    ORDER
  }
}
