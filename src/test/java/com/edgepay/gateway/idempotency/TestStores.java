package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import io.vertx.core.Future;
import java.util.List;

/** Store doubles for tests of the code around the store (the store itself is tested on real Redis). */
public final class TestStores {
  private TestStores() {
  }

  /** Every script run fails, as when Redis does not answer in time. */
  public static IdempotencyStore failing(io.vertx.core.Vertx vertx, IdempotencySettings settings) {
    return new IdempotencyStore(new ScriptRunner() {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
        return Future.failedFuture(new IllegalStateException("store down"));
      }

      @Override
      public Future<Void> warmUp() {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> ping() {
        return Future.failedFuture(new IllegalStateException("store down"));
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    }, settings, 100, vertx);
  }
}
