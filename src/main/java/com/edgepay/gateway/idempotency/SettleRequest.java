package com.edgepay.gateway.idempotency;

/**
 * Writing a claimed call's outcome.
 *
 * @param reply the answer to keep, for COMPLETE only
 * @param txnTag for a completed /txns, the keyed tag of the txn Juspay made (so that a later capture
 *     or void can be checked and reconciled), else ""
 */
public record SettleRequest(ClaimPlan plan, Settlement settlement, StoredReply reply, String txnTag) {
}
