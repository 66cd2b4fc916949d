package com.edgepay.gateway.overload;

import java.util.HashMap;
import java.util.Map;

/** One bucket per tenant that has a limit; built at start, shared by every event loop. */
public final class TenantRateLimits {
  private final Map<String, TokenBucket> buckets;

  /** @param limits each limited tenant's id and its rate */
  public TenantRateLimits(Map<String, RateLimit> limits) {
    Map<String, TokenBucket> map = new HashMap<>();
    limits.forEach((tenant, limit) -> map.put(tenant, new TokenBucket(limit.perSecond(), limit.burst())));
    this.buckets = Map.copyOf(map);
  }

  /** @return the verdict, or null when the tenant has no limit */
  public TokenBucket.Verdict take(String tenantId) {
    TokenBucket bucket = buckets.get(tenantId);
    return bucket == null ? null : bucket.take(System.nanoTime());
  }
}
