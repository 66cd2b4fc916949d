package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.routing.RoutingIdPolicy;

/**
 * Everything a claim needs, decided before the store is asked: which keys, whose call, which
 * payload, and what the routing rule has to work with.
 *
 * @param kind the record family ("orders", "txns", "refund", ...) for metrics and logs
 * @param lockKey the order's (or txn's) lock: one attempt on it at a time
 * @param orderBindingKey the order's (or txn's) routing binding, or a none-key
 * @param customerBindingKey the customer's routing binding, or a none-key
 * @param owner the request id; only it may settle the claim
 * @param header the client's x-routing-id, or ""
 * @param derived the routing id the gateway would derive without a header, or ""
 * @param claimMs how long the claim is honoured: the deadline plus a margin
 * @param reuseIsError whether the same key with another payload is a 422 (else it cannot happen:
 *     the fingerprint is part of the key)
 */
public record ClaimPlan(
    String kind,
    String recordKey,
    String lockKey,
    String orderBindingKey,
    String customerBindingKey,
    String owner,
    String fingerprint,
    String header,
    String derived,
    RoutingIdPolicy policy,
    long claimMs,
    boolean reuseIsError) {
}
