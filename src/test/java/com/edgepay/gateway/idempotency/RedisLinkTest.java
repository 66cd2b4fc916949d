package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one connection per event loop: kept across commands, and replaced when it stalls or reaches
 * a replica. Counted on the real server (INFO stats total_connections_received, which also counts
 * each redis-cli call the test makes).
 */
@ExtendWith(VertxExtension.class)
class RedisLinkTest {
  @Test
  void oneConnectionCarriesEveryCommandAndAStalledOneIsReplaced(Vertx vertx, VertxTestContext ctx) {
    RedisServer redis = RedisServer.start();
    long before = redis.stat("total_connections_received");
    RedisLink link = new RedisLink(Redis.createClient(vertx, redis.url()));
    Future<?> hundred = Future.succeededFuture();
    for (int i = 0; i < 100; i++) {
      int n = i;
      hundred = hundred.compose(v -> link.send(Request.cmd(Command.SET).arg("k" + n).arg("v")));
    }
    hundred.compose(v -> {
      // Each look at the count is a redis-cli connection of its own: this one is the first since `before`.
      ctx.verify(() -> assertEquals(1, redis.stat("total_connections_received") - before - 1, "one connection for 100 commands"));
      link.stalled();
      return link.send(Request.cmd(Command.GET).arg("k7"));
    }).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertEquals("v", reply.toString());
      assertEquals(2, redis.stat("total_connections_received") - before - 2, "a stalled connection is replaced");
      link.close().onComplete(v -> {
        redis.close();
        ctx.completeNow();
      });
    })));
  }

  @Test
  void aReadOnlyAnswerDropsTheConnectionSoTheNextCommandConnectsAgain(Vertx vertx, VertxTestContext ctx) {
    RedisServer master = RedisServer.start();
    RedisServer replica = RedisServer.start(List.of("--replicaof", "127.0.0.1", String.valueOf(master.port())));
    long before = replica.stat("total_connections_received");
    RedisLink link = new RedisLink(Redis.createClient(vertx, replica.url()));
    link.send(Request.cmd(Command.SET).arg("k").arg("v")).compose(
        wrote -> Future.failedFuture(new AssertionError("a replica accepted a write")),
        readOnly -> {
          ctx.verify(() -> assertTrue(readOnly.getMessage().startsWith("READONLY"), readOnly.getMessage()));
          replica.command("REPLICAOF", "NO", "ONE");
          return link.send(Request.cmd(Command.SET).arg("k").arg("v"));
        }).onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          // Less the two redis-cli connections since `before` (REPLICAOF, and this look).
          assertEquals(2, replica.stat("total_connections_received") - before - 2, "the READONLY connection was replaced");
          link.close().onComplete(v -> {
            replica.close();
            master.close();
            ctx.completeNow();
          });
        })));
  }

  /** Redis refusing every connection: commands fail, and the link tries once per pause, not per command. */
  @Test
  void whileRedisRefusesConnectionsTheLinkTriesOncePerPauseNotPerCommand(Vertx vertx, VertxTestContext ctx) {
    java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    vertx.createNetServer().connectHandler(socket -> {
      accepted.incrementAndGet();
      socket.close();
    }).listen(0, "127.0.0.1").onComplete(ctx.succeeding(server -> {
      RedisLink link = new RedisLink(Redis.createClient(vertx, "redis://127.0.0.1:" + server.actualPort()));
      vertx.runOnContext(v -> {
        List<Future<?>> sent = new java.util.ArrayList<>();
        Future<?> first = link.send(Request.cmd(Command.PING));
        first.onComplete(done -> {
          for (int i = 0; i < 50; i++) {
            sent.add(link.send(Request.cmd(Command.PING)));
          }
          Future.join(sent).onComplete(all -> ctx.verify(() -> {
            assertTrue(done.failed() && sent.stream().allMatch(Future::failed), "a closed socket answers nothing");
            assertEquals(1, accepted.get(), "51 commands within the pause: one connect");
            vertx.setTimer(RedisLink.RECONNECT_PAUSE_NANOS / 1_000_000 + 50, t -> link.send(Request.cmd(Command.PING))
                .onComplete(again -> ctx.verify(() -> {
                  assertEquals(2, accepted.get(), "after the pause the link tries again");
                  ctx.completeNow();
                })));
          }));
        });
      });
    }));
  }
}
