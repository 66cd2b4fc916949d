package com.edgepay.gateway.reconcile;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.UnknownCall;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantRegistry;
import io.vertx.core.Future;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves unknown outcomes by asking Juspay, never by waiting: a call that was sent and got no
 * usable answer is checked against the order's status ({@link Verdict} has the table). It runs
 * when a retry finds such a call, and in the background, soon after the fact, on whichever replica
 * leases it first from the store (so the loss of the replica that saw it loses nothing).
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final Map<String, String> ROUTE_OF_KIND = Map.of(
      "orders", ApiRoute.CREATE_ORDER.template(), "session", ApiRoute.SESSION.template(),
      "txns", ApiRoute.TXNS.template(), "refund", ApiRoute.REFUND.template(),
      "update", ApiRoute.UPDATE_ORDER.template(), "capture", ApiRoute.CAPTURE.template(),
      "void", ApiRoute.VOID.template());

  /**
   * What reconciling one call found.
   *
   * @param report for TOOK_EFFECT, what Juspay showed (JSON: status and ids), else ""
   * @param retryAfterMs for UNRESOLVED, when asking again may help
   */
  public record Resolution(Verdict verdict, String report, long retryAfterMs) {
    static Resolution open(long retryAfterMs) {
      return new Resolution(Verdict.UNRESOLVED, "", retryAfterMs);
    }

    /** The record is not an unknown outcome (any more): the caller claims again and learns what it is. */
    static final Resolution SETTLED = new Resolution(Verdict.DID_NOT, "", 0);
  }

  private final IdempotencyStore store;
  private final OrderStatusClient orders;
  private final ClaimPlanner planner;
  private final TenantRegistry tenants;
  private final GatewayMetrics metrics;
  private final long statusTimeoutMs;

  /** @param statusTimeoutMs how long a background status call may take */
  public Reconciler(IdempotencyStore store, OrderStatusClient orders, ClaimPlanner planner, TenantRegistry tenants,
      GatewayMetrics metrics, long statusTimeoutMs) {
    this.store = store;
    this.orders = orders;
    this.planner = planner;
    this.tenants = tenants;
    this.metrics = metrics;
    this.statusTimeoutMs = statusTimeoutMs;
  }

  /**
   * A retry found an unknown outcome: ask Juspay now, within the retry's own deadline, unless another
   * reconciler holds it or it is in backoff (then UNRESOLVED, with when to ask again).
   *
   * @return TOOK_EFFECT or DID_NOT (written: the caller claims again and is told what the record
   *     now says), UNRESOLVED; DID_NOT also when the record had meanwhile stopped being unknown
   */
  public Future<Resolution> resolveNow(Tenant tenant, String recordKey, long deadlineNanos) {
    return store.leaseOne(tenant.id(), recordKey).compose(report -> {
      if (!report.leased().isEmpty()) {
        return resolve(tenant, report.leased().get(0), deadlineNanos);
      }
      return Future.succeededFuture(report.waitMs() > 0 ? Resolution.open(report.waitMs()) : Resolution.SETTLED);
    });
  }

  /**
   * Asks Juspay about one leased call and writes the verdict. "Did not take effect" is written only
   * once the call is due: before that Juspay may still be working on a request the gateway gave up on.
   */
  Future<Resolution> resolve(Tenant tenant, UnknownCall call, long deadlineNanos) {
    Resolution open = Resolution.open(Math.max(call.dueInMs(), call.backoffMs()));
    if (call.orderId().isEmpty()) {
      return Future.succeededFuture(open);
    }
    return orders.fetch(tenant, call.orderId(), call.routingId(), deadlineNanos)
        .compose(order -> {
          Verdict verdict = Verdict.of(call, order, planner::txnTag, planner::amountTag);
          if (verdict == Verdict.UNRESOLVED || verdict == Verdict.DID_NOT && call.dueInMs() > 0) {
            return Future.succeededFuture(open);
          }
          String report = verdict == Verdict.TOOK_EFFECT ? order.summary(call.refundId()).encode() : "";
          return store.resolve(call, verdict == Verdict.TOOK_EFFECT, report, planner.txnTag(order.txnUuid()))
              .map(written -> {
                if (!written) {
                  return open;
                }
                metrics.unknownResolved(routeOf(call.kind()), verdict == Verdict.TOOK_EFFECT ? "took_effect" : "did_not");
                return new Resolution(verdict, report, 0);
              });
        })
        .recover(failure -> {
          LOG.info("could not reconcile a {} call of tenant '{}' yet ({}); asking again later", call.kind(),
              tenant.id(), failure.getClass().getSimpleName());
          return Future.succeededFuture(open);
        });
  }

  /** One background pass: every tenant's due unknowns, up to {@code max} per tenant. */
  public Future<Void> sweep(int max) {
    Future<Void> pass = Future.succeededFuture();
    for (Tenant tenant : tenants.all()) {
      pass = pass.compose(v -> store.leaseUnknowns(tenant.id(), max).compose(report -> {
        metrics.unknownsOpen(tenant.id(), report.open(), report.oldestMs());
        return Future.all(report.leased().stream()
            .map(call -> resolve(tenant, call, System.nanoTime() + statusTimeoutMs * 1_000_000))
            .toList()).<Void>mapEmpty();
      }).otherwiseEmpty());
    }
    return pass;
  }

  /** The metric label of a record kind. */
  public static String routeOf(String kind) {
    return ROUTE_OF_KIND.getOrDefault(kind, "unknown");
  }
}
