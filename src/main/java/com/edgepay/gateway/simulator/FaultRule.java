package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;

/**
 * A fault to inject into matching Juspay calls, as posted to {@code POST /__sim/faults}.
 *
 * @param match which calls it applies to; absent keys match anything
 * @param status answer this HTTP status with a Juspay-shaped error, leaving state untouched (null: none)
 * @param delayMs extra latency before acting
 * @param reset close the connection after reading the request, without answering: nothing happens
 * @param hang never answer
 * @param times how many calls it applies to; -1 for every call
 * @param loseAnswer the call takes effect (an order is made, a payment attempted), then the
 *     connection is closed instead of answering: the answer is lost
 * @param answerDelayMs the call takes effect at once, and its answer is held this long (a deadline
 *     can pass after the money moved)
 * @param effectDelayMs Juspay works on the call this long and then it takes effect, whether or not
 *     the caller is still there (a caller that gave up, and asks about it, may not see it yet)
 */
public record FaultRule(Match match, Integer status, long delayMs, boolean reset, boolean hang, int times,
    boolean loseAnswer, long answerDelayMs, long effectDelayMs) {

  public static final int FOREVER = -1;
  private static final Set<String> MATCH_KEYS = Set.of("order_id", "request_id", "route");

  /** Every given key must equal the call's; {@code requestId} is the call's x-request-id header. */
  public record Match(String orderId, String requestId, String route) {

    boolean matches(String callRoute, String callOrderId, String callRequestId) {
      return (orderId == null || orderId.equals(callOrderId))
          && (requestId == null || requestId.equals(callRequestId))
          && (route == null || route.equals(callRoute));
    }

    JsonObject toJson() {
      return new JsonObject().put("order_id", orderId).put("request_id", requestId).put("route", route);
    }
  }

  public FaultRule {
    Objects.requireNonNull(match, "match");
    if (status != null && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be an HTTP status, was " + status);
    }
    if (delayMs < 0) {
      throw new IllegalArgumentException("delay_ms must not be negative");
    }
    if (times != FOREVER && times < 1) {
      throw new IllegalArgumentException("times must be -1 (forever) or at least 1");
    }
    if ((reset ? 1 : 0) + (hang ? 1 : 0) + (loseAnswer ? 1 : 0) > 1) {
      throw new IllegalArgumentException("choose one of reset, hang and lose_answer");
    }
    if (answerDelayMs < 0) {
      throw new IllegalArgumentException("answer_delay_ms must not be negative");
    }
    if (effectDelayMs < 0) {
      throw new IllegalArgumentException("effect_delay_ms must not be negative");
    }
    if (effectDelayMs > 0 && (reset || hang)) {
      throw new IllegalArgumentException("a call that takes effect late cannot also be reset or hang");
    }
    if ((loseAnswer || answerDelayMs > 0 || effectDelayMs > 0) && status != null) {
      throw new IllegalArgumentException("a fault that lets the call take effect cannot also answer a status");
    }
    if (status == null && delayMs == 0 && !reset && !hang && !loseAnswer && answerDelayMs == 0 && effectDelayMs == 0) {
      throw new IllegalArgumentException(
          "a fault needs status, delay_ms, reset, hang, lose_answer, answer_delay_ms or effect_delay_ms");
    }
  }

  /** Reads the control-API body; throws IllegalArgumentException with a reason the caller can show. */
  public static FaultRule fromJson(JsonObject body) {
    try {
      JsonObject match = body.getJsonObject("match", new JsonObject());
      for (String key : match.fieldNames()) {
        if (!MATCH_KEYS.contains(key)) {
          throw new IllegalArgumentException("unknown match key " + key);
        }
      }
      String route = match.getString("route");
      if (route != null && JuspayRoute.fromKey(route).isEmpty()) {
        throw new IllegalArgumentException("unknown route " + route);
      }
      return new FaultRule(
          new Match(match.getString("order_id"), match.getString("request_id"), route),
          body.getInteger("status"),
          body.getLong("delay_ms", 0L),
          body.getBoolean("reset", false),
          body.getBoolean("hang", false),
          body.getInteger("times", 1),
          body.getBoolean("lose_answer", false),
          body.getLong("answer_delay_ms", 0L),
          body.getLong("effect_delay_ms", 0L));
    } catch (ClassCastException e) {
      throw new IllegalArgumentException("a fault field has the wrong type", e);
    }
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("match", match.toJson())
        .put("status", status)
        .put("delay_ms", delayMs)
        .put("reset", reset)
        .put("hang", hang)
        .put("times", times)
        .put("lose_answer", loseAnswer)
        .put("answer_delay_ms", answerDelayMs)
        .put("effect_delay_ms", effectDelayMs);
  }
}
