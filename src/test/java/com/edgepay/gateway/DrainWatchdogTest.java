package com.edgepay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainWatchdogTest {
  @Test
  void aDrainThatNeverEndsStillExitsNonZeroAtTheDeadline() throws Exception {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    Promise<Void> wedged = Promise.promise();
    DrainWatchdog.arm(50, wedged.future(), exitCode::complete);
    assertEquals(1, exitCode.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aDrainThatFinishesLeavesTheExitToTheNormalPath() throws Exception {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    Promise<Void> drained = Promise.promise();
    drained.complete();
    Thread watchdog = DrainWatchdog.arm(50, drained.future(), exitCode::complete);
    watchdog.join(10_000);
    assertFalse(watchdog.isAlive());
    assertFalse(exitCode.isDone(), "the watchdog must not exit the process after a finished drain");
    assertTrue(watchdog.isDaemon(), "the watchdog must never hold the JVM open");
  }
}
