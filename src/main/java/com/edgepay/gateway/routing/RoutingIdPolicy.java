package com.edgepay.gateway.routing;

/** What a tenant wants when a client's x-routing-id disagrees with the one bound earlier. */
public enum RoutingIdPolicy {
  /** Refuse with 409 ROUTING_ID_MISMATCH; nothing is forwarded. The default. */
  REJECT,
  /** Forward with the bound id instead, and tell the client which one was used. */
  REWRITE,
  /** Like REJECT, and a request without an x-routing-id header is a 400. */
  REQUIRE;

  public static RoutingIdPolicy parse(String text) {
    return valueOf(text.toUpperCase(java.util.Locale.ROOT));
  }
}
