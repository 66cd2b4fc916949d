package com.edgepay.gateway.upstream;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long a request may stay in the gateway, per route. The one place deadlines are decided:
 * Juspay's recommended timeouts, then the gateway's config, then the tenant's, and finally a
 * client's {@code x-gateway-timeout-ms}, which may shorten a deadline but never lengthen it.
 */
public final class DeadlinePolicy {
  public static final String CLIENT_HEADER = "x-gateway-timeout-ms";

  private final Map<ApiRoute, Long> gatewayMs = new EnumMap<>(ApiRoute.class);

  public DeadlinePolicy(Map<ApiRoute, Long> configOverridesMs) {
    for (ApiRoute route : ApiRoute.values()) {
      gatewayMs.put(route, configOverridesMs.getOrDefault(route, juspayRecommendedMs(route)));
    }
  }

  /** Juspay's latency tables, as published in its API pages (see shared/juspay-docs). */
  static long juspayRecommendedMs(ApiRoute route) {
    return switch (route) {
      // create-order-api.md: TP99.9 1511.28 ms, "Recommended Timeout(ms) 2000".
      case CREATE_ORDER -> 2000;
      // create-order-with-payments.md: TP99.9 0.429 s, "Recommended Timeout 1" s.
      case TXNS -> 1000;
      // Order status: TP99.9 594.42 ms, TP99.99 1431.42 ms; 1.5 s covers the TP99.99.
      case ORDER_STATUS -> 1500;
      // No table published for the rest; they share Create Order's 2 s.
      default -> 2000;
    };
  }

  /** @throws GatewayError INVALID_PARAMETER for a client header that is not a positive integer */
  public long deadlineMs(ApiRoute route, Map<ApiRoute, Long> tenantOverridesMs, String clientHeader) {
    long ms = tenantOverridesMs.getOrDefault(route, gatewayMs.get(route));
    if (clientHeader == null) {
      return ms;
    }
    long asked;
    try {
      asked = Long.parseLong(clientHeader.trim());
    } catch (NumberFormatException e) {
      asked = -1;
    }
    if (asked <= 0) {
      throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "Invalid deadline header")
          .withField(CLIENT_HEADER, "must be a positive integer number of milliseconds");
    }
    return Math.min(ms, asked);
  }
}
