package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.support.RedisCluster;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract on a 3-master cluster: every script must stay inside one hash slot. */
class RedisClusterStoreTest extends StoreContract {
  private static RedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisCluster.start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Override
  protected IdempotencyStore newStore(Vertx vertx) {
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.CLUSTER, cluster.urls(), null, 4, 64, 1000, 0, 50, null);
    return TestStores.redis(vertx, settings, SETTINGS);
  }
}
