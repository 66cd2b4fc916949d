package com.edgepay.gateway.upstream;

/**
 * The call did not produce an answer. What matters for money is {@link #sent()}: a call that never
 * left may be retried or released; one that did has an unknown outcome.
 */
public final class UpstreamFailure extends RuntimeException {
  /** Each kind with its {@code gateway_upstream_duration_seconds{outcome}} label. */
  public enum Kind {
    /** No connection: refused, unreachable or connect timeout. Nothing was sent. */
    UNREACHABLE("unreachable"),
    /** Our own connection pool's wait queue is full. Nothing was sent. */
    POOL_EXHAUSTED("pool_exhausted"),
    /** The route's circuit breaker is open. Nothing was sent. */
    CIRCUIT_OPEN("circuit_open"),
    /** The connection broke after the request went out. */
    BROKEN_AFTER_SEND("broken"),
    /** The deadline passed; the request was reset. Sent, unless it never got a connection. */
    TIMEOUT("timeout"),
    /** Juspay answered with a body larger than we accept; the request did go out. */
    REPLY_TOO_LARGE("reply_too_large");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Kind kind;
  private final boolean sent;
  private final long retryAfterMs;

  public UpstreamFailure(Kind kind, boolean sent, Throwable cause) {
    this(kind, sent, cause, 0);
  }

  private UpstreamFailure(Kind kind, boolean sent, Throwable cause, long retryAfterMs) {
    super(kind.name(), cause, false, false);
    this.kind = kind;
    this.sent = sent;
    this.retryAfterMs = retryAfterMs;
  }

  /** The breaker refused the call; it lets a trial call through after {@code retryAfterMs}. */
  public static UpstreamFailure circuitOpen(long retryAfterMs) {
    return new UpstreamFailure(Kind.CIRCUIT_OPEN, false, null, retryAfterMs);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether any byte of the request may have reached Juspay. */
  public boolean sent() {
    return sent;
  }

  /** How long waiting is worth it, for CIRCUIT_OPEN; 0 otherwise. */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
