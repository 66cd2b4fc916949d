package com.edgepay.gateway.edge;

/**
 * What a call is about, read from its route and body once.
 *
 * @param orderId the order, or null (capture and void name a txn)
 * @param customerId the merchant's customer, or null for a guest
 * @param routingHeader the client's x-routing-id, checked, or null
 * @param routingCandidate what the gateway derives without a header: customer id, else order id, else ""
 */
record CallIdentity(String orderId, String customerId, String routingHeader, String routingCandidate) {
}
