package com.edgepay.gateway.money;

import static com.edgepay.gateway.support.Calls.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * The ways reconciliation could be fooled into sending a payment twice: Juspay still working on a
 * call the gateway gave up on (it takes effect after the deadline, after the retry asked), an order
 * status that is not an order status, and another payload under a key whose first call took effect.
 */
@ExtendWith(VertxExtension.class)
class LateEffectTest {
  private static final long GRACE_MS = 2_000;

  private static Future<MoneyWorld> world(Vertx vertx) {
    return MoneyWorld.start(vertx, c -> c.getJsonObject("idempotency").put("reconcile_grace_ms", GRACE_MS), t -> { });
  }

  /** Retries the identical call every 250 ms while the answer says to wait; returns every answer. */
  private static Future<List<String>> retryUntilDefinitive(Vertx vertx, MoneyWorld w, String order, List<String> seen) {
    return w.acme.pay(order, "NB_HDFC").compose(r -> {
      seen.add(code(r));
      if (!code(r).equals("409 OUTCOME_UNKNOWN") || seen.size() > 40) {
        return Future.succeededFuture(seen);
      }
      return vertx.timer(250).compose(t -> retryUntilDefinitive(vertx, w, order, seen));
    });
  }

  @Test
  void aRetryWhileJuspayIsStillWorkingOnTheFirstCallIsNotSent(Vertx vertx, VertxTestContext ctx) {
    world(vertx).compose(w -> w.acme.createOrder("slow_1")
        .compose(o -> {
          // Juspay takes 1.5 s and then the payment takes effect, though the gateway gave up at 400 ms.
          w.juspay.fault("POST /txns", "slow_1", new JsonObject().put("effect_delay_ms", 1_500));
          return w.acme.pay("slow_1", "NB_HDFC", "x-gateway-timeout-ms", "400");
        })
        .compose(first -> {
          ctx.verify(() -> assertEquals("504 UPSTREAM_TIMEOUT", code(first)));
          return w.acme.pay("slow_1", "NB_HDFC");
        })
        .compose(retry -> {
          ctx.verify(() -> {
            assertEquals("409 OUTCOME_UNKNOWN", code(retry), "Juspay shows no attempt yet, but may still make one");
            assertNotNull(retry.getHeader("Retry-After"));
          });
          return retryUntilDefinitive(vertx, w, "slow_1", new ArrayList<>());
        })
        .map(answers -> {
          ctx.verify(() -> {
            assertEquals("409 ALREADY_PROCESSED", answers.get(answers.size() - 1), "answers: " + answers);
            assertEquals(1, w.attempts("slow_1"), "one payment attempt at Juspay");
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  @Test
  void anOrderStatusThatIsAnErrorBodyWithATwoHundredDecidesNothing(Vertx vertx, VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> w.acme.createOrder("err_1")
        .compose(o -> {
          w.juspay.fault("POST /txns", "err_1", new JsonObject().put("lose_answer", true));
          return w.acme.pay("err_1", "NB_HDFC");
        })
        .compose(first -> {
          ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(first)));
          w.juspay.fault("GET /orders/:order_id", "err_1", new JsonObject().put("status", 200).put("times", -1));
          return vertx.timer(400).compose(t -> w.acme.pay("err_1", "NB_HDFC"));
        })
        .map(retry -> {
          ctx.verify(() -> {
            assertEquals("409 OUTCOME_UNKNOWN", code(retry));
            assertEquals(1, w.attempts("err_1"), "the attempt took effect once and was not sent again");
          });
          return w;
        }))
        .onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  /** Another payload under the natural key of a call that took effect is KEY_REUSED, first time and every time. */
  @Test
  void anotherPayloadOnAnOrderWhoseCreationTookEffectIsKeyReusedNotAlreadyProcessed(Vertx vertx,
      VertxTestContext ctx) {
    MoneyWorld.start(vertx).compose(w -> {
      w.juspay.fault("POST /orders", "hc_1", new JsonObject().put("lose_answer", true));
      return w.acme.createOrder("hc_1")
          .compose(first -> {
            ctx.verify(() -> assertEquals("502 OUTCOME_UNKNOWN", code(first)));
            return vertx.timer(400).compose(t -> otherAmount(w));
          })
          .compose(other -> otherAmount(w).map(again -> {
            ctx.verify(() -> {
              assertEquals("422 IDEMPOTENCY_KEY_REUSED", code(other), "reconciled inline");
              assertEquals("422 IDEMPOTENCY_KEY_REUSED", code(again), "and from the record");
              assertEquals(1, w.orderCreations("hc_1"));
            });
            return w;
          }))
          .compose(v -> w.acme.createOrder("hc_1"))
          .map(identical -> {
            ctx.verify(() -> assertEquals("409 ALREADY_PROCESSED", code(identical)));
            return w;
          });
    }).onComplete(ctx.succeeding(w -> ctx.completeNow()));
  }

  private static Future<HttpResponse<Buffer>> otherAmount(MoneyWorld w) {
    return w.acme.post("/orders", Forms.of("order_id", "hc_1", "amount", "999.00", "customer_id", "cust_hc_1"));
  }
}
