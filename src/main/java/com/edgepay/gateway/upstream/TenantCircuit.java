package com.edgepay.gateway.upstream;

/**
 * One tenant's circuit on one upstream route, on one event loop (no locks, no hops). It opens when
 * {@code maxFailures} failures fall within {@code windowMs}; after {@code resetMs} one trial call
 * is let through (half open): success closes it, failure opens it again.
 */
final class TenantCircuit {
  enum State { CLOSED, OPEN, HALF_OPEN }

  private final long[] failures;
  private final long windowNanos;
  private final long resetNanos;
  private int next;
  private int recorded;
  private long openUntil;
  private boolean probing;

  TenantCircuit(int maxFailures, long windowMs, long resetMs) {
    this.failures = new long[maxFailures];
    this.windowNanos = windowMs * 1_000_000;
    this.resetNanos = resetMs * 1_000_000;
  }

  State state(long now) {
    if (openUntil == 0) {
      return State.CLOSED;
    }
    return now < openUntil ? State.OPEN : State.HALF_OPEN;
  }

  /** Whether a call may go now; in half open, only one trial at a time. */
  boolean admit(long now) {
    return switch (state(now)) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (probing) {
          yield false;
        }
        probing = true;
        yield true;
      }
    };
  }

  void succeeded() {
    if (openUntil != 0) {
      openUntil = 0;
      recorded = 0;
    }
    probing = false;
  }

  /** @return whether this failure opened the circuit */
  boolean failed(long now) {
    if (openUntil != 0) {
      probing = false;
      openUntil = now + resetNanos;
      return false;
    }
    failures[next] = now;
    next = (next + 1) % failures.length;
    recorded = Math.min(recorded + 1, failures.length);
    // The oldest of the last maxFailures failures is still within the window: open.
    if (recorded == failures.length && now - failures[next] <= windowNanos) {
      openUntil = now + resetNanos;
      return true;
    }
    return false;
  }

  /** A call admitted as a trial ended without telling (the caller gave up first): let another try. */
  void released() {
    probing = false;
  }
}
