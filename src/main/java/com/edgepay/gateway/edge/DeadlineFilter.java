package com.edgepay.gateway.edge;

import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Arms the request's deadline ({@link DeadlinePolicy} decides how long). When it passes, the step
 * then waiting is stopped (an upstream call is reset) and the request ends with the deadline's
 * answer; on the way out the timer is cancelled.
 */
final class DeadlineFilter implements Filter.OnHead {
  private final Vertx vertx;
  private final DeadlinePolicy policy;
  private final GatewayMetrics metrics;

  DeadlineFilter(Vertx vertx, DeadlinePolicy policy, GatewayMetrics metrics) {
    this.vertx = vertx;
    this.policy = policy;
    this.metrics = metrics;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    String asked = ex.head.header(DeadlinePolicy.CLIENT_HEADER);
    long ms = policy.deadlineMs(ex.match.route(), ex.tenant.deadlineOverridesMs(), asked);
    ex.clientShortenedDeadline = asked != null && ms < policy.deadlineMs(ex.match.route(), ex.tenant.deadlineOverridesMs(), null);
    ex.deadlineNanos = ex.startNanos + ms * 1_000_000;
    long remainingMs = Math.max(1, (ex.deadlineNanos - System.nanoTime()) / 1_000_000);
    ex.deadlineTimer = vertx.setTimer(remainingMs, id -> ex.interrupt(Interruption.DEADLINE));
    return null;
  }

  /** Counted only when the deadline ended the request: a replay that won the race is no deadline hit. */
  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    vertx.cancelTimer(ex.deadlineTimer);
    if (ex.interruption() == Interruption.DEADLINE && outcome instanceof Outcome.Refusal) {
      metrics.deadlineExceeded(ex.routeLabel());
    }
    return DONE;
  }
}
