package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Deadlines for an event loop's Redis commands, kept by one periodic sweep instead of a timer armed
 * and cancelled per command. A command past its deadline fails with a {@link TimeoutException} at
 * the next sweep (at most {@link #SWEEP_MS} late; deadlines are 100 ms or more); a late reply is
 * then ignored. Used from one event loop only, so nothing here is locked.
 */
final class CommandDeadlines {
  static final long SWEEP_MS = 5;

  private final Vertx vertx;
  private final ContextInternal context;
  private final Runnable onExpiry;
  private final ArrayDeque<Pending<?>> pending = new ArrayDeque<>();
  private long sweeper = -1;

  /**
   * Made on the event loop that will use it (a verticle's start).
   *
   * @param onExpiry called once per sweep that failed a command sent over the link (it may be
   *     stalled); a pooled connection's command (a run waiting for replicas) says nothing of the link
   */
  CommandDeadlines(Vertx vertx, Runnable onExpiry) {
    this.vertx = vertx;
    this.context = (ContextInternal) vertx.getOrCreateContext();
    this.onExpiry = onExpiry;
  }

  <T> Future<T> within(Future<T> call, long timeoutMs) {
    return within(call, timeoutMs, true);
  }

  /** @param overLink whether the command went over the loop's link (its expiry may mean a stall) */
  <T> Future<T> within(Future<T> call, long timeoutMs, boolean overLink) {
    if (call.isComplete()) {
      return call;
    }
    // Bound to the loop: a future with no context would run later timeouts and their callbacks on
    // Netty's global executor thread, waking it (a futex) for every command.
    Pending<T> p = new Pending<>(context.promise(), System.nanoTime() + timeoutMs * 1_000_000L, overLink);
    pending.add(p);
    if (sweeper < 0) {
      sweeper = vertx.setPeriodic(SWEEP_MS, id -> sweep());
    }
    call.onComplete(done -> {
      if (done.succeeded()) {
        p.promise.tryComplete(done.result());
      } else {
        p.promise.tryFail(done.cause());
      }
    });
    return p.promise.future();
  }

  void stop() {
    if (sweeper >= 0) {
      vertx.cancelTimer(sweeper);
      sweeper = -1;
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    List<Pending<?>> expired = null;
    for (Iterator<Pending<?>> it = pending.iterator(); it.hasNext(); ) {
      Pending<?> p = it.next();
      if (p.promise.future().isComplete()) {
        it.remove();
      } else if (now - p.deadlineNanos >= 0) {
        it.remove();
        expired = expired == null ? new ArrayList<>() : expired;
        expired.add(p);
      }
    }
    if (pending.isEmpty()) {
      // An idle loop keeps no timer: the next command starts the sweep again.
      stop();
    }
    if (expired != null) {
      // Failed only now: their callbacks run at once and may send commands (a claim's release),
      // which must not land in the queue while it is being walked.
      boolean linkStalled = false;
      for (Pending<?> p : expired) {
        boolean failed = p.promise.tryFail(new TimeoutException("Redis did not answer within its deadline"));
        linkStalled |= failed && p.overLink;
      }
      if (linkStalled) {
        onExpiry.run();
      }
    }
  }

  private record Pending<T>(Promise<T> promise, long deadlineNanos, boolean overLink) {
  }
}
