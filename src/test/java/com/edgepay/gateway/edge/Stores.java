package com.edgepay.gateway.edge;

import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.TestStores;

/** Stores for filter tests. */
final class Stores {
  private Stores() {
  }

  /** A store whose every call fails, as when Redis does not answer. */
  static IdempotencyStore failing(io.vertx.core.Vertx vertx) {
    return TestStores.failing(vertx, Exchanges.MONEY);
  }
}
