package com.edgepay.gateway.config;

import com.edgepay.gateway.api.ApiRoute;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the gateway reads at start, validated once. Immutable: a change needs a restart,
 * except Juspay keys, which the secrets verticle reloads live.
 *
 * @param deadlineOverridesMs per-route deadlines that replace Juspay's recommended ones
 * @param allowDevKey {@code GATEWAY_ALLOW_DEV_KEY=true}: a tenant may accept the development gateway key
 *     that conf/tenants.json ships with (see {@code tenant.DevelopmentKey})
 */
public record GatewayConfig(
    ServerSettings server,
    UpstreamSettings upstream,
    Map<ApiRoute, Long> deadlineOverridesMs,
    RedisSettings redis,
    IdempotencySettings idempotency,
    SecretsSettings secrets,
    Path tenantsFile,
    boolean allowDevKey) {

  public GatewayConfig {
    deadlineOverridesMs = Map.copyOf(deadlineOverridesMs);
  }
}
