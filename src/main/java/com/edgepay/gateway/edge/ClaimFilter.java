package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorCode;
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
import com.edgepay.gateway.routing.RoutingIdRule;
import com.edgepay.gateway.routing.RoutingOutcome;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money safety and the sticky routing id, in one store round trip each way. Going in, a
 * money-moving call claims its key and binds its routing id (a read only checks the binding); an
 * identical completed call is replayed from here. Coming out, the claim records what happened
 * before the answer leaves, and the effective routing id is echoed.
 */
final class ClaimFilter implements Filter.OnBody {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimFilter.class);
  private static final GatewayError STORE_DOWN = GatewayError.of(ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE,
      "Duplicate protection is unavailable; nothing was sent to Juspay").retryAfter(1);
  private static final GatewayError KEY_REUSED = GatewayError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
      "This idempotency key was already used with a different request");

  /** A claim this request holds and must settle. */
  record Held(ClaimPlan plan) {
  }

  private final IdempotencyStore store;
  private final ClaimPlanner planner;
  private final GatewayMetrics metrics;

  ClaimFilter(IdempotencyStore store, ClaimPlanner planner, GatewayMetrics metrics) {
    this.store = store;
    this.planner = planner;
    this.metrics = metrics;
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    CallIdentity id = ex.identity;
    CallFacts facts = new CallFacts(ex.tenant, ex.match, ex.form, ex.requestId,
        ex.head.header(ClaimPlanner.CLIENT_KEY_HEADER), id.routingHeader(), id.routingCandidate(), id.orderId(),
        id.customerId(), (ex.deadlineNanos - ex.startNanos) / 1_000_000);
    return ex.match.route().isRead() ? checkRouting(ex, facts) : claim(ex, facts);
  }

  @Override
  public Future<Void> onResponse(Exchange ex, Outcome outcome) {
    if (ex.routingIdValue() != null) {
      ex.replyHeaders.set(JuspayHeaders.ROUTING_ID, ex.routingIdValue());
    }
    return ex.claim == null ? DONE : settle(ex, ex.claim.plan(), outcome);
  }

  private Future<Outcome> claim(Exchange ex, CallFacts facts) {
    ClaimPlan plan = planner.plan(facts);
    return store.claim(plan)
        .recover(failure -> {
          // The claim may have landed even though its answer did not: give it back, best effort.
          store.settle(settleRequest(ex, plan, Settlement.RELEASE, null));
          return Future.failedFuture(STORE_DOWN);
        })
        .map(result -> decide(ex, plan, result));
  }

  private Outcome decide(Exchange ex, ClaimPlan plan, ClaimResult result) {
    countRouting(ex, result.routing());
    if (result instanceof ClaimResult.RoutingRefused) {
      throw RoutingIdRule.refusal(result.routing());
    }
    ex.routingId = result.routingId();
    String route = ex.routeLabel();
    if (result instanceof ClaimResult.Granted) {
      ex.claim = new Held(plan);
      metrics.idempotency(route, "new");
      return null;
    }
    if (result instanceof ClaimResult.Replay replay) {
      metrics.idempotency(route, "replayed");
      return new Outcome.Replay(replay.reply());
    }
    if (result instanceof ClaimResult.InProgress busy) {
      metrics.idempotency(route, "in_progress");
      throw GatewayError.of(ErrorCode.REQUEST_IN_PROGRESS,
          "An identical request, or another attempt on this order, is in flight")
          .retryAfter(Outcomes.seconds(busy.retryAfterMs()));
    }
    if (result instanceof ClaimResult.Unknown unknown) {
      metrics.idempotency(route, "unknown");
      throw GatewayError.of(ErrorCode.OUTCOME_UNKNOWN,
          "An earlier attempt's outcome is unknown; check the order status before retrying")
          .retryAfter(Outcomes.seconds(unknown.retryAfterMs()));
    }
    metrics.idempotency(route, "key_reused");
    throw KEY_REUSED;
  }

  /** A read: compare with the bindings. With the store down it is served unchecked, and counted. */
  private Future<Outcome> checkRouting(Exchange ex, CallFacts facts) {
    return store.checkRouting(planner.check(facts))
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

  /** Records what happened. A failure here never frees the key (see {@link Settlement}). */
  private Future<Void> settle(Exchange ex, ClaimPlan plan, Outcome outcome) {
    UpstreamReply reply = outcome instanceof Outcome.Relay relay ? relay.reply() : null;
    boolean sent = reply != null || (outcome instanceof Outcome.Refusal refusal && refusal.sent());
    Settlement settlement = Settlement.of(reply, sent);
    metrics.settled(ex.routeLabel(), settlement.name().toLowerCase());
    StoredReply kept = settlement == Settlement.COMPLETE ? stored(reply) : null;
    return store.settle(settleRequest(ex, plan, settlement, kept))
        .onSuccess(recorded -> {
          if (!recorded) {
            LOG.warn("claim of request {} was no longer its own when settling as {}", ex.requestId, settlement);
          }
        })
        .onFailure(e -> LOG.error("could not record the {} outcome of request {}; its claim will read as "
            + "unknown once it expires", settlement, ex.requestId))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private static SettleRequest settleRequest(Exchange ex, ClaimPlan plan, Settlement settlement, StoredReply kept) {
    String txnUuid = kept != null && ex.match.route() == ApiRoute.TXNS ? TxnReceipt.txnUuid(kept.body()) : null;
    return new SettleRequest(plan.kind(), plan.recordKey(), plan.lockKey(), plan.owner(), settlement, kept,
        ClaimPlanner.txnBinding(ex.tenant.id(), txnUuid), ex.routingId);
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
