package com.edgepay.gateway.money;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import com.edgepay.gateway.support.RedisServer;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every row of the reconciliation table (README, "Money safety"), end to end: a call takes effect
 * at Juspay and loses its answer, or is reset before any effect; the retry must learn which from
 * Juspay's order status, and answer ALREADY_PROCESSED or send the call anew. Plus the background:
 * unknowns are resolved within seconds without any retry, by whichever replica gets there first.
 */
@ExtendWith(VertxExtension.class)
class ReconciliationTest {
  private static final JsonObject LOSE_ANSWER = new JsonObject().put("lose_answer", true);
  private static final JsonObject RESET = new JsonObject().put("reset", true);

  /**
   * One row: prepare, then a call whose answer is lost (took effect) or that is reset before any
   * effect (did not), then its identical retry: at once when it took effect ("took effect" may be
   * concluded at any time), after the grace period when it did not (before it, Juspay might still be
   * working on the call, so "did not" is never concluded).
   */
  private Future<HttpResponse<Buffer>> row(MoneyWorld w, String route, String orderId, boolean tookEffect,
      Function<Calls, Future<HttpResponse<Buffer>>> call) {
    w.juspay.fault(route, orderId, tookEffect ? LOSE_ANSWER : RESET);
    return call.apply(w.acme).compose(first -> {
      if (!first.bodyAsString().contains("OUTCOME_UNKNOWN")) {
        return Future.failedFuture("the faulted call should be unknown, was " + code(first));
      }
      return tookEffect ? call.apply(w.acme) : w.retryAfterGrace(() -> call.apply(w.acme));
    });
  }

  private static void tookEffect(HttpResponse<Buffer> retry, String juspayStatus) {
    assertEquals("409 ALREADY_PROCESSED", code(retry));
    JsonObject report = retry.bodyAsJsonObject().getJsonObject("error_info").getJsonObject("juspay");
    assertNotNull(report, "the body says what Juspay reports");
    assertEquals(juspayStatus, report.getString("status"));
  }

  private static MultiMap session(String orderId) {
    return Forms.of("order_id", orderId, "amount", "10.00", "customer_id", "c_" + orderId,
        "payment_page_client_id", "acme_pp");
  }

  private static MultiMap refund(String id) {
    return Forms.of("unique_request_id", id, "amount", "1.00");
  }

