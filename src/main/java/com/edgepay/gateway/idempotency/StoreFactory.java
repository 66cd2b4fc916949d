package com.edgepay.gateway.idempotency;

import io.vertx.core.Vertx;

/** Makes the store an edge verticle uses: its own Redis client, or the one shared memory store. */
@FunctionalInterface
public interface StoreFactory {
  /** Called from a verticle's start(), so a Redis client's replies come back on that event loop. */
  IdempotencyStore forEventLoop(Vertx vertx);
}
