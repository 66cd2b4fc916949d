package com.edgepay.gateway.upstream;

/**
 * The call did not produce an answer. What matters for money is {@link Kind#sent}: a call that
 * never left may be retried or released; one that did has an unknown outcome.
 */
public final class UpstreamFailure extends RuntimeException {
  public enum Kind {
    /** No connection: refused, unreachable or connect timeout. Nothing was sent. */
    UNREACHABLE,
    /** Our own connection pool's wait queue is full. Nothing was sent. */
    POOL_EXHAUSTED,
    /** The connection broke after the request went out. */
    BROKEN_AFTER_SEND,
    /** The deadline passed; the request was reset. Sent, unless it never got a connection. */
    TIMEOUT,
    /** Juspay answered with a body larger than we accept; the request did go out. */
    REPLY_TOO_LARGE
  }

  private final Kind kind;
  private final boolean sent;

  public UpstreamFailure(Kind kind, boolean sent, Throwable cause) {
    super(kind.name(), cause, false, false);
    this.kind = kind;
    this.sent = sent;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether any byte of the request may have reached Juspay. */
  public boolean sent() {
    return sent;
  }
}
