package com.edgepay.gateway.money;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.ChildGateway;
import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import com.edgepay.gateway.support.RedisSentinels;
import com.edgepay.gateway.support.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store failing under load, with real processes: a master, a replica and three sentinels, two
 * gateway replicas sending a stream of payments with identical duplicates and retries, and the
 * master killed with kill -9 (or stopped, SIGSTOP, for longer than the deadline) mid-run. Then a
 * gateway killed with kill -9 mid-call. The figures are printed for the README's reliability table.
 */
@ExtendWith(VertxExtension.class)
class FailoverTest {
  private static final Logger LOG = LoggerFactory.getLogger(FailoverTest.class);
  private static final Set<String> CONTRACT = Set.of("200", "409 REQUEST_IN_PROGRESS", "409 OUTCOME_UNKNOWN",
      "409 ALREADY_PROCESSED", "409 ORDER_ALREADY_PAID", "502 OUTCOME_UNKNOWN", "502 UPSTREAM_UNAVAILABLE",
      "503 IDEMPOTENCY_STORE_UNAVAILABLE", "503 OVERLOADED", "503 UPSTREAM_UNAVAILABLE", "504 UPSTREAM_TIMEOUT");
  private static final int CHECKOUTS = 60;

  /** What each merchant call got, and when. */
  private record Answer(long atNanos, String code) {
  }

  private final List<Answer> answers = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> finals = new ConcurrentHashMap<>();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theMasterKilledMidRunLosesNoClaimAndNothingMovesTwice(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, "kill -9", set -> set.master().kill());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theMasterStoppedLongerThanTheDeadlineLosesNothingEither(Vertx vertx, VertxTestContext ctx) {
    run(vertx, ctx, "SIGSTOP 3 s", set -> {
      set.master().pause();
      vertx.setTimer(3_000, t -> set.master().resume());
    });
  }

  private void run(Vertx vertx, VertxTestContext ctx, String fault, Consumer<RedisSentinels> breakIt) {
    RedisSentinels set = RedisSentinels.start();
    JsonObject store = new JsonObject().put("type", "sentinel").put("endpoints", new JsonArray(set.sentinelUrls()))
        .put("master_name", RedisSentinels.MASTER_NAME).put("min_replica_acks", 1).put("replica_ack_timeout_ms", 200);
    Path secrets = GatewayFixture.writeSecrets();
    long[] brokeAt = {0};
    SplittableRandom random = new SplittableRandom(42);
    Juspay.start(vertx).compose(juspay -> replica(vertx, juspay, store, secrets).compose(a -> replica(vertx, juspay, store,
        secrets).compose(b -> {
          List<Calls> replicas = List.of(new Calls(a, GatewayFixture.ACME_KEY), new Calls(b, GatewayFixture.ACME_KEY));
          List<Future<Void>> checkouts = new ArrayList<>();
          vertx.setTimer(1_500, t -> {
            brokeAt[0] = System.nanoTime();
            LOG.info("failover test: {} on the master now", fault);
            breakIt.accept(set);
          });
          for (int i = 0; i < CHECKOUTS; i++) {
            String order = "fo_" + i;
            SplittableRandom r = random.split();
            checkouts.add(vertx.timer(75L * i + 1).compose(t -> untilDefinitive(vertx, replicas, order, r, 1)));
          }
          return Future.all(checkouts).map(juspay);
        })))
        .onComplete(ctx.succeeding(juspay -> ctx.verify(() -> {
          set.close();
          JsonObject effects = juspay.effects();
          long duplicates = effects.fieldNames().stream().filter(k -> effects.getInteger(k) > 1).count();
          long recoveredMs = answers.stream().filter(a -> a.atNanos() > brokeAt[0] && a.code().equals("200"))
              .mapToLong(a -> TimeUnit.NANOSECONDS.toMillis(a.atNanos() - brokeAt[0])).min().orElse(-1);
          Map<String, Long> codes = new TreeMap<>();
          answers.stream().filter(a -> a.atNanos() > brokeAt[0])
              .forEach(a -> codes.merge(a.code(), 1L, Long::sum));
          LOG.info("FIGURES failover ({}): {} payments, {} effects, {} duplicate effects, first 2xx {} ms after, "
              + "answers after: {}", fault, CHECKOUTS, effects.size(), duplicates, recoveredMs, codes);
          assertEquals(0, duplicates, "a payment took effect twice: " + effects);
          assertTrue(recoveredMs >= 0 && recoveredMs < 15_000, "no 2xx within 15 s of the fault: " + recoveredMs);
          for (Answer a : answers) {
            assertTrue(CONTRACT.contains(a.code()), "not a contract answer: " + a.code());
          }
          finals.forEach((order, answer) -> {
            if (answer.equals("200") || answer.equals("409 ALREADY_PROCESSED")) {
              assertEquals(1, juspay.effects("txn:acme_shop:" + order + ":"), order + " was told it was paid");
            }
          });
          ctx.completeNow();
        })));
  }

