package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.metrics.GatewayMetrics;
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

  /** Production: Redis, as configured. */
  public static Future<MoneySafety> onRedis(Vertx vertx, GatewayConfig config, GatewayMetrics metrics) {
    StoreHealth health = new StoreHealth();
    AtomicInteger clients = new AtomicInteger();
    return planner(vertx, config).map(planner -> new MoneySafety(planner,
        loop -> new IdempotencyStore(new RedisScripts(loop, config.redis(), "gateway-redis-" + clients.getAndIncrement(),
            metrics, health), config.idempotency(), config.redis().commandTimeoutMs(), loop), health, false));
  }

  /** The demo without Redis: one store in this JVM's memory. */
  public static Future<MoneySafety> inMemory(Vertx vertx, GatewayConfig config) {
    IdempotencyStore store = inMemory(vertx, config.idempotency());
    return planner(vertx, config).map(planner -> new MoneySafety(planner, loop -> store, new StoreHealth(), true));
  }

  /** One store in this JVM, shared by every event loop: the demo without Redis, and unit tests. */
  public static IdempotencyStore inMemory(Vertx vertx, com.edgepay.gateway.config.IdempotencySettings settings) {
    return new IdempotencyStore(new LocalScripts(), settings, Long.MAX_VALUE / 8, vertx);
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
