package com.edgepay.gateway.upstream;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.UpstreamEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the event loops' circuit breakers report, for the metrics: {@code gateway_circuit_state}
 * per route and upstream (2 while the route's shared circuit is open on any event loop, 1 while a
 * tenant's own circuit is, else 0) and {@code gateway_circuit_opened_total} per tenant and route.
 * The breakers themselves never read it.
 */
public final class CircuitStates {
  private final MeterRegistry registry;
  /** Per route and upstream: until when (nanoTime) each state holds, as last reported. */
  private final ConcurrentHashMap<String, AtomicLongArray> until = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> opened = new ConcurrentHashMap<>();

  public CircuitStates(MeterRegistry registry) {
    this.registry = registry;
  }

  void report(UpstreamEndpoint target, ApiRoute route, int state, long holdMs) {
    AtomicLongArray holds = holds(target, route);
    if (state > 0) {
      long end = System.nanoTime() + holdMs * 1_000_000;
      holds.accumulateAndGet(state, end, Math::max);
    }
  }

  void opened(ApiRoute route, String tenant) {
    opened.computeIfAbsent(tenant + " " + route.template(), k -> Counter.builder("gateway.circuit.opened")
        .description("a tenant's own circuit opened").tag("tenant", tenant).tag("route", route.template())
        .register(registry)).increment();
  }

  private AtomicLongArray holds(UpstreamEndpoint target, ApiRoute route) {
    return until.computeIfAbsent(target.host() + " " + route.template(), key -> {
      AtomicLongArray holds = new AtomicLongArray(3);
      Gauge.builder("gateway.circuit.state", holds, CircuitStates::current)
          .description("2 shared circuit open, 1 a tenant's own circuit open, 0 closed")
          .tag("route", route.template()).tag("upstream", target.host()).strongReference(true)
          .register(registry);
      return holds;
    });
  }

  private static double current(AtomicLongArray holds) {
    long now = System.nanoTime();
    for (int state = 2; state > 0; state--) {
      if (holds.get(state) - now > 0) {
        return state;
      }
    }
    return 0;
  }
}
