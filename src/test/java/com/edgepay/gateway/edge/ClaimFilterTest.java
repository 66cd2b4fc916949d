package com.edgepay.gateway.edge;

import static com.edgepay.gateway.edge.Exchanges.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.Fingerprint;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

/**
 * The claim filter's decision table on the in-process store (the same Lua scripts Redis runs):
 * what each store verdict answers, and what each outcome records on the way out.
 */
class ClaimFilterTest {
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final IdempotencyStore store = MoneySafety.inMemory(Exchanges.MONEY);
  private final ClaimFilter filter = new ClaimFilter(store,
      new ClaimPlanner(new Fingerprint(new byte[32]), Exchanges.MONEY), new GatewayMetrics(registry));
  private final IdentifyFilter identify = new IdentifyFilter();

  private Exchange createOrder(String orderId, String amount, String... headers) {
    Exchange ex = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(), headers),
        "order_id", orderId, "amount", amount, "merchant_id", "acme_shop");
    identify.onRequest(ex);
    return ex;
  }

  private static Outcome done(Future<?> step) {
    assertTrue(step.isComplete(), "the in-process store answers at once");
    if (step.failed()) {
      return Outcomes.of(step.cause());
    }
    return step.result() instanceof Outcome o ? o : null;
  }

  private static Outcome relay(int status) {
    return new Outcome.Relay(new UpstreamReply(status, "application/json", null, Buffer.buffer("{\"s\":" + status + "}")));
  }

  @Test
  void aNewCallIsClaimedAndItsAnswerRecordedOnTheWayOut() {
    Exchange first = createOrder("o1", "1.00");
    assertNull(done(filter.onRequest(first)), "granted: the call goes on");
    assertNotNull(first.claim);
    assertEquals("o1", first.routingId, "a guest's order id is its routing id");

    assertEquals("REQUEST_IN_PROGRESS", code(done(filter.onRequest(createOrder("o1", "1.00")))));

    done(filter.onResponse(first, relay(200)));
    assertEquals("o1", first.replyHeaders.get("x-routing-id"));
    Outcome again = done(filter.onRequest(createOrder("o1", "1.00")));
    Outcome.Replay replay = assertInstanceOf(Outcome.Replay.class, again);
    assertEquals("{\"s\":200}", replay.reply().body().toString());
    assertEquals("IDEMPOTENCY_KEY_REUSED", code(done(filter.onRequest(createOrder("o1", "2.00")))));
  }

  @Test
  void aRefusalByJuspayOrAnUnsentCallFreesTheKey() {
    Exchange refused = createOrder("o2", "1.00");
    done(filter.onRequest(refused));
    done(filter.onResponse(refused, relay(400)));
    Exchange unsent = createOrder("o2", "1.00");
    assertNull(done(filter.onRequest(unsent)), "a 4xx created nothing: the retry goes through");
    done(filter.onResponse(unsent, Outcome.Refusal.unsent(Outcomes.DEADLINE)));
    assertNull(done(filter.onRequest(createOrder("o2", "1.00"))), "nothing was sent: the retry goes through");
  }

  @Test
  void anythingSentWithoutAUsableAnswerIsUnknown() {
    Exchange timedOut = createOrder("o3", "1.00");
    done(filter.onRequest(timedOut));
    done(filter.onResponse(timedOut, new Outcome.Refusal(Outcomes.DEADLINE, true)));
    assertEquals("OUTCOME_UNKNOWN", code(done(filter.onRequest(createOrder("o3", "1.00")))));

    Exchange serverError = createOrder("o4", "1.00");
    done(filter.onRequest(serverError));
    done(filter.onResponse(serverError, relay(503)));
    assertEquals("OUTCOME_UNKNOWN", code(done(filter.onRequest(createOrder("o4", "1.00")))));
  }

  @Test
  void theRoutingRuleIsAppliedWithTheClaim() {
    Exchange bound = createOrder("o5", "1.00", "x-routing-id", "cust_a");
    done(filter.onRequest(bound));
    done(filter.onResponse(bound, relay(200)));
    Exchange other = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders/o5/refunds", Exchanges.acme(),
        "x-routing-id", "cust_b"), "unique_request_id", "u1", "amount", "1");
    identify.onRequest(other);
    assertEquals("ROUTING_ID_MISMATCH", code(done(filter.onRequest(other))));
    assertEquals(1.0, registry.find("gateway.routing.id").tag("outcome", "mismatched").counter().count());
  }

  @Test
  void aReadChecksTheBindingAndIsServedUncheckedWhenTheStoreIsDown() {
    Exchange bound = createOrder("o6", "1.00", "x-routing-id", "cust_a");
    done(filter.onRequest(bound));
    done(filter.onResponse(bound, relay(200)));
    Exchange read = Exchanges.routed(HttpMethod.GET, "/orders/o6", Exchanges.acme());
    identify.onRequest(read);
    assertNull(done(filter.onRequest(read)));
    assertEquals("cust_a", read.routingId, "a read without a header gets the order's bound id");
    assertNull(read.claim, "a read claims nothing");

    ClaimFilter down = new ClaimFilter(Stores.failing(), new ClaimPlanner(new Fingerprint(new byte[32]),
        Exchanges.MONEY), new GatewayMetrics(registry));
    Exchange unchecked = Exchanges.routed(HttpMethod.GET, "/orders/o6", Exchanges.acme(), "x-routing-id", "cust_z");
    identify.onRequest(unchecked);
    assertNull(done(down.onRequest(unchecked)));
    assertEquals("cust_z", unchecked.routingId);
    assertEquals(1.0, registry.find("gateway.routing.check.skipped").counter().count());
  }

  @Test
  void aMoneyCallWithTheStoreDownIsRefusedAndNothingIsClaimed() {
    ClaimFilter down = new ClaimFilter(Stores.failing(), new ClaimPlanner(new Fingerprint(new byte[32]),
        Exchanges.MONEY), new GatewayMetrics(registry));
    Exchange ex = createOrder("o7", "1.00");
    Outcome outcome = done(down.onRequest(ex));
    assertEquals("IDEMPOTENCY_STORE_UNAVAILABLE", code(outcome));
    assertEquals(1, ((Outcome.Refusal) outcome).error().retryAfterSeconds());
    assertNull(ex.claim);
  }
}
