package com.edgepay.gateway.metrics;

import static com.edgepay.gateway.support.GatewayFixture.ACME_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import com.edgepay.gateway.support.Scrape;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxTestContext;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One varied run, then one scrape. Every name the dashboard and alerts use must exist; no label may
 * carry an order, customer or routing id, a key or card data; series stay bounded by
 * tenants x routes x statuses.
 */
@ExtendWith(VertxExtension.class)
class MetricsHygieneTest {
  private static final String PAN = "4111111111111111";
  private static final String CVV = "737";
  private static final List<String> SECRETS = List.of(ACME_KEY, GLOBEX_KEY, ACME_JUSPAY_KEY, GLOBEX_JUSPAY_KEY, PAN,
      CVV, "ord_hyg", "cust_hyg", "rid_hyg", "rf_hyg", "txn_hyg");

  @Test
  void aScrapeAfterAVariedRunIsCompleteSafeAndBounded(VertxTestContext ctx) throws IOException {
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(new VertxOptions(), registry);
    List<String> expectedNames = Files.readAllLines(Path.of("observability/metric-names.txt")).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    RecordingUpstream[] up = new RecordingUpstream[1];
    RecordingUpstream.start(vertx).compose(u -> {
      up[0] = u;
      u.behave((request, body) -> {
        if (request.path().contains("boom")) {
          RecordingUpstream.respond(request.response(), 503, "{\"status\":\"error\"}");
        } else {
          request.response().putHeader("content-type", "application/json")
              .end("{\"status\":\"NEW\",\"txn_uuid\":\"txn_hyg_1\"}");
        }
      });
      return GatewayFixture.start(vertx, u.baseUrl(), config -> {
        config.getJsonObject("upstream").put("circuit", new JsonObject().put("max_failures", 2));
        config.put("deadlines_ms", new JsonObject().put("GET /orders/{order_id}", 300));
      }, tenants -> tenants.getJsonObject(1).put("rate_limit", new JsonObject().put("per_second", 1).put("burst", 1)),
          registry);
    }).compose(gw -> run(gw).compose(v -> hostileFraming(vertx, gw.config.server().port()))
            // jvm_gc_pause_seconds appears at the JVM's first collection after binding; force one.
            .compose(v -> vertx.executeBlocking(() -> {
              System.gc();
              return null;
            }))
            .compose(v -> vertx.timer(200))
            .compose(v -> WebClient.create(vertx).get(gw.adminPort(), "127.0.0.1", "/metrics").send()))
        .onComplete(ctx.succeeding(scrape -> ctx.verify(() -> {
          Scrape parsed = Scrape.parse(scrape.bodyAsString());
          assertNamesExist(parsed, expectedNames);
          // Vert.x's own: JVM, event loops (Netty task queues), the Juspay client pool, the Redis pool.
          assertTrue(parsed.hasFamily("jvm_gc_pause_seconds"));
          assertTrue(parsed.hasFamily("netty_eventexecutor_tasks_pending"));
          for (String pool : new String[] {"http", "redis"}) {
            assertTrue(parsed.named("vertx_pool_in_use").stream().anyMatch(x -> pool.equals(x.labels().get("pool_type"))),
                pool + " pool metrics");
          }
          assertNoSecretsInLabels(parsed);
          assertBounded(parsed);
          vertx.close().onComplete(v -> ctx.completeNow());
        })));
  }

