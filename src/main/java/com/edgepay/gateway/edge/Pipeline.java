package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.api.RouteTable;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.form.JuspayFields;
import com.edgepay.gateway.idempotency.CallFacts;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.routing.RoutingIdRule;
import com.edgepay.gateway.secrets.CredentialCache;
import com.edgepay.gateway.tenant.ClientCertificates;
import com.edgepay.gateway.tenant.MerchantGuard;
import com.edgepay.gateway.upstream.BoundedBody;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import com.edgepay.gateway.upstream.InFlight;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.UpstreamCall;
import com.edgepay.gateway.upstream.UpstreamClient;
import com.edgepay.gateway.validation.ValidationMode;
import com.edgepay.gateway.validation.ValidationReport;
import com.edgepay.gateway.validation.Validator;
import com.edgepay.gateway.validation.Violations;
import com.edgepay.gateway.config.UpstreamEndpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole request path, in order. Each step reads what earlier steps put on the
 * {@link Exchange}, adds its part, and either passes the exchange on or fails it with a
 * {@link GatewayError}. The first failure is the answer; nothing after it runs.
 */
final class Pipeline {
  private static final Future<Void> NEXT = Future.succeededFuture();
  private static final GatewayError OVERLOADED =
      GatewayError.of(ErrorCode.OVERLOADED, "Too many requests in flight on this replica").retryAfter(1);
  private static final GatewayError ABORTED =
      GatewayError.of(ErrorCode.DRAINING, "This replica shut down before Juspay answered").retryAfter(1);

  /** One stage of the path. Steps before {@code readBody} must not suspend: the body is arriving. */
  @FunctionalInterface
  interface Step {
    Future<Void> apply(Exchange ex);
  }

  private final Vertx vertx;
  private final EdgeServices services;
  private final CredentialCache credentials;
  private final UpstreamClient upstream;
  private final MoneyGuard money;
  private final Validator validator = new Validator();
  private final Responder responder;
  private final Outcomes outcomes;
  private final List<Step> steps;
  private final Set<Exchange> active = new HashSet<>();

  Pipeline(Vertx vertx, EdgeServices services, CredentialCache credentials, UpstreamClient upstream,
      MoneyGuard money) {
    this.vertx = vertx;
    this.services = services;
    this.credentials = credentials;
    this.upstream = upstream;
    this.money = money;
    this.responder = new Responder(vertx, services.metrics(), services.inFlight());
    this.outcomes = new Outcomes(services.metrics());
    this.steps = List.of(
        this::refuseWhenDraining,  // 503 DRAINING: this replica is going away
        this::shedLoad,            // 503 OVERLOADED: too many requests in flight; before any work
        this::matchRoute,          // 404 (421 for absolute-form): off the contract's route table
        this::authenticate,        // 401: no key or an unknown one
        this::limitRate,           // 429: the tenant's token bucket is empty
        this::armDeadline,         // 504 when the route's deadline passes, whatever is running
        this::readBody,            // 413, 415, 400 malformed; form or flat JSON into one form
        this::guardMerchant,       // 403: another merchant's id; ours is set on the way out
        this::validate,            // 400: Juspay's documented rules, per the tenant's mode
        this::identify,            // the order, the customer, and the routing-id candidates
        this::checkCircuit,        // 503: Juspay is failing on this route; nothing is claimed
        this::claim,               // one store round trip: idempotency claim + sticky routing id
        this::attachCredential,    // the tenant's current Juspay key
        this::forward);            // to Juspay; 502 unreachable, 504 deadline
  }

  void handle(HttpServerRequest request) {
    Exchange ex = new Exchange(request);
    ex.inFlightAtStart = services.inFlight().started();
    active.add(ex);
    ex.requestId = RequestIds.accept(ClientHeaders.endToEnd(request.headers(), RequestIds.HEADER));
    run(ex, 0).onComplete(done -> {
      if (done.failed()) {
        responder.error(ex, outcomes.toError(ex, done.cause()));
      } else if (ex.replay != null) {
        responder.replay(ex, ex.replay);
      } else {
        responder.relay(ex, ex.reply);
      }
      // Answer first, then record: a retry arriving in between finds the claim still in flight.
      money.settle(ex).onComplete(settled -> {
        active.remove(ex);
        services.inFlight().finished();
      });
    });
  }

