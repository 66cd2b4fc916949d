package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.RedisSentinels;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The link's socket, reached under the client's wrappers: commands of one event-loop pass reach
 * Redis in one read (counted by the server: INFO stats), and a stalled connection to a master found
 * through Sentinel is replaced (the server's CLIENT ID changes).
 */
@ExtendWith(VertxExtension.class)
class LinkSocketTest {
  private static final int COMMANDS = 200;

  @Test
  void commandsSentInOnePassReachRedisInOneRead(Vertx vertx, VertxTestContext ctx) {
    RedisServer redis = RedisServer.start();
    RedisLink link = new RedisLink(Redis.createClient(vertx, redis.url()));
    vertx.runOnContext(start -> link.send(Request.cmd(Command.PING)).compose(opened -> {
      long before = redis.stat("total_reads_processed");
      // A task of its own, as a request's claim is: not inside the read of Redis's reply, where
      // Vert.x already holds writes back until the read ends.
      io.vertx.core.Promise<Void> sent = io.vertx.core.Promise.promise();
      vertx.getOrCreateContext().runOnContext(pass -> {
        List<Future<?>> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
          commands.add(link.send(Request.cmd(Command.SET).arg("k" + i).arg("v")));
        }
        Future.all(commands).<Void>mapEmpty().onComplete(sent);
      });
      return sent.future().map(v -> before);
    }).onComplete(ctx.succeeding(before -> ctx.verify(() -> {
      // Less this look's own read (its redis-cli INFO).
      long reads = redis.stat("total_reads_processed") - before - 1;
      assertTrue(reads >= 1 && reads <= 3, COMMANDS + " commands of one pass took " + reads + " reads");
      assertEquals("v", redis.command("GET", "k" + (COMMANDS - 1)).trim());
      link.close().onComplete(v -> {
        redis.close();
        ctx.completeNow();
      });
    }))));
  }

  @Test
  void aStalledSentinelConnectionIsReplaced(Vertx vertx, VertxTestContext ctx) {
    RedisSentinels set = RedisSentinels.start();
    RedisOptions options = new RedisOptions().setType(RedisClientType.SENTINEL).setRole(RedisRole.MASTER)
        .setMasterName(RedisSentinels.MASTER_NAME);
    set.sentinelUrls().forEach(options::addConnectionString);
    RedisLink link = new RedisLink(Redis.createClient(vertx, options));
    vertx.runOnContext(start -> link.send(Request.cmd(Command.CLIENT).arg("ID")).compose(first -> {
      link.stalled();
      return link.send(Request.cmd(Command.CLIENT).arg("ID")).map(second -> List.of(first.toLong(), second.toLong()));
    }).onComplete(ctx.succeeding(ids -> ctx.verify(() -> {
      assertTrue(!ids.get(0).equals(ids.get(1)), "a new connection after the stall: " + ids);
      link.close().onComplete(v -> {
        set.close();
        ctx.completeNow();
      });
    }))));
  }
}
