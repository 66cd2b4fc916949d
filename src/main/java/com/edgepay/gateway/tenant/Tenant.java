package com.edgepay.gateway.tenant;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.validation.ValidationMode;
import java.util.List;
import java.util.Map;

/**
 * A merchant that calls through the gateway.
 *
 * @param keys digests of its gateway keys; several overlap during a rotation
 * @param upstream its own Juspay base URL, or null for the gateway-wide one
 * @param deadlineOverridesMs per-route deadlines that replace the gateway's for this tenant
 */
public record Tenant(
    String id,
    String merchantId,
    List<KeyDigest> keys,
    UpstreamEndpoint upstream,
    RoutingIdPolicy routingIdPolicy,
    ValidationMode validationMode,
    Map<ApiRoute, Long> deadlineOverridesMs) {

  public Tenant {
    keys = List.copyOf(keys);
    deadlineOverridesMs = Map.copyOf(deadlineOverridesMs);
  }

  /** Digests are not secrets, but they have no place in logs either. */
  @Override
  public String toString() {
    return "Tenant[" + id + "]";
  }
}
