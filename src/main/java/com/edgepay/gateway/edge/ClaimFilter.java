package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.idempotency.CallFacts;
import com.edgepay.gateway.idempotency.ClaimPlan;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.ClaimResult;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.SettleRequest;
import com.edgepay.gateway.idempotency.Settlement;
import com.edgepay.gateway.idempotency.StoredReply;
import com.edgepay.gateway.idempotency.TxnReceipt;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.reconcile.OrderStatusClient;
import com.edgepay.gateway.reconcile.Reconciler;
import com.edgepay.gateway.reconcile.Verdict;
import com.edgepay.gateway.routing.RoutingIdRule;
import com.edgepay.gateway.routing.RoutingOutcome;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * Money safety and the sticky routing id. Going in, a money-moving call claims its key and binds
 * its routing id in one store round trip (a read only checks the binding); an identical completed
 * call is replayed; an unknown one is reconciled with Juspay first; a new payment attempt after a
 * successful one is checked against the order's status. Coming out, the claim records what
 * happened before the answer leaves, and the effective routing id is echoed.
 */
final class ClaimFilter implements Filter.OnBody {
  /** A claim this request holds and must settle; {@code orderPaid} when Juspay showed the order paid. */
  record Held(ClaimPlan plan, boolean orderPaid) {
  }

  private final IdempotencyStore store;
  private final ClaimPlanner planner;
  private final Reconciler reconciler;
  private final OrderStatusClient orders;
  private final GatewayMetrics metrics;

  ClaimFilter(IdempotencyStore store, ClaimPlanner planner, Reconciler reconciler, OrderStatusClient orders,
      GatewayMetrics metrics) {
    this.store = store;
    this.planner = planner;
    this.reconciler = reconciler;
    this.orders = orders;
    this.metrics = metrics;
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    CallIdentity id = ex.identity;
    CallFacts facts = new CallFacts(ex.tenant, ex.match, ex.form, ex.head.header(ClaimPlanner.CLIENT_KEY_HEADER),
        ex.head.header(JuspayHeaders.VERSION), id.routingHeader(), id.routingCandidate(), id.orderId(),
        id.customerId(), (ex.deadlineNanos - ex.startNanos) / 1_000_000);
    return ex.match.route().isRead() ? checkRouting(ex, facts) : claim(ex, facts, true);
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (ex.routingIdValue() != null) {
      ex.replyHeaders.set(JuspayHeaders.ROUTING_ID, ex.routingIdValue());
    }
    return ex.claim == null ? DONE : settle(ex, ex.claim, outcome);
  }

  /** @param mayReconcile whether an unknown outcome found now may be reconciled (once per request) */
  private Future<Outcome> claim(Exchange ex, CallFacts facts, boolean mayReconcile) {
    if (!store.health().evictionSafe()) {
      metrics.idempotency(ex.routeLabel(), "store_unsafe");
      throw ClaimAnswers.storeUnsafe(store.health().evictionPolicy());
    }
    ClaimPlan plan = planner.plan(facts);
    Promise<ClaimResult> claimed = Promise.promise();
    ex.onInterrupt(() -> claimed.tryFail(ex.interruption() == Interruption.SHUTDOWN
        ? Outcomes.SHUTDOWN_UNSENT : ClaimAnswers.STORE_DOWN));
    store.claim(plan, store.timeoutWithin(ex.deadlineNanos)).onComplete(result -> {
      ex.onInterrupt(null);
      if (result.failed()) {
        // The claim may land after all: release it by its token (a tombstone if it has not landed yet).
        release(plan);
        claimed.tryFail(ClaimAnswers.STORE_DOWN);
      } else if (!claimed.tryComplete(result.result()) && result.result() instanceof ClaimResult.Granted) {
        // The deadline or a drain answered first: this claim is nobody's now. Nothing was sent.
        release(plan);
      }
    });
    return claimed.future().compose(result -> answer(ex, facts, plan, result, mayReconcile));
  }

  private void release(ClaimPlan plan) {
    store.settle(new SettleRequest(plan, Settlement.RELEASE, null, ""));
  }

  private Future<Outcome> answer(Exchange ex, CallFacts facts, ClaimPlan plan, ClaimResult result,
      boolean mayReconcile) {
    countRouting(ex, result.routing());
    if (result instanceof ClaimResult.RoutingRefused) {
      throw RoutingIdRule.refusal(result.routing());
    }
    ex.routingId = result.routingId();
    String route = ex.routeLabel();
    if (result instanceof ClaimResult.Granted granted) {
      ex.claim = new Held(plan, false);
      metrics.idempotency(route, "new");
      return granted.checkFirst() ? checkUnpaid(ex, plan) : CONTINUE;
    }
    if (result instanceof ClaimResult.Replay replay) {
      metrics.idempotency(route, "replayed");
      return Future.succeededFuture(new Outcome.Replay(replay.reply()));
    }
    if (result instanceof ClaimResult.Processed processed) {
      metrics.idempotency(route, "already_processed");
      throw ClaimAnswers.ALREADY_PROCESSED.withJuspayReport(processed.juspayReport());
    }
    if (result instanceof ClaimResult.InProgress busy) {
      metrics.idempotency(route, "in_progress");
      throw ClaimAnswers.IN_PROGRESS.retryAfter(Outcomes.seconds(busy.retryAfterMs()));
    }
    if (result instanceof ClaimResult.Unknown unknown) {
      return reconcile(ex, facts, unknown, mayReconcile);
    }
    if (result instanceof ClaimResult.AttemptLimit) {
      metrics.idempotency(route, "attempt_limit");
      throw ClaimAnswers.ATTEMPT_LIMIT;
    }
    if (result instanceof ClaimResult.Cancelled) {
      throw ClaimAnswers.STORE_DOWN;
    }
    if (result instanceof ClaimResult.Unreadable) {
      metrics.idempotency(route, "unreadable");
      throw ClaimAnswers.UNKNOWN;
    }
    metrics.idempotency(route, "key_reused");
    throw ClaimAnswers.KEY_REUSED;
  }

