package com.edgepay.gateway.idempotency;

import io.vertx.core.Vertx;

class MemoryStoreTest extends StoreContract {
  @Override
  protected IdempotencyStore newStore(Vertx vertx) {
    return MoneySafety.inMemory(vertx, SETTINGS);
  }
}
