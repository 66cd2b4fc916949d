package com.edgepay.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The contract's metric families. Label values are only tenant ids, route templates, status
 * codes and fixed outcome words: never an order, customer or routing id, a key or card data.
 * Meters are cached so the hot path does one map lookup, not a registry search.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<MeterKey, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MeterKey, Counter> counters = new ConcurrentHashMap<>();

  private record MeterKey(String name, String a, String b, String c) {
  }

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void request(String tenant, String route, int status, long nanos) {
    timer("gateway.request.duration", "tenant", tenant, "route", route, "status", Integer.toString(status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  public void upstream(String route, String outcome, long nanos) {
    timer("gateway.upstream.duration", "route", route, "outcome", outcome, null, null)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Contract outcomes: new, replayed, in_progress, key_reused, unknown. */
  public void idempotency(String route, String outcome) {
    counter("gateway.idempotency", "route", route, "outcome", outcome).increment();
  }

  /** Contract outcomes: derived, bound, matched, mismatched, rewritten. */
  public void routingId(String outcome) {
    counter("gateway.routing.id", "outcome", outcome, null, null).increment();
  }

  /** A read served without its routing check because the store was unavailable. */
  public void routingCheckSkipped(String route) {
    counter("gateway.routing.check.skipped", "route", route, null, null).increment();
  }

  /** Time per store operation; failures are also counted apart, since the contract's labels are op only. */
  public void redis(String op, boolean ok, long nanos) {
    timer("gateway.redis.duration", "op", op, null, null, null, null).record(nanos, TimeUnit.NANOSECONDS);
    if (!ok) {
      counter("gateway.redis.errors", "op", op, null, null).increment();
    }
  }

  /** A call retried because no connection could be had: Juspay never saw the first attempt. */
  public void connectRetried() {
    counter("gateway.upstream.connect.retries", null, null, null, null).increment();
  }

  public void deadlineExceeded(String route) {
    counter("gateway.deadline.exceeded", "route", route, null, null).increment();
  }

  private Timer timer(String name, String k1, String v1, String k2, String v2, String k3, String v3) {
    return timers.computeIfAbsent(new MeterKey(name, v1, v2, v3), key -> {
      Timer.Builder b = Timer.builder(name).tag(k1, v1).serviceLevelObjectives(Buckets.DURATIONS);
      if (k2 != null) {
        b.tag(k2, v2);
      }
      if (k3 != null) {
        b.tag(k3, v3);
      }
      return b.register(registry);
    });
  }

  public Counter counter(String name, String k1, String v1, String k2, String v2) {
    return counters.computeIfAbsent(new MeterKey(name, v1, v2, null), key -> {
      Counter.Builder b = Counter.builder(name);
      if (k1 != null) {
        b.tag(k1, v1);
      }
      if (k2 != null) {
        b.tag(k2, v2);
      }
      return b.register(registry);
    });
  }
}
