package com.edgepay.gateway.edge;

import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.CircuitBreakers;
import io.vertx.core.Future;

/**
 * While Juspay is failing on this route for this tenant, or for several tenants at once, calls fail
 * fast (503), before anything is claimed or sent.
 */
final class CircuitFilter implements Filter.OnBody {
  private final CircuitBreakers breakers;
  private final EdgeServices services;
  private final GatewayMetrics metrics;

  CircuitFilter(EdgeServices services, CircuitBreakers breakers) {
    this.services = services;
    this.breakers = breakers;
    this.metrics = services.metrics();
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    if (breakers.isOpen(services.upstreamFor(ex.tenant), ex.match.route(), ex.tenant.id())) {
      metrics.overloaded("circuit_open");
      throw breakers.openFailure();
    }
    return CONTINUE;
  }
}
