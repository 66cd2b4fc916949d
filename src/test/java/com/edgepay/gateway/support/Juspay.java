package com.edgepay.gateway.support;

import com.edgepay.gateway.simulator.FaultRule;
import com.edgepay.gateway.simulator.LatencyMode;
import com.edgepay.gateway.simulator.SimulatorOptions;
import com.edgepay.gateway.simulator.SimulatorState;
import com.edgepay.gateway.simulator.SimulatorVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The project's Juspay simulator as a test's upstream: real HTTP, real Juspay semantics (orders,
 * attempts, refunds, order status), faults armed in process, and its ledger of effects as the
 * ground truth of what moved.
 */
public final class Juspay {
  public final SimulatorState state;
  private final int port;

  private Juspay(SimulatorState state, int port) {
    this.state = state;
    this.port = port;
  }

  public static Future<Juspay> start(Vertx vertx) {
    SimulatorState state = new SimulatorState();
    SimulatorVerticle verticle = new SimulatorVerticle(new SimulatorOptions("127.0.0.1", 0, LatencyMode.NONE, 7L), state);
    return vertx.deployVerticle(verticle).map(id -> new Juspay(state, verticle.actualPort()));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Arms a fault (the control API's JSON: match, status, reset, hang, lose_answer, answer_delay_ms, times). */
  public Juspay fault(JsonObject rule) {
    state.addFault(FaultRule.fromJson(rule));
    return this;
  }

  /** A fault on one route ({@code "POST /txns"}, {@code "GET /orders/:order_id"}, ...) for one order. */
  public Juspay fault(String route, String orderId, JsonObject what) {
    JsonObject match = new JsonObject().put("route", route);
    if (orderId != null) {
      match.put("order_id", orderId);
    }
    return fault(what.copy().put("match", match));
  }

  public Juspay clearFaults() {
    state.clearFaults();
    return this;
  }

  /** The customer pays: the order turns CHARGED, as if they completed the payment page. */
  public Juspay charge(String merchantId, String orderId) {
    state.charge(merchantId, orderId);
    return this;
  }

  /** How many times each call took effect, by natural key. */
  public JsonObject effects() {
    return state.effectsJson();
  }

  /** The sum of effects whose key starts with {@code prefix}, e.g. {@code "order:acme_shop:o1"}. */
  public int effects(String prefix) {
    int n = 0;
    for (String key : effects().fieldNames()) {
      if (key.startsWith(prefix)) {
        n += effects().getInteger(key);
      }
    }
    return n;
  }

  /** The order as Juspay's status call shows it, or null. */
  public JsonObject order(String merchantId, String orderId) {
    return state.order(merchantId, orderId).orElse(null);
  }
}
