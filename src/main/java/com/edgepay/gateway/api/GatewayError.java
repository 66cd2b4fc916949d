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

  private GatewayError(ErrorCode code, String message, List<FieldError> fields, long retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.fields = fields;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static GatewayError of(ErrorCode code, String message) {
    return new GatewayError(code, message, List.of(), -1);
  }

  public static GatewayError of(ErrorCode code, String message, List<FieldError> fields) {
    return new GatewayError(code, message, List.copyOf(fields), -1);
  }

  public GatewayError withField(String name, String reason) {
    List<FieldError> more = new ArrayList<>(fields);
    more.add(new FieldError(name, reason));
    return new GatewayError(code, getMessage(), List.copyOf(more), retryAfterSeconds);
  }

  public GatewayError retryAfter(long seconds) {
    return new GatewayError(code, getMessage(), fields, Math.max(1, seconds));
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
