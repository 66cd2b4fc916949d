package com.edgepay.gateway.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.simulator.Chaos;
import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hundreds of interleaved identical and different money calls, through two gateway replicas that
 * share one Redis, while the simulator drops calls before and after they take effect, holds answers
 * past deadlines, keeps working on calls the gateway gave up on (they take effect after the
 * deadline), answers 503 and fails order-status checks at random. Merchants retry every call
 * until it has a definitive answer. The judge is the simulator's ledger: every natural key took
 * effect at most once, and exactly once when its merchant was told it did.
 */
@ExtendWith(VertxExtension.class)
class ConcurrentChaosTest {
  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentChaosTest.class);
  private static final int ORDERS = 30;
  private static final int MAX_ROUNDS = 60;
  /** Answers a merchant cannot act on yet, besides any 5xx and a broken connection: retry the identical call. */
  private static final Set<String> RETRY = Set.of("409 REQUEST_IN_PROGRESS", "409 OUTCOME_UNKNOWN");

  private static boolean retry(String answer) {
    return RETRY.contains(answer) || answer.startsWith("5") || answer.equals("0");
  }

  private final Map<String, String> finalAnswer = new ConcurrentHashMap<>();
  private final Map<String, String> naturalKey = new ConcurrentHashMap<>();
  private SplittableRandom random;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void everyNaturalKeyTakesEffectOnceUnderChaosAcrossTwoReplicas(Vertx vertx, VertxTestContext ctx) {
    long seed = Long.getLong("chaos.seed", System.nanoTime());
    LOG.info("chaos seed {} (rerun with -Dchaos.seed={})", seed, seed);
    random = new SplittableRandom(seed);
    RedisServer redis = RedisServer.start();
    JsonObject store = new JsonObject().put("url", redis.url());
    Juspay.start(vertx).compose(juspay -> {
      juspay.state.chaos(new Chaos(seed, 0.06, 0.06, 0.05, 1_200, 0.05, 0.05, 0.15));
      return replica(vertx, juspay, store).compose(a -> replica(vertx, juspay, store).compose(b -> {
        List<Calls> replicas = List.of(new Calls(a, GatewayFixture.ACME_KEY), new Calls(b, GatewayFixture.ACME_KEY));
        List<Future<Void>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
          orders.add(checkout(vertx, replicas, "cx_" + i, random.split()));
        }
        return Future.all(orders).map(juspay);
      }));
    }).onComplete(ctx.succeeding(juspay -> ctx.verify(() -> {
      redis.close();
      juspay.state.chaos(null);
      JsonObject effects = juspay.effects();
      Map<String, Integer> byKey = new TreeMap<>();
      effects.fieldNames().forEach(k -> byKey.put(k, effects.getInteger(k)));
      LOG.info("effects: {}; final answers: {}", byKey, new TreeMap<>(finalAnswer));
      byKey.forEach((key, n) -> assertEquals(1, n, "took effect " + n + " times: " + key + " (seed " + seed + ")"));
      int succeeded = 0;
      for (Map.Entry<String, String> e : finalAnswer.entrySet()) {
        boolean told = e.getValue().startsWith("200") || e.getValue().equals("409 ALREADY_PROCESSED");
        if (told) {
          succeeded++;
          assertEquals(1, byKey.getOrDefault(naturalKey.get(e.getKey()), 0),
              e.getKey() + " was told it took effect (" + e.getValue() + "), seed " + seed);
        }
      }
      assertTrue(succeeded >= ORDERS * 2, "the run made progress: " + succeeded + " calls succeeded");
      ctx.completeNow();
    })));
  }

  private static Future<GatewayFixture> replica(Vertx vertx, Juspay juspay, JsonObject store) {
    return GatewayFixture.start(vertx, juspay.baseUrl(), c -> {
      c.put("redis", store);
      c.getJsonObject("idempotency").put("reconcile_grace_ms", 1_000);
      c.put("deadlines_ms", new JsonObject().put("POST /orders", 800).put("POST /txns", 800)
          .put("GET /orders/{order_id}", 500).put("POST /orders/{order_id}/refunds", 800));
    }, t -> { });
  }

  /** One order's life: create, a UPI collect, a card-free NB payment, a refund; each retried to the end. */
  private Future<Void> checkout(Vertx vertx, List<Calls> replicas, String order, SplittableRandom r) {
    MultiMap create = Forms.of("order_id", order, "amount", "50.00", "customer_id", "cust_" + order);
    MultiMap collect = Forms.of("order_id", order, "payment_method_type", "UPI", "payment_method", "UPI",
        "txn_type", "UPI_COLLECT", "upi_vpa", "payer_" + order + "@upi", "format", "json");
    MultiMap netBanking = Forms.of("order_id", order, "payment_method_type", "NB", "payment_method", "NB_HDFC",
        "format", "json");
    MultiMap refund = Forms.of("unique_request_id", "rf_" + order, "amount", "5.00");
    naturalKey.put(order + " create", "order:acme_shop:" + order);
    naturalKey.put(order + " collect", txnKey(order, collect));
    naturalKey.put(order + " nb", txnKey(order, netBanking));
    naturalKey.put(order + " refund", "refund:acme_shop:" + order + ":rf_" + order);
    return untilDefinitive(vertx, replicas, order + " create", "/orders", create, r)
        .compose(v -> untilDefinitive(vertx, replicas, order + " collect", "/txns", collect, r))
        .compose(v -> untilDefinitive(vertx, replicas, order + " nb", "/txns", netBanking, r))
        .compose(v -> untilDefinitive(vertx, replicas, order + " refund", "/orders/" + order + "/refunds", refund, r));
  }

  private static String txnKey(String order, MultiMap form) {
    StringBuilder s = new StringBuilder("txn:acme_shop:" + order + ":");
    TreeMap<String, String> sorted = new TreeMap<>();
    form.forEach(e -> sorted.put(e.getKey(), e.getValue()));
    sorted.forEach((k, v) -> s.append(k).append('=').append(v).append('&'));
    return s.toString();
  }

  /**
   * Sends the call, with one to three identical copies at once on random replicas, and again after
   * each answer a merchant cannot act on, until one can be.
   */
  private Future<Void> untilDefinitive(Vertx vertx, List<Calls> replicas, String name, String path, MultiMap form,
      SplittableRandom r) {
    return round(vertx, replicas, name, path, form, r, 1);
  }

  private Future<Void> round(Vertx vertx, List<Calls> replicas, String name, String path, MultiMap form,
      SplittableRandom r, int attempt) {
    int copies = 1 + r.nextInt(3);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      Calls via = replicas.get(r.nextInt(replicas.size()));
      Supplier<Future<HttpResponse<Buffer>>> send = () -> via.post(path, form);
      answers.add(send.get().map(Calls::code).otherwise("0"));
    }
    return Future.all(answers).compose(all -> {
      String definitive = null;
      for (Future<String> a : answers) {
        if (!retry(a.result())) {
          definitive = a.result();
        }
      }
      if (definitive != null || attempt >= MAX_ROUNDS) {
        finalAnswer.put(name, definitive != null ? definitive : "gave up after " + attempt + " rounds");
        return Future.succeededFuture();
      }
      return vertx.timer(50 + r.nextInt(150))
          .compose(t -> round(vertx, replicas, name, path, form, r, attempt + 1));
    });
  }
}
