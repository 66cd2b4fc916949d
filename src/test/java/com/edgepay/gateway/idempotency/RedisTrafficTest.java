package com.edgepay.gateway.idempotency;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.RedisMonitor;
import com.edgepay.gateway.support.RedisServer;
import com.edgepay.gateway.support.Scrape;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hot-path budget, as Redis itself counts it: claim + settle per money call, one check per read. */
@ExtendWith(VertxExtension.class)
class RedisTrafficTest {
  private final RedisServer redis = RedisServer.start();
  private final RedisMonitor monitor = new RedisMonitor(redis.port());

  @AfterEach
  void stop() {
    monitor.close();
    redis.close();
  }

  @Test
  void oneRoundTripToClaimOneToSettleAndOneForARead(Vertx vertx, VertxTestContext ctx) {
    MultiMap order = MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_budget").add("amount", "1")
        .add("customer_id", "cust_b");
    RecordingUpstream.start(vertx).compose(u -> GatewayFixture.start(vertx, u.baseUrl(),
            config -> config.put("redis", new JsonObject().put("url", redis.url())), tenants -> { }))
        // Warm up once, so that loading the scripts (EVAL after NOSCRIPT) is not counted.
        .compose(gw -> gw.post("/orders", ACME_KEY).sendForm(order)
            .compose(r -> gw.request(HttpMethod.GET, "/orders/ord_budget", ACME_KEY).send()).map(gw))
        .compose(gw -> vertx.timer(100).map(gw))
        .compose(gw -> {
          monitor.clear();
          return gw.post("/txns", ACME_KEY).sendForm(MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_budget")
              .add("payment_method_type", "NB")).compose(r -> vertx.timer(200)).map(gw);
        })
        .compose(gw -> {
          ctx.verify(() -> assertEquals(List.of("evalsha", "evalsha"), monitor.commands(), "a payment: claim + settle"));
          monitor.clear();
          return gw.request(HttpMethod.GET, "/orders/ord_budget", ACME_KEY).send().compose(r -> vertx.timer(200)).map(gw);
        })
        .compose(gw -> {
          ctx.verify(() -> assertEquals(List.of("evalsha"), monitor.commands(), "a read: the routing check"));
          return WebClient.create(vertx).get(gw.adminPort(), "127.0.0.1", "/metrics").send();
        })
        .onComplete(ctx.succeeding(scrape -> ctx.verify(() -> {
          Scrape metrics = Scrape.parse(scrape.bodyAsString());
          assertNotNull(metrics.bucket("gateway_redis_duration_seconds", 0.0005, Map.of("op", "claim")));
          assertNotNull(metrics.bucket("gateway_redis_duration_seconds", 0.0005, Map.of("op", "settle")));
          assertNotNull(metrics.bucket("gateway_redis_duration_seconds", 0.0005, Map.of("op", "route_check")));
          assertEquals(1, metrics.named("gateway_idempotency_total").stream()
              .filter(s -> s.has(Map.of("route", "/txns", "outcome", "new"))).count());
          assertEquals(true, metrics.hasFamily("gateway_routing_id_total"));
          ctx.completeNow();
        })));
  }
}
