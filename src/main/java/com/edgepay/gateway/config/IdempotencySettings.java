package com.edgepay.gateway.config;

import java.nio.file.Path;

/**
 * How long the money-safety records live.
 *
 * @param hmacKeyFile the gateway secret under which request fingerprints are keyed; every
 *     replica must share it, or a retry that lands on another pod is not recognised
 * @param completedTtlMs how long a completed call can be replayed
 * @param unknownQuarantineMs how long an order whose outcome is unknown refuses new attempts
 * @param claimMarginMs how much longer than the route's deadline an in-flight claim is honoured
 * @param routingTtlMs how long customer and order routing-id bindings live
 */
public record IdempotencySettings(
    Path hmacKeyFile,
    long completedTtlMs,
    long unknownQuarantineMs,
    long claimMarginMs,
    long routingTtlMs) {
}
