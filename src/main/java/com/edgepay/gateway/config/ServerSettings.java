package com.edgepay.gateway.config;

/**
 * The public and admin listeners.
 *
 * @param eventLoops event loops, and so edge verticle instances (one per loop)
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
    int drainSeconds,
    TlsSettings tls) {
}
