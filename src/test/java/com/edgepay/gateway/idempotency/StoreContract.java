package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.config.IdempotencySettings;
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
 * What every {@link IdempotencyStore} must do. Subclasses supply the store: in memory, standalone
 * Redis, Redis Cluster. Each test uses fresh ids, so stores need no cleaning between tests.
 */
@ExtendWith(VertxExtension.class)
abstract class StoreContract {
  static final IdempotencySettings SETTINGS =
      new IdempotencySettings(Path.of("unused"), 86_400_000L, 1_500L, 100L, 30L * 86_400_000L);
  private static final AtomicInteger SEQ = new AtomicInteger();

  protected IdempotencyStore store;
  private String tenant;
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
    String record = StoreKeys.record(tenant, "orders", order);
    String lock = StoreKeys.orderLock(tenant, order);
    String orderBinding = StoreKeys.orderRouting(tenant, order);
    String customerBinding = StoreKeys.customerRouting(tenant, null);
    String owner = "req-" + SEQ.incrementAndGet();
    String fp = "fp-a";
    String header = "";
    String derived = order;
    RoutingIdPolicy policy = RoutingIdPolicy.REJECT;
    long claimMs = 5_000;
    boolean reuseIsError = true;

    ClaimPlan build() {
      return new ClaimPlan("orders", record, lock, orderBinding, customerBinding, owner, fp, header, derived, policy,
          claimMs, reuseIsError);
    }

    Future<ClaimResult> claim() {
      return store.claim(build());
    }

    Future<Boolean> settle(Settlement settlement, StoredReply reply) {
      return store.settle(new SettleRequest("orders", record, lock, owner, settlement, reply,
          StoreKeys.none(tenant), ""));
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
  void anUnknownOutcomeQuarantinesTheWholeOrder(VertxTestContext ctx) {
    Plan first = new Plan();
    Plan sameKey = new Plan();
    Plan otherAttempt = new Plan();
    otherAttempt.record = StoreKeys.record(tenant, "txns", order + ":other");
    first.claim().compose(r -> first.settle(Settlement.UNKNOWN, null))
        .compose(ok -> sameKey.claim())
        .compose(r -> {
          ClaimResult.Unknown unknown = assertInstanceOf(ClaimResult.Unknown.class, r);
          assertTrue(unknown.retryAfterMs() > 0 && unknown.retryAfterMs() <= SETTINGS.unknownQuarantineMs());
          return otherAttempt.claim();
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Unknown.class, r);
          ctx.completeNow();
        })));
  }

  @Test
  void oneAttemptPerOrderAtATime(Vertx vertx, VertxTestContext ctx) {
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
  void onlyTheOwnerSettles(VertxTestContext ctx) {
    Plan owner = new Plan();
    Plan intruder = new Plan();
    owner.claim().compose(r -> intruder.settle(Settlement.RELEASE, null))
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
  void aClaimWhoseOwnerVanishedReadsAsUnknownThenFrees(Vertx vertx, VertxTestContext ctx) {
    Plan crashed = new Plan();
    crashed.claimMs = 100;
    crashed.claim()
        .compose(r -> vertx.timer(200))
        .compose(t -> new Plan().claim())
        .compose(r -> {
          assertInstanceOf(ClaimResult.Unknown.class, r);
          return vertx.timer(SETTINGS.unknownQuarantineMs());
        })
        .compose(t -> new Plan().claim())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertInstanceOf(ClaimResult.Granted.class, r);
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
      assertEquals(new ClaimResult.Granted(order, RoutingOutcome.BOUND), r);
      return guest.settle(Settlement.COMPLETE, reply(200));
    }).compose(ok -> sameId.claim()).compose(r -> {
      assertEquals(new ClaimResult.Granted(order, RoutingOutcome.MATCHED), r);
      return sameId.settle(Settlement.RELEASE, null);
    }).compose(ok -> wrong.claim()).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
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
      assertEquals(new ClaimResult.Granted("cust_9", RoutingOutcome.BOUND), r);
      return rewritten.claim();
    }).compose(r -> {
      // The customer's binding holds across orders: a second order of cust_9 gets cust_9.
      assertEquals(new ClaimResult.Granted("cust_9", RoutingOutcome.REWRITTEN), r);
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
    store.checkRouting(new RoutingCheck(okey, none, "cust_x", order, RoutingIdPolicy.REJECT))
        .compose(r -> {
          assertEquals(new ClaimResult.Granted("cust_x", RoutingOutcome.BOUND), r);
          return store.checkRouting(new RoutingCheck(okey, none, "cust_y", order, RoutingIdPolicy.REJECT));
        })
        .compose(r -> {
          assertEquals(new ClaimResult.Granted("cust_y", RoutingOutcome.BOUND), r, "a read must not have bound cust_x");
          Plan created = new Plan();
          created.header = "cust_x";
          return created.claim();
        })
        .compose(r -> store.checkRouting(new RoutingCheck(okey, none, "cust_y", order, RoutingIdPolicy.REJECT)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
          ctx.completeNow();
        })));
  }

  @Test
  void aCompletedPaymentRemembersItsTxnForCaptureAndVoid(VertxTestContext ctx) {
    Plan payment = new Plan();
    payment.header = "cust_7";
    String txnKey = ClaimPlanner.txnBinding(tenant, "txn_uuid_" + order);
    payment.claim()
        .compose(r -> store.settle(new SettleRequest("txns", payment.record, payment.lock, payment.owner,
            Settlement.COMPLETE, reply(200), txnKey, "cust_7")))
        .compose(ok -> store.checkRouting(new RoutingCheck(txnKey, StoreKeys.none(tenant), "cust_8", "",
            RoutingIdPolicy.REJECT)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(new ClaimResult.RoutingRefused(RoutingOutcome.MISMATCHED), r);
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
    theirs.header = "their_customer";
    mine.claim().compose(r -> theirs.claim()).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(new ClaimResult.Granted("their_customer", RoutingOutcome.BOUND), r);
      ctx.completeNow();
    })));
  }
}
