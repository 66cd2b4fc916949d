package com.edgepay.gateway.edge;

import com.edgepay.gateway.admin.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests that have not yet been answered, across every edge verticle, so a drain can
 * wait for them and no longer.
 */
public final class InFlightRequests {
  private final AtomicInteger count = new AtomicInteger();
  private final ConcurrentHashMap<String, AtomicInteger> perTenant = new ConcurrentHashMap<>();
  private final Readiness readiness;

  public InFlightRequests(Readiness readiness) {
    this.readiness = readiness;
  }

  /** @return how many are in flight, this one included */
  int started() {
    return count.incrementAndGet();
  }

  void finished() {
    count.decrementAndGet();
  }

  /** @return how many of this tenant's are in flight, this one included */
  int startedFor(String tenant) {
    return perTenant.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
  }

  void finishedFor(String tenant) {
    perTenant.get(tenant).decrementAndGet();
  }

  public int count() {
    return count.get();
  }

  boolean draining() {
    return readiness.draining();
  }

  /** Completes when nothing is in flight, or when {@code maxMillis} have passed. */
  public Future<Integer> awaitIdle(Vertx vertx, long maxMillis) {
    if (count.get() <= 0) {
      return Future.succeededFuture(0);
    }
    Promise<Integer> done = Promise.promise();
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    vertx.setPeriodic(20, id -> {
      if (count.get() <= 0 || System.nanoTime() >= deadline) {
        vertx.cancelTimer(id);
        done.tryComplete(count.get());
      }
    });
    return done.future();
  }
}
