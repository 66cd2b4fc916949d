package com.edgepay.gateway.config;

/**
 * The public and admin listeners.
 *
 * @param eventLoops event loops, and so edge verticle instances (one per loop)
 * @param headerTimeoutMs how long a client may take to send a request's headers (slowloris)
 * @param maxInFlight requests in flight across the replica before new ones get 503 OVERLOADED
 * @param tls HTTPS on the public port, or null for plain HTTP
 */
public record ServerSettings(
    String host,
    int port,
    int adminPort,
    int eventLoops,
    int bodyLimitBytes,
    int maxHeaderBytes,
    int maxRequestLineBytes,
    int idleTimeoutSeconds,
    int headerTimeoutMs,
    int drainSeconds,
    int maxInFlight,
    TlsSettings tls) {
}
