package com.edgepay.gateway.edge;

import com.edgepay.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;

/**
 * The outermost filter: every answer, whatever ended the request, is timed into
 * {@code gateway_request_duration_seconds} and written as one access-log line.
 */
final class ObserveFilter implements Filter.OnHead {
  private final GatewayMetrics metrics;

  ObserveFilter(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    return null;
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    long total = System.nanoTime() - ex.startNanos;
    metrics.request(ex.tenantLabel(), ex.routeLabel(), outcome.status(), total);
    AccessLog.write(ex, outcome, total);
    return DONE;
  }
}
