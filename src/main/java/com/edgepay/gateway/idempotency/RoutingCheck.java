package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.routing.RoutingIdPolicy;

/** The routing rule alone, for a read: compare with the bindings, change nothing. */
public record RoutingCheck(String orderBindingKey, String customerBindingKey, String header, String derived,
    RoutingIdPolicy policy) {
}
