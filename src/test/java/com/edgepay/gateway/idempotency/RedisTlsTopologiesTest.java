package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.crypto.Tokens;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.secrets.StoreSecrets;
import com.edgepay.gateway.support.GatewayAcl;
import com.edgepay.gateway.support.InitScriptRedis;
import com.edgepay.gateway.support.RedisCluster;
import com.edgepay.gateway.support.RedisSentinels;
import com.edgepay.gateway.support.TestCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * rediss:// with hostname verification against a private CA, and AUTH as an ACL user that may touch
 * the gateway's keys only, in the two topologies with more than one node: Sentinel (sentinels and
 * data nodes all TLS, replication over TLS, a replica acknowledging each write) and Cluster (TLS on
 * the cluster bus too). Standalone is covered end to end in {@link DurableStoreTest}.
 *
 * <p>The gateway's user has exactly production's rules, read from the file k8s/base/redis/init.sh
 * applies ({@link GatewayAcl#PRODUCTION_FILE}), on data nodes and sentinels: these round trips
 * are the proof that the least-privilege rule is enough for every command the store sends. The last
 * test goes one step further and runs the very configs k8s/base/redis/init.sh writes.
 */
@ExtendWith(VertxExtension.class)
class RedisTlsTopologiesTest {
  private static final GatewayAcl PRODUCTION_ACL = GatewayAcl.production();
  private static final StoreSecrets SECRETS = new StoreSecrets(RedisSentinels.USER, RedisSentinels.PASSWORD,
      SealingKeys.parse(SealingKeys.generate("t")));

  private static ClaimPlan plan(String tenant, String order) {
    return new ClaimPlan(tenant, "orders", StoreKeys.record(tenant, "orders", order), StoreKeys.orderLock(tenant, order),
        StoreKeys.orderRouting(tenant, order), StoreKeys.none(tenant), StoreKeys.none(tenant), StoreKeys.none(tenant),
        StoreKeys.none(tenant), Tokens.random128(), "fp", "", order, RoutingIdPolicy.REJECT, 5_000, true, order, "", 0, "",
        "");
  }

  /** Claims, records and replays one call: every script, over TLS, as the gateway's user. */
  private static Future<ClaimResult> roundTrip(IdempotencyStore store) {
    ClaimPlan first = plan("tls", "o_" + Tokens.random128().substring(0, 8));
    ClaimPlan again = plan("tls", first.orderId());
    StoredReply answer = new StoredReply(200, "application/json", null, Buffer.buffer("{\"status\":\"NEW\"}"));
    return store.claim(first, 5_000)
        .compose(granted -> {
          assertInstanceOf(ClaimResult.Granted.class, granted);
          return store.settle(new SettleRequest(first, Settlement.COMPLETE, answer, ""));
        })
        .compose(recorded -> {
          assertEquals(true, recorded, "recorded in time, and acknowledged by the replicas asked for");
          return store.claim(again, 5_000);
        });
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void sentinelOverTlsWithAnAclUserAndAReplicaAcknowledging(Vertx vertx, VertxTestContext ctx) {
    TestCertificates certs = TestCertificates.issue("IP:127.0.0.1");
    RedisSentinels set = RedisSentinels.startSecured(certs, PRODUCTION_ACL);
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.SENTINEL, set.sentinelUrls(),
        RedisSentinels.MASTER_NAME, 4, 64, 2_000, 1, 500, certs.caCert());
    IdempotencyStore store = TestStores.redis(vertx, settings, SECRETS, StoreContract.SETTINGS);
    RedisSettings otherCa = new RedisSettings(RedisSettings.Topology.SENTINEL, set.sentinelUrls(),
        RedisSentinels.MASTER_NAME, 4, 64, 2_000, 1, 500, TestCertificates.issue("IP:127.0.0.1").caCert());
    IdempotencyStore untrusting = TestStores.redis(vertx, otherCa, SECRETS, StoreContract.SETTINGS);
    roundTrip(store)
        .compose(replay -> untrusting.claim(plan("tls", "o_untrusted"), 2_000)
            .map(r -> (Object) r).otherwise(failure -> failure).map(untrusted -> new Object[] {replay, untrusted}))
        .onComplete(result -> {
          set.close();
          ctx.verify(() -> {
            Object[] both = result.result();
            assertInstanceOf(ClaimResult.Replay.class, both == null ? result.cause() : both[0], String.valueOf(result.cause()));
            assertInstanceOf(Throwable.class, both[1], "a Redis whose certificate another CA signed is never used");
            ctx.completeNow();
          });
        });
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void clusterOverTlsWithAnAclUser(Vertx vertx, VertxTestContext ctx) {
    TestCertificates certs = TestCertificates.issue("IP:127.0.0.1");
    RedisCluster cluster = RedisCluster.startSecured(certs, PRODUCTION_ACL);
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.CLUSTER, cluster.urls(), null, 4, 64, 2_000, 0,
        50, certs.caCert());
    IdempotencyStore store = TestStores.redis(vertx, settings, SECRETS, StoreContract.SETTINGS);
    roundTrip(store)
        .compose(replay -> store.checkEviction().map(changed -> replay))
        .onComplete(result -> {
          cluster.close();
          ctx.verify(() -> {
            assertInstanceOf(ClaimResult.Replay.class, result.result(), String.valueOf(result.cause()));
            assertEquals(true, store.health().evictionSafe(), "every master's policy read over TLS");
            ctx.completeNow();
          });
        });
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theKubernetesInitScriptsConfigsCarryTheGateway(Vertx vertx, VertxTestContext ctx) {
    TestCertificates certs = TestCertificates.issue("IP:127.0.0.1");
    InitScriptRedis set = InitScriptRedis.start(certs);
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.SENTINEL, set.sentinelUrls(),
        InitScriptRedis.MASTER_NAME, 4, 64, 2_000, 1, 500, certs.caCert());
    StoreSecrets secrets = new StoreSecrets(InitScriptRedis.USER, InitScriptRedis.PASSWORD,
        SealingKeys.parse(SealingKeys.generate("k")));
    IdempotencyStore store = TestStores.redis(vertx, settings, secrets, StoreContract.SETTINGS);
    roundTrip(store)
        .compose(replay -> store.checkEviction().map(changed -> replay))
        .onComplete(result -> {
          set.close();
          ctx.verify(() -> {
            assertInstanceOf(ClaimResult.Replay.class, result.result(), String.valueOf(result.cause()));
            assertEquals(true, store.health().evictionSafe(), "init.sh's noeviction, read as the gateway's user");
            ctx.completeNow();
          });
        });
  }
}
