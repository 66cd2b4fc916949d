package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisStandaloneStoreTest extends StoreContract {
  private static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected IdempotencyStore newStore(Vertx vertx) {
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.STANDALONE, List.of(redis.url()), null, 4, 64, 500, 0, 50, null);
    return TestStores.redis(vertx, settings, SETTINGS);
  }

  /** A release that lands before its claim must outlive any claim still on its way, however long its deadline. */
  @org.junit.jupiter.api.Test
  void aTombstoneOutlivesTheLongestClaimItMayMeet(io.vertx.junit5.VertxTestContext ctx) {
    Plan slow = new Plan();
    slow.claimMs = 120_000;
    ClaimPlan plan = slow.build();
    store.settle(new SettleRequest(plan, Settlement.RELEASE, null, ""))
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          long ttl = Long.parseLong(redis.command("PTTL", StoreKeys.tombstone(tenant, plan.token())).replace(":", "").trim());
          org.junit.jupiter.api.Assertions.assertTrue(ttl > 2 * 120_000, "the tombstone lives " + ttl + " ms");
          ctx.completeNow();
        })));
  }
}
