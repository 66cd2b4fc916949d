package com.edgepay.gateway.admin;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.Scrape;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import com.edgepay.gateway.metrics.MetricsSetup;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Probes, the scrape, and what a drain does to requests old and new. */
@ExtendWith(VertxExtension.class)
class AdminAndDrainTest {
  private static MultiMap order(String id) {
    return MultiMap.caseInsensitiveMultiMap().add("order_id", id).add("amount", "1.00");
  }

  @Test
  void probesAndScrapeServeTheContractFamilies(VertxTestContext ctx) {
    // Vert.x's own meters (JVM, event loops, client pool) exist only on a metrics-enabled instance.
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(new VertxOptions(), registry);
    WebClient admin = WebClient.create(vertx);
    RecordingUpstream.start(vertx).compose(u -> GatewayFixture.start(vertx, u.baseUrl(), registry))
        .compose(gw -> gw.post("/orders", ACME_KEY).sendForm(order("o_m1"))
            .compose(r -> Future.all(
                admin.get(gw.adminPort(), "127.0.0.1", "/health/live").send(),
                admin.get(gw.adminPort(), "127.0.0.1", "/health/ready").send(),
                admin.get(gw.adminPort(), "127.0.0.1", "/metrics").send())))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          HttpResponse<Buffer> live = all.resultAt(0);
          HttpResponse<Buffer> ready = all.resultAt(1);
          HttpResponse<Buffer> metrics = all.resultAt(2);
          assertEquals(200, live.statusCode());
          assertEquals(200, ready.statusCode());
          assertEquals("UP", ready.bodyAsJsonObject().getString("status"));
          assertTrue(metrics.getHeader("content-type").startsWith("text/plain"));
          Scrape scrape = Scrape.parse(metrics.bodyAsString());
          Scrape.Series under583 = scrape.bucket("gateway_request_duration_seconds", 0.583,
              Map.of("route", "/orders", "status", "200", "tenant", "acme"));
          assertEquals(1.0, under583.value());
          for (double le : new double[] {0.0198, 0.046, 0.068, 0.29, 0.429, 0.583, 1.0, 1.511, 2.0, 3.0, 0.0001}) {
            assertNotNull(scrape.bucket("gateway_upstream_duration_seconds", le, Map.of("route", "/orders", "outcome", "2xx")),
                "bucket " + le);
          }
          assertTrue(scrape.hasFamily("jvm_memory_used_bytes"));
          assertTrue(scrape.hasFamily("gateway_upstream_connections"), "connections to Juspay");
          assertTrue(scrape.hasFamily("vertx_pool_in_use"), "worker pool metrics");
          vertx.close().onComplete(v -> ctx.completeNow());
        })));
  }

  @Test
  void drainFinishesInFlightRequestsAndRefusesNewOnes(Vertx vertx, VertxTestContext ctx) {
    WebClient admin = WebClient.create(vertx);
    Promise<Void> arrived = Promise.promise();
    RecordingUpstream.start(vertx).compose(upstream -> {
      upstream.behave((request, body) -> {
        arrived.tryComplete();
        vertx.setTimer(400, t -> RecordingUpstream.okJson(request, body));
      });
      return GatewayFixture.start(vertx, upstream.baseUrl());
    }).compose(gw -> {
      Future<HttpResponse<Buffer>> slow = gw.post("/orders", ACME_KEY).sendForm(order("o_inflight"));
      return arrived.future().compose(t -> {
        Future<Void> drained = gw.gateway.drainAndStop();
        Future<HttpResponse<Buffer>> ready = admin.get(gw.adminPort(), "127.0.0.1", "/health/ready").send();
        Future<HttpResponse<Buffer>> late = gw.post("/orders", ACME_KEY).sendForm(order("o_late"));
        return Future.all(slow, ready, late, drained);
      });
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      HttpResponse<Buffer> slow = all.resultAt(0);
      HttpResponse<Buffer> ready = all.resultAt(1);
      HttpResponse<Buffer> late = all.resultAt(2);
      assertEquals(200, slow.statusCode(), "a request in flight when the drain starts finishes");
      assertEquals(503, ready.statusCode());
      assertEquals(503, late.statusCode());
      assertEquals("DRAINING", late.bodyAsJsonObject().getString("error_code"));
      assertEquals("1", late.getHeader("retry-after"));
      assertEquals("close", late.getHeader("connection"));
      ctx.completeNow();
    })));
  }
}
