package com.edgepay.gateway;

import io.vertx.core.Future;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on SIGTERM. Draining runs on the event loop; if that loop is wedged or dead (a
 * blocked handler, an Error thrown out of Netty) the drain future never completes and the pod
 * would sit in Terminating, refusing traffic, until the kubelet's SIGKILL. This plain thread
 * exits the process at a fixed deadline instead, so the exit is ours and it is logged.
 */
final class DrainWatchdog {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  private DrainWatchdog() {
  }

  /** Calls {@code exit} with 1 if {@code drained} is not complete {@code deadlineMs} from now. */
  static Thread arm(long deadlineMs, Future<?> drained, IntConsumer exit) {
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(deadlineMs);
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!drained.isComplete()) {
        LOG.error("drain did not finish within {} ms; exiting without it", deadlineMs);
        exit.accept(1);
      }
    }, "drain-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    return watchdog;
  }
}
