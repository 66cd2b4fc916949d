package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.crypto.RecordSeal;
import com.edgepay.gateway.crypto.SealingKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** Store doubles for tests of the code around the store (the store itself is tested on real Redis). */
public final class TestStores {
  private TestStores() {
  }

  /** A store over any script runner, sealing under a key made up on the spot. */
  static IdempotencyStore over(Vertx vertx, ScriptRunner scripts, IdempotencySettings settings) {
    StoreHealth health = new StoreHealth();
    health.evictionPolicies(List.of("noeviction"));
    return new IdempotencyStore(scripts, settings, 100, 0, new RecordSeal(SealingKeys.parse(SealingKeys.generate("t"))),
        health, vertx);
  }

  /** A store on Redis with no AUTH, sealing under a made-up key. */
  public static IdempotencyStore redis(Vertx vertx, com.edgepay.gateway.config.RedisSettings redis,
      IdempotencySettings settings) {
    return redis(vertx, redis, new com.edgepay.gateway.secrets.StoreSecrets(null, null,
        SealingKeys.parse(SealingKeys.generate("t"))), settings);
  }

  /** A store on Redis as the gateway makes one (health starts unchecked: nothing read the policy yet). */
  public static IdempotencyStore redis(Vertx vertx, com.edgepay.gateway.config.RedisSettings redis,
      com.edgepay.gateway.secrets.StoreSecrets secrets, IdempotencySettings settings) {
    StoreHealth health = new StoreHealth();
    return new IdempotencyStore(new RedisScripts(vertx, redis, secrets, "test-redis",
        new com.edgepay.gateway.metrics.GatewayMetrics(com.edgepay.gateway.metrics.MetricsSetup.newRegistry()), health),
        settings, redis.commandTimeoutMs(), redis.minReplicaAcks(), new RecordSeal(secrets.sealingKeys()), health, vertx);
  }

  /** Every script run fails, as when Redis does not answer in time. */
  public static IdempotencyStore failing(Vertx vertx, IdempotencySettings settings) {
    return over(vertx, new ScriptRunner() {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args,
          boolean replicated) {
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
    }, settings);
  }

  /** The in-process store, but every settle takes {@code delayMs} to land. */
  public static IdempotencyStore slowSettles(Vertx vertx, IdempotencySettings settings, long delayMs) {
    LocalScripts local = new LocalScripts();
    return over(vertx, new Wrapped(local) {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args,
          boolean replicated) {
        if (script != LuaScript.SETTLE) {
          return local.run(script, timeoutMs, keys, args, replicated);
        }
        // A slow store still keeps the runner's promise: an answer or a timeout within timeoutMs.
        return vertx.timer(delayMs).compose(t -> local.run(script, timeoutMs, keys, args, replicated))
            .timeout(timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
    }, settings);
  }

  /** One in-process store seen through two doors: the second loses its claim replies (the claims land). */
  public static IdempotencyStore[] sharedWithLostReplies(Vertx vertx, IdempotencySettings settings) {
    LocalScripts local = new LocalScripts();
    IdempotencyStore plain = over(vertx, local, settings);
    IdempotencyStore lossy = over(vertx, new Wrapped(local) {
      @Override
      public Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keys, List<Object> args,
          boolean replicated) {
        Future<ScriptReply> ran = local.run(script, timeoutMs, keys, args, replicated);
        return script == LuaScript.CLAIM ? Future.failedFuture(new IllegalStateException("reply lost")) : ran;
      }
    }, settings);
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
}
