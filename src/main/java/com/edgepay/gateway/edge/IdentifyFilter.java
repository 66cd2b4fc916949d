package com.edgepay.gateway.edge;

import com.edgepay.gateway.form.JuspayFields;
import com.edgepay.gateway.routing.RoutingIdRule;
import io.vertx.core.Future;

/** What the call is about: its order, its customer, and the routing-id candidates (400 when unusable). */
final class IdentifyFilter implements Filter.OnBody {
  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    String orderId = JuspayFields.orderId(ex.match, ex.form);
    String customerId = JuspayFields.customerId(ex.form);
    ex.identity = new CallIdentity(orderId, customerId,
        RoutingIdRule.header(ex.head.header(RoutingIdRule.HEADER)),
        RoutingIdRule.candidate(customerId, orderId));
    return CONTINUE;
  }
}
