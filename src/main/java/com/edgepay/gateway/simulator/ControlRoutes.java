package com.edgepay.gateway.simulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The simulator's own JSON API under {@code /__sim/}: faults, reset, stats and the request journal. */
final class ControlRoutes {

  static final String PREFIX = "/__sim";

  private final SimulatorState state;

  ControlRoutes(SimulatorState state) {
    this.state = state;
  }

  /** Body handling is installed by the caller, for all routes. */
  void mount(Router router) {
    router.post(PREFIX + "/faults").handler(this::addFault);
    router.get(PREFIX + "/faults").handler(ctx -> json(ctx, 200, state.faults().list().encode()));
    router.delete(PREFIX + "/faults").handler(ctx -> {
      state.clearFaults();
      ctx.response().setStatusCode(204).end();
    });
    router.post(PREFIX + "/reset").handler(ctx -> {
      state.reset();
      ctx.response().setStatusCode(204).end();
    });
    router.post(PREFIX + "/chaos").handler(ctx -> {
      try {
        String body = ctx.body().asString();
        state.chaos(Chaos.fromJson(body == null || body.isBlank() ? new JsonObject() : new JsonObject(body)));
        ctx.response().setStatusCode(204).end();
      } catch (RuntimeException e) {
        json(ctx, 400, new JsonObject().put("error", "bad chaos settings").encode());
      }
    });
    router.delete(PREFIX + "/chaos").handler(ctx -> {
      state.chaos(null);
      ctx.response().setStatusCode(204).end();
    });
    router.get(PREFIX + "/stats").handler(ctx -> json(ctx, 200, state.statsJson().encode()));
    router.get(PREFIX + "/effects").handler(ctx -> json(ctx, 200, state.effectsJson().encode()));
    router.get(PREFIX + "/requests").handler(ctx -> {
      String orderId = ctx.queryParams().get("order_id");
      json(ctx, 200, state.requestsJson(orderId).encode());
    });
  }

  private void addFault(RoutingContext ctx) {
    FaultRule rule;
    try {
      String body = ctx.body().asString();
      rule = FaultRule.fromJson(body == null || body.isBlank() ? new JsonObject() : new JsonObject(body));
    } catch (IllegalArgumentException | DecodeException e) {
      json(ctx, 400, new JsonObject().put("error", e.getMessage()).encode());
      return;
    }
    json(ctx, 200, new JsonObject().put("id", state.addFault(rule)).encode());
  }

  private static void json(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
