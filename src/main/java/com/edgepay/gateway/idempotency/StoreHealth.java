package com.edgepay.gateway.idempotency;

/**
 * Whether the store answered lately, shared by every event loop's store client. Readiness and
 * logs read it; requests never wait on it.
 */
public final class StoreHealth {
  private volatile boolean up = true;
  private volatile String detail = "not yet contacted";

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
}
