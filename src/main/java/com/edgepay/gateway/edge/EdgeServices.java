package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.overload.TenantRateLimits;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import com.edgepay.gateway.upstream.UpstreamBreakers;

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
    UpstreamBreakers breakers) {

  /** Where a tenant's calls go: its own Juspay base URL, else the gateway's. */
  public UpstreamEndpoint upstreamFor(Tenant tenant) {
    return tenant.upstream() != null ? tenant.upstream() : config.upstream().baseUrl();
  }
}