  /** Runs steps from {@code index}; synchronous steps chain without allocating futures. */
  private Future<Void> run(Exchange ex, int index) {
    for (int i = index; i < steps.size(); i++) {
      if (ex.answered) {
        return Future.failedFuture(Outcomes.ALREADY_ANSWERED);
      }
      if (ex.replay != null) {
        return NEXT;
      }
      Future<Void> step;
      try {
        step = steps.get(i).apply(ex);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      if (!step.isComplete()) {
        int next = i + 1;
        return step.compose(v -> run(ex, next));
      }
      if (step.failed()) {
        return step;
      }
    }
    return NEXT;
  }

  private Future<Void> refuseWhenDraining(Exchange ex) {
    if (services.inFlight().draining()) {
      throw GatewayError.of(ErrorCode.DRAINING, "This gateway replica is shutting down").retryAfter(1);
    }
    return NEXT;
  }

  private Future<Void> shedLoad(Exchange ex) {
    if (ex.inFlightAtStart > services.config().server().maxInFlight()) {
      services.metrics().overloaded("in_flight");
      throw OVERLOADED;
    }
    return NEXT;
  }

  private Future<Void> limitRate(Exchange ex) {
    ex.rate = services.rateLimits().take(ex.tenant.id());
    if (ex.rate != null && !ex.rate.allowed()) {
      services.metrics().rateLimited(ex.tenant.id());
      throw GatewayError.of(ErrorCode.RATE_LIMITED, "This merchant's request rate is over its limit")
          .retryAfter(ex.rate.resetSeconds());
    }
    return NEXT;
  }

  private Future<Void> checkCircuit(Exchange ex) {
    if (services.breakers().isOpen(target(ex), ex.match.route())) {
      services.metrics().overloaded("circuit_open");
      throw GatewayError.of(ErrorCode.OVERLOADED, "Juspay is failing on this route; calls are paused")
          .retryAfter(services.breakers().resetMs() / 1000);
    }
    return NEXT;
  }

  private Future<Void> matchRoute(Exchange ex) {
    if (!ex.request.uri().startsWith("/")) {
      // Absolute-form (RFC 9112 3.2.2) names a host; this gateway is nobody's forward proxy.
      throw GatewayError.of(ErrorCode.MISDIRECTED_REQUEST, "This gateway does not serve the requested host");
    }
    ex.match = RouteTable.match(ex.request.method(), ex.request.path());
    return NEXT;
  }

  private Future<Void> authenticate(Exchange ex) {
    ex.tenant = services.tenants().authenticate(ex.request.getHeader(HttpHeaders.AUTHORIZATION));
    ClientCertificates.check(ex.tenant, ex.request.isSSL() ? ex.request.sslSession() : null);
    return NEXT;
  }

  private Future<Void> armDeadline(Exchange ex) {
    String asked = ClientHeaders.endToEnd(ex.request.headers(), DeadlinePolicy.CLIENT_HEADER);
    long ms = services.deadlines().deadlineMs(ex.match.route(), ex.tenant.deadlineOverridesMs(), asked);
    ex.deadlineNanos = ex.startNanos + ms * 1_000_000;
    long remainingMs = Math.max(1, (ex.deadlineNanos - System.nanoTime()) / 1_000_000);
    ex.deadlineTimer = vertx.setTimer(remainingMs, id -> onDeadline(ex));
    return NEXT;
  }

  private Future<Void> readBody(Exchange ex) {
    if (ex.match.route().isRead()) {
      return NEXT;
    }
    int limit = services.config().server().bodyLimitBytes();
    if (Outcomes.declaredLength(ex.request) > limit) {
      throw Outcomes.tooLarge(limit);
    }
    String contentType = ex.request.getHeader(HttpHeaders.CONTENT_TYPE);
    return BoundedBody.collect(ex.request, limit).map(body -> {
      ex.hasBody = true;
      ex.form = body.length() == 0 ? ex.form : BodyType.of(contentType).parse(body);
      return null;
    });
  }

  private Future<Void> guardMerchant(Exchange ex) {
    String named = ClientHeaders.endToEnd(ex.request.headers(), JuspayHeaders.MERCHANT_ID);
    ex.form = MerchantGuard.apply(ex.tenant, named, ex.form, ex.hasBody);
    return NEXT;
  }

  private Future<Void> validate(Exchange ex) {
    ValidationMode mode = ex.tenant.validationMode();
    if (mode == ValidationMode.OFF || ex.match.route().isRead()) {
      return NEXT;
    }
    Violations violations = validator.check(ex.match.route(), ex.form);
    if (violations.any()) {
      ValidationReport.record(services.metrics(), ex.tenant, ex.routeLabel(), violations, mode);
      if (mode == ValidationMode.ENFORCE) {
        throw violations.toError();
      }
    }
    return NEXT;
  }

  private Future<Void> identify(Exchange ex) {
    ex.orderId = JuspayFields.orderId(ex.match, ex.form);
    ex.customerId = JuspayFields.customerId(ex.form);
    ex.routingHeader = RoutingIdRule.header(ClientHeaders.endToEnd(ex.request.headers(), RoutingIdRule.HEADER));
    ex.routingCandidate = RoutingIdRule.candidate(ex.customerId, ex.orderId);
    return NEXT;
  }

  private Future<Void> claim(Exchange ex) {
    CallFacts facts = new CallFacts(ex.tenant, ex.match, ex.form, ex.requestId,
        ClientHeaders.endToEnd(ex.request.headers(), ClaimPlanner.CLIENT_KEY_HEADER), ex.routingHeader,
        ex.routingCandidate, ex.orderId, ex.customerId, (ex.deadlineNanos - ex.startNanos) / 1_000_000);
    return ex.match.route().isRead() ? money.checkRouting(ex, facts) : money.claim(ex, facts);
  }

  private Future<Void> attachCredential(Exchange ex) {
    ex.credential = credentials.get(ex.tenant.id());
    if (ex.credential == null) {
      throw new IllegalStateException("no Juspay credential for tenant " + ex.tenant.id());
    }
    return NEXT;
  }

  private Future<Void> forward(Exchange ex) {
    UpstreamEndpoint target = target(ex);
    UpstreamCall call = new UpstreamCall(target, ex.match.route().method(),
        ex.match.route().upstreamPath(ex.match.pathParam()),
        JuspayHeaders.of(ex.credential.authorization(), ex.tenant.merchantId(), ex.routingIdValue(), ex.requestId,
            ClientHeaders.endToEnd(ex.request.headers(), JuspayHeaders.VERSION)),
        ex.hasBody ? FormCodec.encode(ex.form) : null,
        ex.deadlineNanos);
    long sentAt = System.nanoTime();
    InFlight inFlight = ex.inFlight;
    return services.breakers().call(target, ex.match.route(), () -> upstream.send(call, inFlight))
        .andThen(done -> outcomes.upstreamFinished(ex, done, System.nanoTime() - sentAt))
        .map(reply -> {
          ex.reply = reply;
          return null;
        });
  }

  private UpstreamEndpoint target(Exchange ex) {
    return ex.tenant.upstream() != null ? ex.tenant.upstream() : services.config().upstream().baseUrl();
  }

  /**
   * The drain period is over: answer what is still waiting and stop its upstream call. Claims of
   * calls that were sent settle as UNKNOWN; claims of calls never sent are released.
   */
  void abortAll() {
    for (Exchange ex : List.copyOf(active)) {
      ex.inFlight.cancel();
      responder.error(ex, ABORTED);
    }
  }

  int activeCount() {
    return active.size();
  }

  /** The deadline bounds the whole stay: answer now, and stop Juspay's side if it is running. */
  private void onDeadline(Exchange ex) {
    if (ex.answered) {
      return;
    }
    services.metrics().deadlineExceeded(ex.routeLabel());
    ex.inFlight.cancel();
    responder.error(ex, Outcomes.DEADLINE);
  }
}
