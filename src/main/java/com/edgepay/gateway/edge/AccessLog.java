package com.edgepay.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request. It names the request, never its content: no body, no
 * Authorization, no key, no card field.
 */
final class AccessLog {
  private static final Logger LOG = LoggerFactory.getLogger("access");

  private AccessLog() {
  }

  static void write(Exchange ex, Outcome outcome, long totalNanos) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    LOG.atInfo().setMessage("request")
        .addKeyValue("request_id", ex.requestId)
        .addKeyValue("tenant", ex.tenantLabel())
        .addKeyValue("method", ex.head.method().name())
        .addKeyValue("route", ex.routeLabel())
        .addKeyValue("status", outcome.status())
        .addKeyValue("total_ms", millis(totalNanos))
        .addKeyValue("upstream_ms", ex.upstreamNanos < 0 ? null : millis(ex.upstreamNanos))
        .addKeyValue("routing_id", ex.routingIdValue())
        .addKeyValue("order_id", ex.identity == null ? null : ex.identity.orderId())
        .addKeyValue("error_code", outcome instanceof Outcome.Refusal refusal ? refusal.error().code().wireName() : null)
        .log();
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }
}
