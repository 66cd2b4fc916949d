package com.edgepay.gateway.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Order creation shared by create order, /txns (with "order." fields) and session. */
final class Orders {

  private Orders() {
  }

  /**
   * Juspay's docs do not say what creating an existing order_id does; the simulator answers with the
   * existing order unchanged, which lets a retried create succeed.
   */
  static SimOrder findOrCreate(Ledger ledger, JuspayCall call, String prefix, Ids ids) {
    BigDecimal amount = Amounts.parse(call.param(prefix + "amount"), prefix + "amount");
    String orderId = call.param(prefix + "order_id");
    Optional<SimOrder> existing = ledger.order(call.merchantId(), orderId);
    if (existing.isPresent()) {
      return existing.get();
    }
    SimOrder order = new SimOrder(call.merchantId(), orderId, ids.orderUuid(), amount, Instant.now());
    order.applyFields(call.params(), prefix);
    return ledger.addOrder(order);
  }
}
