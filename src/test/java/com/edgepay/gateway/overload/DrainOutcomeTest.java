package com.edgepay.gateway.overload;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A drain that outlasts Juspay: what was still in flight is recorded as UNKNOWN for the next replica. */
@ExtendWith(VertxExtension.class)
class DrainOutcomeTest {
  @Test
  void unfinishedCallsAreRecordedUnknown(Vertx vertx, VertxTestContext ctx) {
    MultiMap payment = MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_drain").add("payment_method_type", "NB");
    Promise<Void> arrived = Promise.promise();
    RedisServer redis = RedisServer.start();
    RecordingUpstream.start(vertx).compose(u -> {
      u.behave((request, body) -> arrived.tryComplete());
      return GatewayFixture.start(vertx, u.baseUrl(), config -> {
        config.put("redis", new JsonObject().put("url", redis.url()));
        config.getJsonObject("server").put("drain_seconds", 1);
        config.put("deadlines_ms", new JsonObject().put("POST /txns", 10_000));
      }, tenants -> { }).map(gw -> new Object[] {u, gw});
    }).compose(pair -> {
      RecordingUpstream u = (RecordingUpstream) pair[0];
      GatewayFixture first = (GatewayFixture) pair[1];
      Future<HttpResponse<Buffer>> inFlight = first.post("/txns", ACME_KEY).sendForm(payment);
      return arrived.future()
          .compose(v -> first.gateway.drainAndStop())
          .compose(v -> inFlight)
          .compose(aborted -> {
            ctx.verify(() -> {
              assertEquals(502, aborted.statusCode(), "it was sent: the outcome is unknown, not 'try again'");
              assertEquals("OUTCOME_UNKNOWN", aborted.bodyAsJsonObject().getString("error_code"));
              assertEquals(null, aborted.getHeader("retry-after"));
            });
            // The next replica shares the same Redis: it must not let the payment go out again.
            return GatewayFixture.start(vertx, u.baseUrl(), config -> config.put("redis",
                new JsonObject().put("url", redis.url())), tenants -> { });
          })
          .compose(second -> second.post("/txns", ACME_KEY).sendForm(payment))
          .map(retry -> {
            ctx.verify(() -> {
              assertEquals(409, retry.statusCode());
              assertEquals("OUTCOME_UNKNOWN", retry.bodyAsJsonObject().getString("error_code"));
              assertEquals(1, u.moneyCalls().size());
            });
            return retry;
          });
    }).onComplete(ctx.succeeding(r -> {
      redis.close();
      ctx.completeNow();
    }));
  }
}
