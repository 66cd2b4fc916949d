package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
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
    vertx.runOnContext(v -> {
      RedisScripts scripts = replicatedScripts(vertx, redis, 300, "shared-link-test");
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

  /** A replicated run past its deadline waited on a pooled connection: the loop's link is not stalled. */
  @Test
  void aReplicatedRunPastItsDeadlineLeavesTheLinkAlone(Vertx vertx, VertxTestContext ctx) {
    // No replica: WAIT 1 waits its 1 s, well past the run's 100 ms deadline.
    RedisServer redis = RedisServer.start();
    vertx.runOnContext(v -> {
      RedisScripts scripts = replicatedScripts(vertx, redis, 1_000, "shared-link-expiry-test");
      Request clientId = Request.cmd(Command.CLIENT).arg("ID");
      scripts.warmUp().compose(warm -> scripts.link().send(clientId)).compose(before -> scripts.run(LuaScript.CHECK_ROUTING,
              100, List.of("gw:{t}:o", "gw:{t}:c"), List.of("", "cust_1", "derive"), true)
          .<Response>transform(timedOut -> {
            ctx.verify(() -> assertTrue(timedOut.failed(), "the run outlived its deadline"));
            return scripts.link().send(clientId);
          }).map(after -> List.of(before.toLong(), after.toLong())))
          .onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
            assertEquals(ids.get(0), ids.get(1), "the link kept its connection: " + ids);
            scripts.close().onComplete(c -> {
              redis.close();
              ctx.completeNow();
            });
          })));
    });
  }

  /** Scripts on the loop that calls this, every run waiting (WAIT) for one replica up to {@code replicaAckMs}. */
  private static RedisScripts replicatedScripts(Vertx vertx, RedisServer redis, long replicaAckMs, String poolName) {
    RedisSettings settings = new RedisSettings(RedisSettings.Topology.STANDALONE, List.of(redis.url()), null, 4, 128,
        1_000, 1, replicaAckMs, null);
    return new RedisScripts(vertx, settings, new StoreSecrets(null, null, SealingKeys.parse(SealingKeys.generate("t"))),
        poolName, new GatewayMetrics(MetricsSetup.newRegistry()), new StoreHealth());
  }
}