  private static Future<GatewayFixture> replica(Vertx vertx, Juspay juspay, JsonObject store, Path secrets) {
    return GatewayFixture.start(vertx, juspay.baseUrl(), c -> {
      c.put("redis", store);
      c.put("secrets", new JsonObject().put("dir", secrets.toString()).put("poll_ms", 200));
      c.getJsonObject("idempotency").put("hmac_key_file", secrets.resolve("idempotency_hmac_key").toString())
          .put("reconcile_grace_ms", 300);
    }, t -> { });
  }

  /** One checkout: an order and its card-free payment in one /txns, with a duplicate, retried to the end. */
  private Future<Void> untilDefinitive(Vertx vertx, List<Calls> replicas, String order, SplittableRandom r,
      int attempt) {
    MultiMap pay = Forms.of("order.order_id", order, "order.amount", "25.00", "order.customer_id", "c_" + order,
        "payment_method_type", "NB", "payment_method", "NB_HDFC", "format", "json");
    List<Future<String>> copies = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      copies.add(replicas.get(r.nextInt(2)).post("/txns", pay).map(resp -> {
        String c = code(resp);
        answers.add(new Answer(System.nanoTime(), c));
        return c;
      }).otherwise("0"));
    }
    return Future.all(copies).compose(all -> {
      String definitive = copies.stream().map(Future::result).filter(c -> c.equals("200") || c.startsWith("409 ALREADY")
          || c.startsWith("409 ORDER_ALREADY") || c.startsWith("4") && !c.startsWith("409")).findFirst().orElse(null);
      if (definitive != null || attempt >= 80) {
        finals.put(order, definitive == null ? "gave up" : definitive);
        return Future.succeededFuture();
      }
      return vertx.timer(100 + r.nextInt(200)).compose(t -> untilDefinitive(vertx, replicas, order, r, attempt + 1));
    });
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aGatewayKilledMidCallLeavesAClaimThatReconciliationResolvesNotExpiry(Vertx vertx, VertxTestContext ctx) {
    RedisServer redis = RedisServer.start();
    JsonObject store = new JsonObject().put("url", redis.url());
    Path secrets = GatewayFixture.writeSecrets();
    MultiMap pay = Forms.of("order.order_id", "o_crash", "order.amount", "25.00", "payment_method_type", "NB",
        "payment_method", "NB_HDFC", "format", "json");
    Juspay.start(vertx).compose(juspay -> {
      juspay.fault("POST /txns", "o_crash", new JsonObject().put("answer_delay_ms", 20_000));
      ChildGateway child = ChildGateway.start(new JsonObject().put("redis", store)
          .put("idempotency", new JsonObject().put("reconcile_grace_ms", 300)), secrets, juspay.baseUrl());
      WebClient client = WebClient.create(vertx);
      client.post(child.port, "127.0.0.1", "/txns").putHeader("Authorization", GatewayFixture.basic(GatewayFixture.ACME_KEY))
          .sendForm(pay);
      long[] killedAt = {0};
      return awaitEffect(vertx, juspay, "txn:acme_shop:o_crash:").compose(v -> {
        child.kill9();
        killedAt[0] = System.nanoTime();
        return replica(vertx, juspay, store, secrets);
      }).compose(b -> awaitResolved(vertx, b).map(resolvedMs -> {
        LOG.info("FIGURES gateway kill -9 mid-call: its claim was resolved by another replica {} ms after the kill",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt[0]));
        return b;
      })).compose(b -> new Calls(b, GatewayFixture.ACME_KEY).post("/txns", pay)).map(retry -> {
        ctx.verify(() -> {
          assertEquals("409 ALREADY_PROCESSED", code(retry), "reconciled, not freed by expiry");
          assertEquals(1, juspay.effects("txn:acme_shop:o_crash:"), "the payment was never sent again");
        });
        child.close();
        return juspay;
      });
    }).onComplete(ctx.succeeding(j -> {
      redis.close();
      ctx.completeNow();
    }));
  }

  private static Future<Void> awaitEffect(Vertx vertx, Juspay juspay, String key) {
    return juspay.effects(key) > 0 ? Future.succeededFuture()
        : vertx.timer(50).compose(t -> awaitEffect(vertx, juspay, key));
  }

  /** Waits (up to 20 s) until the replica's background reconciliation has resolved one unknown. */
  private static Future<Long> awaitResolved(Vertx vertx, GatewayFixture b) {
    long started = System.nanoTime();
    return poll(vertx, b, started);
  }

  private static Future<Long> poll(Vertx vertx, GatewayFixture b, long started) {
    io.micrometer.core.instrument.Counter resolved = b.registry.find("gateway.unknown.resolved")
        .tag("route", "/txns").tag("resolution", "took_effect").counter();
    if (resolved != null && resolved.count() >= 1) {
      return Future.succeededFuture(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
    if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(20)) {
      return Future.failedFuture("the crashed gateway's claim was never reconciled");
    }
    return vertx.timer(100).compose(t -> poll(vertx, b, started));
  }
}
