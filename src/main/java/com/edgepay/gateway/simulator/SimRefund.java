package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/** One refund on an order. Refunds stay PENDING: the simulator has no gateway to settle them with. */
record SimRefund(String id, String uniqueRequestId, BigDecimal amount, String status, String created) {

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("unique_request_id", uniqueRequestId)
        .put("amount", amount.doubleValue())
        .put("status", status)
        .put("created", created);
  }
}
