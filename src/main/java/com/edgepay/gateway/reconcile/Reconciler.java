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
   */
  public record Resolution(Verdict verdict, String report) {
    static final Resolution OPEN = new Resolution(Verdict.UNRESOLVED, "");
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
   * A retry found an unknown outcome: ask Juspay now, within the retry's own deadline.
   *
   * @return TOOK_EFFECT (with Juspay's report), DID_NOT (the record is released: the retry may
   *     claim again), or UNRESOLVED; DID_NOT also when the record had meanwhile stopped being unknown
   */
  public Future<Resolution> resolveNow(Tenant tenant, String recordKey, long deadlineNanos) {
    return store.leaseOne(tenant.id(), recordKey).compose(report -> report.leased().isEmpty()
        ? Future.succeededFuture(new Resolution(Verdict.DID_NOT, ""))
        : resolve(tenant, report.leased().get(0), deadlineNanos));
  }

  /** Asks Juspay about one leased call and writes the verdict. */
  Future<Resolution> resolve(Tenant tenant, UnknownCall call, long deadlineNanos) {
    if (call.orderId().isEmpty()) {
      return Future.succeededFuture(Resolution.OPEN);
    }
    return orders.fetch(tenant, call.orderId(), call.routingId(), deadlineNanos)
        .compose(order -> {
          Verdict verdict = Verdict.of(call, order, planner::txnTag, planner::amountTag);
          if (verdict == Verdict.UNRESOLVED) {
            return Future.succeededFuture(Resolution.OPEN);
          }
          String report = verdict == Verdict.TOOK_EFFECT ? order.summary(call.refundId()).encode() : "";
          return store.resolve(call, verdict == Verdict.TOOK_EFFECT, report, order.paid(), planner.txnTag(order.txnUuid()))
              .map(written -> {
                if (!written) {
                  return Resolution.OPEN;
                }
                metrics.unknownResolved(routeOf(call.kind()), verdict == Verdict.TOOK_EFFECT ? "took_effect" : "did_not");
                return new Resolution(verdict, report);
              });
        })
        .recover(failure -> {
          LOG.info("could not reconcile a {} call of tenant '{}' yet ({}); asking again later", call.kind(),
              tenant.id(), failure.getClass().getSimpleName());
          return Future.succeededFuture(Resolution.OPEN);
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
