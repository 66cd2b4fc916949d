package com.edgepay.gateway.edge;

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
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The deadline and the drain bound a request even when Redis stalls (SIGSTOP): it is answered in
 * time with a code that says nothing was sent, or, if it was, that the outcome is unknown. (From a
 * review that found the first version of the filters waited for Redis instead.)
 */
@ExtendWith(VertxExtension.class)
class StalledStoreTest {
  private RedisServer redis;

  @AfterEach
  void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  private static MultiMap order(String id) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", id).add("amount", "1.00");
  }

  private Future<GatewayFixture[]> start(Vertx vertx, RecordingUpstream[] up, long commandTimeoutMs, int drainSeconds) {
    redis = RedisServer.start();
    return RecordingUpstream.start(vertx).compose(u -> {
      up[0] = u;
      return GatewayFixture.start(vertx, u.baseUrl(), config -> {
        config.put("redis", new JsonObject().put("url", redis.url()).put("command_timeout_ms", commandTimeoutMs));
        config.getJsonObject("server").put("drain_seconds", drainSeconds);
        config.put("deadlines_ms", new JsonObject().put("POST /txns", 10_000));
      }, tenants -> { });
    }).compose(gw -> gw.post("/orders", ACME_KEY).sendForm(order("o_warm")).map(w -> new GatewayFixture[] {gw}));
  }

  /** A claim waiting on a stalled Redis is cut off at the deadline: nothing was sent, and the answer says why. */
  @Test
  void aStalledClaimIsStillCutOffAtTheDeadline(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    GatewayFixture[] gw = new GatewayFixture[1];
    start(vertx, up, 3_000, 2).compose(gws -> {
      gw[0] = gws[0];
      redis.pause();
      long started = System.nanoTime();
      return gws[0].post("/orders", ACME_KEY).putHeader("x-gateway-timeout-ms", "200").sendForm(order("o_stall"))
          .map(r -> {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            ctx.verify(() -> {
              assertTrue(tookMs < 1_000, "the 200 ms deadline did not bound the request: " + tookMs + " ms, status "
                  + r.statusCode());
              assertEquals(503, r.statusCode());
              assertEquals("IDEMPOTENCY_STORE_UNAVAILABLE", r.bodyAsJsonObject().getString("error_code"));
              assertEquals(0, up[0].moneyCalls().size() - 1, "only the warm-up call reached Juspay");
            });
            return r;
          });
    }).compose(cut -> {
      redis.resume();
      return vertx.timer(150);
    }).compose(t -> gw[0].post("/orders", ACME_KEY).sendForm(order("o_stall")))
        .onComplete(ctx.succeeding(retry -> ctx.verify(() -> {
          assertEquals(200, retry.statusCode(), "the claim that landed after the deadline was released, not left blocking");
          ctx.completeNow();
        })));
  }

  /** Juspay is slow, then Redis stalls: the 504 waits for its record at most settle_wait_ms. */
  @Test
  void aDeadlineAnswerIsNotHeldBackByTheSettle(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    start(vertx, up, 100, 2).compose(gws -> {
      up[0].behave((request, body) -> redis.pause());
      long started = System.nanoTime();
      return gws[0].post("/orders", ACME_KEY).putHeader("x-gateway-timeout-ms", "300").sendForm(order("o_slow"))
          .map(r -> {
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            ctx.verify(() -> {
              assertEquals(504, r.statusCode());
              assertTrue(tookMs < 1_000, "the 300 ms deadline answered after " + tookMs + " ms");
            });
            return r;
          });
    }).onComplete(ctx.succeeding(r -> {
      redis.resume();
      ctx.completeNow();
    }));
  }

  /** A drain whose time is up while a claim waits on a stalled Redis still answers it. */
  @Test
  void aDrainAnswersARequestWaitingOnTheStore(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    start(vertx, up, 8_000, 1).compose(gws -> {
      redis.pause();
      long started = System.nanoTime();
      Future<HttpResponse<Buffer>> waiting = gws[0].post("/orders", ACME_KEY).sendForm(order("o_drain"));
      Future<Void> drained = vertx.timer(100).compose(t -> gws[0].gateway.drainAndStop());
      return waiting.transform(done -> {
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ctx.verify(() -> {
          assertTrue(done.succeeded(), "the client got no answer at all: " + done.cause());
          assertEquals(503, done.result().statusCode());
          assertEquals("DRAINING", done.result().bodyAsJsonObject().getString("error_code"), "nothing was sent");
        });
        return drained.otherwiseEmpty();
      });
    }).onComplete(ctx.succeeding(r -> {
      redis.resume();
      ctx.completeNow();
    }));
  }

  /** Juspay hangs, Redis stalls during the drain: the aborted call is still answered, as unknown. */
  @Test
  void aDrainWithDefaultTimeoutsAnswersAnAbortedCallWhoseSettleStalls(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream[] up = new RecordingUpstream[1];
    start(vertx, up, 150, 1).compose(gws -> {
      io.vertx.core.Promise<Void> arrived = io.vertx.core.Promise.promise();
      up[0].behave((request, body) -> arrived.tryComplete());
      long started = System.nanoTime();
      Future<HttpResponse<Buffer>> waiting = gws[0].post("/txns", ACME_KEY).sendForm(order("o_drain2")
          .add("payment_method_type", "NB"));
      Future<Void> drained = arrived.future().compose(v -> {
        redis.pause();
        return gws[0].gateway.drainAndStop();
      });
      return waiting.transform(done -> {
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ctx.verify(() -> {
          assertTrue(done.succeeded(), "the client got no answer at all: " + done.cause());
          assertEquals(502, done.result().statusCode());
          assertEquals("OUTCOME_UNKNOWN", done.result().bodyAsJsonObject().getString("error_code"), "it was sent");
        });
        return drained.otherwiseEmpty();
      });
    }).onComplete(ctx.succeeding(r -> {
      redis.resume();
      ctx.completeNow();
    }));
  }
}
