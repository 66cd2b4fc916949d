package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.routing.RoutingIdPolicy;

/**
 * Everything a claim needs, decided before the store is asked: which keys, which payload, what the
 * routing rule has to work with, and what a later reconciliation will need to know.
 *
 * @param kind the record family ("orders", "txns", "refund", ...)
 * @param lockKey the order's (or txn's) lock: one attempt on it at a time
 * @param clientKey the Idempotency-Key's record, or a none-key
 * @param orderBook for /txns, the order's attempt book, else a none-key
 * @param token the claim's owner: random, made by the gateway
 * @param claimMs how long the claim reads as in progress: the request's deadline
 * @param reuseIsError whether the same key with another payload is a 422 (else it cannot happen:
 *     the fingerprint is part of the key)
 * @param orderId the order Juspay knows the call under ("" when unknown yet: capture and void)
 * @param refundId a refund's unique_request_id, else ""
 * @param maxAttempts for /txns, the tenant's cap on attempts per order, else 0
 * @param txnTag for capture and void, the keyed tag of the txn, else ""
 * @param amountTag for an order update that sets an amount, its keyed tag, else ""
 */
public record ClaimPlan(
    String tenantId,
    String kind,
    String recordKey,
    String lockKey,
    String orderBindingKey,
    String customerBindingKey,
    String clientKey,
    String orderBook,
    String txnOrderKey,
    String token,
    String fingerprint,
    String header,
    String derived,
    RoutingIdPolicy policy,
    long claimMs,
    boolean reuseIsError,
    String orderId,
    String refundId,
    int maxAttempts,
    String txnTag,
    String amountTag) {
}
