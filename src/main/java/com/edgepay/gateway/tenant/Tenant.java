package com.edgepay.gateway.tenant;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.overload.RateLimit;
import com.edgepay.gateway.validation.ValidationMode;
import java.util.List;
import java.util.Map;

/**
 * A merchant that calls through the gateway.
 *
 * @param keys digests of its gateway keys; several overlap during a rotation
 * @param upstream its own Juspay base URL, or null for the gateway-wide one
 * @param deadlineOverridesMs per-route deadlines that replace the gateway's for this tenant
 * @param rateLimit requests per second and burst, per replica, or null for none
 * @param clientCertificates SHA-256 digests of the TLS client certificates this tenant must present
 *     as a second factor; empty when it uses its key alone
 * @param maxInFlight its requests in flight per replica, at most (0: half of the replica's, see
 *     {@link #maxInFlight(int)})
 * @param maxTxnAttempts distinct {@code /txns} attempts the gateway lets one order take
 */
public record Tenant(
    String id,
    String merchantId,
    List<KeyDigest> keys,
    UpstreamEndpoint upstream,
    RoutingIdPolicy routingIdPolicy,
    ValidationMode validationMode,
    Map<ApiRoute, Long> deadlineOverridesMs,
    RateLimit rateLimit,
    List<KeyDigest> clientCertificates,
    int maxTxnAttempts,
    int maxInFlight) {
  /** The contract's default; Juspay itself allows 25 attempts per order. */
  public static final int DEFAULT_MAX_TXN_ATTEMPTS = 10;
  public static final int JUSPAY_MAX_TXN_ATTEMPTS = 25;

  /**
   * This tenant's requests in flight on one replica, at most: its own {@code max_in_flight}, else
   * half of the replica's, so that one tenant can never take all of it.
   */
  public int maxInFlight(int replicaMaxInFlight) {
    return maxInFlight > 0 ? maxInFlight : Math.max(1, replicaMaxInFlight / 2);
  }


  public Tenant {
    keys = List.copyOf(keys);
    clientCertificates = List.copyOf(clientCertificates);
    deadlineOverridesMs = Map.copyOf(deadlineOverridesMs);
  }

  /** Digests are not secrets, but they have no place in logs either. */
  @Override
  public String toString() {
    return "Tenant[" + id + "]";
  }
}
