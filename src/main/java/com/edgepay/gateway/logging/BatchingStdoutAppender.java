package com.edgepay.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Log lines to stdout without ever making an event loop wait, and without a syscall per line.
 * The logging thread lays its line out (a microsecond or two, no lock) and enqueues the bytes
 * (lock-free, no wake-up); one writer thread drains the queue every few milliseconds and writes
 * everything in one buffered write, so it costs next to nothing on whatever core it shares. When
 * the queue is full, lines are dropped and counted rather than blocking a request.
 */
public final class BatchingStdoutAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private static final long BUSY_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  // An idle gateway should cost next to nothing: each wake-up is a syscall pair, and 200 a second
  // measured 1% of a core. Quiet periods back off to this; the first line after one waits at most this.
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(80);

  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final OutputStream target;
  private Layout<ILoggingEvent> layout;
  private int queueSize = 65_536;
  private OutputStream out;
  private Thread writer;
  private volatile boolean running;

  /** What logback instantiates: writes to the process's stdout. */
  public BatchingStdoutAppender() {
    this(new FileOutputStream(FileDescriptor.out));
  }

  BatchingStdoutAppender(OutputStream target) {
    this.target = target;
  }

  public void setLayout(Layout<ILoggingEvent> layout) {
    this.layout = layout;
  }

  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** Lines dropped because the writer could not keep up. */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void start() {
    if (layout == null) {
      addError("no layout for " + getName());
      return;
    }
    out = new BufferedOutputStream(target, 64 * 1024);
    running = true;
    writer = new Thread(this::drainLoop, "log-writer");
    writer.setDaemon(true);
    writer.start();
    super.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (size.incrementAndGet() > queueSize) {
      size.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    try {
      queue.offer(layout.doLayout(event).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException failure) {
      size.decrementAndGet();
      addError("could not lay out a log line", failure);
    }
  }

  private void drainLoop() {
    long park = BUSY_PARK_NANOS;
    while (running || !queue.isEmpty()) {
      park = drainOnce() ? BUSY_PARK_NANOS : Math.min(park * 2, IDLE_PARK_NANOS);
      LockSupport.parkNanos(park);
    }
  }

  /** @return whether anything was written */
  private boolean drainOnce() {
    boolean wrote = false;
    for (byte[] line = queue.poll(); line != null; line = queue.poll()) {
      size.decrementAndGet();
      try {
        out.write(line);
        wrote = true;
      } catch (IOException failure) {
        addError("could not write a log line", failure);
      }
    }
    if (wrote) {
      try {
        out.flush();
      } catch (IOException failure) {
        addError("could not flush stdout", failure);
      }
    }
    return wrote;
  }

  /**
   * Writes what is queued before the process exits (logback calls this from LoggerContext.stop).
   * Appending stops first, so no line slips in after the last drain; and the queue is drained here
   * only once the writer has exited, so two threads never write to the stream at once.
   */
  @Override
  public void stop() {
    super.stop();
    running = false;
    if (writer != null) {
      LockSupport.unpark(writer);
      try {
        writer.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (writer == null || !writer.isAlive()) {
      drainOnce();
    } else {
      addError("the log writer did not finish within 2 s; lines still queued are left to it");
    }
  }
}
