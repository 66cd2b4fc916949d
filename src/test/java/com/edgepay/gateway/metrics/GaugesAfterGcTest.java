package com.edgepay.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.Scrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract: gateway_ready, gateway_redis_up and gateway_in_flight_requests always read a number.
 * Micrometer holds a gauge's state object weakly unless told otherwise, and the gateway registers
 * them with suppliers nothing else refers to; after a collection a weakly held gauge reads NaN. A
 * running gateway, several forced full collections (a weak canary proves they ran), then a scrape of
 * the admin port: every gateway gauge must still hold its value.
 */
@ExtendWith(VertxExtension.class)
class GaugesAfterGcTest {
  private static final List<String> CONTRACT_GAUGES = List.of("gateway_ready", "gateway_redis_up",
      "gateway_in_flight_requests");

  @Test
  void everyGatewayGaugeReadsANumberAfterGarbageCollection(VertxTestContext ctx) {
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(new VertxOptions(), registry);
    RecordingUpstream.start(vertx)
        .compose(up -> GatewayFixture.start(vertx, up.baseUrl(), registry))
        // One call, so the per-route circuit gauge and the upstream connection gauge exist too.
        .compose(gw -> gw.request(HttpMethod.GET, "/orders/o_gc", GatewayFixture.ACME_KEY).send()
            .compose(first -> {
              ctx.verify(() -> assertEquals(200, first.statusCode()));
              return vertx.executeBlocking(GaugesAfterGcTest::collectGarbage, false);
            })
            .compose(collections -> {
              ctx.verify(() -> assertTrue(collections >= 3, "forced collections that cleared the canary"));
              return WebClient.create(vertx).get(gw.adminPort(), "127.0.0.1", "/metrics").send();
            }))
        .onComplete(ctx.succeeding(scrape -> ctx.verify(() -> {
          Scrape parsed = Scrape.parse(scrape.bodyAsString());
          for (String name : CONTRACT_GAUGES) {
            List<Scrape.Series> series = parsed.named(name);
            assertEquals(1, series.size(), name + " is exported once");
            assertFalse(Double.isNaN(series.get(0).value()), name + " reads NaN after a GC");
          }
          assertEquals(1.0, parsed.named("gateway_ready").get(0).value(), "started, not draining");
          assertEquals(1.0, parsed.named("gateway_redis_up").get(0).value(), "the test's Redis answers");
          assertEquals(0.0, parsed.named("gateway_in_flight_requests").get(0).value(), "nothing in flight");
          // Every other gauge the gateway registers (circuit state, eviction safety, loop lag,
          // connections, unknown outcomes) holds its state the same way.
          List<String> nan = new ArrayList<>();
          for (Scrape.Series s : parsed.all()) {
            if (s.name().startsWith("gateway_") && Double.isNaN(s.value())) {
              nan.add(s.name() + s.labels());
            }
          }
          assertTrue(nan.isEmpty(), "gateway series reading NaN after a GC: " + nan);
          assertFalse(parsed.named("gateway_circuit_state").isEmpty(), "the circuit gauge was registered");
          vertx.close().onComplete(v -> ctx.completeNow());
        })));
  }

  /**
   * A gauge added later can't slip back to a weak reference: every Gauge.builder chain in the main
   * sources says strongReference(true) before it registers (and none uses registry.gauge(...), which
   * is always weak).
   */
  @Test
  void everyGaugeInTheSourcesIsHeldStrongly() throws java.io.IOException {
    List<String> weak = new ArrayList<>();
    int gauges = 0;
    try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
      for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = java.nio.file.Files.readString(file);
        if (source.matches("(?s).*\\.gauge(Collection|MapSize)?\\(.*")) {
          weak.add(file + ": registry.gauge(...)");
        }
        for (int at = source.indexOf("Gauge.builder("); at >= 0; at = source.indexOf("Gauge.builder(", at + 1)) {
          gauges++;
          String chain = source.substring(at, source.indexOf(".register(", at));
          if (!chain.contains(".strongReference(true)")) {
            weak.add(file + ": " + chain.lines().findFirst().orElse(""));
          }
        }
      }
    }
    assertTrue(gauges >= 9, "found the gauges (" + gauges + ")");
    assertTrue(weak.isEmpty(), "gauges held weakly: " + weak);
  }

  /**
   * Full collections until a weakly held canary is gone, three times over, with garbage in between
   * so each collection has work. Returns how many canaries were seen cleared.
   */
  private static int collectGarbage() throws InterruptedException {
    int cleared = 0;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (cleared < 3 && System.nanoTime() < until) {
      WeakReference<Object> canary = new WeakReference<>(new Object());
      for (int i = 0; i < 20 && canary.get() != null; i++) {
        byte[][] garbage = new byte[64][];
        for (int j = 0; j < garbage.length; j++) {
          garbage[j] = new byte[16 * 1024];
        }
        if (garbage[garbage.length - 1].length == 0) {
          throw new AssertionError("unreachable; keeps the allocation alive until here");
        }
        System.gc();
        Thread.sleep(20);
      }
      if (canary.get() == null) {
        cleared++;
      }
    }
    return cleared;
  }
}
