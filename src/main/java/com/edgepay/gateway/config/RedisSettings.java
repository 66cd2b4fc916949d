package com.edgepay.gateway.config;

/** Where the idempotency and routing store lives. */
public record RedisSettings(String url) {
}
