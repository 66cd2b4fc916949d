package com.edgepay.gateway.overload;

import com.edgepay.gateway.tenant.Tenant;
import java.util.HashMap;
import java.util.Map;

/** One bucket per tenant that has a limit; built at start, shared by every event loop. */
public final class TenantRateLimits {
  private final Map<String, TokenBucket> buckets;

  public TenantRateLimits(Iterable<Tenant> tenants) {
    Map<String, TokenBucket> map = new HashMap<>();
    for (Tenant t : tenants) {
      if (t.rateLimit() != null) {
        map.put(t.id(), new TokenBucket(t.rateLimit().perSecond(), t.rateLimit().burst()));
      }
    }
    this.buckets = Map.copyOf(map);
  }

  /** @return the verdict, or null when the tenant has no limit */
  public TokenBucket.Verdict take(String tenantId) {
    TokenBucket bucket = buckets.get(tenantId);
    return bucket == null ? null : bucket.take(System.nanoTime());
  }
}
