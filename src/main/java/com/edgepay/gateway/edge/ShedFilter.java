package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the replica's requests in flight and sheds load past {@code server.max_in_flight} before
 * any work is done. It also knows this event loop's requests, so that a drain can end the ones
 * still waiting when its time is up.
 */
final class ShedFilter implements Filter.OnHead {
  private static final GatewayError OVERLOADED =
      GatewayError.of(ErrorCode.OVERLOADED, "Too many requests in flight on this replica").retryAfter(1);

  private final InFlightRequests inFlight;
  private final int maxInFlight;
  private final GatewayMetrics metrics;
  private final Set<Exchange> active = new HashSet<>();

  ShedFilter(InFlightRequests inFlight, int maxInFlight, GatewayMetrics metrics) {
    this.inFlight = inFlight;
    this.maxInFlight = maxInFlight;
    this.metrics = metrics;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    int now = inFlight.started();
    active.add(ex);
    if (now > maxInFlight) {
      metrics.overloaded("in_flight");
      return Outcome.Refusal.unsent(OVERLOADED);
    }
    return null;
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (active.remove(ex)) {
      inFlight.finished();
    }
    return DONE;
  }

  /** The drain period is over: every request still on its way is cut short. */
  void interruptAll() {
    for (Exchange ex : List.copyOf(active)) {
      ex.interrupt(Interruption.SHUTDOWN);
    }
  }
}
