package com.edgepay.gateway.simulator;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Juspay call goes through before its handler: it is counted and journaled, a matching fault
 * is taken, latency is waited out on a timer, then either the fault acts or auth is checked and the
 * handler answers. One gate per verticle instance, so its random is only used on that event loop.
 */
final class JuspayGate {

  private static final Logger LOG = LoggerFactory.getLogger(JuspayGate.class);

  private final Vertx vertx;
  private final SimulatorState state;
  private final LatencyMode latency;
  private final SplittableRandom random;
  private final Ids ids;

  JuspayGate(Vertx vertx, SimulatorState state, LatencyMode latency, SplittableRandom random, Ids ids) {
    this.vertx = vertx;
    this.state = state;
    this.latency = latency;
    this.random = random;
    this.ids = ids;
  }

  Handler<RoutingContext> wrap(JuspayRoute route, JuspayHandler handler) {
    return ctx -> handle(ctx, route, handler);
  }

  private void handle(RoutingContext ctx, JuspayRoute route, JuspayHandler handler) {
    Map<String, String> params;
    boolean unreadable = false;
    try {
      params = RequestParams.parse(ctx);
    } catch (IllegalArgumentException e) {
      params = Map.of();
      unreadable = true;
    }
    JuspayCall call = new JuspayCall(ctx, route, params, ids.requestId());
    String orderId = orderIdOf(call);
    state.stats().record(route.key());
    state.journal().record(call.journalEntry(orderId));
    Optional<FaultRule> fault = state.faults().take(route, orderId, call.header("x-request-id"));
    if (fault.isPresent() && fault.get().hang()) {
      LOG.debug("{} hangs by fault", route.key());
      return;
    }
    boolean badBody = unreadable;
    long working = fault.map(FaultRule::effectDelayMs).orElse(0L);
    pause(plannedDelayMillis(latency, route, random, fault) + working)
        .onComplete(ignored -> act(ctx, call, fault, badBody, handler));
  }

  /** Capture and void name only a txn, so the order is looked up to let order_id faults match them. */
  private String orderIdOf(JuspayCall call) {
    String named = call.namedOrderId();
    String txnUuid = call.pathParam("txn_uuid");
    if (named != null || txnUuid == null) {
      return named;
    }
    return state.withLedger(l -> l.txn(txnUuid).map(t -> t.order().orderId()).orElse(null));
  }

  /** A fault's delay adds to the sampled latency, and still applies when latency is off. */
  static long plannedDelayMillis(LatencyMode mode, JuspayRoute route, SplittableRandom random,
      Optional<FaultRule> fault) {
    long sampled = mode == LatencyMode.TABLE ? Math.round(route.latencyTable().sampleMillis(random)) : 0;
    return sampled + fault.map(FaultRule::delayMs).orElse(0L);
  }

  private Future<Void> pause(long millis) {
    return millis <= 0 ? Future.succeededFuture() : vertx.timer(millis, TimeUnit.MILLISECONDS);
  }

  private void act(RoutingContext ctx, JuspayCall call, Optional<FaultRule> fault, boolean badBody,
      JuspayHandler handler) {
    boolean lateEffect = fault.isPresent() && fault.get().effectDelayMs() > 0;
    if (ctx.response().closed() && !lateEffect) {
      return;
    }
    if (fault.isPresent() && fault.get().reset()) {
      LOG.debug("{} connection closed by fault", call.route().key());
      ctx.request().connection().close();
      return;
    }
    Reply reply = fault.map(FaultRule::status)
        .map(status -> JuspayErrors.simulated(status, call.errorRequestId()))
        .orElseGet(() -> answer(call, badBody, handler));
    if (fault.isPresent() && fault.get().loseAnswer()) {
      LOG.debug("{} took effect; its answer is lost by fault", call.route().key());
      ctx.request().connection().close();
      return;
    }
    long hold = fault.map(FaultRule::answerDelayMs).orElse(0L);
    pause(hold).onComplete(ignored -> {
      if (!ctx.response().closed()) {
        send(ctx, call.route(), reply);
      }
    });
  }

  private Reply answer(JuspayCall call, boolean badBody, JuspayHandler handler) {
    if (call.apiKey().isEmpty() || call.merchantId() == null) {
      return JuspayErrors.unauthorized(call.errorRequestId());
    }
    if (badBody) {
      return JuspayErrors.unparseable(call.errorRequestId());
    }
    try {
      Reply reply = handler.handle(call);
      if (reply.status() < 400) {
        state.effects().record(call);
      }
      return reply;
    } catch (BadParameter e) {
      return JuspayErrors.invalid(e.field(), e.getMessage(), call.errorRequestId());
    }
  }

  private static void send(RoutingContext ctx, JuspayRoute route, Reply reply) {
    LOG.debug("{} answered {}", route.key(), reply.status());
    ctx.response()
        .setStatusCode(reply.status())
        .putHeader("content-type", "application/json")
        .end(reply.body().encode())
        .onFailure(e -> LOG.debug("{} answer not delivered: {}", route.key(), e.toString()));
  }
}
