package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import io.vertx.core.Future;

/**
 * Sheds one tenant's load past its share of the replica ({@code max_in_flight}, by default half of
 * the replica's), so that a tenant that floods or stalls the gateway leaves room for the others.
 */
final class TenantShedFilter implements Filter.OnHead {
  private static final GatewayError OVERLOADED = GatewayError.of(ErrorCode.OVERLOADED,
      "Too many of this merchant's requests are in flight on this replica").retryAfter(1);

  private final InFlightRequests inFlight;
  private final int replicaMaxInFlight;
  private final GatewayMetrics metrics;

  TenantShedFilter(InFlightRequests inFlight, int replicaMaxInFlight, GatewayMetrics metrics) {
    this.inFlight = inFlight;
    this.replicaMaxInFlight = replicaMaxInFlight;
    this.metrics = metrics;
  }

  @Override
  public Outcome onRequest(Exchange ex) {
    int now = inFlight.startedFor(ex.tenant.id());
    ex.countedForTenant = true;
    if (now > ex.tenant.maxInFlight(replicaMaxInFlight)) {
      metrics.overloaded("tenant_in_flight");
      return Outcome.Refusal.unsent(OVERLOADED);
    }
    return null;
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (ex.countedForTenant) {
      ex.countedForTenant = false;
      inFlight.finishedFor(ex.tenant.id());
    }
    return DONE;
  }
}
