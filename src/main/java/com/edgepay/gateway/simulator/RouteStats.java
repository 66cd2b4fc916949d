package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts Juspay calls received, faulted ones included, so tests can tell how often the gateway called. */
final class RouteStats {

  private final LongAdder total = new LongAdder();
  private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();

  void record(String routeKey) {
    total.increment();
    byRoute.computeIfAbsent(routeKey, k -> new LongAdder()).increment();
  }

  long total() {
    return total.sum();
  }

  long count(String routeKey) {
    LongAdder adder = byRoute.get(routeKey);
    return adder == null ? 0 : adder.sum();
  }

  JsonObject toJson() {
    JsonObject routes = new JsonObject();
    new TreeMap<>(byRoute).forEach((route, n) -> routes.put(route, n.sum()));
    return new JsonObject().put("total", total.sum()).put("by_route", routes);
  }

  void clear() {
    byRoute.clear();
    total.reset();
  }
}
