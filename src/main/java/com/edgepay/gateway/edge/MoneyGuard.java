package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.idempotency.CallFacts;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.ClaimResult;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.SettleRequest;
import com.edgepay.gateway.idempotency.Settlement;
import com.edgepay.gateway.idempotency.StoredReply;
import com.edgepay.gateway.idempotency.TxnReceipt;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.routing.RoutingIdRule;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's view of the idempotency and routing store: one claim (or, for a read, one routing
 * check) before forwarding, one settle after answering. It turns store verdicts into the
 * contract's answers and counts them.
 */
final class MoneyGuard {
  private static final Logger LOG = LoggerFactory.getLogger(MoneyGuard.class);
  private static final GatewayError STORE_DOWN = GatewayError.of(ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE,
      "Duplicate protection is unavailable; nothing was sent to Juspay").retryAfter(1);
  private static final GatewayError KEY_REUSED = GatewayError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
      "This idempotency key was already used with a different request");

  private final IdempotencyStore store;
  private final ClaimPlanner planner;
  private final GatewayMetrics metrics;

  MoneyGuard(IdempotencyStore store, ClaimPlanner planner, GatewayMetrics metrics) {
    this.store = store;
    this.planner = planner;
    this.metrics = metrics;
  }

  /** A money-moving call: claim its key and bind its routing id in one round trip. */
  Future<Void> claim(Exchange ex, CallFacts facts) {
    ex.plan = planner.plan(facts);
    return store.claim(ex.plan)
        .recover(failure -> {
          // The claim may have landed even though the answer did not: give it back, best effort.
          store.settle(settleRequest(ex, Settlement.RELEASE, null));
          return Future.failedFuture(STORE_DOWN);
        })
        .map(result -> apply(ex, result));
  }

  private Void apply(Exchange ex, ClaimResult result) {
    countRouting(ex, result);
    ex.routingId = result.routingId();
    String route = ex.routeLabel();
    if (result instanceof ClaimResult.Granted) {
      ex.claimed = true;
      metrics.idempotency(route, "new");
    } else if (result instanceof ClaimResult.Replay replay) {
      ex.replay = replay.reply();
      metrics.idempotency(route, "replayed");
    } else if (result instanceof ClaimResult.InProgress busy) {
      metrics.idempotency(route, "in_progress");
      throw GatewayError.of(ErrorCode.REQUEST_IN_PROGRESS,
          "An identical request, or another attempt on this order, is in flight").retryAfter(seconds(busy.retryAfterMs()));
    } else if (result instanceof ClaimResult.Unknown unknown) {
      metrics.idempotency(route, "unknown");
      throw GatewayError.of(ErrorCode.OUTCOME_UNKNOWN,
          "An earlier attempt's outcome is unknown; check the order status before retrying")
          .retryAfter(seconds(unknown.retryAfterMs()));
    } else if (result instanceof ClaimResult.KeyReused) {
      metrics.idempotency(route, "key_reused");
      throw KEY_REUSED;
    } else if (result instanceof ClaimResult.RoutingRefused refused) {
      throw routingError(refused);
    }
    return null;
  }

  /** A read: compare with the bindings. With the store down it is served unchecked, and counted. */
  Future<Void> checkRouting(Exchange ex, CallFacts facts) {
    return store.checkRouting(planner.check(facts))
        .map(result -> {
          countRouting(ex, result);
          if (result instanceof ClaimResult.RoutingRefused refused) {
            throw routingError(refused);
          }
          ex.routingId = result.routingId();
          return (Void) null;
        })
        .recover(failure -> {
          if (failure instanceof GatewayError) {
            return Future.failedFuture(failure);
          }
          metrics.routingCheckSkipped(ex.routeLabel());
          ex.routingId = ex.routingHeader != null ? ex.routingHeader : ex.routingCandidate;
          return Future.succeededFuture();
        });
  }

  /** After the answer: record what happened. A failure here never frees the key (see Settlement). */
  Future<Void> settle(Exchange ex) {
    if (!ex.claimed) {
      return Future.succeededFuture();
    }
    Settlement settlement = Settlement.of(ex.reply, ex.inFlight.sent());
    metrics.settled(ex.routeLabel(), settlement.name().toLowerCase());
    StoredReply kept = settlement == Settlement.COMPLETE ? stored(ex.reply) : null;
    return store.settle(settleRequest(ex, settlement, kept))
        .onSuccess(recorded -> {
          if (!recorded) {
            LOG.warn("claim of request {} was no longer its own when settling as {}", ex.requestId, settlement);
          }
        })
        .onFailure(e -> LOG.error("could not record the {} outcome of request {}; its claim will read as "
            + "unknown until it expires", settlement, ex.requestId))
        .<Void>mapEmpty()
        .otherwiseEmpty();
  }

  private SettleRequest settleRequest(Exchange ex, Settlement settlement, StoredReply kept) {
    String txnKey = ClaimPlanner.txnBinding(ex.tenant.id(), null);
    if (kept != null && ex.match.route() == ApiRoute.TXNS) {
      String uuid = TxnReceipt.txnUuid(kept.body());
      txnKey = ClaimPlanner.txnBinding(ex.tenant.id(), uuid);
    }
    return new SettleRequest(ex.plan.kind(), ex.plan.recordKey(), ex.plan.lockKey(), ex.plan.owner(), settlement,
        kept, txnKey, ex.routingId);
  }

  private static StoredReply stored(UpstreamReply reply) {
    return new StoredReply(reply.status(), reply.contentType(), reply.location(), reply.body());
  }

  private void countRouting(Exchange ex, ClaimResult result) {
    if (ex.routingHeader == null && !result.routingOutcome().equals("required")) {
      metrics.routingId("derived");
    }
    switch (result.routingOutcome()) {
      case "matched", "bound", "rewritten", "mismatched" -> metrics.routingId(result.routingOutcome());
      default -> { }
    }
  }

  private static GatewayError routingError(ClaimResult.RoutingRefused refused) {
    if (refused.routingOutcome().equals("required")) {
      return GatewayError.of(ErrorCode.MISSING_MANDATORY_PARAMETER, "This merchant must send x-routing-id")
          .withField(RoutingIdRule.HEADER, "is required by this merchant's routing policy");
    }
    return GatewayError.of(ErrorCode.ROUTING_ID_MISMATCH,
            "The x-routing-id differs from the one bound to this customer or order")
        .withField(RoutingIdRule.HEADER, "must equal the routing id first used for this customer or order");
  }

  private static long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }
}
