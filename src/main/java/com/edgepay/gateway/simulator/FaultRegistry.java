package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Armed fault rules; the oldest matching rule wins, and each use counts against its {@code times}. */
final class FaultRegistry {

  private final List<Armed> rules = new ArrayList<>();
  private long nextId = 1;
  private Chaos chaos;
  private java.util.SplittableRandom chaosRandom;

  /** Random faults on calls no armed rule matches; null turns them off. */
  synchronized void chaos(Chaos newChaos) {
    chaos = newChaos;
    chaosRandom = newChaos == null ? null : new java.util.SplittableRandom(newChaos.seed());
  }

  synchronized String add(FaultRule rule) {
    String id = "fault-" + nextId++;
    rules.add(new Armed(id, rule));
    return id;
  }

  synchronized Optional<FaultRule> take(JuspayRoute route, String orderId, String requestId) {
    Optional<FaultRule> armed = takeArmed(route.key(), orderId, requestId);
    return armed.isPresent() || chaos == null ? armed : chaos.draw(chaosRandom, route);
  }

  private Optional<FaultRule> takeArmed(String route, String orderId, String requestId) {
    Iterator<Armed> it = rules.iterator();
    while (it.hasNext()) {
      Armed armed = it.next();
      if (armed.rule.match().matches(route, orderId, requestId)) {
        if (armed.remaining != FaultRule.FOREVER && --armed.remaining == 0) {
          it.remove();
        }
        return Optional.of(armed.rule);
      }
    }
    return Optional.empty();
  }

  synchronized JsonArray list() {
    JsonArray out = new JsonArray();
    rules.forEach(a -> out.add(a.rule.toJson().put("id", a.id).put("remaining", a.remaining)));
    return out;
  }

  synchronized void clear() {
    rules.clear();
    chaos(null);
  }

  private static final class Armed {
    private final String id;
    private final FaultRule rule;
    private int remaining;

    private Armed(String id, FaultRule rule) {
      this.id = id;
      this.rule = rule;
      this.remaining = rule.times();
    }
  }
}
