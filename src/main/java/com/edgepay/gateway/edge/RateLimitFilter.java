package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.overload.TenantRateLimits;
import io.vertx.core.Future;

/**
 * The tenant's token bucket (429 when empty), and on the way out the RateLimit-* headers of
 * draft-ietf-httpapi-ratelimit-headers: the bucket's size, what is left, seconds to refill one.
 */
final class RateLimitFilter implements Filter.OnHead {
  static final String LIMIT = "RateLimit-Limit";
  static final String REMAINING = "RateLimit-Remaining";
  static final String RESET = "RateLimit-Reset";

  private final TenantRateLimits limits;
  private final GatewayMetrics metrics;

  RateLimitFilter(TenantRateLimits limits, GatewayMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    ex.rate = limits.take(ex.tenant.id());
    if (ex.rate != null && !ex.rate.allowed()) {
      metrics.rateLimited(ex.tenant.id());
      return Outcome.Refusal.unsent(GatewayError.of(ErrorCode.RATE_LIMITED,
          "This merchant's request rate is over its limit").retryAfter(ex.rate.resetSeconds()));
    }
    return null;
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (ex.rate != null) {
      ex.replyHeaders.set(LIMIT, Long.toString(ex.rate.limit()));
      ex.replyHeaders.set(REMAINING, Long.toString(ex.rate.remaining()));
      ex.replyHeaders.set(RESET, Long.toString(ex.rate.resetSeconds()));
    }
    return DONE;
  }
}
