package com.edgepay.gateway.edge;

import static com.edgepay.gateway.edge.Exchanges.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.admin.Readiness;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.overload.RateLimit;
import com.edgepay.gateway.overload.TenantRateLimits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each head filter's decision table, without a server. */
class HeadFiltersTest {
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final GatewayMetrics metrics = new GatewayMetrics(registry);
  private final Readiness readiness = new Readiness();
  private final InFlightRequests inFlight = new InFlightRequests(readiness);

  private static final Outcome OK =
      new Outcome.Relay(new com.edgepay.gateway.upstream.UpstreamReply(200, "application/json", null, Buffer.buffer()));

  @Test
  void drainingRefusesNewWorkAndClosesConnectionsOnTheWayOut() {
    DrainingFilter filter = new DrainingFilter(inFlight);
    Exchange ex = Exchanges.request(HttpMethod.GET, "/orders/o1");
    assertNull(filter.onRequest(ex));
    filter.onResponse(ex, OK);
    assertNull(ex.replyHeaders.get("connection"), "a live replica keeps connections open");

    readiness.markDraining();
    Exchange late = Exchanges.request(HttpMethod.GET, "/orders/o1");
    Outcome refused = filter.onRequest(late);
    assertEquals("DRAINING", code(refused));
    assertEquals(1, ((Outcome.Refusal) refused).error().retryAfterSeconds());
    filter.onResponse(late, refused);
    assertEquals("close", late.replyHeaders.get("connection"));
  }

  @Test
  void anUnreadBodyClosesTheConnection() {
    DrainingFilter filter = new DrainingFilter(inFlight);
    Exchange ex = Exchanges.withBody(Exchanges.request(HttpMethod.POST, "/orders"), new BodySource() {
      @Override
      public io.vertx.core.Future<Buffer> read(int limit) {
        return io.vertx.core.Future.succeededFuture(Buffer.buffer());
      }

      @Override
      public boolean ended() {
        return false;
      }
    });
    filter.onResponse(ex, OK);
    assertEquals("close", ex.replyHeaders.get("connection"));
  }

  @Test
  void shedCountsEveryRequestInFlightAndRefusesPastTheCap() {
    ShedFilter filter = new ShedFilter(inFlight, 2, metrics);
    Exchange a = Exchanges.request(HttpMethod.GET, "/orders/a");
    Exchange b = Exchanges.request(HttpMethod.GET, "/orders/b");
    Exchange c = Exchanges.request(HttpMethod.GET, "/orders/c");
    assertNull(filter.onRequest(a));
    assertNull(filter.onRequest(b));
    Outcome refused = filter.onRequest(c);
    assertEquals("OVERLOADED", code(refused));
    assertEquals(3, inFlight.count());
    filter.onResponse(c, refused);
    filter.onResponse(a, OK);
    assertEquals(1, inFlight.count(), "the refused one and the answered one are no longer in flight");
    filter.onResponse(a, OK);
    assertEquals(1, inFlight.count(), "a second way out for the same request counts nothing");
    assertEquals(1.0, registry.find("gateway.overloaded").tag("reason", "in_flight").counter().count());

    filter.interruptAll();
    assertEquals(Interruption.SHUTDOWN, b.interruption(), "a drain reaches every request still in flight");
  }

