package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.api.RouteTable;

/** Only the contract's routes go on; anything else is 404 and never forwarded. */
final class RouteFilter implements Filter.OnHead {
  private static final GatewayError MISDIRECTED =
      GatewayError.of(ErrorCode.MISDIRECTED_REQUEST, "This gateway does not serve the requested host");

  @Override
  public Outcome onRequest(Exchange ex) {
    if (!ex.head.uri().startsWith("/")) {
      // Absolute-form (RFC 9112 3.2.2) names a host; this gateway is nobody's forward proxy.
      return Outcome.Refusal.unsent(MISDIRECTED);
    }
    ex.match = RouteTable.match(ex.head.method(), ex.head.path());
    return null;
  }
}
