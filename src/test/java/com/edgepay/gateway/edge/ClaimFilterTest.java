package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.IdempotencySettings;
import static com.edgepay.gateway.edge.Exchanges.code;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.Fingerprint;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.reconcile.OrderStatusClient;
import com.edgepay.gateway.reconcile.Reconciler;
import com.edgepay.gateway.secrets.JuspayCredential;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The claim filter's decision table on the in-process store (the very Lua scripts Redis runs),
 * with Juspay's order status played by a table the test fills: what each store verdict answers,
 * what each outcome records on the way out, and how unknown outcomes and repeat payments are
 * checked with Juspay.
 */
@ExtendWith(VertxExtension.class)
class ClaimFilterTest {
  private final PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
  private final IdentifyFilter identify = new IdentifyFilter();
  /** Juspay's order status, by order id; absent: the status call fails. */
  private final Map<String, UpstreamReply> juspay = new HashMap<>();
  private final ClaimPlanner planner = new ClaimPlanner(new Fingerprint(new byte[32]), Exchanges.MONEY);
  private int statusCalls;
  private ClaimFilter filter;

  @BeforeEach
  void setUp(Vertx vertx) {
    filter = filter(vertx, MoneySafety.inMemory(vertx, Exchanges.MONEY));
  }

  private ClaimFilter filter(Vertx vertx, IdempotencyStore store) {
    GatewayMetrics metrics = new GatewayMetrics(registry);
    OrderStatusClient orders = new OrderStatusClient(vertx, (call, inFlight) -> {
      statusCalls++;
      String orderId = call.path().substring("/orders/".length());
      UpstreamReply reply = juspay.get(orderId);
      return reply == null ? Future.failedFuture(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, false, null))
          : Future.succeededFuture(reply);
    }, tenant -> JuspayCredential.fromKey(tenant, "JP", 1), tenant -> null);
    Reconciler reconciler = new Reconciler(store, orders, planner, Exchanges.tenants(t -> { }), metrics, 1000);
    return new ClaimFilter(store, planner, reconciler, orders, metrics);
  }

  private static void juspayStatus(Map<String, UpstreamReply> juspay, String orderId, int http, JsonObject body) {
    juspay.put(orderId, new UpstreamReply(http, "application/json", null, body.toBuffer()));
  }

  private Exchange createOrder(String orderId, String amount, String... headers) {
    Exchange ex = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders", Exchanges.acme(), headers),
        "order_id", orderId, "amount", amount, "merchant_id", "acme_shop");
    identify.onRequest(ex);
    return ex;
  }

  private Exchange pay(String orderId, String method) {
    Exchange ex = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/txns", Exchanges.acme()),
        "order_id", orderId, "payment_method_type", method, "merchant_id", "acme_shop");
    identify.onRequest(ex);
    return ex;
  }

  /** Runs the inbound half; null when the call may go on to Juspay. */
  private static Outcome in(ClaimFilter filter, Exchange ex) {
    return await(filter.onRequest(ex));
  }

  private static void out(ClaimFilter filter, Exchange ex, Outcome outcome) {
    await(filter.onResponse(ex, outcome).map(v -> (Outcome) null));
  }

  private static Outcome await(Future<Outcome> step) {
    try {
      return step.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return Outcomes.of(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Outcome relay(int status, String body) {
    return new Outcome.Relay(new UpstreamReply(status, "application/json", null, Buffer.buffer(body)));
  }

  @Test
  void aNewCallIsClaimedAndItsAnswerRecordedBeforeItLeaves() {
    Exchange first = createOrder("o1", "1.00");
    assertNull(in(filter, first), "granted: the call goes on");
    assertNotNull(first.claim);
    assertEquals("o1", first.routingId, "a guest's order id is its routing id");
    assertEquals("REQUEST_IN_PROGRESS", code(in(filter, createOrder("o1", "1.00"))));

    out(filter, first, relay(200, "{\"s\":1}"));
    assertEquals("o1", first.replyHeaders.get("x-routing-id"));
    Outcome.Replay replay = assertInstanceOf(Outcome.Replay.class, in(filter, createOrder("o1", "1.00")));
    assertEquals("{\"s\":1}", replay.reply().body().toString());
    assertEquals("IDEMPOTENCY_KEY_REUSED", code(in(filter, createOrder("o1", "2.00"))));
  }

  @Test
  void aRefusalByJuspayOrAnUnsentCallFreesTheKey() {
    Exchange refused = createOrder("o2", "1.00");
    in(filter, refused);
    out(filter, refused, relay(400, "{}"));
    Exchange unsent = createOrder("o2", "1.00");
    assertNull(in(filter, unsent), "a 4xx created nothing: the retry goes through");
    out(filter, unsent, Outcome.Refusal.unsent(Outcomes.DEADLINE_UNSENT));
    assertNull(in(filter, createOrder("o2", "1.00")), "nothing was sent: the retry goes through");
  }

  @Test
  void anUnknownOutcomeThatTookEffectIsAlreadyProcessedWithWhatJuspaySays() {
    Exchange lost = createOrder("o3", "1.00");
    in(filter, lost);
    out(filter, lost, new Outcome.Refusal(Outcomes.DEADLINE, true));
    juspayStatus(juspay, "o3", 200, new JsonObject().put("order_id", "o3").put("status", "NEW"));
    Outcome retry = in(filter, createOrder("o3", "1.00"));
    assertEquals("ALREADY_PROCESSED", code(retry));
    assertEquals("{\"order_id\":\"o3\",\"status\":\"NEW\"}", ((Outcome.Refusal) retry).error().juspayReport());
    assertEquals("ALREADY_PROCESSED", code(in(filter, createOrder("o3", "1.00"))), "remembered: no second question");
    assertEquals(1, statusCalls);
  }

  @Test
  void anUnknownOutcomeThatDidNotTakeEffectIsReleasedOnceJuspayIsDoneWithIt(Vertx vertx) {
    Exchange lost = createOrder("o4", "1.00");
    in(filter, lost);
    out(filter, lost, relay(502, "{}"));
    juspayStatus(juspay, "o4", 404, new JsonObject().put("status", "error").put("error_code", "not_found"));
    Outcome early = in(filter, createOrder("o4", "1.00"));
    assertEquals("OUTCOME_UNKNOWN", code(early), "within the grace period Juspay may still make the order");
    assertTrue(((Outcome.Refusal) early).error().retryAfterSeconds() >= 1);

    ClaimFilter noGrace = filter(vertx, MoneySafety.inMemory(vertx, new IdempotencySettings(Path.of("unused"),
        86_400_000L, 500L, 30L * 86_400_000L, 0L, 250L)));
    Exchange lostToo = createOrder("o4b", "1.00");
    in(noGrace, lostToo);
    out(noGrace, lostToo, relay(502, "{}"));
    juspayStatus(juspay, "o4b", 404, new JsonObject().put("status", "error").put("error_code", "not_found"));
    Exchange retry = createOrder("o4b", "1.00");
    assertNull(in(noGrace, retry), "past the grace period, Juspay has no such order: the retry is claimed and sent");
    assertNotNull(retry.claim);
  }

  @Test
  void anUnknownOutcomeJuspayCannotSettleStaysUnknown() {
    Exchange lost = createOrder("o5", "1.00");
    in(filter, lost);
    out(filter, lost, new Outcome.Refusal(Outcomes.DEADLINE, true));
    Outcome retry = in(filter, createOrder("o5", "1.00"));
    assertEquals("OUTCOME_UNKNOWN", code(retry), "the status call failed: still unknown, never free");
    assertEquals(409, retry.status());
    assertTrue(((Outcome.Refusal) retry).error().retryAfterSeconds() > 0);
  }

  @Test
  void aNewPaymentAttemptAfterASuccessfulOneAsksJuspayFirst() {
    Exchange card = pay("o6", "CARD");
    assertNull(in(filter, card));
    out(filter, card, relay(200, "{\"txn_uuid\":\"t1\",\"status\":\"PENDING_VBV\"}"));

    juspayStatus(juspay, "o6", 200, new JsonObject().put("order_id", "o6").put("status", "PENDING_VBV")
        .put("txn_uuid", "t1"));
    Exchange upi = pay("o6", "UPI");
    assertNull(in(filter, upi), "unpaid (the customer may switch methods): the attempt goes on");
    assertEquals(1, statusCalls);
    out(filter, upi, relay(200, "{\"txn_uuid\":\"t2\"}"));

    juspayStatus(juspay, "o6", 200, new JsonObject().put("order_id", "o6").put("status", "CHARGED"));
    Exchange nb = pay("o6", "NB");
    Outcome paid = in(filter, nb);
    assertEquals("ORDER_ALREADY_PAID", code(paid));
    out(filter, nb, paid);
    assertEquals("ORDER_ALREADY_PAID", code(in(filter, pay("o6", "WALLET"))), "asked again, and still paid");
    assertEquals(3, statusCalls, "paid is never remembered: a voided pre-auth may take a new attempt");
  }

  @Test
  void whenThatCheckFailsNothingIsSent() {
    Exchange card = pay("o7", "CARD");
    in(filter, card);
    out(filter, card, relay(200, "{\"txn_uuid\":\"t1\"}"));
    Exchange again = pay("o7", "UPI");
    Outcome refused = in(filter, again);
    assertEquals("UPSTREAM_UNAVAILABLE", code(refused));
    assertEquals(503, refused.status());
    out(filter, again, refused);
    juspayStatus(juspay, "o7", 200, new JsonObject().put("order_id", "o7").put("status", "PENDING_VBV"));
    assertNull(in(filter, pay("o7", "UPI")), "the failed check released its claim");
  }

  @Test
  void anOrderTakesAtMostTheTenantsAttempts(Vertx vertx) {
    Exchange first = pay("o8", "M0");
    in(filter, first);
    out(filter, first, relay(400, "{}"));
    for (int i = 1; i <= 10; i++) {
      Exchange attempt = pay("o8", "M" + i);
      assertNull(in(filter, attempt), "attempt " + i);
      out(filter, attempt, new Outcome.Refusal(Outcomes.DEADLINE, true));
      juspayStatus(juspay, "o8", 200, new JsonObject().put("order_id", "o8").put("status", "PENDING_VBV")
          .put("txn_uuid", "t" + i));
      assertEquals("ALREADY_PROCESSED", code(in(filter, pay("o8", "M" + i))), "attempt " + i + " took effect");
    }
    assertEquals("ATTEMPT_LIMIT_REACHED", code(in(filter, pay("o8", "M11"))));
  }

  @Test
  void theRoutingRuleIsAppliedWithTheClaim() {
    Exchange bound = createOrder("o9", "1.00", "x-routing-id", "cust_a");
    in(filter, bound);
    out(filter, bound, relay(200, "{}"));
    Exchange other = Exchanges.withForm(Exchanges.routed(HttpMethod.POST, "/orders/o9/refunds", Exchanges.acme(),
        "x-routing-id", "cust_b"), "unique_request_id", "u1", "amount", "1");
    identify.onRequest(other);
    assertEquals("ROUTING_ID_MISMATCH", code(in(filter, other)));
    assertEquals(1.0, registry.find("gateway.routing.id").tag("outcome", "mismatched").counter().count());
  }

  @Test
  void aRefusedCallDoesNotBindItsRoutingId() {
    Exchange refused = createOrder("o10", "1.00", "x-routing-id", "cust_wrong");
    in(filter, refused);
    out(filter, refused, relay(400, "{}"));
    Exchange right = createOrder("o10", "1.00", "x-routing-id", "cust_right");
    assertNull(in(filter, right), "the 4xx call's binding was taken back");
    assertEquals("cust_right", right.routingId);
  }

  @Test
  void aReadChecksTheBindingAndIsServedUncheckedWhenTheStoreIsDown(Vertx vertx) {
    Exchange bound = createOrder("o11", "1.00", "x-routing-id", "cust_a");
    in(filter, bound);
    out(filter, bound, relay(200, "{}"));
    Exchange read = Exchanges.routed(HttpMethod.GET, "/orders/o11", Exchanges.acme());
    identify.onRequest(read);
    assertNull(in(filter, read));
    assertEquals("cust_a", read.routingId, "a read without a header gets the order's bound id");
    assertNull(read.claim, "a read claims nothing");

    ClaimFilter down = filter(vertx, Stores.failing(vertx));
    Exchange unchecked = Exchanges.routed(HttpMethod.GET, "/orders/o11", Exchanges.acme(), "x-routing-id", "cust_z");
    identify.onRequest(unchecked);
    assertNull(in(down, unchecked));
    assertEquals("cust_z", unchecked.routingId);
    assertEquals(1.0, registry.find("gateway.routing.check.skipped").counter().count());
  }

  @Test
  void aMoneyCallWithTheStoreDownIsRefusedAndNothingIsClaimed(Vertx vertx) {
    Exchange ex = createOrder("o12", "1.00");
    Outcome outcome = in(filter(vertx, Stores.failing(vertx)), ex);
    assertEquals("IDEMPOTENCY_STORE_UNAVAILABLE", code(outcome));
    assertEquals(1, ((Outcome.Refusal) outcome).error().retryAfterSeconds());
    assertNull(ex.claim);
  }

  @Test
  void theClaimsOwnerIsTheGatewaysOwnTokenNotTheClientsRequestId() {
    Exchange first = createOrder("o13", "1.00", "x-request-id", "same-id");
    Exchange second = createOrder("o13b", "1.00", "x-request-id", "same-id");
    in(filter, first);
    in(filter, second);
    assertNotEquals(first.claim.plan().token(), second.claim.plan().token());
    assertNotEquals("same-id", first.claim.plan().token());
    out(filter, second, Outcome.Refusal.unsent(Outcomes.DEADLINE_UNSENT));
    assertEquals("REQUEST_IN_PROGRESS", code(in(filter, createOrder("o13", "1.00"))),
        "releasing one request's claim never touches another's, whatever id the client reused");
  }

  @Test
  void theAnswerWaitsForItsRecordButNoLongerThanSettleWait(Vertx vertx) {
    ClaimFilter slow = filter(vertx, com.edgepay.gateway.idempotency.TestStores.slowSettles(vertx, Exchanges.MONEY, 150));
    Exchange ex = createOrder("o16", "1.00");
    in(slow, ex);
    Future<Void> recording = slow.onResponse(ex, relay(200, "{}"));
    assertTrue(!recording.isComplete(), "the answer may not leave before its outcome is recorded");
    await(recording.map(v -> (Outcome) null));
    assertInstanceOf(Outcome.Replay.class, in(slow, createOrder("o16", "1.00")), "recorded by the time it answered");

    ClaimFilter stalled = filter(vertx,
        com.edgepay.gateway.idempotency.TestStores.slowSettles(vertx, Exchanges.MONEY, 5_000));
    Exchange late = createOrder("o17", "1.00");
    in(stalled, late);
    long started = System.nanoTime();
    out(stalled, late, relay(200, "{}"));
    long waitedMs = (System.nanoTime() - started) / 1_000_000;
    assertTrue(waitedMs < 2_000, "a store slower than settle_wait_ms does not hold the answer: " + waitedMs + " ms");
  }

  @Test
  void aLostClaimReplyIsReleasedByItsOwnTokenAndNeverFreesAnothersClaim(Vertx vertx) {
    IdempotencyStore[] doors = com.edgepay.gateway.idempotency.TestStores.sharedWithLostReplies(vertx, Exchanges.MONEY);
    ClaimFilter first = filter(vertx, doors[0]);
    ClaimFilter lossy = filter(vertx, doors[1]);
    Exchange original = createOrder("o18", "1.00", "x-request-id", "shared-id");
    assertNull(in(first, original), "the original holds the claim");
    Exchange retry = createOrder("o18", "1.00", "x-request-id", "shared-id");
    assertEquals("IDEMPOTENCY_STORE_UNAVAILABLE", code(in(lossy, retry)),
        "the retry's claim reply was lost: it releases what it made, by its own token");
    assertEquals("REQUEST_IN_PROGRESS", code(in(first, createOrder("o18", "1.00"))),
        "the original's claim survived the retry's release");
  }

  @Test
  void anIdempotencyKeyNeverReplacesTheOrderId() {
    Exchange first = createOrder("o14", "1.00", "idempotency-key", "k-1");
    in(filter, first);
    out(filter, first, relay(200, "{}"));
    assertInstanceOf(Outcome.Replay.class, in(filter, createOrder("o14", "1.00", "idempotency-key", "k-2")),
        "another key does not make the same order a new one");
    assertEquals("IDEMPOTENCY_KEY_REUSED", code(in(filter, createOrder("o15", "1.00", "idempotency-key", "k-1"))));
  }
}
