package com.edgepay.gateway.config;

/**
 * How the gateway talks to Juspay.
 *
 * @param baseUrl used by every tenant that sets none
 * @param poolSize keep-alive connections per event loop and upstream host
 * @param maxWaitQueue requests that may wait for a pooled connection before new ones are refused
 * @param keepAliveSeconds idle connections are closed before Juspay's side would close them
 */
public record UpstreamSettings(
    UpstreamEndpoint baseUrl,
    int poolSize,
    int maxWaitQueue,
    int connectTimeoutMs,
    int keepAliveSeconds,
    int maxResponseBytes) {
}
