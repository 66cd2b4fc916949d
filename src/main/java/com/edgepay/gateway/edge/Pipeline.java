package com.edgepay.gateway.edge;

import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.reconcile.OrderStatusClient;
import com.edgepay.gateway.reconcile.Reconciler;
import com.edgepay.gateway.secrets.CredentialCache;
import com.edgepay.gateway.upstream.CircuitBreakers;
import com.edgepay.gateway.upstream.UpstreamClient;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The whole request path, in order: each line is one filter and the answers it may give. A
 * request goes down the list; its answer comes back up through every filter it passed, in reverse
 * (see {@link Filter}). Head filters run before the body is read and cannot wait; the rest run
 * after it.
 */
final class Pipeline {
  private final ShedFilter shed;
  private final ObserveFilter observe;
  private final FilterChain chain;

  Pipeline(Vertx vertx, EdgeServices services, CredentialCache credentials, UpstreamClient upstream,
      IdempotencyStore store, Reconciler reconciler, OrderStatusClient orders) {
    this.shed = new ShedFilter(services.inFlight(), services.config().server().maxInFlight(), services.metrics());
    this.observe = new ObserveFilter(services.metrics());
    CircuitBreakers breakers = services.newBreakers();
    this.chain = new FilterChain(
        List.of(
            observe,                                        // times and logs every answer on the way out
            new DrainingFilter(services.inFlight()),        // 503 DRAINING; Connection: close while draining
            shed,                                           // 503 OVERLOADED: the replica's in-flight cap
            new RouteFilter(),                              // 404 off the route table; 421 absolute-form; 400 bad id
            new AuthenticateFilter(services.tenants()),     // 401: no key, an unknown one, or a missing client cert
            new TenantShedFilter(services.inFlight(), services.config().server().maxInFlight(), services.metrics()),
                                                            // 503 OVERLOADED: this tenant's share of the replica
            new RateLimitFilter(services.rateLimits(), services.metrics()), // 429; RateLimit-* headers
            new DeadlineFilter(vertx, services.deadlines(), services.metrics())), // 504 when it passes
        new ReadBodyFilter(services.config().server().bodyLimitBytes()),  // 413, 415, 400 malformed
        List.of(
            new MerchantFilter(),                           // 403: another merchant's id
            new ValidateFilter(services.metrics()),         // 400: Juspay's documented rules
            new IdentifyFilter(),                           // 400: an id unusable as x-routing-id
            new CredentialFilter(credentials::get),         // the tenant's current Juspay key; 503 if withdrawn
            new CircuitFilter(services, breakers),          // 503 OVERLOADED: Juspay failing for this tenant, or many
            new ClaimFilter(store, services.money().planner(), reconciler, orders, services.metrics()),
                                                            // 409, 422, 503; replays; records before answering
            new ForwardFilter(services, breakers, upstream::send)), // Juspay's answer; 502, 503, 504
        (ex, outcome) -> Responder.write(ex.response, ex, outcome));
  }

  void handle(HttpServerRequest request) {
    chain.run(new Exchange(RequestHead.of(request), BodySource.of(request), request.response()));
  }

  /**
   * A request Netty's decoder refused (a head over the limits, a malformed line): answered with the
   * one error renderer and logged like any other, then the connection closes.
   */
  void invalid(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    GatewayError error;
    if (cause instanceof TooLongHttpLineException) {
      error = GatewayError.of(ErrorCode.URI_TOO_LONG, "The request line is over the limit");
    } else if (cause instanceof TooLongHttpHeaderException) {
      error = GatewayError.of(ErrorCode.HEADERS_TOO_LARGE, "The request headers are over the limit");
    } else {
      error = GatewayError.of(ErrorCode.INVALID_PARAMETER, "Malformed HTTP request")
          .withField("http", "the request could not be decoded");
    }
    Exchange ex = new Exchange(RequestHead.of(request), BodySource.of(request), request.response());
    Outcome outcome = Outcome.Refusal.unsent(error);
    ex.replyHeaders.set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    observe.onResponse(ex, outcome);
    Responder.write(request.response(), ex, outcome);
  }

  /** The drain period is over: every request still waiting on this event loop is cut short. */
  void abortAll() {
    shed.interruptAll();
  }
}
