package com.edgepay.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchingStdoutAppenderTest {
  private final LoggerContext context = new LoggerContext();
  private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

  BatchingStdoutAppenderTest() {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  @Test
  void everyLineIsWrittenInOrderByTheTimeStopReturns() {
    BatchingStdoutAppender appender = started(65_536);
    IntStream.range(0, 5_000).forEach(i -> appender.doAppend(event("line " + i)));
    appender.stop();
    List<String> lines = sink.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(IntStream.range(0, 5_000).mapToObj(i -> "line " + i).toList(), lines);
    assertEquals(0, appender.dropped());
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfBlocking() {
    BatchingStdoutAppender appender = started(0);
    IntStream.range(0, 100).forEach(i -> appender.doAppend(event("line " + i)));
    appender.stop();
    assertEquals(100, appender.dropped());
    assertEquals("", sink.toString(StandardCharsets.UTF_8));
  }

  @Test
  void linesWrittenPlusLinesDroppedAccountForEveryLine() {
    BatchingStdoutAppender appender = started(16);
    IntStream.range(0, 10_000).forEach(i -> appender.doAppend(event("line " + i)));
    appender.stop();
    long written = sink.toString(StandardCharsets.UTF_8).lines().count();
    assertEquals(10_000, written + appender.dropped());
  }

  private BatchingStdoutAppender started(int queueSize) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    layout.setPattern("%msg%n");
    layout.start();
    BatchingStdoutAppender appender = new BatchingStdoutAppender(sink);
    appender.setContext(context);
    appender.setLayout(layout);
    appender.setQueueSize(queueSize);
    appender.start();
    return appender;
  }

  private LoggingEvent event(String message) {
    return new LoggingEvent(getClass().getName(), context.getLogger("test"), Level.INFO, message, null, null);
  }
}
