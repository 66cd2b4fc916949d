package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.crypto.Tokens;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.support.RedisCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In a cluster, WAIT must run on the connection to the master that wrote the claim (the tenant's
 * slot's), or it would count another master's replicas. Only the first of three masters has a
 * replica: claims of tenants whose slot it serves are acknowledged, every other tenant's are not.
 */
@ExtendWith(VertxExtension.class)
class ClusterReplicationTest {

  private static ClaimPlan plan(String tenant, String order) {
    return new ClaimPlan(tenant, "orders", StoreKeys.record(tenant, "orders", order), StoreKeys.orderLock(tenant, order),
        StoreKeys.orderRouting(tenant, order), StoreKeys.none(tenant), StoreKeys.none(tenant), StoreKeys.none(tenant),
        StoreKeys.none(tenant), Tokens.random128(), "fp", "", order, RoutingIdPolicy.REJECT, 5_000, true, order, "", 0, "",
        "");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void waitRunsOnTheMasterOfTheClaimsSlot(Vertx vertx, VertxTestContext ctx) {
    RedisCluster cluster = RedisCluster.start().withReplicaOnFirstMaster();
    List<String> replicated = new ArrayList<>();
    List<String> alone = new ArrayList<>();
    for (int i = 0; replicated.size() < 3 || alone.size() < 3; i++) {
      String tenant = "wt" + i;
      (cluster.onFirstMaster(StoreKeys.tag(tenant)) ? replicated : alone).add(tenant);
    }
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.CLUSTER, cluster.urls(), null, 4, 64, 2_000, 1, 200,
        null);
    IdempotencyStore store = TestStores.redis(vertx, settings, StoreContract.SETTINGS);
    Future<Void> chain = Future.succeededFuture();
    for (int round = 0; round < 2; round++) {
      for (String tenant : replicated) {
        chain = chain.compose(v -> store.claim(plan(tenant, "o_" + Tokens.random128().substring(0, 6)), 2_000)
            .map(r -> {
              assertInstanceOf(ClaimResult.Granted.class, r, tenant + "'s master has a replica");
              return null;
            }));
      }
      for (String tenant : alone) {
        chain = chain.compose(v -> store.claim(plan(tenant, "o_" + Tokens.random128().substring(0, 6)), 2_000)
            .map(r -> (Throwable) null).otherwise(failure -> failure)
            .map(failure -> {
              assertNotNull(failure, tenant + "'s master has no replica, yet its claim was acknowledged");
              assertInstanceOf(IdempotencyStore.NotReplicated.class, failure);
              return null;
            }));
      }
    }
    chain.onComplete(done -> {
      cluster.close();
      ctx.verify(() -> {
        if (done.failed()) {
          throw new AssertionError(done.cause());
        }
        ctx.completeNow();
      });
    });
  }
}
