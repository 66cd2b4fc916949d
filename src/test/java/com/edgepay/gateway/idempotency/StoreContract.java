package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.crypto.Tokens;
import com.edgepay.gateway.routing.RoutingIdPolicy;
import com.edgepay.gateway.routing.RoutingOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the store's scripts must do, whoever runs them. Subclasses supply the runner: in-process
 * Lua, standalone Redis, Redis Cluster. Each test uses fresh ids, so stores need no cleaning.
 */
@ExtendWith(VertxExtension.class)
abstract class StoreContract {
  static final IdempotencySettings SETTINGS =
      new IdempotencySettings(Path.of("unused"), 86_400_000L, 100L, 30L * 86_400_000L, 200L, 1_000L);
  private static final AtomicInteger SEQ = new AtomicInteger();

  protected IdempotencyStore store;
  protected String tenant;
  private String order;

  protected abstract IdempotencyStore newStore(Vertx vertx);

  @BeforeEach
  void fresh(Vertx vertx) {
    store = newStore(vertx);
    int n = SEQ.incrementAndGet();
    tenant = "t" + n + getClass().getSimpleName().toLowerCase().charAt(0);
    order = "ord_" + n;
  }

  /** A claim on this test's order with defaults a test can override. */
  final class Plan {
    String kind = "orders";
    String record = StoreKeys.record(tenant, "orders", order);
    String lock = StoreKeys.orderLock(tenant, order);
    String orderBinding = StoreKeys.orderRouting(tenant, order);
    String customerBinding = StoreKeys.customerRouting(tenant, null);
    String clientKey = StoreKeys.none(tenant);
    String orderBook = StoreKeys.none(tenant);
    String txnOrder = StoreKeys.none(tenant);
    String token = Tokens.random128();
    String fp = "fp-a";
    String header = "";
    String derived = order;
    RoutingIdPolicy policy = RoutingIdPolicy.REJECT;
    long claimMs = 5_000;
    boolean reuseIsError = true;
    String orderId = order;
    String refundId = "";
    int maxAttempts = 0;
    String txnTag = "";

    /** A /txns attempt on this test's order, with its own payload. */
    Plan payment(String payload) {
      kind = "txns";
      record = StoreKeys.record(tenant, "txns", order + ":" + payload);
      fp = payload;
      reuseIsError = false;
      orderBook = StoreKeys.orderBook(tenant, order);
      maxAttempts = 3;
      return this;
    }

    ClaimPlan build() {
      return new ClaimPlan(tenant, kind, record, lock, orderBinding, customerBinding, clientKey, orderBook, txnOrder,
          token, fp, header, derived, policy, claimMs, reuseIsError, orderId, refundId, maxAttempts, txnTag, "");
    }

    Future<ClaimResult> claim() {
      return store.claim(build(), 5_000);
    }

    Future<Boolean> settle(Settlement settlement, StoredReply reply) {
      return store.settle(new SettleRequest(build(), settlement, reply, ""));
    }
  }

  static StoredReply reply(int status) {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return new StoredReply(status, "application/json", null, Buffer.buffer(bytes));
  }

