package com.edgepay.gateway.edge;

import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.UpstreamBreakers;
import io.vertx.core.Future;

/** While Juspay is failing on this route, calls fail fast (503), before anything is claimed or sent. */
final class CircuitFilter implements Filter.OnBody {
  private final UpstreamBreakers breakers;
  private final EdgeServices services;
  private final GatewayMetrics metrics;

  CircuitFilter(EdgeServices services) {
    this.services = services;
    this.breakers = services.breakers();
    this.metrics = services.metrics();
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    if (breakers.isOpen(services.upstreamFor(ex.tenant), ex.match.route())) {
      metrics.overloaded("circuit_open");
      throw breakers.openFailure();
    }
    return CONTINUE;
  }
}
