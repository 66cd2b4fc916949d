package com.edgepay.gateway.upstream;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.UpstreamEndpoint;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The circuit breakers of one event loop (each edge verticle has its own: no locks, no task hop).
 * Every tenant has its own circuit per upstream and route, so one tenant's failures (a flood of
 * calls Juspay rejects with 5xx, deadlines it shortened itself) only ever stop its own calls. The
 * route's shared circuit opens only while {@code minTenants} tenants' own circuits are open at once:
 * Juspay itself is failing, and tenants not yet hurt fail fast too. A timeout of a deadline the
 * client shortened never counts.
 */
public final class CircuitBreakers {
  private record Route(UpstreamEndpoint target, ApiRoute route) {
  }

  private final int maxFailures;
  private final long windowMs;
  private final long resetMs;
  private final int minTenants;
  private final CircuitStates states;
  private final Map<Route, Map<String, TenantCircuit>> circuits = new HashMap<>();

  /**
   * @param minTenants tenants whose own circuits must be open at once before the route's shared one
   *     opens for everyone
   * @param states where this loop reports circuit states for the gauges (shared by every loop)
   */
  public CircuitBreakers(int maxFailures, long windowMs, long resetMs, int minTenants, CircuitStates states) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.resetMs = resetMs;
    this.minTenants = minTenants;
    this.states = states;
  }

  /** The failure an open circuit answers with (nothing sent). */
  public UpstreamFailure openFailure() {
    return UpstreamFailure.circuitOpen(resetMs);
  }

  /** Whether the tenant's call may go, judged before anything is claimed (no trial is taken). */
  public boolean isOpen(UpstreamEndpoint target, ApiRoute route, String tenant) {
    long now = System.nanoTime();
    TenantCircuit own = circuit(target, route, tenant);
    TenantCircuit.State state = own.state(now);
    return state == TenantCircuit.State.OPEN
        || state == TenantCircuit.State.CLOSED && sharedOpen(target, route, now);
  }

  /**
   * Runs the call through the tenant's circuit; fails with CIRCUIT_OPEN (nothing sent) when it may
   * not go.
   *
   * @param timeoutsCount false when the client shortened the deadline: its timeouts are its own
   */
  public Future<UpstreamReply> call(UpstreamEndpoint target, ApiRoute route, String tenant, boolean timeoutsCount,
      Supplier<Future<UpstreamReply>> call) {
    long now = System.nanoTime();
    TenantCircuit own = circuit(target, route, tenant);
    boolean closed = own.state(now) == TenantCircuit.State.CLOSED;
    if (closed && sharedOpen(target, route, now) || !own.admit(now)) {
      return Future.failedFuture(openFailure());
    }
    return call.get().andThen(outcome -> {
      long at = System.nanoTime();
      UpstreamReply reply = outcome.succeeded() ? outcome.result() : null;
      if (counts(reply, outcome.cause(), timeoutsCount)) {
        if (own.failed(at)) {
          states.opened(route, tenant);
        }
      } else if (reply != null || juspayAnswered(outcome.cause())) {
        own.succeeded();
      } else {
        own.released();
      }
      states.report(target, route, stateOf(target, route, at), resetMs);
    });
  }

  /** 2: the route's shared circuit is open; 1: some tenant's own is; 0: none. */
  private int stateOf(UpstreamEndpoint target, ApiRoute route, long now) {
    int open = openTenants(target, route, now);
    return open >= minTenants ? 2 : open > 0 ? 1 : 0;
  }

  /** What counts against Juspay: 5xx, timeouts after sending, no connection. Not 4xx, not our limits. */
  static boolean counts(UpstreamReply reply, Throwable failure, boolean timeoutsCount) {
    if (reply != null) {
      return reply.status() >= 500;
    }
    if (failure instanceof UpstreamFailure f) {
      return switch (f.kind()) {
        case UNREACHABLE, BROKEN_AFTER_SEND -> true;
        case TIMEOUT -> f.sent() && timeoutsCount;
        case POOL_EXHAUSTED, REPLY_TOO_LARGE, CIRCUIT_OPEN -> false;
      };
    }
    return false;
  }

  /** Juspay did answer, only not usably for us (too large): it is up. */
  private static boolean juspayAnswered(Throwable failure) {
    return failure instanceof UpstreamFailure f && f.kind() == UpstreamFailure.Kind.REPLY_TOO_LARGE;
  }

  /** Whether enough tenants' own circuits are open on this route that Juspay itself must be failing. */
  boolean sharedOpen(UpstreamEndpoint target, ApiRoute route, long now) {
    return openTenants(target, route, now) >= minTenants;
  }

  int openTenants(UpstreamEndpoint target, ApiRoute route, long now) {
    int open = 0;
    for (TenantCircuit c : circuits.getOrDefault(new Route(target, route), Map.of()).values()) {
      if (c.state(now) == TenantCircuit.State.OPEN) {
        open++;
      }
    }
    return open;
  }

  private TenantCircuit circuit(UpstreamEndpoint target, ApiRoute route, String tenant) {
    return circuits.computeIfAbsent(new Route(target, route), r -> new HashMap<>())
        .computeIfAbsent(tenant, t -> new TenantCircuit(maxFailures, windowMs, resetMs));
  }
}