  @Test
  void routeTableDecides() {
    RouteFilter filter = new RouteFilter();
    Exchange ok = Exchanges.request(HttpMethod.POST, "/orders/o_1/refunds");
    assertNull(filter.onRequest(ok));
    assertEquals(ApiRoute.REFUND, ok.match.route());
    assertEquals("o_1", ok.match.pathParam());
    assertEquals("MISDIRECTED_REQUEST", code(filter.onRequest(Exchanges.request(HttpMethod.GET, "http://evil/orders/o1"))));
    for (String off : new String[] {"/customers", "/orders/o1/../x", "/orders/%2e%2e", "/orders//refunds", "/txns/"}) {
      GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(Exchanges.request(HttpMethod.POST, off)));
      assertEquals("NOT_FOUND", e.code().name(), off);
    }
    GatewayError method = assertThrows(GatewayError.class,
        () -> filter.onRequest(Exchanges.request(HttpMethod.DELETE, "/orders/o1")));
    assertEquals("NOT_FOUND", method.code().name());
  }

  @Test
  void authenticationNamesTheTenantByItsKey() {
    AuthenticateFilter filter = new AuthenticateFilter(Exchanges.tenants(t -> { }));
    String basicNoColon = "Basic " + Base64.getEncoder().encodeToString(Exchanges.KEY.getBytes());
    for (String header : new String[] {basicNoColon, "Bearer " + Exchanges.KEY,
        "Basic " + Base64.getEncoder().encodeToString((Exchanges.KEY + ":").getBytes())}) {
      Exchange ex = Exchanges.request(HttpMethod.GET, "/orders/o1", "Authorization", header);
      assertNull(filter.onRequest(ex));
      assertEquals("acme", ex.tenant.id());
    }
    for (String bad : new String[] {null, "Bearer nope", "Basic !!!", "Digest " + Exchanges.KEY,
        "Basic " + Base64.getEncoder().encodeToString((Exchanges.KEY + ":pw").getBytes())}) {
      Exchange ex = bad == null ? Exchanges.request(HttpMethod.GET, "/orders/o1")
          : Exchanges.request(HttpMethod.GET, "/orders/o1", "Authorization", bad);
      GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(ex));
      assertEquals("UNAUTHORIZED", e.code().name(), String.valueOf(bad));
    }
  }

  @Test
  void aTenantThatPinsClientCertificatesNeedsOneEvenWithTheRightKey() {
    AuthenticateFilter filter = new AuthenticateFilter(Exchanges.tenants(t -> t.put("client_cert_sha256",
        new io.vertx.core.json.JsonArray().add("ab".repeat(32)))));
    Exchange ex = Exchanges.request(HttpMethod.GET, "/orders/o1", "Authorization", "Bearer " + Exchanges.KEY);
    GatewayError e = assertThrows(GatewayError.class, () -> filter.onRequest(ex));
    assertEquals("UNAUTHORIZED", e.code().name());
  }

  @Test
  void rateLimitRefusesWhenTheBucketIsEmptyAndAlwaysSaysWhereItStands() {
    RateLimitFilter filter = new RateLimitFilter(new TenantRateLimits(Map.of("acme", new RateLimit(1, 1))), metrics);
    Exchange first = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    assertNull(filter.onRequest(first));
    filter.onResponse(first, OK);
    assertEquals("1", first.replyHeaders.get(RateLimitFilter.LIMIT));
    assertEquals("0", first.replyHeaders.get(RateLimitFilter.REMAINING));

    Exchange second = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    Outcome refused = filter.onRequest(second);
    assertEquals("RATE_LIMITED", code(refused));
    assertTrue(((Outcome.Refusal) refused).error().retryAfterSeconds() >= 1);
    filter.onResponse(second, refused);
    assertNotNull(second.replyHeaders.get(RateLimitFilter.RESET), "a 429 carries the RateLimit headers too");

    RateLimitFilter unlimited = new RateLimitFilter(new TenantRateLimits(Map.of()), metrics);
    Exchange free = Exchanges.routed(HttpMethod.GET, "/orders/o1", Exchanges.acme());
    assertNull(unlimited.onRequest(free));
    unlimited.onResponse(free, OK);
    assertNull(free.replyHeaders.get(RateLimitFilter.LIMIT));
  }

  @Test
  void observeTimesCountsAndLogsEveryAnswerWhateverEndedItAndNeverItsContent() {
    ch.qos.logback.classic.Logger access = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("access");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
        new ch.qos.logback.core.read.ListAppender<>();
    lines.start();
    access.addAppender(lines);
    try {
      ObserveFilter filter = new ObserveFilter(metrics);
      Exchange ex = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme(),
          "authorization", "Bearer " + Exchanges.KEY), "order_id", "o_obs", "card_number", "4242424242424242",
          "card_security_code", "737");
      new IdentifyFilter().onRequest(ex);
      filter.onRequest(ex);
      filter.onResponse(ex, new Outcome.Refusal(Outcomes.DEADLINE, true));
      assertEquals(1, registry.find("gateway.request.duration").tag("tenant", "acme")
          .tag("route", "/txns").tag("status", "504").timer().count());
      assertEquals(1, lines.list.size());
      ch.qos.logback.classic.spi.ILoggingEvent line = lines.list.get(0);
      java.util.Map<String, Object> kv = new java.util.HashMap<>();
      line.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
      assertEquals(ex.requestId, kv.get("request_id"));
      assertEquals("acme", kv.get("tenant"));
      assertEquals("/txns", kv.get("route"));
      assertEquals(504, kv.get("status"));
      assertEquals("UPSTREAM_TIMEOUT", kv.get("error_code"));
      assertEquals("o_obs", kv.get("order_id"));
      String all = kv.toString() + line.getFormattedMessage();
      for (String secret : new String[] {"4242424242424242", "737", Exchanges.KEY}) {
        assertTrue(!all.contains(secret), "the access line holds " + secret + ": " + all);
      }
    } finally {
      access.detachAppender(lines);
    }
  }
}
