package com.edgepay.gateway.idempotency;

/**
 * A call whose outcome is unknown, leased to one reconciler: what it takes to ask Juspay whether
 * it took effect. Everything here came from the record; the request itself was never stored.
 *
 * @param leaseToken proves the lease when the verdict is written
 * @param orderId the order to ask about ("" when the store never learned it)
 * @param refundId a refund's unique_request_id, else ""
 * @param knownTxnTag for /txns, the order's newest txn the gateway knew of when the call was claimed
 * @param txnTag for capture and void, the txn acted on
 * @param amountTag for an update, the amount it set
 * @param routingId the x-routing-id the call used
 * @param attempt for /txns, the attempt's number on its order
 * @param tries how many times reconciliation has picked it up, this one included
 * @param dueInMs until then Juspay may still be working on the call: "did not take effect" cannot be
 *     concluded yet (0: it can)
 * @param backoffMs when reconciliation may look at it again, should this try not resolve it
 */
public record UnknownCall(
    String tenantId,
    String leaseToken,
    String recordKey,
    String kind,
    String orderId,
    String refundId,
    String knownTxnTag,
    String txnTag,
    String amountTag,
    String routingId,
    String attempt,
    int tries,
    long dueInMs,
    long backoffMs) {
}
