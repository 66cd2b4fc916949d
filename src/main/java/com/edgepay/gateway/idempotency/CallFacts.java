package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.tenant.Tenant;

/**
 * What the request path knows about a call when it asks the store.
 *
 * @param clientKey the client's Idempotency-Key, or null
 * @param version the client's {@code version} header, or null (it is part of the fingerprint)
 * @param routingHeader the client's x-routing-id, checked, or null
 * @param routingCandidate the routing id derived without a header, or ""
 * @param orderId the order the call is about, or null
 * @param customerId the customer it names, or null
 * @param deadlineMs the request's deadline, from its arrival
 */
public record CallFacts(
    Tenant tenant,
    RouteMatch match,
    FormBody form,
    String clientKey,
    String version,
    String routingHeader,
    String routingCandidate,
    String orderId,
    String customerId,
    long deadlineMs) {
}
