package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;

/**
 * Whether this connection should carry another request. A draining replica refuses new work
 * (503 DRAINING) and closes connections as it answers; a request whose body was never read to
 * its end closes too, since closing is cheaper and safer than draining a refused upload.
 */
final class DrainingFilter implements Filter.OnHead {
  private static final GatewayError DRAINING =
      GatewayError.of(ErrorCode.DRAINING, "This gateway replica is shutting down").retryAfter(1);

  private final InFlightRequests inFlight;

  DrainingFilter(InFlightRequests inFlight) {
    this.inFlight = inFlight;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    return inFlight.draining() ? Outcome.Refusal.unsent(DRAINING) : null;
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (inFlight.draining() || !ex.bodySource.ended()) {
      ex.replyHeaders.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    return DONE;
  }
}
