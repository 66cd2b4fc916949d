package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;

/**
 * The idempotency and routing store. Per money-moving call: one {@link #claim} before forwarding
 * (claim and routing bind together) and one {@link #settle} after. Per read: one
 * {@link #checkRouting}. Nothing else touches the store on the request path.
 */
public interface IdempotencyStore {
  Future<ClaimResult> claim(ClaimPlan plan);

  /** @return {@link ClaimResult.Granted} or {@link ClaimResult.RoutingRefused} */
  Future<ClaimResult> checkRouting(RoutingCheck check);

  /** @return whether the record was written (false: the claim is no longer this owner's) */
  Future<Boolean> settle(SettleRequest request);

  /**
   * Opens connections and loads scripts before traffic arrives, so that the first request does
   * not pay for them inside its command timeout. Never fails: Redis may be down at start.
   */
  default Future<Void> warmUp() {
    return Future.succeededFuture();
  }

  /** A health probe; not on the request path. */
  Future<Void> ping();

  Future<Void> close();
}
