package com.edgepay.gateway.overload;

/**
 * A token bucket: {@code perSecond} tokens a second, at most {@code burst} saved up. Per replica;
 * shared by the event loops, so a short synchronized section (uncontended in practice).
 */
public final class TokenBucket {
  private final double perNano;
  private final long burst;
  private double tokens;
  private long last;

  /** What the bucket said: whether the call may go, and the numbers for RateLimit-* headers. */
  public record Verdict(boolean allowed, long limit, long remaining, long resetSeconds) {
  }

  public TokenBucket(long perSecond, long burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  public synchronized Verdict take(long now) {
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long untilOne = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano / 1e9);
    return new Verdict(allowed, burst, (long) Math.floor(tokens), Math.max(allowed ? 0 : 1, untilOne));
  }
}
