package com.edgepay.gateway.edge;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Ports;
import com.edgepay.gateway.support.RecordingUpstream;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Deadlines end the request and the upstream call; unreachable upstreams are a clean 502. */
@ExtendWith(VertxExtension.class)
class DeadlineTest {
  private static MultiMap order(String id) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", id).add("amount", "1.00");
  }

  @Test
  void deadlineAnswers504AndResetsTheUpstreamCall(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(upstream -> {
      upstream.hang();
      return GatewayFixture.start(vertx, upstream.baseUrl()).compose(gw -> gw.post("/orders", ACME_KEY)
          .putHeader("x-gateway-timeout-ms", "300")
          .sendForm(order("o_deadline"))
          .map(response -> {
            ctx.verify(() -> {
              assertEquals(504, response.statusCode());
              assertEquals("UPSTREAM_TIMEOUT", response.bodyAsJsonObject().getString("error_code"));
              assertEquals(1, upstream.seen().size());
              Counter hits = gw.registry.find("gateway.deadline.exceeded").tag("route", "/orders").counter();
              assertEquals(1.0, hits.count());
            });
            return upstream;
          }));
    }).compose(upstream -> vertx.timer(300).map(upstream)).onComplete(ctx.succeeding(upstream -> ctx.verify(() -> {
      assertEquals(1, upstream.resets().size(), "the upstream request must be reset, not left running");
      ctx.completeNow();
    })));
  }

  @Test
  void clientHeaderCanShortenButNeverLengthen(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(upstream -> {
      upstream.hang();
      return GatewayFixture.start(vertx, upstream.baseUrl(), config -> { },
          tenants -> tenants.getJsonObject(0).put("deadlines_ms", new JsonObject().put("POST /orders", 250)));
    }).compose(gw -> {
      long started = System.nanoTime();
      return gw.post("/orders", ACME_KEY).putHeader("x-gateway-timeout-ms", "60000").timeout(20_000)
          .sendForm(order("o_long")).map(response -> {
            ctx.verify(() -> {
              assertEquals(504, response.statusCode());
              // The tenant's 250 ms stands: not the route's 2000 ms default, nor the 60 s the client asked for.
              long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
              assertTrue(tookMs >= 250, "answered before the deadline passed: " + tookMs + " ms");
              assertTrue(tookMs < 1_500, "the tenant's deadline did not hold: " + tookMs + " ms");
            });
            return gw;
          });
    }).compose(gw -> gw.post("/orders", ACME_KEY).putHeader("x-gateway-timeout-ms", "soon").sendForm(order("o_bad")))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertEquals(400, response.statusCode());
          assertEquals("x-gateway-timeout-ms", response.bodyAsJsonObject().getJsonObject("error_info")
              .getJsonArray("fields").getJsonObject(0).getString("field_name"));
          ctx.completeNow();
        })));
  }

  @Test
  void refusedConnectionIs502AndNothingWasSent(Vertx vertx, VertxTestContext ctx) {
    int closedPort = Ports.free();
    GatewayFixture[] fixture = new GatewayFixture[1];
    GatewayFixture.start(vertx, "http://127.0.0.1:" + closedPort)
        .compose(gw -> {
          fixture[0] = gw;
          return gw.post("/txns", ACME_KEY).sendForm(order("o_refused").add("payment_method_type", "NB"));
        })
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          GatewayFixture gw = fixture[0];
          assertEquals(502, response.statusCode());
          JsonObject body = response.bodyAsJsonObject();
          assertEquals("UPSTREAM_UNAVAILABLE", body.getString("error_code"));
          assertEquals("SERVER_ERROR", body.getJsonObject("error_info").getString("category"));
          // Nothing was sent, so exactly one retry was allowed and taken.
          assertEquals(1.0, gw.registry.find("gateway.upstream.connect.retries").counter().count());
          ctx.completeNow();
        })));
  }

  @Test
  void aPostIsNeverRetriedOnceItWasSent(Vertx vertx, VertxTestContext ctx) {
    GatewayFixture[] fixture = new GatewayFixture[1];
    RecordingUpstream.start(vertx).compose(upstream -> {
      upstream.behave((request, body) -> request.connection().close());
      return GatewayFixture.start(vertx, upstream.baseUrl())
          .compose(gw -> (fixture[0] = gw).post("/txns", ACME_KEY).sendForm(order("o_reset").add("payment_method_type", "NB")))
          .map(response -> {
            ctx.verify(() -> {
              assertEquals(502, response.statusCode());
              assertEquals(1, upstream.seen().size(), "a sent POST must not be repeated");
              assertEquals(null, fixture[0].registry.find("gateway.upstream.connect.retries").counter());
            });
            return response;
          });
    }).onComplete(ctx.succeeding(r -> ctx.completeNow()));
  }
}
