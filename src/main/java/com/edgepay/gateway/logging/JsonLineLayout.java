package com.edgepay.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line: time, level, logger, message, the event's key-value pairs at the top
 * level, and for errors the exception type and frames. Every string and number goes through
 * {@link LogMask}.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  private static final int MAX_FRAMES = 12;

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder json = new StringBuilder(256);
    json.append("{\"ts\":\"").append(Instant.ofEpochMilli(event.getTimeStamp())).append('"');
    field(json, "level", event.getLevel().toString());
    field(json, "logger", event.getLoggerName());
    field(json, "msg", event.getFormattedMessage());
    List<KeyValuePair> pairs = event.getKeyValuePairs();
    if (pairs != null) {
      for (KeyValuePair kv : pairs) {
        if (kv.value == null) {
          continue;
        }
        if (kv.value instanceof Boolean || kv.value instanceof Number && isPlain(kv.value.toString())) {
          json.append(",\"").append(kv.key).append("\":").append(kv.value);
        } else {
          field(json, kv.key, kv.value.toString());
        }
      }
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      field(json, "error_type", error.getClassName());
      field(json, "error_message", error.getMessage());
      field(json, "stack", frames(error));
    }
    return json.append("}\n").toString();
  }

  /** A number the mask leaves alone; a long that holds a card number is written masked, as a string. */
  private static boolean isPlain(String number) {
    return LogMask.mask(number) == number;
  }

  private static String frames(IThrowableProxy error) {
    StringBuilder s = new StringBuilder();
    StackTraceElementProxy[] frames = error.getStackTraceElementProxyArray();
    for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
      s.append(i == 0 ? "" : " | ").append(frames[i].getStackTraceElement());
    }
    return s.toString();
  }

  private static void field(StringBuilder json, String key, String value) {
    if (value == null) {
      return;
    }
    json.append(",\"").append(key).append("\":\"");
    escape(json, LogMask.mask(value));
    json.append('"');
  }

  static void escape(StringBuilder json, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
  }
}