  /** Statuses 200, 400, 401, 404, 409, 422, 429, 502/503 (circuit), replays, redis ops, validation. */
  private static Future<Void> run(GatewayFixture gw) {
    MultiMap order = form("order_id", "ord_hyg", "amount", "10.00", "customer_id", "cust_hyg");
    MultiMap card = form("order_id", "ord_hyg", "payment_method_type", "CARD", "card_number", PAN,
        "card_exp_month", "13", "card_exp_year", "29", "card_security_code", CVV);
    List<java.util.function.Supplier<Future<HttpResponse<Buffer>>>> calls = new ArrayList<>(List.of(
        () -> gw.post("/orders", ACME_KEY).putHeader("x-routing-id", "rid_hyg").sendForm(order),
        () -> gw.post("/orders", ACME_KEY).putHeader("x-routing-id", "rid_hyg").sendForm(order),
        () -> gw.post("/orders", ACME_KEY).putHeader("x-routing-id", "rid_hyg")
            .sendForm(form("order_id", "ord_hyg", "amount", "11.00", "customer_id", "cust_hyg")),
        () -> gw.post("/txns", ACME_KEY).sendForm(card),
        () -> gw.post("/orders/ord_hyg/refunds", ACME_KEY).sendForm(form("unique_request_id", "rf_hyg", "amount", "1")),
        () -> gw.request(HttpMethod.GET, "/orders/ord_hyg", ACME_KEY).putHeader("x-routing-id", "someone").send(),
        () -> gw.request(HttpMethod.GET, "/orders/ord_hyg", null).send(),
        () -> gw.request(HttpMethod.GET, "/nowhere/ord_hyg", ACME_KEY).send(),
        () -> gw.post("/v2/txns/txn_hyg_1/capture", ACME_KEY).send(),
        () -> gw.post("/orders", GLOBEX_KEY).sendForm(form("order_id", "ord_hyg_g", "amount", "1")),
        () -> gw.post("/orders", GLOBEX_KEY).sendForm(form("order_id", "ord_hyg_g2", "amount", "1"))));
    for (int i = 0; i < 4; i++) {
      calls.add(() -> gw.request(HttpMethod.GET, "/orders/boom_hyg", ACME_KEY).send());
    }
    Future<HttpResponse<Buffer>> chain = Future.succeededFuture();
    for (var call : calls) {
      chain = chain.compose(r -> call.get());
    }
    return chain.mapEmpty();
  }

  /** A request the framing guard refuses: the connection is answered 400 and closed. */
  private static Future<Void> hostileFraming(Vertx vertx, int port) {
    return vertx.createNetClient().connect(port, "127.0.0.1").compose(socket -> {
      io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
      socket.closeHandler(v -> closed.tryComplete());
      socket.write("POST /orders HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      return closed.future().timeout(5, java.util.concurrent.TimeUnit.SECONDS);
    });
  }

  private static void assertNamesExist(Scrape scrape, List<String> names) {
    Set<String> present = scrape.all().stream().map(Scrape.Series::name).collect(Collectors.toSet());
    List<String> missing = names.stream().filter(n -> !present.contains(n)).toList();
    assertTrue(missing.isEmpty(), "used by the dashboard or alerts but not in the scrape: " + missing);
  }

  private static void assertNoSecretsInLabels(Scrape scrape) {
    for (Scrape.Series s : scrape.all()) {
      for (String value : s.labels().values()) {
        for (String secret : SECRETS) {
          assertTrue(!holds(value, secret), s.name() + " has a label holding '" + secret + "': " + s.labels());
        }
      }
    }
  }

  /**
   * A secret counts as held when it stands alone: digits on either side make it part of a longer
   * number (the CVV 737 inside a pool named after port 43737 is not a leak).
   */
  private static boolean holds(String value, String secret) {
    for (int at = value.indexOf(secret); at >= 0; at = value.indexOf(secret, at + 1)) {
      int end = at + secret.length();
      boolean digitBefore = at > 0 && Character.isDigit(value.charAt(at - 1));
      boolean digitAfter = end < value.length() && Character.isDigit(value.charAt(end));
      if (!digitBefore && !digitAfter) {
        return true;
      }
    }
    return false;
  }

  /** Every gateway label value comes from a fixed vocabulary, so series are bounded by construction. */
  private static void assertBounded(Scrape scrape) {
    Set<String> tenants = Set.of("acme", "globex", "unknown");
    Set<String> routes = Arrays.stream(ApiRoute.values()).map(ApiRoute::template).collect(Collectors.toCollection(HashSet::new));
    routes.add("unmatched");
    List<Scrape.Series> requests = scrape.named("gateway_request_duration_seconds_count");
    Set<String> statuses = new HashSet<>();
    for (Scrape.Series s : requests) {
      assertTrue(tenants.contains(s.labels().get("tenant")), s.labels().toString());
      assertTrue(routes.contains(s.labels().get("route")), s.labels().toString());
      assertTrue(s.labels().get("status").matches("[1-5]\\d\\d"), s.labels().toString());
      statuses.add(s.labels().get("status"));
    }
    assertTrue(statuses.size() >= 7, "the run should have produced varied statuses: " + statuses);
    assertTrue(requests.size() <= tenants.size() * routes.size() * statuses.size());
    for (Scrape.Series s : scrape.all()) {
      if (s.name().startsWith("gateway_") && s.labels().containsKey("route")) {
        assertTrue(routes.contains(s.labels().get("route")), s.name() + " " + s.labels());
      }
    }
  }

  private static MultiMap form(String... pairs) {
    return Forms.of(pairs);
  }
}
