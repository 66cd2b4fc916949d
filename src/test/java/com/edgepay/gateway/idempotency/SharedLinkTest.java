package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.config.RedisSettings;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.secrets.StoreSecrets;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What shares the loop's one connection must not be held up by what waits on Redis's side (found
 * by review: a WAIT on the shared connection made Redis read nothing more from it).
 */
@ExtendWith(VertxExtension.class)
class SharedLinkTest {
  @Test
  void aRunWaitingForReplicasDoesNotHoldUpTheLoopsOtherCommands(Vertx vertx, VertxTestContext ctx) {
    // No replica is attached, so WAIT 1 300 waits its whole 300 ms, as behind a lagging replica.
    RedisServer redis = RedisServer.start();
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.STANDALONE, List.of(redis.url()), null, 4, 128,
        1_000, 1, 300, null);
    vertx.runOnContext(v -> {
      RedisScripts scripts = new RedisScripts(vertx, settings,
          new StoreSecrets(null, null, SealingKeys.parse(SealingKeys.generate("t"))), "shared-link-test",
          new GatewayMetrics(MetricsSetup.newRegistry()), new StoreHealth());
      scripts.warmUp().compose(warm -> {
        Future<ScriptReply> replicated = scripts.run(LuaScript.CHECK_ROUTING, 1_000,
            List.of("gw:{t}:o", "gw:{t}:c"), List.of("", "cust_1", "derive"), true);
        return scripts.ping().map(pong -> {
          ctx.verify(() -> assertFalse(replicated.isComplete(), "the ping waited behind the replicated run's WAIT"));
          return replicated;
        }).compose(r -> r);
      }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
        assertTrue(reply.replicas() == 0, "no replica acknowledged: " + reply.replicas());
        scripts.close().onComplete(c -> {
          redis.close();
          ctx.completeNow();
        });
      })));
    });
  }
}
