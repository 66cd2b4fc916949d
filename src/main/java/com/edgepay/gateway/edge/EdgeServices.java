package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.overload.TenantRateLimits;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import com.edgepay.gateway.upstream.CircuitBreakers;
import com.edgepay.gateway.upstream.CircuitStates;

/**
 * What every edge verticle instance shares: immutable configuration and thread-safe services.
 * Per-event-loop pieces (the upstream client, the credential cache, the store client) are made by
 * each verticle.
 */
public record EdgeServices(
    GatewayConfig config,
    TenantRegistry tenants,
    DeadlinePolicy deadlines,
    GatewayMetrics metrics,
    MoneySafety money,
    InFlightRequests inFlight,
    TenantRateLimits rateLimits,
    CircuitStates circuitStates) {

  /** One event loop's circuit breakers (each loop keeps its own: no locks, no hops). */
  public CircuitBreakers newBreakers() {
    var u = config.upstream();
    return new CircuitBreakers(u.breakerMaxFailures(), u.breakerWindowMs(), u.breakerResetMs(), u.breakerMinTenants(),
        circuitStates);
  }

  /** Where a tenant's calls go: its own Juspay base URL, else the gateway's. */
  public UpstreamEndpoint upstreamFor(Tenant tenant) {
    return tenant.upstream() != null ? tenant.upstream() : config.upstream().baseUrl();
  }
}
