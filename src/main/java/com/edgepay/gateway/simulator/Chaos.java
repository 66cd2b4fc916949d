package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Random faults on every call, from a seed, so that a money test can throw an unlucky network at
 * the gateway and still be replayed. Each probability is per call; at most one fault applies.
 *
 * @param reset the call is dropped before any effect
 * @param loseAnswer the call takes effect, then its connection is closed
 * @param answerDelay the call takes effect and its answer is held {@code answerDelayMs}
 * @param lateEffect Juspay takes {@code answerDelayMs} to process the call, and it takes effect then
 *     even if the caller has given up
 * @param serverError Juspay answers 503 without any effect
 * @param statusOutage an order-status call (the gateway's reconciliation) answers 503
 */
public record Chaos(long seed, double reset, double loseAnswer, double answerDelay, long answerDelayMs,
    double lateEffect, double serverError, double statusOutage) {

  public static Chaos fromJson(JsonObject json) {
    return new Chaos(json.getLong("seed", 1L), json.getDouble("reset", 0.0), json.getDouble("lose_answer", 0.0),
        json.getDouble("answer_delay", 0.0), json.getLong("answer_delay_ms", 1_500L),
        json.getDouble("late_effect", 0.0), json.getDouble("server_error", 0.0), json.getDouble("status_outage", 0.0));
  }

  /** Draws this call's fault, if any. */
  Optional<FaultRule> draw(SplittableRandom random, JuspayRoute route) {
    FaultRule.Match any = new FaultRule.Match(null, null, null);
    double roll = random.nextDouble();
    if (route == JuspayRoute.ORDER_STATUS) {
      return roll < statusOutage ? Optional.of(new FaultRule(any, 503, 0, false, false, 1, false, 0, 0)) : Optional.empty();
    }
    if ((roll -= reset) < 0) {
      return Optional.of(new FaultRule(any, null, 0, true, false, 1, false, 0, 0));
    }
    if ((roll -= loseAnswer) < 0) {
      return Optional.of(new FaultRule(any, null, 0, false, false, 1, true, 0, 0));
    }
    if ((roll -= answerDelay) < 0) {
      return Optional.of(new FaultRule(any, null, 0, false, false, 1, false, answerDelayMs, 0));
    }
    if ((roll -= lateEffect) < 0) {
      return Optional.of(new FaultRule(any, null, 0, false, false, 1, false, 0, answerDelayMs));
    }
    if ((roll -= serverError) < 0) {
      return Optional.of(new FaultRule(any, 503, 0, false, false, 1, false, 0, 0));
    }
    return Optional.empty();
  }
}