  @Test
  void ordersAndSessions(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> row(w, "POST /orders", "r_o1", true, c -> c.createOrder("r_o1"))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "NEW"));
          return row(w, "POST /orders", "r_o2", false, c -> c.createOrder("r_o2"));
        })
        .compose(r -> {
          ctx.verify(() -> assertEquals(200, r.statusCode(), "no such order at Juspay: sent anew"));
          return row(w, "POST /session", "r_s1", true, c -> c.post("/session", session("r_s1")));
        })
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "NEW"));
          return row(w, "POST /session", "r_s2", false, c -> c.post("/session", session("r_s2")));
        })
        .map(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode());
            for (String o : new String[] {"r_o1", "r_o2", "r_s1", "r_s2"}) {
              assertEquals(1, w.orderCreations(o), o);
            }
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void payments(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("r_t1")
        .compose(o -> row(w, "POST /txns", "r_t1", true, c -> c.collect("r_t1", "payer_a@upi")))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "PENDING_VBV"));
          return w.acme.createOrder("r_t2");
        })
        .compose(o -> row(w, "POST /txns", "r_t2", true, c -> c.pay("r_t2", "NB_HDFC")))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "CHARGED"));
          return w.acme.createOrder("r_t3");
        })
        .compose(o -> row(w, "POST /txns", "r_t3", false, c -> c.collect("r_t3", "payer_a@upi")))
        .map(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), "the reset attempt never reached Juspay: sent anew");
            assertEquals(1, w.attempts("r_t1"));
            assertEquals(1, w.attempts("r_t2"));
            assertEquals(1, w.attempts("r_t3"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void aNewerAttemptByAnotherChannelIsAlsoTakenAsTookEffect(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("r_t4")
        .compose(o -> w.acme.collect("r_t4", "payer_a@upi"))
        .compose(first -> {
          w.juspay.fault("POST /txns", "r_t4", RESET);
          return w.acme.collect("r_t4", "payer_b@upi");
        })
        .compose(reset -> {
          ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(reset)));
          return w.retryAfterGrace(() -> w.acme.collect("r_t4", "payer_b@upi"));
        })
        .map(retry -> {
          ctx.verify(() -> {
            assertEquals(200, retry.statusCode(), "the newest txn is the one the gateway knew: did not take effect");
            assertEquals(2, w.attempts("r_t4"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void refundsByUniqueRequestId(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("r_r1")
        .compose(o -> w.acme.pay("r_r1", "NB_HDFC"))
        .compose(paid -> row(w, "POST /orders/:order_id/refunds", "r_r1", true,
            c -> c.post("/orders/r_r1/refunds", refund("rf_took"))))
        .compose(r -> {
          ctx.verify(() -> {
            tookEffect(r, "CHARGED");
            assertEquals("rf_took", r.bodyAsJsonObject().getJsonObject("error_info").getJsonObject("juspay")
                .getJsonObject("refund").getString("unique_request_id"));
          });
          return row(w, "POST /orders/:order_id/refunds", "r_r1", false,
              c -> c.post("/orders/r_r1/refunds", refund("rf_not")));
        })
        .map(r -> {
          ctx.verify(() -> {
            assertEquals(200, r.statusCode(), code(r));
            assertEquals(1, w.juspay.effects("refund:acme_shop:r_r1:rf_took"));
            assertEquals(1, w.juspay.effects("refund:acme_shop:r_r1:rf_not"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void orderUpdates(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("r_u1")
        .compose(o -> row(w, "POST /orders/:order_id", "r_u1", true,
            c -> c.post("/orders/r_u1", Forms.of("amount", "250.50"))))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "NEW"));
          return row(w, "POST /orders/:order_id", "r_u1", false, c -> c.post("/orders/r_u1", Forms.of("amount", "7.00")));
        })
        .map(r -> {
          ctx.verify(() -> assertEquals(200, r.statusCode(), "the order still shows 250.50: sent anew"));
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void capturesAndVoids(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> preAuth(w, "r_c1")
        .compose(txn -> row(w, "POST /v2/txns/:txn_uuid/capture", "r_c1", true,
            c -> c.post("/v2/txns/" + txn + "/capture", Forms.of())))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "CHARGED"));
          return preAuth(w, "r_c2");
        })
        .compose(txn -> row(w, "POST /v2/txns/:txn_uuid/capture", "r_c2", false,
            c -> c.post("/v2/txns/" + txn + "/capture", Forms.of())))
        .compose(r -> {
          ctx.verify(() -> assertEquals(200, r.statusCode(), "still AUTHORIZED: sent anew, " + code(r)));
          return preAuth(w, "r_v1");
        })
        .compose(txn -> row(w, "POST /v2/txns/:txn_uuid/void", "r_v1", true,
            c -> c.post("/v2/txns/" + txn + "/void", Forms.of())))
        .compose(r -> {
          ctx.verify(() -> tookEffect(r, "VOIDED"));
          return preAuth(w, "r_v2");
        })
        .compose(txn -> row(w, "POST /v2/txns/:txn_uuid/void", "r_v2", false,
            c -> c.post("/v2/txns/" + txn + "/void", Forms.of())))
        .map(r -> {
          ctx.verify(() -> assertEquals(200, r.statusCode(), code(r)));
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  /** An order paid by pre-auth (AUTHORIZED), through the gateway; its txn uuid. */
  private static Future<String> preAuth(MoneyWorld w, String orderId) {
    return w.acme.post("/orders", Forms.of("order_id", orderId, "amount", "40.00", "metadata.txns.auto_capture", "false"))
        .compose(o -> w.acme.pay(orderId, "NB_HDFC"))
        .map(paid -> paid.bodyAsJsonObject().getString("txn_uuid"));
  }

  @Test
  void theBackgroundResolvesAnUnknownWithinSecondsWithoutAnyRetry(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "r_bg", LOSE_ANSWER);
      return w.acme.createOrder("r_bg")
          .compose(lost -> vertx.timer(2_500))
          .compose(t -> {
            ctx.verify(() -> {
              Counter resolved = w.gw.registry.find("gateway.unknown.resolved").tag("route", "/orders")
                  .tag("resolution", "took_effect").counter();
              assertEquals(1.0, resolved.count());
              assertEquals(1.0, w.gw.registry.find("gateway.unknown.opened").tag("route", "/orders").counter().count());
            });
            return w.acme.createOrder("r_bg");
          })
          .map(retry -> {
            ctx.verify(() -> {
              tookEffect(retry, "NEW");
              assertEquals(1, w.juspay.state.requestCount("GET /orders/:order_id"), "the retry did not need to ask");
            });
            return w;
          });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void anyReplicaResolvesWhatAnotherSaw(Vertx vertx, VertxTestContext ctx) {
    RedisServer redis = RedisServer.start();
    JsonObject store = new JsonObject().put("url", redis.url());
    Juspay.start(vertx).compose(juspay -> {
      juspay.fault("POST /orders", "r_rep", LOSE_ANSWER);
      return GatewayFixture.start(vertx, juspay.baseUrl(), c -> {
        c.put("redis", store);
        c.getJsonObject("idempotency").put("reconcile_grace_ms", 1_000);
      }, t -> { }).compose(a -> new Calls(a, GatewayFixture.ACME_KEY).createOrder("r_rep")
          .compose(lost -> {
            ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(lost)));
            return a.gateway.stop().map(a);
          })
          .compose(stopped -> GatewayFixture.start(vertx, juspay.baseUrl(), c -> c.put("redis", store), t -> { })
              .compose(b -> vertx.timer(2_500).map(b))
              .map(b -> {
                ctx.verify(() -> {
                  assertEquals(0.0, stopped.registry.find("gateway.unknown.resolved").tag("resolution", "took_effect")
                      .tag("route", "/orders").counter().count(), "the replica that saw it was gone first");
                  assertEquals(1.0, b.registry.find("gateway.unknown.resolved").tag("resolution", "took_effect")
                      .tag("route", "/orders").counter().count());
                });
                return b;
              })));
    }).onComplete(ctx.succeeding(b -> {
      redis.close();
      ctx.completeNow();
    }));
  }
}
