package com.edgepay.gateway.admin;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Whether this replica should get traffic. It turns false the moment a drain starts, before any
 * listener closes, so the load balancer stops sending first.
 */
public final class Readiness {
  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();
  private final Map<String, BooleanSupplier> reports = new ConcurrentHashMap<>();
  private volatile boolean started;
  private volatile boolean draining;

  /** A named condition this replica must meet to take traffic; cheap and non-blocking (it runs per probe). */
  public void require(String name, BooleanSupplier check) {
    checks.put(name, check);
  }

  /** A named dependency shown in the probe's body without gating readiness. */
  public void report(String name, BooleanSupplier state) {
    reports.put(name, state);
  }

  public void markStarted() {
    started = true;
  }

  public void markDraining() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }

  public boolean ready() {
    return started && !draining && checks.values().stream().allMatch(BooleanSupplier::getAsBoolean);
  }

  public JsonObject report() {
    JsonObject detail = new JsonObject();
    checks.forEach((name, check) -> detail.put(name, check.getAsBoolean() ? "UP" : "DOWN"));
    reports.forEach((name, state) -> detail.put(name, state.getAsBoolean() ? "UP" : "DOWN"));
    return new JsonObject()
        .put("status", ready() ? "UP" : "DOWN")
        .put("started", started)
        .put("draining", draining)
        .put("checks", detail);
  }
}