  @Test
  void aSecondClaimWhileInFlightIsInProgress(VertxTestContext ctx) {
    Plan first = new Plan();
    Plan again = new Plan();
    first.claim().compose(r -> {
      assertInstanceOf(ClaimResult.Granted.class, r);
      return again.claim();
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      ClaimResult.InProgress busy = assertInstanceOf(ClaimResult.InProgress.class, r);
      assertTrue(busy.retryAfterMs() > 0 && busy.retryAfterMs() <= 5_000);
      ctx.completeNow();
    })));
  }

  @Test
  void aCompletedCallReplaysByteForByte(VertxTestContext ctx) {
    Plan first = new Plan();
    first.claim()
        .compose(r -> first.settle(Settlement.COMPLETE, reply(201)))
        .compose(ok -> {
          assertTrue(ok);
          return new Plan().claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          ClaimResult.Replay replay = assertInstanceOf(ClaimResult.Replay.class, r);
          assertEquals(201, replay.reply().status());
          assertEquals("application/json", replay.reply().contentType());
          assertArrayEquals(reply(201).body().getBytes(), replay.reply().body().getBytes());
          ctx.completeNow();
        })));
  }

  @Test
  void theSameKeyWithAnotherPayloadIsReusedOrANewAttempt(VertxTestContext ctx) {
    Plan first = new Plan();
    Plan other = new Plan();
    other.fp = "fp-b";
    Plan lenient = new Plan();
    lenient.fp = "fp-c";
    lenient.reuseIsError = false;
    first.claim().compose(r -> first.settle(Settlement.COMPLETE, reply(200)))
        .compose(ok -> other.claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.KeyReused.class, r);
          return lenient.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Granted.class, r);
          ctx.completeNow();
        })));
  }

  @Test
  void aReleasedClaimFreesTheKey(VertxTestContext ctx) {
    Plan first = new Plan();
    first.claim().compose(r -> first.settle(Settlement.RELEASE, null))
        .compose(ok -> new Plan().claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Granted.class, r);
          ctx.completeNow();
        })));
  }

  @Test
  void anUnknownOutcomeBlocksTheWholeOrderAndTimeDoesNotFreeIt(Vertx vertx, VertxTestContext ctx) {
    Plan first = new Plan();
    Plan otherAttempt = new Plan();
    otherAttempt.record = StoreKeys.record(tenant, "txns", order + ":other");
    first.claim().compose(r -> first.settle(Settlement.UNKNOWN, null))
        .compose(ok -> vertx.timer(400))
        .compose(t -> new Plan().claim())
        .compose(r -> {
          ClaimResult.Unknown unknown = assertInstanceOf(ClaimResult.Unknown.class, r);
          assertEquals(first.record, unknown.recordKey());
          return otherAttempt.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          ClaimResult.Unknown unknown = assertInstanceOf(ClaimResult.Unknown.class, r);
          assertEquals(first.record, unknown.recordKey(), "another attempt is told which record blocks the order");
          ctx.completeNow();
        })));
  }

  @Test
  void oneAttemptPerOrderAtATime(VertxTestContext ctx) {
    Plan first = new Plan();
    Plan otherAttempt = new Plan();
    otherAttempt.record = StoreKeys.record(tenant, "txns", order + ":fp-z");
    first.claim().compose(r -> otherAttempt.claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.InProgress.class, r);
          return first.settle(Settlement.COMPLETE, reply(200));
        })
        .compose(ok -> otherAttempt.claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Granted.class, r);
          ctx.completeNow();
        })));
  }

  @Test
  void onlyTheClaimsOwnTokenSettlesIt(VertxTestContext ctx) {
    Plan owner = new Plan();
    Plan intruder = new Plan();
    owner.claim().compose(r -> intruder.settle(Settlement.RELEASE, null))
        .compose(ok -> {
          assertFalse(ok);
          return intruder.settle(Settlement.COMPLETE, reply(200));
        })
        .compose(ok -> {
          assertFalse(ok);
          return new Plan().claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.InProgress.class, r);
          ctx.completeNow();
        })));
  }

  @Test
  void aReleaseThatArrivesBeforeItsClaimKeepsTheClaimFromLanding(VertxTestContext ctx) {
    Plan late = new Plan();
    late.settle(Settlement.RELEASE, null)
        .compose(ok -> {
          assertFalse(ok, "nothing to release yet");
          return late.claim();
        })
        .compose(r -> {
          assertInstanceOf(ClaimResult.Cancelled.class, r, "the tombstone stops the late claim");
          return new Plan().claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Granted.class, r, "and nothing was left behind to block the order");
          ctx.completeNow();
        })));
  }

  @Test
  void aClaimWhoseOwnerVanishedReadsAsUnknownAndStaysSo(Vertx vertx, VertxTestContext ctx) {
    Plan crashed = new Plan();
    crashed.claimMs = 100;
    crashed.claim()
        .compose(r -> vertx.timer(200))
        .compose(t -> new Plan().claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.Unknown.class, r);
          return vertx.timer(600);
        })
        .compose(t -> new Plan().claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Unknown.class, r, "time alone never frees it");
          ctx.completeNow();
        })));
  }

  @Test
  void routingIsDerivedBoundMatchedAndMismatched(VertxTestContext ctx) {
    Plan guest = new Plan();
    Plan sameId = new Plan();
    sameId.record = StoreKeys.record(tenant, "refund", order + ":r1");
    sameId.header = order;
    Plan wrong = new Plan();
    wrong.record = StoreKeys.record(tenant, "refund", order + ":r2");
    wrong.header = "somebody_else";
    guest.claim().compose(r -> {
      assertEquals(new ClaimResult.Granted(order, RoutingOutcome.BOUND, false), r);
      return guest.settle(Settlement.COMPLETE, reply(200));
    }).compose(ok -> sameId.claim()).compose(r -> {
      assertEquals(new ClaimResult.Granted(order, RoutingOutcome.MATCHED, false), r);
      return sameId.settle(Settlement.RELEASE, null);
    }).compose(ok -> wrong.claim()).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
      ctx.completeNow();
    })));
  }

  @Test
  void aBindingIsTakenBackWhenItsCallCreatedNothing(VertxTestContext ctx) {
    Plan refused = new Plan();
    refused.header = "cust_first";
    Plan next = new Plan();
    next.header = "cust_second";
    refused.claim().compose(r -> {
      assertEquals(RoutingOutcome.BOUND, r.routing());
      return refused.settle(Settlement.RELEASE, null);
    }).compose(ok -> next.claim()).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(new ClaimResult.Granted("cust_second", RoutingOutcome.BOUND, false), r,
          "a refused call's binding must not lock the order to its routing id");
      ctx.completeNow();
    })));
  }

  @Test
  void rewriteUsesTheBoundIdAndRequireWantsAHeader(VertxTestContext ctx) {
    Plan customer = new Plan();
    customer.customerBinding = StoreKeys.customerRouting(tenant, "cust_9");
    customer.derived = "cust_9";
    Plan rewritten = new Plan();
    rewritten.record = StoreKeys.record(tenant, "orders", "ord_b_" + order);
    rewritten.lock = StoreKeys.orderLock(tenant, "ord_b_" + order);
    rewritten.orderBinding = StoreKeys.orderRouting(tenant, "ord_b_" + order);
    rewritten.customerBinding = customer.customerBinding;
    rewritten.header = "stray";
    rewritten.policy = RoutingIdPolicy.REWRITE;
    Plan required = new Plan();
    required.policy = RoutingIdPolicy.REQUIRE;
    customer.claim().compose(r -> {
      assertEquals(new ClaimResult.Granted("cust_9", RoutingOutcome.BOUND, false), r);
      return rewritten.claim();
    }).compose(r -> {
      assertEquals(new ClaimResult.Granted("cust_9", RoutingOutcome.REWRITTEN, false), r);
      return required.claim();
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.REQUIRED), r);
      ctx.completeNow();
    })));
  }

  @Test
  void aReadChecksWithoutBinding(VertxTestContext ctx) {
    String okey = StoreKeys.orderRouting(tenant, order);
    String none = StoreKeys.customerRouting(tenant, null);
    store.checkRouting(new RoutingCheck(okey, none, "cust_x", order, RoutingIdPolicy.REJECT), 5_000)
        .compose(r -> {
          assertEquals(new ClaimResult.Granted("cust_x", RoutingOutcome.BOUND, false), r);
          return store.checkRouting(new RoutingCheck(okey, none, "cust_y", order, RoutingIdPolicy.REJECT), 5_000);
        })
        .compose(r -> {
          assertEquals(new ClaimResult.Granted("cust_y", RoutingOutcome.BOUND, false), r, "a read must not bind");
          Plan created = new Plan();
          created.header = "cust_x";
          return created.claim();
        })
        .compose(r -> store.checkRouting(new RoutingCheck(okey, none, "cust_y", order, RoutingIdPolicy.REJECT), 5_000))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
          ctx.completeNow();
        })));
  }

  @Test
  void aCompletedPaymentRemembersItsTxnForCaptureAndVoid(VertxTestContext ctx) {
    Plan payment = new Plan().payment("p1");
    payment.header = "cust_7";
    payment.claim()
        .compose(r -> store.settle(new SettleRequest(payment.build(), Settlement.COMPLETE, reply(200), "tag_t1")))
        .compose(ok -> store.checkRouting(new RoutingCheck(StoreKeys.txnRouting(tenant, "tag_t1"),
            StoreKeys.none(tenant), "cust_8", "", RoutingIdPolicy.REJECT), 5_000))
        .compose(r -> {
          assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
          Plan capture = new Plan();
          capture.kind = "capture";
          capture.record = StoreKeys.record(tenant, "capture", "tag_t1");
          capture.lock = StoreKeys.txnLock(tenant, "tag_t1");
          capture.orderBinding = StoreKeys.txnRouting(tenant, "tag_t1");
          capture.txnOrder = StoreKeys.txnOrder(tenant, "tag_t1");
          capture.orderId = "";
          capture.txnTag = "tag_t1";
          capture.header = "cust_7";
          return capture.claim().compose(c -> capture.settle(Settlement.UNKNOWN, null))
              .compose(ok -> store.leaseOne(tenant, capture.record));
        })
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          UnknownCall call = report.leased().get(0);
          assertEquals(order, call.orderId(), "a capture knows its txn's order, for reconciliation");
          assertEquals("tag_t1", call.txnTag());
          ctx.completeNow();
        })));
  }

  @Test
  void tenantsNeverShareKeys(VertxTestContext ctx) {
    Plan mine = new Plan();
    String other = tenant + "x";
    Plan theirs = new Plan();
    theirs.record = StoreKeys.record(other, "orders", order);
    theirs.lock = StoreKeys.orderLock(other, order);
    theirs.orderBinding = StoreKeys.orderRouting(other, order);
    theirs.customerBinding = StoreKeys.none(other);
    theirs.clientKey = StoreKeys.none(other);
    theirs.orderBook = StoreKeys.none(other);
    theirs.txnOrder = StoreKeys.none(other);
    theirs.header = "their_customer";
    mine.claim().compose(r -> store.claim(new ClaimPlan(other, "orders", theirs.record, theirs.lock, theirs.orderBinding,
                theirs.customerBinding, theirs.clientKey, theirs.orderBook, theirs.txnOrder, theirs.token, "fp-a",
                "their_customer", order, RoutingIdPolicy.REJECT, 5_000, true, order, "", 0, "", ""), 5_000))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.Granted("their_customer", RoutingOutcome.BOUND, false), r);
          ctx.completeNow();
        })));
  }

  @Test
  void anIdempotencyKeyAddsAKeyAndNeverReplacesTheNaturalOne(VertxTestContext ctx) {
    Plan keyed = new Plan();
    keyed.clientKey = StoreKeys.clientKey(tenant, "orders", "k1");
    Plan otherKey = new Plan();
    otherKey.clientKey = StoreKeys.clientKey(tenant, "orders", "k2");
    Plan sameKeyOtherOrder = new Plan();
    sameKeyOtherOrder.clientKey = keyed.clientKey;
    sameKeyOtherOrder.record = StoreKeys.record(tenant, "orders", "x_" + order);
    sameKeyOtherOrder.lock = StoreKeys.orderLock(tenant, "x_" + order);
    sameKeyOtherOrder.fp = "fp-other";
    keyed.claim().compose(r -> keyed.settle(Settlement.COMPLETE, reply(200)))
        .compose(ok -> otherKey.claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.Replay.class, r, "a new header does not make the same order new");
          return sameKeyOtherOrder.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.KeyReused.class, r, "the header with another payload is a 422");
          ctx.completeNow();
        })));
  }

  @Test
  void paymentAttemptsAreCountedCappedAndCheckedAfterASuccess(VertxTestContext ctx) {
    Plan a = new Plan().payment("a");
    Plan b = new Plan().payment("b");
    Plan c = new Plan().payment("c");
    Plan d = new Plan().payment("d");
    a.claim().compose(r -> {
      assertEquals(false, ((ClaimResult.Granted) r).checkFirst());
      return a.settle(Settlement.RELEASE, null);
    }).compose(ok -> b.claim()).compose(r -> {
      assertEquals(false, ((ClaimResult.Granted) r).checkFirst(), "a refused attempt is not counted, nor a success");
      return b.settle(Settlement.COMPLETE, reply(200));
    }).compose(ok -> c.claim()).compose(r -> {
      assertTrue(((ClaimResult.Granted) r).checkFirst(), "after a success, Juspay must be asked first");
      return c.settle(Settlement.UNKNOWN, null);
    }).compose(ok -> store.leaseOne(tenant, c.record)).compose(report ->
        store.resolve(report.leased().get(0), false, "", ""))
        .compose(ok -> d.claim()).compose(r -> {
          assertInstanceOf(ClaimResult.Granted.class, r);
          return d.settle(Settlement.PAID, null);
        }).compose(ok -> new Plan().payment("e").claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          // Paid is never remembered (a voided pre-auth may take a new attempt): Juspay is asked again.
          assertTrue(assertInstanceOf(ClaimResult.Granted.class, r).checkFirst(),
              "an attempt after one Juspay showed paid is checked first");
          ctx.completeNow();
        })));
  }

  @Test
  void theAttemptCapHolds(VertxTestContext ctx) {
    Plan a = new Plan().payment("a");
    Plan b = new Plan().payment("b");
    Plan c = new Plan().payment("c");
    Future<ClaimResult> chain = a.claim().compose(r -> a.settle(Settlement.UNKNOWN, null))
        .compose(ok -> store.leaseOne(tenant, a.record))
        .compose(r -> store.resolve(r.leased().get(0), true, "{}", "t1"))
        .compose(ok -> b.claim()).compose(r -> b.settle(Settlement.COMPLETE, reply(200)))
        .compose(ok -> c.claim()).compose(r -> c.settle(Settlement.COMPLETE, reply(200)))
        .compose(ok -> new Plan().payment("d").claim());
    chain.onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertInstanceOf(ClaimResult.AttemptLimit.class, r, "three attempts reached Juspay; the cap is three");
      ctx.completeNow();
    })));
  }

  @Test
  void reconciliationLeasesEachUnknownToOneResolverAtATime(Vertx vertx, VertxTestContext ctx) {
    Plan lost = new Plan();
    lost.claim().compose(r -> lost.settle(Settlement.UNKNOWN, null))
        .compose(ok -> store.leaseUnknowns(tenant, 10))
        .compose(report -> {
          assertTrue(report.leased().isEmpty(), "not due before the grace period");
          return vertx.timer(300);
        })
        .compose(t -> store.leaseUnknowns(tenant, 10))
        .compose(first -> {
          assertEquals(1, first.leased().size());
          assertEquals(1, first.open());
          assertEquals("orders", first.leased().get(0).kind());
          assertEquals(order, first.leased().get(0).orderId());
          return store.leaseUnknowns(tenant, 10).map(second -> {
            assertTrue(second.leased().isEmpty(), "leased: backing off");
            return first.leased().get(0);
          });
        })
        .compose(call -> store.leaseOne(tenant, lost.record).map(inline -> {
          assertTrue(inline.leased().isEmpty(), "a retry does not take a lease another reconciler holds");
          assertTrue(inline.waitMs() > 0 && inline.waitMs() <= 1_000, "it is told when to ask again: " + inline.waitMs());
          return call;
        }))
        .compose(call -> store.resolve(call, true, "{\"status\":\"NEW\"}", ""))
        .compose(ok -> {
          assertTrue(ok);
          return new Plan().claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          ClaimResult.Processed processed = assertInstanceOf(ClaimResult.Processed.class, r);
          assertEquals("{\"status\":\"NEW\"}", processed.juspayReport());
          ctx.completeNow();
        })));
  }

  @Test
  void aCallThatDidNotTakeEffectIsReleased(VertxTestContext ctx) {
    Plan lost = new Plan();
    lost.header = "cust_lost";
    lost.claim().compose(r -> lost.settle(Settlement.UNKNOWN, null))
        .compose(ok -> store.leaseOne(tenant, lost.record))
        .compose(report -> store.resolve(report.leased().get(0), false, "", ""))
        .compose(ok -> {
          assertTrue(ok);
          Plan retry = new Plan();
          retry.header = "cust_retry";
          return retry.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.Granted("cust_retry", RoutingOutcome.BOUND, false), r,
              "freed, with the lost call's binding taken back");
          ctx.completeNow();
        })));
  }

  /** An unknown outcome, leased and resolved "took effect" with Juspay's newest txn {@code txn}. */
  private Future<Boolean> tookEffect(Plan p, String txn) {
    return p.claim().compose(r -> p.settle(Settlement.UNKNOWN, null))
        .compose(ok -> store.leaseOne(tenant, p.record))
        .compose(report -> store.resolve(report.leased().get(0), true, "{}", txn));
  }

  @Test
  void aRetryLearnsWhenDidNotMayBeConcludedAndNeverStealsALease(Vertx vertx, VertxTestContext ctx) {
    Plan lost = new Plan();
    lost.claim().compose(r -> lost.settle(Settlement.UNKNOWN, null))
        .compose(ok -> store.leaseOne(tenant, lost.record))
        .compose(early -> {
          UnknownCall call = early.leased().get(0);
          assertTrue(call.dueInMs() > 0 && call.dueInMs() <= SETTINGS.reconcileGraceMs(),
              "Juspay may still be working on it: not due yet, " + call.dueInMs());
          assertEquals(1_000, call.backoffMs());
          return store.leaseOne(tenant, lost.record);
        })
        .compose(again -> {
          assertTrue(again.leased().isEmpty(), "a second retry right away is not given the lease");
          assertTrue(again.waitMs() > 0, "and is told when to ask again");
          return vertx.timer(1_050).compose(t -> store.leaseOne(tenant, lost.record));
        })
        .onComplete(ctx.succeeding(late -> ctx.verify(() -> {
          assertEquals(0, late.leased().get(0).dueInMs(), "past the grace period: due");
          assertEquals(2, late.leased().get(0).tries());
          ctx.completeNow();
        })));
  }

  /** Unknowns that cannot be resolved back off without keeping newer ones from the background. */
  @Test
  void oldUnresolvableUnknownsDoNotStarveNewOnes(Vertx vertx, VertxTestContext ctx) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < 4; i++) {
      Plan stuck = new Plan();
      stuck.record = StoreKeys.record(tenant, "orders", "stuck_" + i);
      stuck.lock = StoreKeys.orderLock(tenant, "stuck_" + i);
      chain = chain.compose(v -> stuck.claim()).compose(r -> stuck.settle(Settlement.UNKNOWN, null)).mapEmpty();
    }
    Plan fresh = new Plan();
    chain.compose(v -> vertx.timer(SETTINGS.reconcileGraceMs() + 50))
        .compose(t -> store.leaseUnknowns(tenant, 1))
        .compose(r -> store.leaseUnknowns(tenant, 1))
        .compose(r -> store.leaseUnknowns(tenant, 1))
        .compose(r -> store.leaseUnknowns(tenant, 1))
        .compose(r -> fresh.claim()).compose(r -> fresh.settle(Settlement.UNKNOWN, null))
        .compose(ok -> vertx.timer(SETTINGS.reconcileGraceMs() + 50))
        .compose(t -> store.leaseUnknowns(tenant, 1))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(5, report.open(), "all five are open, backing off or not");
          assertTrue(report.oldestMs() >= 2 * SETTINGS.reconcileGraceMs(), "the oldest is " + report.oldestMs());
          assertEquals(1, report.leased().size(), "the four stuck ones are in backoff; the new one is due");
          assertEquals(fresh.record, report.leased().get(0).recordKey());
          ctx.completeNow();
        })));
  }

  @Test
  void aRefusedCallDoesNotTakeBackABindingACallJuspayTookUsed(VertxTestContext ctx) {
    Plan a = new Plan();
    a.customerBinding = StoreKeys.customerRouting(tenant, "cust");
    a.header = "rid1";
    Plan b = new Plan();
    b.record = StoreKeys.record(tenant, "orders", "b_order");
    b.lock = StoreKeys.orderLock(tenant, "b_order");
    b.orderBinding = StoreKeys.orderRouting(tenant, "b_order");
    b.customerBinding = a.customerBinding;
    Plan d = new Plan();
    d.record = StoreKeys.record(tenant, "orders", "d_order");
    d.lock = StoreKeys.orderLock(tenant, "d_order");
    d.orderBinding = StoreKeys.orderRouting(tenant, "d_order");
    d.customerBinding = a.customerBinding;
    d.header = "rid2";
    a.claim()
        .compose(r -> b.claim())
        .compose(r -> {
          assertEquals("rid1", assertInstanceOf(ClaimResult.Granted.class, r).routingId());
          return b.settle(Settlement.COMPLETE, reply(200));
        })
        .compose(ok -> a.settle(Settlement.RELEASE, null))
        .compose(ok -> d.claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r,
              "the customer paid through rid1; another id must not be bound to them");
          ctx.completeNow();
        })));
  }

  @Test
  void aClientKeyFirstSeenOnAnAnsweredCallIsBoundToIt(VertxTestContext ctx) {
    Plan first = new Plan();
    Plan replayWithKey = new Plan();
    replayWithKey.clientKey = StoreKeys.clientKey(tenant, "orders", "k-late");
    Plan otherPayloadSameKey = new Plan();
    otherPayloadSameKey.record = StoreKeys.record(tenant, "orders", "other_" + order);
    otherPayloadSameKey.lock = StoreKeys.orderLock(tenant, "other_" + order);
    otherPayloadSameKey.clientKey = replayWithKey.clientKey;
    otherPayloadSameKey.fp = "fp-other";
    first.claim().compose(r -> first.settle(Settlement.COMPLETE, reply(200)))
        .compose(ok -> replayWithKey.claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.Replay.class, r);
          return otherPayloadSameKey.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.KeyReused.class, r, "the key was used, on a replay, with another payload");
          ctx.completeNow();
        })));
  }

  /** A payment resolved "took effect" leaves its txn as a completed one would: capture routes and reconciles. */
  @Test
  void aPaymentResolvedAsTakenLeavesItsTxnForCaptureAndVoid(VertxTestContext ctx) {
    Plan pay = new Plan().payment("p");
    pay.header = "rid_pay";
    Plan capture = new Plan();
    capture.kind = "capture";
    capture.record = StoreKeys.record(tenant, "capture", "t9");
    capture.lock = StoreKeys.txnLock(tenant, "t9");
    capture.orderBinding = StoreKeys.txnRouting(tenant, "t9");
    capture.txnOrder = StoreKeys.txnOrder(tenant, "t9");
    capture.derived = "";
    capture.orderId = "";
    capture.txnTag = "t9";
    tookEffect(pay, "t9")
        .compose(ok -> {
          assertTrue(ok);
          return capture.claim();
        })
        .compose(r -> {
          assertEquals(new ClaimResult.Granted("rid_pay", RoutingOutcome.MATCHED, false), r);
          return capture.settle(Settlement.UNKNOWN, null);
        })
        .compose(ok -> store.leaseOne(tenant, capture.record))
        .onComplete(ctx.succeeding(report -> ctx.verify(() -> {
          assertEquals(order, report.leased().get(0).orderId(), "the capture's order is known: it can be reconciled");
          ctx.completeNow();
        })));
  }
}
