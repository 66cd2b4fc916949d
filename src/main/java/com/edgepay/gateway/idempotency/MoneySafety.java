package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.crypto.RecordSeal;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.secrets.StoreSecrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The money-safety services a gateway shares across event loops: the key planner (with the
 * fingerprint secret), the store factory and the store's health.
 */
public record MoneySafety(ClaimPlanner planner, StoreFactory stores, StoreHealth health, boolean inMemory) {
  static final int MIN_SECRET_BYTES = 32;

  /** Production: Redis, as configured, with the store's secrets from the secrets directory. */
  public static Future<MoneySafety> onRedis(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
    StoreHealth health = new StoreHealth();
    AtomicInteger clients = new AtomicInteger();
    return planner(vertx, config).compose(planner -> StoreSecrets.load(vertx, config.secrets().dir()).map(secrets -> {
      RecordSeal seal = new RecordSeal(secrets.sealingKeys());
      return new MoneySafety(planner, loop -> new IdempotencyStore(
          new RedisScripts(loop, config.redis(), secrets, "gateway-redis-" + clients.getAndIncrement(), metrics, health),
          config.idempotency(), config.redis().commandTimeoutMs(), config.redis().minReplicaAcks(), seal, health, loop),
          health, false);
    }));
  }

  /** The demo without Redis: one store in this JVM's memory. */
  public static Future<MoneySafety> inMemory(Vertx vertx, GatewayConfig config) {
    return planner(vertx, config).compose(planner -> StoreSecrets.load(vertx, config.secrets().dir()).map(secrets -> {
      IdempotencyStore store = inMemory(vertx, config.idempotency(), secrets.sealingKeys());
      return new MoneySafety(planner, loop -> store, store.health(), true);
    }));
  }

  /** One store in this JVM, shared by every event loop: the demo without Redis, and unit tests. */
  public static IdempotencyStore inMemory(Vertx vertx, IdempotencySettings settings, SealingKeys keys) {
    StoreHealth health = new StoreHealth();
    health.evictionPolicies(java.util.List.of("noeviction"));
    return new IdempotencyStore(new LocalScripts(), settings, Long.MAX_VALUE / 8, 0, new RecordSeal(keys), health, vertx);
  }

  /** For tests: an in-memory store sealing under a key made up on the spot. */
  public static IdempotencyStore inMemory(Vertx vertx, IdempotencySettings settings) {
    return inMemory(vertx, settings, SealingKeys.parse(SealingKeys.generate("test")));
  }

  private static Future<ClaimPlanner> planner(Vertx vertx, GatewayConfig config) {
    Path file = config.idempotency().hmacKeyFile();
    return vertx.fileSystem().readFile(file.toString())
        .recover(e -> Future.failedFuture(new ConfigException(file.toString(), "cannot be read (the fingerprint key)")))
        .map(bytes -> {
          Buffer secret = Buffer.buffer(bytes.toString().strip());
          if (secret.length() < MIN_SECRET_BYTES) {
            throw new ConfigException(file.toString(), "must hold at least " + MIN_SECRET_BYTES + " characters of secret");
          }
          return new ClaimPlanner(new Fingerprint(secret.getBytes()), config.idempotency());
        });
  }
}
