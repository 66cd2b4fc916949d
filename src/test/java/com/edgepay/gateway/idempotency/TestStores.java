package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import io.vertx.core.Future;
import java.util.List;

/** Store doubles for tests of the code around the store (the store itself is tested on real Redis). */
public final class TestStores {
  private TestStores() {
  }

  /** The in-process store, but every settle takes {@code delayMs} to land. */
  public static IdempotencyStore slowSettles(io.vertx.core.Vertx vertx, IdempotencySettings settings, long delayMs) {
    LocalScripts local = new LocalScripts();
    return new IdempotencyStore(new Wrapped(local) {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
        if (script != LuaScript.SETTLE) {
          return local.run(script, timeoutMs, keys, args);
        }
        return vertx.timer(delayMs).compose(t -> local.run(script, timeoutMs, keys, args));
      }
    }, settings, 100, vertx);
  }

  /** The in-process store, but a claim's reply is lost on the way back (it does land). */
  public static IdempotencyStore lostClaimReplies(io.vertx.core.Vertx vertx, IdempotencySettings settings) {
    LocalScripts local = new LocalScripts();
    return new IdempotencyStore(new Wrapped(local) {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
        Future<ScriptReply> ran = local.run(script, timeoutMs, keys, args);
        return script == LuaScript.CLAIM ? Future.failedFuture(new IllegalStateException("reply lost")) : ran;
      }
    }, settings, 100, vertx);
  }

  /** One in-process store seen through two doors: the second loses its claim replies. */
  public static IdempotencyStore[] sharedWithLostReplies(io.vertx.core.Vertx vertx, IdempotencySettings settings) {
    LocalScripts local = new LocalScripts();
    IdempotencyStore plain = new IdempotencyStore(local, settings, 100, vertx);
    IdempotencyStore lossy = new IdempotencyStore(new Wrapped(local) {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args) {
        Future<ScriptReply> ran = local.run(script, timeoutMs, keys, args);
        return script == LuaScript.CLAIM ? Future.failedFuture(new IllegalStateException("reply lost")) : ran;
      }
    }, settings, 100, vertx);
    return new IdempotencyStore[] {plain, lossy};
  }

  private abstract static class Wrapped implements ScriptRunner {
    private final ScriptRunner delegate;

    Wrapped(ScriptRunner delegate) {
      this.delegate = delegate;
    }

    @Override
    public Future<Void> warmUp() {
      return delegate.warmUp();
    }

    @Override
    public Future<Void> ping() {
      return delegate.ping();
    }

    @Override
    public Future<Void> close() {
      return delegate.close();
    }
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
