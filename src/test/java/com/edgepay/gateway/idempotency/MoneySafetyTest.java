package com.edgepay.gateway.idempotency;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.GLOBEX_KEY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.Forms;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No call moves money twice: the outcome table of the money-safety issue, end to end. */
@ExtendWith(VertxExtension.class)
class MoneySafetyTest {
  private RecordingUpstream upstream;
  private GatewayFixture gw;
  private final AtomicInteger answers = new AtomicInteger();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> {
      upstream = u;
      // A distinct body per upstream answer, so a replay is provably the stored one. Order status
      // (the gateway's check before a new attempt) shows the order asked about, unpaid.
      u.behave((request, body) -> vertx.setTimer(150, t -> request.response()
          .putHeader("content-type", "application/json; charset=utf-8")
          .end(request.method().name().equals("GET")
              ? "{\"status\":\"NEW\",\"order_id\":\"" + request.path().substring("/orders/".length()) + "\"}"
              : "{\"status\":\"NEW\",\"txn_uuid\":\"txn_" + answers.incrementAndGet() + "\",\"n\":"
              + answers.get() + "}")));
      return GatewayFixture.start(vertx, u.baseUrl());
    }).onComplete(ctx.succeeding(g -> {
      gw = g;
      ctx.completeNow();
    }));
  }

  private static MultiMap form(String... pairs) {
    return Forms.of(pairs);
  }

  private static MultiMap order(String id, String amount) {
    return form("order_id", id, "amount", amount, "customer_id", "cust_ms");
  }

  @Test
  void fiftyConcurrentIdenticalCreatesReachJuspayOnce(VertxTestContext ctx) {
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(gw.post("/orders", ACME_KEY).sendForm(order("ord_storm", "100.00")));
    }
    Future.join(calls).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(1, upstream.moneyCalls().size(), "exactly one upstream call");
      // One original answer; every other call is refused while in flight or replayed after.
      Map<String, Long> kinds = calls.stream().map(Future::result).map(r -> r.statusCode() + (
              "true".equals(r.getHeader("Idempotent-Replayed")) ? " replayed" : ""))
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      assertEquals(1L, kinds.get("200"), kinds.toString());
      assertEquals(50L, kinds.get("200") + kinds.getOrDefault("409", 0L) + kinds.getOrDefault("200 replayed", 0L),
          kinds.toString());
      assertTrue(kinds.getOrDefault("409", 0L) > 0, kinds.toString());
      HttpResponse<Buffer> busy = calls.stream().map(Future::result).filter(r -> r.statusCode() == 409)
          .findFirst().orElseThrow();
      assertEquals("REQUEST_IN_PROGRESS", busy.bodyAsJsonObject().getString("error_code"));
      assertTrue(Integer.parseInt(busy.getHeader("retry-after")) >= 1);
      ctx.completeNow();
    })));
  }

  @Test
  void aRetryAfterCompletionIsAByteIdenticalReplay(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(order("ord_replay", "100.00")).compose(first ->
        gw.post("/orders", ACME_KEY).sendForm(order("ord_replay", "100.00")).map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          HttpResponse<Buffer> first = both.get(0);
          HttpResponse<Buffer> second = both.get(1);
          assertEquals(1, upstream.moneyCalls().size());
          assertEquals(first.statusCode(), second.statusCode());
          assertArrayEquals(first.body().getBytes(), second.body().getBytes());
          assertEquals(first.getHeader("content-type"), second.getHeader("content-type"));
          assertEquals("true", second.getHeader("Idempotent-Replayed"));
          assertNull(first.getHeader("Idempotent-Replayed"));
          assertEquals("cust_ms", second.getHeader("x-routing-id"));
          assertTrue(!first.getHeader("x-request-id").equals(second.getHeader("x-request-id")));
          ctx.completeNow();
        })));
  }

  @Test
  void theSameOrderIdWithAnotherPayloadIs422(VertxTestContext ctx) {
    gw.post("/orders", ACME_KEY).sendForm(order("ord_reuse", "100.00"))
        .compose(first -> gw.post("/orders", ACME_KEY).sendForm(order("ord_reuse", "250.00")))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(422, second.statusCode());
          assertEquals("IDEMPOTENCY_KEY_REUSED", second.bodyAsJsonObject().getString("error_code"));
          assertEquals(1, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void tenantsAreIndependent(VertxTestContext ctx) {
    Future<HttpResponse<Buffer>> acme = gw.post("/orders", ACME_KEY).sendForm(order("ord_shared", "1.00"));
    Future<HttpResponse<Buffer>> globex = gw.post("/orders", GLOBEX_KEY).sendForm(order("ord_shared", "1.00"));
    Future.all(acme, globex).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(200, acme.result().statusCode());
      assertEquals(200, globex.result().statusCode());
      assertEquals(2, upstream.moneyCalls().size());
      ctx.completeNow();
    })));
  }

  @Test
  void anExactTxnsDuplicateReplaysAndAnotherPaymentIsANewAttempt(VertxTestContext ctx) {
    MultiMap card = form("order_id", "ord_pay", "payment_method_type", "NB", "payment_method", "NB_HDFC");
    MultiMap upi = form("order_id", "ord_pay", "payment_method_type", "UPI", "upi_vpa", "alice@upi");
    gw.post("/txns", ACME_KEY).sendForm(card)
        .compose(first -> gw.post("/txns", ACME_KEY).sendForm(card))
        .compose(dup -> {
          ctx.verify(() -> {
            assertEquals("true", dup.getHeader("Idempotent-Replayed"));
            assertEquals(1, upstream.moneyCalls().size());
          });
          return gw.post("/txns", ACME_KEY).sendForm(upi);
        })
        .onComplete(ctx.succeeding(other -> ctx.verify(() -> {
          assertEquals(200, other.statusCode());
          assertNull(other.getHeader("Idempotent-Replayed"));
          assertEquals(2, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void refundsDedupeOnUniqueRequestId(VertxTestContext ctx) {
    String path = "/orders/ord_refund/refunds";
    gw.post(path, ACME_KEY).sendForm(form("unique_request_id", "rf_1", "amount", "10.00"))
        .compose(r -> gw.post(path, ACME_KEY).sendForm(form("unique_request_id", "rf_1", "amount", "10.00")))
        .compose(replayed -> {
          ctx.verify(() -> assertEquals("true", replayed.getHeader("Idempotent-Replayed")));
          return gw.post(path, ACME_KEY).sendForm(form("unique_request_id", "rf_1", "amount", "12.00"));
        })
        .compose(reused -> {
          ctx.verify(() -> assertEquals(422, reused.statusCode()));
          return gw.post(path, ACME_KEY).sendForm(form("unique_request_id", "rf_2", "amount", "10.00"));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(200, second.statusCode());
          assertEquals(2, upstream.moneyCalls().size(), "rf_1 once, rf_2 once");
          ctx.completeNow();
        })));
  }

  @Test
  void aClientIdempotencyKeyIsAKeyOfItsOwn(VertxTestContext ctx) {
    gw.post("/txns", ACME_KEY).putHeader("Idempotency-Key", "checkout-42")
        .sendForm(form("order_id", "ord_ik", "payment_method_type", "NB"))
        .compose(first -> gw.post("/txns", ACME_KEY).putHeader("Idempotency-Key", "checkout-42")
            .sendForm(form("order_id", "ord_ik", "payment_method_type", "UPI")))
        .compose(reused -> {
          ctx.verify(() -> assertEquals(422, reused.statusCode()));
          return gw.post("/txns", ACME_KEY).putHeader("Idempotency-Key", "k".repeat(256))
              .sendForm(form("order_id", "ord_ik2", "payment_method_type", "NB"));
        })
        .onComplete(ctx.succeeding(tooLong -> ctx.verify(() -> {
          assertEquals(400, tooLong.statusCode());
          assertEquals("Idempotency-Key", tooLong.bodyAsJsonObject().getJsonObject("error_info").getJsonArray("fields")
              .getJsonObject(0).getString("field_name"));
          assertEquals(1, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void aClientErrorIsNotStoredSoTheRetryIsForwarded(VertxTestContext ctx) {
    upstream.answer(400, "application/json", "{\"status\":\"error\",\"error_code\":\"invalid_request\"}");
    gw.post("/orders", ACME_KEY).sendForm(order("ord_4xx", "1.00"))
        .compose(first -> gw.post("/orders", ACME_KEY).sendForm(order("ord_4xx", "1.00")))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(400, second.statusCode());
          assertNull(second.getHeader("Idempotent-Replayed"));
          assertEquals(2, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void aTimeoutMakesTheOutcomeUnknownAndQuarantinesTheOrder(VertxTestContext ctx) {
    upstream.hang();
    gw.post("/txns", ACME_KEY).putHeader("x-gateway-timeout-ms", "700")
        .sendForm(form("order_id", "ord_unknown", "payment_method_type", "NB"))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(504, first.statusCode());
            assertEquals(1, upstream.moneyCalls().size(), "the call went out, so its outcome is unknown");
          });
          return vertx().timer(100);
        })
        .compose(t -> gw.post("/txns", ACME_KEY).sendForm(form("order_id", "ord_unknown", "payment_method_type", "NB")))
        .compose(retry -> {
          ctx.verify(() -> {
            assertEquals(409, retry.statusCode());
            assertEquals("OUTCOME_UNKNOWN", retry.bodyAsJsonObject().getString("error_code"));
            assertTrue(Integer.parseInt(retry.getHeader("retry-after")) >= 1);
          });
          return gw.post("/txns", ACME_KEY).sendForm(form("order_id", "ord_unknown", "payment_method_type", "UPI"));
        })
        .onComplete(ctx.succeeding(other -> ctx.verify(() -> {
          assertEquals("OUTCOME_UNKNOWN", other.bodyAsJsonObject().getString("error_code"),
              "no new payment attempt while an earlier one may have gone through");
          assertEquals(1, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void aServerErrorIsAnUnknownOutcome(VertxTestContext ctx) {
    upstream.answer(503, "application/json", "{\"status\":\"error\"}");
    gw.post("/orders", ACME_KEY).sendForm(order("ord_5xx", "1.00"))
        .compose(first -> {
          ctx.verify(() -> assertEquals(503, first.statusCode(), "Juspay's answer is relayed"));
          return gw.post("/orders", ACME_KEY).sendForm(order("ord_5xx", "1.00"));
        })
        .onComplete(ctx.succeeding(retry -> ctx.verify(() -> {
          assertEquals(409, retry.statusCode());
          assertEquals("OUTCOME_UNKNOWN", retry.bodyAsJsonObject().getString("error_code"));
          assertEquals(1, upstream.moneyCalls().size());
          ctx.completeNow();
        })));
  }

  @Test
  void aCallRefusedBeforeSendingIsReleased(Vertx vertx, VertxTestContext ctx) {
    String closed = "http://127.0.0.1:" + com.edgepay.gateway.support.Ports.free();
    GatewayFixture.start(vertx, closed).compose(refusing -> refusing.post("/orders", ACME_KEY)
            .sendForm(order("ord_refused", "1.00"))
            .compose(first -> {
              ctx.verify(() -> assertEquals(502, first.statusCode()));
              return refusing.post("/orders", ACME_KEY).sendForm(order("ord_refused", "1.00"));
            }))
        .onComplete(ctx.succeeding(retry -> ctx.verify(() -> {
          assertEquals(502, retry.statusCode(), "released, so the retry is forwarded (and refused) again");
          assertEquals("UPSTREAM_UNAVAILABLE", retry.bodyAsJsonObject().getString("error_code"));
          ctx.completeNow();
        })));
  }

  private Vertx vertx() {
    return io.vertx.core.Vertx.currentContext().owner();
  }
}
