package com.edgepay.gateway.idempotency;

import java.util.List;

/**
 * Whether the store answered lately, and whether it may lose records by itself: shared by every
 * event loop's store client. Readiness, logs and metrics read it; requests never wait on it.
 */
public final class StoreHealth {
  private volatile boolean up = true;
  private volatile String detail = "not yet contacted";
  /** The nodes' maxmemory_policy, or null until read. */
  private volatile List<String> evictionPolicies;

  public boolean up() {
    return up;
  }

  public String detail() {
    return detail;
  }

  /** @return whether this changed the state, so that only transitions are logged */
  boolean mark(boolean nowUp, String why) {
    boolean changed = up != nowUp;
    up = nowUp;
    detail = why;
    return changed;
  }

  /**
   * Whether no node can evict a record to make room. A record evicted under memory pressure would
   * let a retried payment through twice: only {@code noeviction} is safe. Unknown until first read.
   */
  public boolean evictionSafe() {
    List<String> policies = evictionPolicies;
    return policies != null && !policies.isEmpty() && policies.stream().allMatch("noeviction"::equals);
  }

  public boolean evictionChecked() {
    return evictionPolicies != null;
  }

  /** The policies as last read, for logs and errors. */
  public String evictionPolicy() {
    List<String> policies = evictionPolicies;
    return policies == null ? "not yet read" : String.join(",", policies);
  }

  /** @return whether safety changed */
  boolean evictionPolicies(List<String> policies) {
    boolean before = evictionSafe();
    evictionPolicies = List.copyOf(policies);
    return before != evictionSafe();
  }
}
