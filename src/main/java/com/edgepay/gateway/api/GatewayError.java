package com.edgepay.gateway.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A refusal the gateway answers itself, in Juspay's error shape. Messages are fixed texts written
 * here, never built from request values, so an error can't echo a card number or key.
 * No stack trace: these are expected outcomes on the hot path, not bugs.
 */
public final class GatewayError extends RuntimeException {
  private final ErrorCode code;
  private final List<FieldError> fields;
  private final long retryAfterSeconds;
  private final String juspayReport;

  private GatewayError(ErrorCode code, String message, List<FieldError> fields, long retryAfterSeconds,
      String juspayReport) {
    super(message, null, false, false);
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
    this.juspayReport = juspayReport;
  }

  public static GatewayError of(ErrorCode code, String message) {
    return new GatewayError(code, message, List.of(), -1, null);
  }

  public static GatewayError of(ErrorCode code, String message, List<FieldError> fields) {
    return new GatewayError(code, message, List.copyOf(fields), -1, null);
  }

  public GatewayError withField(String name, String reason) {
    List<FieldError> more = new ArrayList<>(fields);
    more.add(new FieldError(name, reason));
    return new GatewayError(code, getMessage(), List.copyOf(more), retryAfterSeconds, juspayReport);
  }

  public GatewayError retryAfter(long seconds) {
    return new GatewayError(code, getMessage(), fields, Math.max(1, seconds), juspayReport);
  }

  /** What Juspay itself reported (a JSON object of status and ids), shown as {@code error_info.juspay}. */
  public GatewayError withJuspayReport(String json) {
    return new GatewayError(code, getMessage(), fields, retryAfterSeconds, json);
  }

  /** Juspay's report as JSON text, or null. */
  public String juspayReport() {
    return juspayReport;
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> fields() {
    return fields;
  }

  /** Seconds for a Retry-After header, or -1 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  @Override
  public String toString() {
    return "GatewayError[" + code + "]";
  }
}
