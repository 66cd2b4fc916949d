package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deadline filter arms one timer per request, interrupts when it fires, and cancels it on the way out. */
@ExtendWith(VertxExtension.class)
class DeadlineFilterTest {
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final DeadlinePolicy policy = new DeadlinePolicy(Map.of(ApiRoute.TXNS, 800L));

  @Test
  void theTightestOfRouteTenantAndClientWins(Vertx vertx) {
    DeadlineFilter filter = new DeadlineFilter(vertx, policy, new GatewayMetrics(registry));
    Exchange route = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme());
    filter.onRequest(route);
    assertEquals(800, (route.deadlineNanos - route.startNanos) / 1_000_000);

    Exchange tenant = Exchanges.routed(HttpMethod.POST, "/txns",
        Exchanges.acme(t -> t.put("deadlines_ms", new JsonObject().put("POST /txns", 300))));
    filter.onRequest(tenant);
    assertEquals(300, (tenant.deadlineNanos - tenant.startNanos) / 1_000_000);

    Exchange shorter = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "120");
    filter.onRequest(shorter);
    assertEquals(120, (shorter.deadlineNanos - shorter.startNanos) / 1_000_000);

    Exchange longer = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "60000");
    filter.onRequest(longer);
    assertEquals(800, (longer.deadlineNanos - longer.startNanos) / 1_000_000, "a client may shorten, never lengthen");

    Exchange bad = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "-5");
    GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(bad));
    assertEquals("INVALID_PARAMETER", e.code().name());
    for (Exchange ex : new Exchange[] {route, tenant, shorter, longer}) {
      filter.onResponse(ex, Outcome.Refusal.unsent(Outcomes.DEADLINE));
    }
  }

  @Test
  void whenItPassesTheRequestIsInterruptedAndCountedIfItEndedTheRequest(Vertx vertx, VertxTestContext ctx) {
    DeadlineFilter filter = new DeadlineFilter(vertx, policy, new GatewayMetrics(registry));
    Exchange cut = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "30");
    Exchange raced = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "30");
    assertNull(filter.onRequest(cut));
    assertNull(filter.onRequest(raced));
    vertx.setTimer(300, t -> ctx.verify(() -> {
      assertEquals(Interruption.DEADLINE, cut.interruption());
      filter.onResponse(cut, new Outcome.Refusal(Outcomes.DEADLINE, true));
      filter.onResponse(raced, new Outcome.Replay(new com.edgepay.gateway.idempotency.StoredReply(200, null, null,
          io.vertx.core.buffer.Buffer.buffer())));
      assertEquals(1.0, registry.find("gateway.deadline.exceeded").tag("route", "/txns").counter().count(),
          "a replay that won the race is no deadline hit");
      ctx.completeNow();
    }));
  }

  @Test
  void anAnsweredRequestsTimerIsCancelled(Vertx vertx, VertxTestContext ctx) {
    DeadlineFilter filter = new DeadlineFilter(vertx, policy, new GatewayMetrics(registry));
    Exchange ex = Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(), "x-gateway-timeout-ms", "50");
    filter.onRequest(ex);
    filter.onResponse(ex, Outcome.Refusal.unsent(Outcomes.DEADLINE));
    assertTrue(ex.deadlineTimer >= 0);
    vertx.setTimer(300, t -> ctx.verify(() -> {
      assertNull(ex.interruption(), "the cancelled timer never fired");
      assertNull(registry.find("gateway.deadline.exceeded").counter());
      ctx.completeNow();
    }));
  }
}
