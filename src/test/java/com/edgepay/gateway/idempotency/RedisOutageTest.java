package com.edgepay.gateway.idempotency;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** When Redis stalls or dies: money calls stop at the edge, reads go on, and recovery is automatic. */
@ExtendWith(VertxExtension.class)
class RedisOutageTest {
  private RedisServer redis;
  private RecordingUpstream upstream;
  private GatewayFixture gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    redis = RedisServer.start();
    RecordingUpstream.start(vertx).compose(u -> {
      upstream = u;
      return GatewayFixture.start(vertx, u.baseUrl(),
          config -> config.put("redis", new JsonObject().put("url", redis.url()).put("command_timeout_ms", 100)),
          tenants -> { });
    }).onComplete(ctx.succeeding(g -> {
      gw = g;
      ctx.completeNow();
    }));
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private static MultiMap order(String id) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", id).add("amount", "1.00");
  }

  @Test
  void aPausedRedisMeansFast503sAndNothingForwarded(Vertx vertx, VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(order("ord_warm")).compose(warm -> {
      redis.pause();
      long started = System.nanoTime();
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        calls.add(gw.post("/txns", ACME_KEY).sendForm(order("ord_paused_" + i).add("payment_method_type", "NB")));
      }
      return Future.join(calls).map(all -> {
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ctx.verify(() -> {
          for (Future<HttpResponse<Buffer>> call : calls) {
            HttpResponse<Buffer> r = call.result();
            assertEquals(503, r.statusCode());
            assertEquals("IDEMPOTENCY_STORE_UNAVAILABLE", r.bodyAsJsonObject().getString("error_code"));
            assertEquals("1", r.getHeader("retry-after"));
          }
          assertEquals(1, upstream.seen().size(), "only the warm-up call was forwarded");
          // Bounded by the 100 ms command timeout, not by a TCP timeout: generous slack for CI.
          assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
        });
        return all;
      });
    }).compose(all -> gw.request(HttpMethod.GET, "/orders/ord_warm", ACME_KEY).send())
        .compose(read -> {
          ctx.verify(() -> {
            assertEquals(200, read.statusCode(), "reads are served without the routing check");
            assertEquals(1.0, gw.registry.find("gateway.routing.check.skipped").counter().count());
          });
          return WebClient.create(vertx).get(gw.adminPort(), "127.0.0.1", "/health/ready").send();
        })
        .onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
          assertEquals("DOWN", ready.bodyAsJsonObject().getJsonObject("checks").getString("redis"));
          redis.resume();
          ctx.completeNow();
        })));
  }

  @Test
  void aRedisRestartedEmptyIsPickedUpWithoutARestart(Vertx vertx, VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(order("ord_before")).compose(before -> {
      ctx.verify(() -> assertEquals(200, before.statusCode()));
      redis.kill();
      return gw.post("/orders", ACME_KEY).sendForm(order("ord_during"));
    }).compose(during -> {
      ctx.verify(() -> assertEquals(503, during.statusCode()));
      redis.restart();
      return retryUntil200(vertx, () -> gw.post("/orders", ACME_KEY).sendForm(order("ord_after")), 50);
    }).compose(after -> WebClient.create(vertx).get(gw.adminPort(), "127.0.0.1", "/health/ready").send())
        .onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
          assertEquals("UP", ready.bodyAsJsonObject().getJsonObject("checks").getString("redis"));
          assertEquals(2, upstream.seen().size(), "before and after; nothing during");
          ctx.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> retryUntil200(Vertx vertx,
      java.util.function.Supplier<Future<HttpResponse<Buffer>>> call, int attemptsLeft) {
    return call.get().compose(r -> {
      if (r.statusCode() == 200 || attemptsLeft <= 1) {
        return Future.succeededFuture(r);
      }
      return vertx.timer(100).compose(t -> retryUntil200(vertx, call, attemptsLeft - 1));
    });
  }
}
