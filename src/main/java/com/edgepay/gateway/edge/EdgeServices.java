package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.overload.TenantRateLimits;
import com.edgepay.gateway.upstream.UpstreamBreakers;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.upstream.DeadlinePolicy;

/**
 * What every edge verticle instance shares: immutable configuration and thread-safe services.
 * Per-event-loop pieces (the upstream client, the credential cache) are made by each verticle.
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
}
