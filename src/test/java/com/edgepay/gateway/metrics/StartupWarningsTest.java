package com.edgepay.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A clean start says nothing alarming: every WARN at start-up is one an operator must act on. The
 * test owns its Vert.x (with metrics, as in production) and waits on the JUnit thread for it to
 * close, so that no later test shares its metrics backend.
 */
class StartupWarningsTest {
  @Test
  void aGatewayWithSeveralEventLoopsStartsAndServesWithoutWarnings() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(new VertxOptions().setEventLoopPoolSize(3), registry);
    long[] httpPools = {0};
    try {
      RecordingUpstream.start(vertx)
          .compose(upstream -> GatewayFixture.start(vertx, upstream.baseUrl(),
              config -> config.getJsonObject("server").put("event_loops", 3), tenants -> { }, registry))
          .compose(gw -> {
            // New connections land on every edge event loop, so each loop's upstream pool gets made.
            WebClient fresh = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
            Future<Void> calls = Future.succeededFuture();
            for (int i = 0; i < 6; i++) {
              calls = calls.compose(v -> fresh.get(gw.config.server().port(), "127.0.0.1", "/orders/o_" + System.nanoTime())
                  .putHeader("Authorization", GatewayFixture.basic(GatewayFixture.ACME_KEY)).send().mapEmpty());
            }
            return calls.compose(v -> {
              httpPools[0] = registry.find("vertx.pool.queue.pending").tag("pool_type", "http").gauges().stream()
                  .filter(g -> !g.getId().getTag("pool_name").startsWith("127.0.0.1:" + gw.config.server().port() + " ")).count();
              return gw.gateway.stop();
            });
          })
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      root.detachAppender(captured);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    List<String> warnings = captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
    assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("gateway listening")),
        "the start-up log was captured");
    assertEquals(List.of(), warnings);
    assertTrue(httpPools[0] >= 2, "each event loop's pool to Juspay has its own gauge: " + httpPools[0]);
  }
}
