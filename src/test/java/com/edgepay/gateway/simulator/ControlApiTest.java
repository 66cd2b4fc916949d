package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.API_KEY;
import static com.edgepay.gateway.simulator.SimHarness.MERCHANT;
import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ControlApiTest {

  private static final String CARD = "4111111111111111";
  private static final String CVV = "737";

  private SimHarness sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    SimHarness.start(vertx, LatencyMode.NONE).onComplete(tc.succeeding(h -> {
      sim = h;
      tc.completeNow();
    }));
  }

  @Test
  void statsCountJuspayCallsIncludingFaultedAndUnauthorisedOnes(VertxTestContext tc) {
    sim.control(HttpMethod.POST, "/__sim/faults", new JsonObject()
            .put("match", new JsonObject().put("route", "GET /orders/:order_id")).put("status", 500))
        .compose(f -> sim.createOrder("ord_stats", "1"))
        .compose(o -> sim.get("/orders/ord_stats"))
        .compose(faulted -> sim.bare(HttpMethod.POST, "/txns").send())
        .compose(unauthorised -> sim.control(HttpMethod.GET, "/__sim/stats", null))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject stats = json(r, 200);
          assertEquals(3, stats.getLong("total"));
          JsonObject byRoute = stats.getJsonObject("by_route");
          assertEquals(1, byRoute.getLong("POST /orders"));
          assertEquals(1, byRoute.getLong("GET /orders/:order_id"));
          assertEquals(1, byRoute.getLong("POST /txns"));
          assertEquals(3, byRoute.size(), "control calls are not counted");
          tc.completeNow();
        })));
  }

  @Test
  void journalKeepsHeadersNamesAndAKeyHashButNoValues(VertxTestContext tc) {
    sim.createOrder("ord_j", "9.99")
        .compose(o -> sim.request(HttpMethod.POST, "/txns").putHeader("x-request-id", "req-42")
            .sendForm(SimHarness.form("order_id", "ord_j", "merchant_id", MERCHANT,
                "payment_method_type", "CARD", "card_number", CARD, "card_security_code", CVV)))
        .compose(paid -> sim.createOrder("ord_unrelated", "1"))
        .compose(o -> sim.control(HttpMethod.GET, "/__sim/requests?order_id=ord_j", null))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertFalse(r.bodyAsString().contains(CARD), "card number leaked into the journal");
          assertFalse(r.bodyAsString().contains(API_KEY), "API key leaked into the journal");
          JsonArray entries = r.bodyAsJsonArray();
          assertEquals(2, entries.size());
          JsonObject txn = entries.getJsonObject(1);
          assertEquals("POST /txns", txn.getString("route"));
          assertEquals("POST", txn.getString("method"));
          assertEquals("/txns", txn.getString("path"));
          assertEquals(MERCHANT, txn.getString("merchant_id"));
          assertEquals("customer_1122", txn.getString("routing_id"));
          assertEquals("req-42", txn.getString("request_id"));
          assertEquals("2024-06-01", txn.getString("version"));
          assertTrue(txn.getString("content_type").startsWith("application/x-www-form-urlencoded"));
          assertEquals(sha256(API_KEY), txn.getString("api_key_sha256"));
          assertEquals(new JsonArray(List.of("card_number", "card_security_code", "merchant_id", "order_id",
              "payment_method_type")), txn.getJsonArray("params"));
          tc.completeNow();
        })));
  }

  @Test
  void journalHasNoKeyHashWithoutAuth(VertxTestContext tc) {
    sim.bare(HttpMethod.GET, "/orders/anon").send()
        .compose(r -> sim.control(HttpMethod.GET, "/__sim/requests", null))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject entry = r.bodyAsJsonArray().getJsonObject(0);
          assertNull(entry.getString("api_key_sha256"));
          assertEquals("anon", entry.getString("order_id"));
          tc.completeNow();
        })));
  }

  @Test
  void resetForgetsOrdersFaultsJournalAndCounters(VertxTestContext tc) {
    sim.createOrder("ord_reset_all", "1")
        .compose(o -> sim.control(HttpMethod.POST, "/__sim/faults", new JsonObject().put("status", 500)))
        .compose(f -> sim.control(HttpMethod.POST, "/__sim/reset", null))
        .compose(reset -> {
          assertEquals(204, reset.statusCode());
          return sim.control(HttpMethod.GET, "/__sim/stats", null);
        })
        .compose(stats -> {
          assertEquals(0, json(stats, 200).getLong("total"));
          assertTrue(sim.state.requests(null).isEmpty());
          return sim.get("/orders/ord_reset_all");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals(404, r.statusCode(), "order forgotten, and no fault left to answer 500");
          tc.completeNow();
        })));
  }

  private static String sha256(String value) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }
}
