package com.edgepay.gateway.reconcile;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.crypto.Tokens;
import com.edgepay.gateway.secrets.JuspayCredential;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.upstream.InFlight;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.UpstreamCall;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Asks Juspay for an order's status with the tenant's own key: the authoritative answer to "did
 * that call take effect?" and "is this order paid?". A read: it moves no money and is never claimed.
 */
public final class OrderStatusClient {
  private final Vertx vertx;
  private final BiFunction<UpstreamCall, InFlight, Future<UpstreamReply>> upstream;
  private final Function<String, JuspayCredential> credentials;
  private final Function<Tenant, UpstreamEndpoint> endpoints;

  /**
   * @param upstream sends one call (the pooled Juspay client)
   * @param credentials a tenant id's current Juspay credential
   * @param endpoints where a tenant's calls go
   */
  public OrderStatusClient(Vertx vertx, BiFunction<UpstreamCall, InFlight, Future<UpstreamReply>> upstream,
      Function<String, JuspayCredential> credentials, Function<Tenant, UpstreamEndpoint> endpoints) {
    this.vertx = vertx;
    this.upstream = upstream;
    this.credentials = credentials;
    this.endpoints = endpoints;
  }

  /**
   * @param routingId the x-routing-id the order is bound to ("" for none)
   * @param deadlineNanos when the answer must be in ({@link System#nanoTime()})
   * @return the report; fails when Juspay cannot say (unreachable, timed out, unreadable)
   */
  public Future<OrderReport> fetch(Tenant tenant, String orderId, String routingId, long deadlineNanos) {
    JuspayCredential credential = credentials.apply(tenant.id());
    if (credential == null || credential.revoked()) {
      // Nothing is sent in the name of a tenant whose key is withdrawn: Juspay cannot say, for now.
      return Future.failedFuture(new IllegalStateException((credential == null ? "no Juspay credential"
          : "the Juspay key is withdrawn") + " for tenant " + tenant.id()));
    }
    UpstreamCall call = new UpstreamCall(endpoints.apply(tenant), ApiRoute.ORDER_STATUS.method(),
        ApiRoute.ORDER_STATUS.upstreamPath(orderId),
        JuspayHeaders.of(credential.authorization(), tenant.merchantId(), routingId.isEmpty() ? null : routingId,
            "gw-status-" + Tokens.random128(), null),
        null, deadlineNanos);
    InFlight inFlight = new InFlight();
    long ms = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    // The deadline stops the call however far it got: waiting for a connection, or for Juspay.
    long timer = vertx.setTimer(ms, t -> inFlight.cancel());
    return upstream.apply(call, inFlight)
        .timeout(ms + 50, TimeUnit.MILLISECONDS)
        .andThen(done -> vertx.cancelTimer(timer))
        .map(reply -> OrderReport.parse(orderId, reply.status(), reply.body()));
  }
}
