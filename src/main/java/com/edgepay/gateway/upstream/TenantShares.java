package com.edgepay.gateway.upstream;

import java.util.HashMap;
import java.util.Map;

/**
 * One event loop's connections to Juspay, shared out: a tenant may have at most {@code cap} calls
 * holding or waiting for a connection at once, a share of the pool. The pool hands out connections
 * first come, first served, and a call cannot be taken back once it holds one; so a slow or greedy
 * tenant allowed the whole pool would make every other tenant wait behind its calls. Past its share
 * a tenant's call is refused at once (503, nothing sent) rather than queued.
 */
public final class TenantShares {
  private final int cap;
  private final Map<String, int[]> used = new HashMap<>();

  /** @param percent the share of the pool's connections one tenant may hold or wait for */
  public TenantShares(int poolSize, int percent) {
    this.cap = Math.max(1, (int) Math.ceil(poolSize * percent / 100.0));
  }

  /** @return false when the tenant already has its share in use (nothing must be sent) */
  public boolean acquire(String tenant) {
    int[] n = used.computeIfAbsent(tenant, t -> new int[1]);
    if (n[0] >= cap) {
      return false;
    }
    n[0]++;
    return true;
  }

  public void release(String tenant) {
    int[] n = used.get(tenant);
    if (n != null && n[0] > 0) {
      n[0]--;
    }
  }

  int cap() {
    return cap;
  }
}
