package com.edgepay.gateway.config;

import com.edgepay.gateway.api.ApiRoute;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the gateway reads at start, validated once. Immutable: a change needs a restart,
 * except Juspay keys, which the secrets verticle reloads live.
 *
 * @param deadlineOverridesMs per-route deadlines that replace Juspay's recommended ones
 */
public record GatewayConfig(
    ServerSettings server,
    UpstreamSettings upstream,
    Map<ApiRoute, Long> deadlineOverridesMs,
    RedisSettings redis,
    IdempotencySettings idempotency,
    SecretsSettings secrets,
    Path tenantsFile) {

  public GatewayConfig {
    deadlineOverridesMs = Map.copyOf(deadlineOverridesMs);
  }
}
