package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One sweep keeps every command's deadline: answers pass, silence fails, late answers are ignored. */
@ExtendWith(VertxExtension.class)
class CommandDeadlinesTest {
  @Test
  void anUnansweredCommandFailsAtItsDeadlineAndALateAnswerIsIgnored(Vertx vertx, VertxTestContext ctx) {
    AtomicInteger stalls = new AtomicInteger();
    vertx.runOnContext(v -> {
      CommandDeadlines deadlines = new CommandDeadlines(vertx, stalls::incrementAndGet);
      Promise<String> silent = Promise.promise();
      Promise<String> answered = Promise.promise();
      long started = System.nanoTime();
      Future<String> late = deadlines.within(silent.future(), 50);
      Future<String> onTime = deadlines.within(answered.future(), 5_000);
      vertx.setTimer(10, t -> answered.complete("OK"));
      late.onComplete(ctx.failing(e -> ctx.verify(() -> {
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(TimeoutException.class, e);
        assertTrue(waitedMs >= 50, "not before its deadline: " + waitedMs);
        assertEquals("OK", onTime.result());
        silent.complete("too late");
        assertTrue(late.failed(), "the late answer does not change the outcome");
        // The sweep tells the link after failing what expired.
        vertx.setTimer(20, t -> ctx.verify(() -> {
          assertEquals(1, stalls.get(), "the link hears of the stall once");
          deadlines.stop();
          ctx.completeNow();
        }));
      })));
    });
  }

  /**
   * Callers chain their own timeouts (the settle's): those must fire, and call back, on the event
   * loop that asked, never on another thread.
   */
  @Test
  void aTimeoutChainedOnAPendingCommandFiresOnTheEventLoopThatAsked(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      Thread loop = Thread.currentThread();
      CommandDeadlines deadlines = new CommandDeadlines(vertx, () -> { });
      Promise<String> silent = Promise.promise();
      deadlines.within(silent.future(), 10_000).timeout(20, java.util.concurrent.TimeUnit.MILLISECONDS)
          .onComplete(ctx.failing(e -> ctx.verify(() -> {
            assertTrue(Thread.currentThread() == loop, "called back on " + Thread.currentThread().getName());
            deadlines.stop();
            ctx.completeNow();
          })));
    });
  }

  /**
   * A failure the sweep delivers runs its callbacks at once, and a claim's failure sends a release:
   * commands added from those callbacks must not break the sweep (found by review: the queue was
   * walked while they were added).
   */
  @Test
  void commandsSentFromAnExpiryCallbackDoNotBreakTheSweep(Vertx vertx, VertxTestContext ctx) {
    java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
    vertx.exceptionHandler(errors::add);
    AtomicInteger released = new AtomicInteger();
    vertx.runOnContext(v -> {
      CommandDeadlines deadlines = new CommandDeadlines(vertx, () -> { });
      // Answered commands first, so the queue's head has moved and it wraps as it grows.
      for (int i = 0; i < 10; i++) {
        Promise<String> p = Promise.promise();
        deadlines.within(p.future(), 10_000);
        p.complete("OK");
      }
      vertx.setTimer(30, t -> {
        for (int i = 0; i < 16; i++) {
          deadlines.within(Promise.<String>promise().future(), 1).onFailure(e -> {
            for (int j = 0; j < 3; j++) {
              Promise<String> release = Promise.promise();
              deadlines.within(release.future(), 10_000).onSuccess(x -> released.incrementAndGet());
              release.complete("OK");
            }
          });
        }
        vertx.setTimer(60, t2 -> ctx.verify(() -> {
          deadlines.stop();
          assertTrue(errors.isEmpty(), "the sweep threw: " + errors);
          assertEquals(48, released.get(), "every release sent from an expiry went through");
          ctx.completeNow();
        }));
      });
    });
  }

  @Test
  void aCommandAlreadyAnsweredPassesStraightThrough(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(v -> {
      CommandDeadlines deadlines = new CommandDeadlines(vertx, () -> ctx.failNow("no stall"));
      Future<String> done = Future.succeededFuture("PONG");
      ctx.verify(() -> assertTrue(deadlines.within(done, 1) == done));
      ctx.completeNow();
    });
  }
}
