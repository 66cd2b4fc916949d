package com.edgepay.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The gateway's metric families. Label values are only tenant ids, route templates, status codes,
 * rule field names and fixed outcome words: never an order, customer or routing id, a key or card
 * data. Meters are cached, so the hot path does a map lookup, not a registry search.
 */
public final class GatewayMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<MeterKey, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<MeterKey, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> lagByLoop = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong[]> unknownGauges = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> connectionsByLoop = new ConcurrentHashMap<>();

  /** A meter name and its tag pairs, compared by content. */
  private record MeterKey(String name, String[] tags) {
    @Override
    public boolean equals(Object o) {
      return o instanceof MeterKey k && name.equals(k.name) && Arrays.equals(tags, k.tags);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Arrays.hashCode(tags);
    }
  }

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Creates the zero-valued series of bounded counters up front: an alert's rate() over a series
   * that appears only at the first incident sees "no data", not 0.
   */
  public void preRegister(Iterable<String> routes, Iterable<String> limitedTenants) {
    for (String route : routes) {
      counter("gateway.deadline.exceeded", "route", route);
    }
    for (String op : new String[] {"claim", "settle", "route_check", "ping"}) {
      counter("gateway.redis.errors", "op", op);
    }
    for (String reason : new String[] {"in_flight", "pool", "circuit_open"}) {
      counter("gateway.overloaded", "reason", reason);
    }
    for (String route : routes) {
      counter("gateway.unknown.opened", "route", route);
      for (String resolution : new String[] {"took_effect", "did_not"}) {
        counter("gateway.unknown.resolved", "route", route, "resolution", resolution);
      }
    }
    for (String tenant : limitedTenants) {
      counter("gateway.rate.limited", "tenant", tenant);
    }
  }

  /** gateway_request_duration_seconds{tenant,route,status}: the whole stay in the gateway. */
  public void request(String tenant, String route, int status, long nanos) {
    timer("gateway.request.duration", "tenant", tenant, "route", route, "status", StatusLabels.of(status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** gateway_upstream_duration_seconds{route,outcome}: Juspay's part of it. */
  public void upstream(String route, String outcome, long nanos) {
    timer("gateway.upstream.duration", "route", route, "outcome", outcome).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** gateway_deadline_exceeded_total{route}. */
  public void deadlineExceeded(String route) {
    counter("gateway.deadline.exceeded", "route", route).increment();
  }

  /** gateway_idempotency_total{route,outcome}: new, replayed, in_progress, key_reused, unknown. */
  public void idempotency(String route, String outcome) {
    counter("gateway.idempotency", "route", route, "outcome", outcome).increment();
  }

  /** How claimed calls ended: complete, release or unknown. */
  public void settled(String route, String settlement) {
    counter("gateway.idempotency.settled", "route", route, "settlement", settlement).increment();
  }

  /** A call was sent and got no usable answer: its outcome is unknown until reconciled. */
  public void unknownOpened(String route) {
    counter("gateway.unknown.opened", "route", route).increment();
  }

  /** Reconciliation decided an unknown outcome: took_effect or did_not. */
  public void unknownResolved(String route, String resolution) {
    counter("gateway.unknown.resolved", "route", route, "resolution", resolution).increment();
  }

  /**
   * A tenant's unknown outcomes still open, and how long the oldest has been waiting, as the last
   * reconciliation sweep found them.
   */
  public void unknownsOpen(String tenant, long open, long oldestMs) {
    unknownGauges.computeIfAbsent(tenant, t -> {
      AtomicLong[] pair = {new AtomicLong(), new AtomicLong()};
      Gauge.builder("gateway.unknown.open", pair[0], AtomicLong::get).tag("tenant", t).strongReference(true)
          .register(registry);
      Gauge.builder("gateway.unknown.oldest", pair[1], a -> a.get() / 1000.0).baseUnit("seconds").tag("tenant", t)
          .strongReference(true).register(registry);
      return pair;
    });
    AtomicLong[] pair = unknownGauges.get(tenant);
    pair[0].set(open);
    pair[1].set(oldestMs);
  }

  /** gateway_routing_id_total{outcome}: derived, bound, matched, mismatched, rewritten. */
  public void routingId(String outcome) {
    counter("gateway.routing.id", "outcome", outcome).increment();
  }

  /** A read served without its routing check because the store was unavailable. */
  /** gateway_framing_refused_total{reason}: connections closed for ambiguous HTTP framing (fixed reasons). */
  public void framingRefused(String reason) {
    counter("gateway.framing.refused", "reason", reason).increment();
  }

  public void routingCheckSkipped(String route) {
    counter("gateway.routing.check.skipped", "route", route).increment();
  }

  /** gateway_redis_duration_seconds{op}; failures are also counted apart (the contract's labels are op only). */
  public void redis(String op, boolean ok, long nanos) {
    timer("gateway.redis.duration", "op", op).record(nanos, TimeUnit.NANOSECONDS);
    if (!ok) {
      counter("gateway.redis.errors", "op", op).increment();
    }
  }

  /** gateway_validation_total{route,field,outcome}: rejected (enforce) or reported (report mode). */
  public void validation(String route, String field, String outcome) {
    counter("gateway.validation", "route", route, "field", field, "outcome", outcome).increment();
  }

  /** gateway_rate_limited_total{tenant}. */
  public void rateLimited(String tenant) {
    counter("gateway.rate.limited", "tenant", tenant).increment();
  }

  /** gateway_overloaded_total{reason}: in_flight, pool, circuit_open. */
  public void overloaded(String reason) {
    counter("gateway.overloaded", "reason", reason).increment();
  }

  /**
   * The replica-wide gauges: requests in flight, readiness, and whether Redis answers. Every gauge
   * here holds its state object strongly: Micrometer's default is a weak reference, and the
   * suppliers callers pass (method references made on the spot) are referenced by nothing else, so
   * after the first collection a weak gauge would read NaN (GaugesAfterGcTest).
   */
  public void gauges(IntSupplier inFlight, BooleanSupplier ready, BooleanSupplier redisUp) {
    Gauge.builder("gateway.in.flight.requests", inFlight, IntSupplier::getAsInt).strongReference(true)
        .register(registry);
    Gauge.builder("gateway.ready", ready, r -> r.getAsBoolean() ? 1 : 0).strongReference(true).register(registry);
    Gauge.builder("gateway.redis.up", redisUp, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
        .register(registry);
  }

  /** gateway_redis_eviction_safe: 1 when no Redis node may evict a record (maxmemory_policy noeviction). */
  public void evictionSafe(BooleanSupplier safe) {
    Gauge.builder("gateway.redis.eviction.safe", safe, s -> s.getAsBoolean() ? 1 : 0).strongReference(true)
        .register(registry);
  }

  /**
   * How late an event loop runs a timer: the clearest sign of something blocking it. One gauge per
   * loop, however many verticles share it.
   *
   * @return the holder to update, the same one for every caller on that loop
   */
  public AtomicLong eventLoopLag(String loop) {
    return lagByLoop.computeIfAbsent(loop, name -> {
      AtomicLong lag = new AtomicLong();
      Gauge.builder("gateway.event.loop.lag", lag, l -> l.get() / 1e9).baseUnit("seconds")
          .tag("loop", name).strongReference(true).register(registry);
      return lag;
    });
  }

  /** gateway_upstream_connections{loop}: open connections to Juspay, per event loop. */
  public AtomicLong upstreamConnections(String loop) {
    return connectionsByLoop.computeIfAbsent(loop, name -> {
      AtomicLong open = new AtomicLong();
      Gauge.builder("gateway.upstream.connections", open, AtomicLong::get).tag("loop", name).strongReference(true)
          .register(registry);
      return open;
    });
  }

  /** A call retried because no connection could be had: Juspay never saw the first attempt. */
  public void connectRetried() {
    counter("gateway.upstream.connect.retries").increment();
  }

  private Timer timer(String name, String... tags) {
    return timers.computeIfAbsent(new MeterKey(name, tags), key ->
        Timer.builder(name).tags(tags).serviceLevelObjectives(Buckets.DURATIONS).register(registry));
  }

  private Counter counter(String name, String... tags) {
    return counters.computeIfAbsent(new MeterKey(name, tags), key -> Counter.builder(name).tags(tags).register(registry));
  }
}
