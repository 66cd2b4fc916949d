package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.InFlight;
import com.edgepay.gateway.upstream.TenantShares;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.CircuitBreakers;
import com.edgepay.gateway.upstream.UpstreamCall;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.BiFunction;

/**
 * The endpoint: the call to Juspay, built from scratch (the route's path with its checked
 * parameter, exactly the contract's headers, the canonical form) and sent through the tenant's
 * circuit breaker, within the tenant's share of this event loop's connections. An interruption resets the call; whether it had been sent decides its fate.
 */
final class ForwardFilter implements Filter.OnBody {
  private final EdgeServices services;
  private final CircuitBreakers breakers;
  private final GatewayMetrics metrics;
  private final BiFunction<UpstreamCall, InFlight, Future<UpstreamReply>> upstream;
  private final TenantShares shares;

  private static final GatewayError TENANT_SHARE_USED = GatewayError.of(ErrorCode.OVERLOADED,
      "This merchant's share of the connections to Juspay is in use; nothing was sent").retryAfter(1);

  /** @param upstream sends one call; the pooled Juspay client in production */
  ForwardFilter(EdgeServices services, CircuitBreakers breakers,
      BiFunction<UpstreamCall, InFlight, Future<UpstreamReply>> upstream) {
    this.services = services;
    this.breakers = breakers;
    this.metrics = services.metrics();
    this.upstream = upstream;
    var u = services.config().upstream();
    this.shares = new TenantShares(u.poolSize(), u.tenantSharePercent());
  }

  @Override
  public Future<Outcome> onRequest(Exchange ex) {
    if (!shares.acquire(ex.tenant.id())) {
      metrics.overloaded("tenant_pool");
      return Future.succeededFuture(Outcome.Refusal.unsent(TENANT_SHARE_USED));
    }
    UpstreamEndpoint target = services.upstreamFor(ex.tenant);
    UpstreamCall call = new UpstreamCall(target, ex.match.route().method(),
        ex.match.route().upstreamPath(ex.match.pathParam()),
        JuspayHeaders.of(ex.credential.authorization(), ex.tenant.merchantId(), ex.routingIdValue(), ex.requestId,
            ex.head.header(JuspayHeaders.VERSION)),
        ex.hasBody ? FormCodec.encode(ex.form) : null,
        ex.deadlineNanos);
    InFlight inFlight = new InFlight();
    Promise<Outcome> done = Promise.promise();
    ex.onInterrupt(() -> {
      // The interruption's answer first: cancelling fails the call at once, and its failure (a
      // timeout) must not answer for a shutdown.
      done.tryComplete(Outcomes.interrupted(ex.interruption(), inFlight.sent()));
      inFlight.cancel();
    });
    long sentAt = System.nanoTime();
    breakers.call(target, ex.match.route(), ex.tenant.id(), !ex.clientShortenedDeadline,
        () -> upstream.apply(call, inFlight)).onComplete(result -> {
      shares.release(ex.tenant.id());
      ex.onInterrupt(null);
      ex.upstreamNanos = System.nanoTime() - sentAt;
      count(ex, result);
      done.tryComplete(Outcomes.ofUpstream(result, inFlight.sent()));
    });
    return done.future();
  }

  private void count(Exchange ex, AsyncResult<UpstreamReply> result) {
    String label;
    if (result.succeeded()) {
      label = (result.result().status() / 100) + "xx";
    } else if (result.cause() instanceof UpstreamFailure failure) {
      label = failure.kind().label();
      if (failure.kind() == UpstreamFailure.Kind.POOL_EXHAUSTED) {
        metrics.overloaded("pool");
      } else if (failure.kind() == UpstreamFailure.Kind.CIRCUIT_OPEN) {
        metrics.overloaded("circuit_open");
      }
    } else {
      label = "error";
    }
    metrics.upstream(ex.routeLabel(), label, ex.upstreamNanos);
  }
}
