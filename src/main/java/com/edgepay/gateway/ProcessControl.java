package com.edgepay.gateway;

import ch.qos.logback.classic.LoggerContext;
import com.edgepay.gateway.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Process-level concerns: signals, the one-line start-up failure, and exiting with logs flushed. */
final class ProcessControl {
  private static final Logger LOG = LoggerFactory.getLogger("gateway");

  private ProcessControl() {
  }

  /**
   * SIGTERM (and Ctrl-C) run {@code drain}, then the process exits 0, as Kubernetes expects. If
   * the drain has not finished by {@code deadlineMs}, the process exits 1 regardless.
   */
  static void onTerminate(java.util.function.Supplier<io.vertx.core.Future<?>> drain, long deadlineMs) {
    Runnable handler = () -> {
      io.vertx.core.Future<?> drained = drain.get();
      DrainWatchdog.arm(deadlineMs, drained, ProcessControl::exit);
      drained.onComplete(done -> exit(done.succeeded() ? 0 : 1));
    };
    java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        if (once.compareAndSet(false, true)) {
          LOG.info("received SIG{}; draining", name);
          handler.run();
        }
      });
    }
  }

  /** Bad configuration: one line that names the file and the fault, then a non-zero exit. */
  static void abort(Throwable failure) {
    if (failure instanceof ConfigException) {
      LOG.error("configuration error: {}", failure.getMessage());
    } else {
      LOG.error("start-up failed: {}", failure.toString());
    }
    exit(2);
  }

  /** Exits from a fresh thread, after the async log appender has written what it holds. */
  static void exit(int code) {
    Thread exiter = new Thread(() -> {
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
        logback.stop();
      }
      System.exit(code);
    }, "exit");
    exiter.start();
  }
}
