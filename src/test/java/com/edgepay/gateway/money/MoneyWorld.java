package com.edgepay.gateway.money;

import com.edgepay.gateway.support.Calls;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Juspay;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** A gateway (tenant acme, merchant acme_shop) in front of the Juspay simulator, on a fresh Redis. */
final class MoneyWorld {
  static final String MERCHANT = "acme_shop";
  /** How long after an outcome turns unknown "did not take effect" may be concluded, in these tests. */
  static final long GRACE_MS = 300;
  final Vertx vertx;
  final Juspay juspay;
  final GatewayFixture gw;
  final Calls acme;

  private MoneyWorld(Vertx vertx, Juspay juspay, GatewayFixture gw) {
    this.vertx = vertx;
    this.juspay = juspay;
    this.gw = gw;
    this.acme = new Calls(gw, GatewayFixture.ACME_KEY);
  }

  static Future<MoneyWorld> start(Vertx vertx) {
    return start(vertx, config -> { }, tenants -> { });
  }

  static Future<MoneyWorld> start(Vertx vertx, Consumer<JsonObject> config, Consumer<JsonArray> tenants) {
    return Juspay.start(vertx).compose(juspay -> GatewayFixture.start(vertx, juspay.baseUrl(), c -> {
      c.put("idempotency", c.getJsonObject("idempotency").put("reconcile_grace_ms", GRACE_MS));
      config.accept(c);
    }, tenants).map(gw -> new MoneyWorld(vertx, juspay, gw)));
  }

  /** Until a call that turned unknown now may be found not to have taken effect (Juspay is done with it). */
  Future<Void> afterGrace() {
    return vertx.timer(GRACE_MS + 100).mapEmpty();
  }

  /**
   * A retry after the grace period, repeated while it is told OUTCOME_UNKNOWN: the background sweep
   * may hold the call's lease at that moment (then the retry is told to come back), as a merchant
   * following Retry-After would.
   */
  Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> retryAfterGrace(
      java.util.function.Supplier<Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> call) {
    return afterGrace().compose(v -> retryWhileUnknown(call, 10));
  }

  private Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> retryWhileUnknown(
      java.util.function.Supplier<Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>>> call,
      int left) {
    return call.get().compose(r -> r.statusCode() == 409 && r.bodyAsString().contains("OUTCOME_UNKNOWN") && left > 0
        ? vertx.timer(300).compose(t -> retryWhileUnknown(call, left - 1)) : Future.succeededFuture(r));
  }

  /** Effects at Juspay of one order's creation. */
  int orderCreations(String orderId) {
    return juspay.effects("order:" + MERCHANT + ":" + orderId);
  }

  /** Payment attempts that reached Juspay on one order, any payload. */
  int attempts(String orderId) {
    return juspay.effects("txn:" + MERCHANT + ":" + orderId + ":");
  }
}
