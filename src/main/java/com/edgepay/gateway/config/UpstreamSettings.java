package com.edgepay.gateway.config;

import java.nio.file.Path;

/**
 * How the gateway talks to Juspay.
 *
 * @param baseUrl used by every tenant that sets none
 * @param poolSize keep-alive connections per event loop and upstream host
 * @param maxWaitQueue requests that may wait for a pooled connection before new ones are refused
 * @param keepAliveSeconds idle connections are closed before Juspay's side would close them
 * @param caFile extra CAs to trust for Juspay (PEM), replacing the JVM's; null for the JVM's own
 * @param breakerMaxFailures failures within {@code breakerWindowMs} that open a route's circuit
 * @param breakerResetMs how long a circuit stays open before one trial call is let through
 * @param tenantSharePercent the share of an event loop's connections to Juspay one tenant may hold or
 *     wait for
 * @param breakerMinTenants tenants whose own circuits must be open at once on a route before its
 *     shared circuit opens for every tenant
 * @param allowPlainHttp {@code upstream.allow_plain_http}: whether a base URL (this one or a tenant's)
 *     may be plain http:// to a host that is not loopback; for a development cluster's simulator only
 */
public record UpstreamSettings(
    UpstreamEndpoint baseUrl,
    int poolSize,
    int maxWaitQueue,
    int connectTimeoutMs,
    int keepAliveSeconds,
    int maxResponseBytes,
    Path caFile,
    int breakerMaxFailures,
    long breakerWindowMs,
    long breakerResetMs,
    int breakerMinTenants,
    int tenantSharePercent,
    boolean allowPlainHttp) {
}
