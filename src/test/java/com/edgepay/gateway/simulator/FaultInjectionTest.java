package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.MERCHANT;
import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class FaultInjectionTest {

  private SimHarness sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext tc) {
    SimHarness.start(vertx, LatencyMode.NONE).onComplete(tc.succeeding(h -> {
      sim = h;
      tc.completeNow();
    }));
  }

  private Future<String> fault(JsonObject rule) {
    return sim.control(HttpMethod.POST, "/__sim/faults", rule).map(r -> json(r, 200).getString("id"));
  }

  private static JsonObject matchRoute(String route) {
    return new JsonObject().put("route", route);
  }

  @Test
  void statusFaultAnswersAJuspayErrorAndLeavesStateAlone(VertxTestContext tc) {
    fault(new JsonObject().put("match", matchRoute("POST /orders")).put("status", 503))
        .compose(id -> {
          assertTrue(id.startsWith("fault-"));
          return sim.postForm("/orders", "order_id", "ord_f503", "amount", "1");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          JsonObject error = json(r, 503);
          assertEquals("error", error.getString("status"));
          assertEquals("SERVER_ERROR", error.getJsonObject("error_info").getString("category"));
          assertTrue(sim.state.order(MERCHANT, "ord_f503").isEmpty(), "a status fault must not create");
          tc.completeNow();
        })));
  }

  @Test
  void delayFaultTakesAtLeastItsDelay(VertxTestContext tc) {
    long[] startedAt = new long[1];
    fault(new JsonObject().put("match", matchRoute("GET /orders/:order_id")).put("delay_ms", 300))
        .compose(id -> sim.createOrder("ord_slow", "1"))
        .compose(o -> {
          startedAt[0] = System.nanoTime();
          return sim.get("/orders/ord_slow");
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          long elapsedMs = (System.nanoTime() - startedAt[0]) / 1_000_000;
          assertTrue(elapsedMs >= 300, "took only " + elapsedMs + " ms");
          assertEquals("NEW", json(r, 200).getString("status"), "a delay alone still answers normally");
          tc.completeNow();
        })));
  }

  @Test
  void resetClosesTheConnectionAfterReadingTheRequest(VertxTestContext tc) {
    fault(new JsonObject().put("match", new JsonObject().put("order_id", "ord_reset")).put("reset", true))
        .compose(id -> sim.postForm("/orders", "order_id", "ord_reset", "amount", "1"))
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(HttpClosedException.class, e);
          assertTrue(sim.state.order(MERCHANT, "ord_reset").isEmpty());
          List<JournalEntry> seen = sim.state.requests("ord_reset");
          assertEquals(1, seen.size());
          assertEquals(List.of("amount", "order_id"), seen.get(0).params());
          tc.completeNow();
        })));
  }

  @Test
  void hangNeverAnswersSoTheClientTimesOut(VertxTestContext tc) {
    fault(new JsonObject().put("match", new JsonObject().put("request_id", "req-hang")).put("hang", true))
        .compose(id -> sim.request(HttpMethod.GET, "/orders/whatever").putHeader("x-request-id", "req-hang")
            .timeout(400).send())
        .onComplete(tc.failing(e -> tc.verify(() -> {
          assertInstanceOf(TimeoutException.class, e);
          assertEquals(1, sim.state.requestCount("GET /orders/:order_id"));
          tc.completeNow();
        })));
  }

  @Test
  void timesCountsUsesThenTheRuleIsGone(VertxTestContext tc) {
    fault(new JsonObject().put("match", matchRoute("POST /orders")).put("status", 502).put("times", 2))
        .compose(id -> sequence(3, () -> sim.postForm("/orders", "order_id", "ord_times", "amount", "1")))
        .compose(codes -> {
          assertEquals(List.of(502, 502, 200), codes);
          return sim.control(HttpMethod.GET, "/__sim/faults", null);
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals(new JsonArray(), r.bodyAsJsonArray());
          tc.completeNow();
        })));
  }

  @Test
  void foreverRulesStayUntilDeleted(VertxTestContext tc) {
    fault(new JsonObject().put("match", matchRoute("POST /txns")).put("status", 500).put("times", -1))
        .compose(id -> sequence(3, () -> sim.postForm("/txns", "vpa", "a@upi", "merchant_id", MERCHANT)))
        .compose(codes -> {
          assertEquals(List.of(500, 500, 500), codes);
          return sim.control(HttpMethod.DELETE, "/__sim/faults", null);
        })
        .compose(deleted -> {
          assertEquals(204, deleted.statusCode());
          return sim.postForm("/txns", "vpa", "a@upi", "merchant_id", MERCHANT);
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals(200, r.statusCode());
          tc.completeNow();
        })));
  }

  @Test
  void onlyCallsMatchingEveryGivenKeyAreFaulted(VertxTestContext tc) {
    JsonObject match = new JsonObject().put("order_id", "ord_target").put("route", "GET /orders/:order_id");
    fault(new JsonObject().put("match", match).put("status", 429).put("times", -1))
        .compose(id -> sim.createOrder("ord_target", "1"))
        .compose(o -> sim.createOrder("ord_other", "1"))
        .compose(o -> sim.get("/orders/ord_other"))
        .compose(other -> sim.get("/orders/ord_target").map(target -> List.of(other, target)))
        .onComplete(tc.succeeding(both -> tc.verify(() -> {
          assertEquals(200, both.get(0).statusCode());
          assertEquals(429, both.get(1).statusCode());
          tc.completeNow();
        })));
  }

  @Test
  void orderIdFaultsReachCaptureThroughTheTxn(VertxTestContext tc) {
    sim.createOrder("ord_cap", "5", "metadata.txns.auto_capture", "false")
        .compose(o -> sim.pay("ord_cap"))
        .compose(txn -> fault(new JsonObject().put("match", new JsonObject().put("order_id", "ord_cap")
                .put("route", "POST /v2/txns/:txn_uuid/capture")).put("status", 504))
            .compose(id -> sim.postForm("/v2/txns/" + txn.getString("txn_uuid") + "/capture")))
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals(504, r.statusCode());
          assertEquals("AUTHORIZED", sim.state.order(MERCHANT, "ord_cap").orElseThrow().getString("status"));
          tc.completeNow();
        })));
  }

  @Test
  void malformedRulesAreRejected(VertxTestContext tc) {
    sim.control(HttpMethod.POST, "/__sim/faults", new JsonObject().put("match", matchRoute("POST /nope"))
            .put("status", 500))
        .compose(badRoute -> sim.control(HttpMethod.POST, "/__sim/faults", new JsonObject())
            .map(noEffect -> List.of(badRoute.statusCode(), noEffect.statusCode())))
        .onComplete(tc.succeeding(codes -> tc.verify(() -> {
          assertEquals(List.of(400, 400), codes);
          tc.completeNow();
        })));
  }

  /** Sends {@code n} calls one after another and collects their statuses. */
  private static Future<List<Integer>> sequence(int n,
      Supplier<Future<HttpResponse<Buffer>>> call) {
    Future<List<Integer>> chain = Future.succeededFuture(List.of());
    for (int i = 0; i < n; i++) {
      chain = chain.compose(codes -> call.get().map(r -> {
        List<Integer> next = new ArrayList<>(codes);
        next.add(r.statusCode());
        return next;
      }));
    }
    return chain;
  }
}
