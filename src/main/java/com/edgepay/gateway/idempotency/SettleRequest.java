package com.edgepay.gateway.idempotency;

/**
 * Writing a claimed call's outcome.
 *
 * @param reply the answer to keep, for COMPLETE only
 * @param txnBindingKey for a completed /txns, where to remember the txn's routing id (so that a
 *     later capture or void can be checked), else a none-key
 */
public record SettleRequest(
    String kind,
    String recordKey,
    String lockKey,
    String owner,
    Settlement settlement,
    StoredReply reply,
    String txnBindingKey,
    String txnRoutingId) {
}
