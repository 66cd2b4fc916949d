package com.edgepay.gateway.money;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.Forms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract's money-safety guarantees, one test (or more) each, end to end: the real gateway,
 * a real Redis, the Juspay simulator with its faults, and the simulator's ledger of what took
 * effect as the judge.
 */
@ExtendWith(VertxExtension.class)
class ExactlyOnceTest {
  private static final JsonObject LOSE_ANSWER = new JsonObject().put("lose_answer", true);
  private static final JsonObject RESET_BEFORE_EFFECT = new JsonObject().put("reset", true);

  @Test
  void aRetryTheMomentTheAnswerArrivesIsAReplayNeverInProgress(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < 25; i++) {
        String order = "o_fast_" + i;
        chain = chain.compose(v -> w.acme.createOrder(order)).compose(first -> {
          ctx.verify(() -> assertEquals(200, first.statusCode()));
          return w.acme.createOrder(order);
        }).map(retry -> {
          ctx.verify(() -> {
            assertEquals(200, retry.statusCode(), code(retry));
            assertEquals("true", retry.getHeader("Idempotent-Replayed"));
          });
          return null;
        });
      }
      return chain.map(w);
    }).onComplete(ctx.succeeding(w -> ctx.verify(() -> {
      assertEquals(25, w.juspay.effects("order:"));
      ctx.completeNow();
    })));
  }

  @Test
  void aCallSentWithoutAUsableAnswerIsUnknownAndSaysSo(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "o_lost", LOSE_ANSWER);
      w.juspay.fault("POST /orders", "o_slow", new JsonObject().put("answer_delay_ms", 1500));
      return w.acme.createOrder("o_lost").compose(lost -> {
        ctx.verify(() -> {
          assertEquals("502 OUTCOME_UNKNOWN", code(lost), "sent, then the connection broke");
          assertNull(lost.getHeader("retry-after"));
        });
        return w.acme.createOrder("o_slow", "x-gateway-timeout-ms", "400");
      }).map(slow -> {
        ctx.verify(() -> assertEquals("504 UPSTREAM_TIMEOUT", code(slow), "sent, and the deadline passed"));
        return w;
      });
    }).onComplete(ctx.succeeding(w -> ctx.verify(() -> {
      assertEquals(1, w.orderCreations("o_lost"));
      assertEquals(1, w.orderCreations("o_slow"));
      ctx.completeNow();
    })));
  }

  @Test
  void nothingSentCodesOnlyWhenNothingWasSent(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "o_reset", RESET_BEFORE_EFFECT);
      return w.acme.createOrder("o_reset").compose(reset -> {
        ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(reset),
            "the gateway cannot tell a reset before the effect from one after: it says unknown"));
        return w.retryAfterGrace(() -> w.acme.createOrder("o_reset"));
      }).map(retry -> {
        ctx.verify(() -> {
          assertEquals(200, retry.statusCode(), "Juspay had no such order: released, forwarded anew");
          assertEquals(1, w.orderCreations("o_reset"));
        });
        return w;
      });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void theNaturalKeyAlwaysCountsWhateverIdempotencyKeyComesWithIt(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("o_keys", "Idempotency-Key", "k1")
        .compose(a -> w.acme.createOrder("o_keys", "Idempotency-Key", "k2"))
        .compose(b -> w.acme.createOrder("o_keys", "Idempotency-Key", "k3"))
        .compose(c -> w.acme.post("/orders", Forms.of("order_id", "o_other", "amount", "5.00"), "Idempotency-Key", "k1"))
        .compose(reused -> {
          ctx.verify(() -> assertEquals("422 IDEMPOTENCY_KEY_REUSED", code(reused)));
          return w.acme.createOrder("o_pay").compose(o -> w.acme.pay("o_pay", "NB_A", "Idempotency-Key", "p1"));
        })
        .compose(paid -> w.acme.pay("o_pay", "NB_A", "Idempotency-Key", "p2"))
        .map(again -> {
          ctx.verify(() -> {
            assertEquals("true", again.getHeader("Idempotent-Replayed"), "a /txns under a new key is still a replay");
            assertEquals(1, w.orderCreations("o_keys"));
            assertEquals(1, w.attempts("o_pay"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void aPaymentIsNeverSentAgainWhileItsOutcomeIsOpenAndTimeNeverFreesIt(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("o_open").compose(o -> {
      w.juspay.fault("POST /txns", "o_open", LOSE_ANSWER);
      w.juspay.fault("GET /orders/:order_id", "o_open", new JsonObject().put("status", 503).put("times", -1));
      return w.acme.collect("o_open", "payer_a@upi");
    }).compose(lost -> {
      ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(lost)));
      return vertx.timer(1_500);
    }).compose(t -> w.acme.collect("o_open", "payer_a@upi")).compose(retry -> {
      ctx.verify(() -> assertEquals("409 OUTCOME_UNKNOWN", code(retry), "Juspay cannot say: still unknown"));
      return w.acme.collect("o_open", "payer_b@upi");
    }).map(other -> {
      ctx.verify(() -> {
        assertEquals("409 OUTCOME_UNKNOWN", code(other), "no other attempt while one may have gone through");
        assertTrue(Integer.parseInt(other.getHeader("retry-after")) >= 1);
        assertEquals(1, w.attempts("o_open"));
      });
      return w;
    })).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void attemptsAreCappedPerOrder(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx, c -> { }, tenants -> tenants.getJsonObject(0).put("max_txn_attempts", 2))
        .compose(w -> w.acme.createOrder("o_cap").compose(o -> {
          w.juspay.fault("POST /txns", "o_cap", new JsonObject().put("status", 400).put("times", -1));
          return w.acme.collect("o_cap", "payer_a@upi");
        }).compose(a -> w.acme.collect("o_cap", "payer_b@upi")).compose(b -> w.acme.collect("o_cap", "payer_c@upi")).compose(c -> {
          ctx.verify(() -> assertEquals(400, c.statusCode(), "refused attempts created nothing: not counted"));
          w.juspay.clearFaults();
          return w.acme.collect("o_cap", "payer_d@upi");
        }).compose(d -> {
          ctx.verify(() -> assertEquals(200, d.statusCode()));
          w.juspay.fault("GET /orders/:order_id", "o_cap", new JsonObject().put("status", 503).put("times", 1));
          return w.acme.collect("o_cap", "payer_e@upi");
        }).compose(e -> {
          ctx.verify(() -> {
            assertEquals("503 UPSTREAM_UNAVAILABLE", code(e), "the paid check failed: nothing is sent");
            assertEquals(1, w.attempts("o_cap"));
          });
          return w.acme.collect("o_cap", "payer_f@upi");
        }).compose(f -> {
          ctx.verify(() -> assertEquals(200, f.statusCode(), "unpaid (PENDING_VBV): the customer may switch"));
          return w.acme.collect("o_cap", "payer_g@upi");
        }).map(g -> {
          ctx.verify(() -> {
            assertEquals("409 ATTEMPT_LIMIT_REACHED", code(g));
            assertEquals(2, w.attempts("o_cap"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void aPaidOrderTakesNoNewAttempt(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("o_paid")
        .compose(o -> w.acme.collect("o_paid", "payer_a@upi"))
        .compose(a -> {
          w.juspay.charge(MoneyWorld.MERCHANT, "o_paid");
          return w.acme.pay("o_paid", "NB_B");
        })
        .compose(b -> {
          ctx.verify(() -> assertEquals("409 ORDER_ALREADY_PAID", code(b)));
          return w.acme.pay("o_paid", "NB_C");
        })
        .map(c -> {
          ctx.verify(() -> {
            assertEquals("409 ORDER_ALREADY_PAID", code(c));
            assertEquals(1, w.attempts("o_paid"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void aRoutingIdIsBoundOnlyByACallJuspayTookAndDidNotRefuse(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "o_bind", new JsonObject().put("status", 400));
      return w.acme.createOrder("o_bind", "x-routing-id", "cust_typo")
          .compose(refused -> {
            ctx.verify(() -> assertEquals(400, refused.statusCode()));
            return w.acme.createOrder("o_bind", "x-routing-id", "cust_real");
          })
          .compose(created -> {
            ctx.verify(() -> {
              assertEquals(200, created.statusCode(), code(created));
              assertEquals("cust_real", created.getHeader("x-routing-id"));
            });
            return w.acme.get("/orders/o_bind", "x-routing-id", "cust_typo");
          })
          .map(read -> {
            ctx.verify(() -> assertEquals("409 ROUTING_ID_MISMATCH", code(read), "bound to the call Juspay took"));
            return w;
          });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void theVersionHeaderIsPartOfTheCall(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("o_ver", "version", "2023-06-30")
        .compose(a -> w.acme.createOrder("o_ver", "version", "2024-01-01"))
        .map(b -> {
          ctx.verify(() -> assertEquals("422 IDEMPOTENCY_KEY_REUSED", code(b), "another version is another call"));
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void controlCharactersAreRefusedWhereverTheyHide(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
      for (String bad : new String[] {"a\u0000b", "a\u0001", "\u001fx", "x\u007f"}) {
        // metadata.* parameters pass through unvalidated (Juspay defines dozens): only the parser can stop these.
        calls.add(w.acme.post("/orders", Forms.of("order_id", "o_ctl", "amount", "1.00", "metadata.note", bad)));
        calls.add(w.gw.post("/orders", com.edgepay.gateway.support.GatewayFixture.ACME_KEY)
            .putHeader("content-type", "application/json")
            .sendBuffer(Buffer.buffer(new JsonObject().put("order_id", "o_ctl").put("amount", "1.00").put("metadata.note", bad)
                .encode())));
      }
      calls.add(w.acme.post("/orders", Forms.of("order_id", "o_ctl", "amount", "1.00", "description", "line1\nline2\ttab")));
      return Future.all(calls).map(all -> {
        ctx.verify(() -> {
          for (int i = 0; i < calls.size() - 1; i++) {
            HttpResponse<Buffer> r = calls.get(i).result();
            assertEquals("400 INVALID_PARAMETER", code(r));
            assertEquals("metadata.note", r.bodyAsJsonObject().getJsonObject("error_info").getJsonArray("fields")
                .getJsonObject(0).getString("field_name"));
          }
          assertEquals(200, calls.get(calls.size() - 1).result().statusCode(), "tab, CR and LF are text");
        });
        return w;
      });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void theClaimsOwnerIsTheGatewaysNotTheClientsRequestId(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "o_owner", new JsonObject().put("delay_ms", 600));
      Future<HttpResponse<Buffer>> first = w.acme.createOrder("o_owner", "x-request-id", "client-req-1");
      return vertx.timer(150)
          .compose(t -> w.acme.createOrder("o_owner", "x-request-id", "client-req-1"))
          .compose(second -> {
            ctx.verify(() -> assertEquals("409 REQUEST_IN_PROGRESS", code(second)));
            return first;
          })
          .compose(done -> {
            ctx.verify(() -> assertEquals(200, done.statusCode()));
            return w.acme.createOrder("o_owner", "x-request-id", "client-req-1");
          })
          .map(replay -> {
            ctx.verify(() -> {
              assertEquals("true", replay.getHeader("Idempotent-Replayed"));
              assertEquals(1, w.orderCreations("o_owner"));
              assertNotEquals("client-req-1", "");
            });
            return w;
          });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  /**
   * POST /refunds (the order in the body, as Juspay's Java SDK sends it) and
   * POST /orders/{id}/refunds are one call with one natural key: a retry by either route replays the
   * first answer, another amount under the same unique_request_id is refused, and a lost answer is
   * reconciled whichever route the retry takes.
   */
  @Test
  void aRefundIsOneCallByEitherRoute(Vertx vertx, VertxTestContext ctx) {
    io.vertx.core.MultiMap byBody = com.edgepay.gateway.support.Forms.of("order_id", "o_rf", "unique_request_id", "rf_1",
        "amount", "5.00");
    io.vertx.core.MultiMap byPath = com.edgepay.gateway.support.Forms.of("unique_request_id", "rf_1", "amount", "5.00");
    io.vertx.core.MultiMap otherAmount = com.edgepay.gateway.support.Forms.of("unique_request_id", "rf_1",
        "amount", "6.00");
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("o_rf")
        .compose(o -> w.acme.pay("o_rf", "NB_HDFC"))
        .compose(paid -> w.acme.post("/refunds", byBody))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(200, first.statusCode(), code(first));
            assertEquals("rf_1", first.bodyAsJsonObject().getString("unique_request_id"), "Juspay's refund, as the SDK expects");
          });
          return w.acme.post("/orders/o_rf/refunds", byPath).map(other -> new Object[] {first, other});
        })
        .compose(pair -> {
          @SuppressWarnings("unchecked")
          var first = (io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>) pair[0];
          @SuppressWarnings("unchecked")
          var other = (io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>) pair[1];
          ctx.verify(() -> {
            assertEquals("true", other.getHeader("Idempotent-Replayed"), "the same refund by the other route");
            assertEquals(first.bodyAsString(), other.bodyAsString());
          });
          return w.acme.post("/orders/o_rf/refunds", otherAmount);
        })
        .compose(reused -> {
          ctx.verify(() -> assertEquals("422 IDEMPOTENCY_KEY_REUSED", code(reused)));
          w.juspay.fault("POST /refunds", "o_rf", new io.vertx.core.json.JsonObject().put("lose_answer", true));
          return w.acme.post("/refunds", com.edgepay.gateway.support.Forms.of("order_id", "o_rf", "unique_request_id",
              "rf_2", "amount", "1.00"));
        })
        .compose(lost -> {
          ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(lost)));
          return w.acme.post("/orders/o_rf/refunds", com.edgepay.gateway.support.Forms.of("unique_request_id", "rf_2",
              "amount", "1.00"));
        })
        .map(retry -> {
          ctx.verify(() -> {
            assertEquals("409 ALREADY_PROCESSED", code(retry), "reconciled by the other route");
            assertEquals(1, w.juspay.effects("refund:acme_shop:o_rf:rf_1"));
            assertEquals(1, w.juspay.effects("refund:acme_shop:o_rf:rf_2"));
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }
}
