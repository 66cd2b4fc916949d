package com.edgepay.gateway.config;

import java.nio.file.Path;

/**
 * How the money-safety records live.
 *
 * @param hmacKeyFile the gateway secret under which request fingerprints are keyed; every
 *     replica must share it, or a retry that lands on another pod is not recognised
 * @param completedTtlMs how long a completed call is replayed, and at least how long an unknown
 *     outcome that reconciliation could not resolve keeps refusing retries
 * @param claimMarginMs how long after its deadline a claim still reads as in progress (its outcome
 *     is being recorded); after that an unsettled claim reads as unknown
 * @param routingTtlMs how long customer and order routing-id bindings live
 * @param reconcileGraceMs how long after an outcome turns unknown Juspay may still be working on the
 *     call: reconciliation may conclude "took effect" at any time, but "did not" only after this
 * @param settleWaitMs how long an answer waits for its outcome to be recorded before it leaves
 *     anyway (the record then reads as unknown, never as free)
 */
public record IdempotencySettings(
    Path hmacKeyFile,
    long completedTtlMs,
    long claimMarginMs,
    long routingTtlMs,
    long reconcileGraceMs,
    long settleWaitMs) {

  public static final long DEFAULT_COMPLETED_TTL_SECONDS = 86_400;
  public static final long DEFAULT_CLAIM_MARGIN_MS = 500;
  public static final long DEFAULT_ROUTING_TTL_DAYS = 30;
  public static final long DEFAULT_RECONCILE_GRACE_MS = 5_000;
  public static final long DEFAULT_SETTLE_WAIT_MS = 250;
}