  /**
   * An unknown outcome blocks this call: its own earlier attempt, or another attempt on its order.
   * Juspay is asked now. Resolved either way, the call claims again and the record answers it: its
   * own call that took effect is ALREADY_PROCESSED, another payload under the same key is
   * KEY_REUSED, a call blocked by another attempt becomes an attempt after a successful one, and a
   * call that did not take effect is sent. Unresolved: OUTCOME_UNKNOWN, with when to ask again.
   */
  private Future<Outcome> reconcile(Exchange ex, CallFacts facts, ClaimResult.Unknown unknown, boolean mayReconcile) {
    if (!mayReconcile) {
      metrics.idempotency(ex.routeLabel(), "unknown");
      throw ClaimAnswers.UNKNOWN;
    }
    return reconciler.resolveNow(ex.tenant, unknown.recordKey(), ex.deadlineNanos).compose(resolution -> {
      if (resolution.verdict() == Verdict.UNRESOLVED) {
        metrics.idempotency(ex.routeLabel(), "unknown");
        throw ClaimAnswers.unknown(resolution.retryAfterMs());
      }
      return claim(ex, facts, false);
    });
  }

  /** A new attempt on an order that had a successful one: only if Juspay shows it unpaid. */
  private Future<Outcome> checkUnpaid(Exchange ex, ClaimPlan plan) {
    return orders.fetch(ex.tenant, plan.orderId(), ex.routingIdValue() == null ? "" : ex.routingId, ex.deadlineNanos)
        .recover(failure -> Future.failedFuture(ClaimAnswers.CHECK_FAILED))
        .map(order -> {
          if (order.paid()) {
            ex.claim = new Held(plan, true);
            metrics.idempotency(ex.routeLabel(), "already_paid");
            throw ClaimAnswers.ALREADY_PAID;
          }
          return null;
        });
  }

  /** A read: compare with the bindings. With the store down it is served unchecked, and counted. */
  private Future<Outcome> checkRouting(Exchange ex, CallFacts facts) {
    Promise<ClaimResult> checked = Promise.promise();
    ex.onInterrupt(() -> checked.tryFail(new IllegalStateException("interrupted")));
    store.checkRouting(planner.check(facts), store.timeoutWithin(ex.deadlineNanos)).onComplete(result -> {
      ex.onInterrupt(null);
      if (result.succeeded()) {
        checked.tryComplete(result.result());
      } else {
        checked.tryFail(result.cause());
      }
    });
    return checked.future()
        .map(result -> {
          countRouting(ex, result.routing());
          if (result instanceof ClaimResult.RoutingRefused) {
            throw RoutingIdRule.refusal(result.routing());
          }
          ex.routingId = result.routingId();
          return (Outcome) null;
        })
        .recover(failure -> {
          if (failure instanceof GatewayError) {
            return Future.failedFuture(failure);
          }
          metrics.routingCheckSkipped(ex.routeLabel());
          ex.routingId = RoutingIdRule.unchecked(ex.identity.routingHeader(), ex.identity.routingCandidate());
          return CONTINUE;
        });
  }

  /** Records what happened, before the answer leaves (bounded: see {@link IdempotencyStore#settle}). */
  private Future<Void> settle(Exchange ex, Held held, Outcome outcome) {
    UpstreamReply reply = outcome instanceof Outcome.Relay relay ? relay.reply() : null;
    boolean sent = reply != null || (outcome instanceof Outcome.Refusal refusal && refusal.sent());
    Settlement settlement = held.orderPaid() && !sent ? Settlement.PAID : Settlement.of(reply, sent);
    metrics.settled(ex.routeLabel(), settlement.name().toLowerCase());
    if (settlement == Settlement.UNKNOWN) {
      metrics.unknownOpened(ex.routeLabel());
    }
    StoredReply kept = settlement == Settlement.COMPLETE ? stored(reply) : null;
    String txnTag = kept != null && ex.match.route() == ApiRoute.TXNS ? planner.txnTag(TxnReceipt.txnUuid(kept.body())) : "";
    return store.settle(new SettleRequest(held.plan(), settlement, kept, txnTag)).<Void>mapEmpty().otherwiseEmpty();
  }

  private static StoredReply stored(UpstreamReply reply) {
    return new StoredReply(reply.status(), reply.contentType(), reply.location(), reply.body());
  }

  private void countRouting(Exchange ex, RoutingOutcome outcome) {
    if (ex.identity.routingHeader() == null && outcome != RoutingOutcome.REQUIRED) {
      metrics.routingId("derived");
    }
    if (outcome.counted()) {
      metrics.routingId(outcome.label());
    }
  }
}
