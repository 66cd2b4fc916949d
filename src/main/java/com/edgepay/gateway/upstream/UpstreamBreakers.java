package com.edgepay.gateway.upstream;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.UpstreamEndpoint;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A circuit breaker per upstream and route (vertx-circuit-breaker). It counts Juspay's 5xx, calls
 * that timed out after being sent, and connection failures; not a 4xx (the caller's mistake), our
 * own pool limit, or an oversized reply. While open, the edge refuses calls before claiming them,
 * and a call that reaches the breaker anyway fails with {@link UpstreamFailure.Kind#CIRCUIT_OPEN}
 * (nothing sent).
 */
public final class UpstreamBreakers {
  /** Juspay answered 5xx: a failure for the breaker, but still the answer to relay. */
  static final class ServerError extends RuntimeException {
    final UpstreamReply reply;

    ServerError(UpstreamReply reply) {
      super("upstream " + reply.status(), null, false, false);
      this.reply = reply;
    }
  }

  private final Vertx vertx;
  private final CircuitBreakerOptions options;
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public UpstreamBreakers(Vertx vertx, int maxFailures, long windowMs, long resetMs, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
    this.options = new CircuitBreakerOptions()
        .setMaxFailures(maxFailures)
        .setFailuresRollingWindow(windowMs)
        .setResetTimeout(resetMs)
        // Deadlines are the pipeline's; the breaker only counts.
        .setTimeout(-1)
        .setNotificationAddress(null);
  }

  /** The failure an open breaker answers with, for a check made before the call. */
  public UpstreamFailure openFailure() {
    return UpstreamFailure.circuitOpen(options.getResetTimeout());
  }

  public boolean isOpen(UpstreamEndpoint target, ApiRoute route) {
    return breaker(target, route).state() == CircuitBreakerState.OPEN;
  }

  /** Runs the call through the route's breaker; fails with CIRCUIT_OPEN while open. */
  public Future<UpstreamReply> call(UpstreamEndpoint target, ApiRoute route, Supplier<Future<UpstreamReply>> call) {
    return breaker(target, route).<UpstreamReply>execute(() -> call.get().compose(reply -> reply.status() >= 500
            ? Future.failedFuture(new ServerError(reply)) : Future.succeededFuture(reply)))
        .recover(failure -> {
          if (failure instanceof ServerError error) {
            return Future.succeededFuture(error.reply);
          }
          return Future.failedFuture(failure instanceof OpenCircuitException ? openFailure() : failure);
        });
  }

  private CircuitBreaker breaker(UpstreamEndpoint target, ApiRoute route) {
    String name = target + " " + route.label();
    return breakers.computeIfAbsent(name, n -> {
      CircuitBreaker breaker = CircuitBreaker.create(n, vertx, options).<UpstreamReply>failurePolicy(UpstreamBreakers::counts);
      Gauge.builder("gateway.circuit.state", breaker, b -> stateValue(b.state()))
          .description("0 closed, 1 half-open, 2 open")
          .tag("route", route.template()).tag("upstream", target.host())
          .strongReference(true) // held weakly it would read NaN once nothing else refers to the breaker
          .register(registry);
      return breaker;
    });
  }

  /** What counts against Juspay: 5xx, timeouts after sending, no connection. Not 4xx, not our limits. */
  static boolean counts(Future<UpstreamReply> outcome) {
    if (outcome.succeeded()) {
      return false;
    }
    Throwable cause = outcome.cause();
    if (cause instanceof ServerError) {
      return true;
    }
    if (cause instanceof UpstreamFailure f) {
      return switch (f.kind()) {
        case UNREACHABLE, BROKEN_AFTER_SEND -> true;
        case TIMEOUT -> f.sent();
        case POOL_EXHAUSTED, REPLY_TOO_LARGE, CIRCUIT_OPEN -> false;
      };
    }
    return false;
  }

  private static double stateValue(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }
}
