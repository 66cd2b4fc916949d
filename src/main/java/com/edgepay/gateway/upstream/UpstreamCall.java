package com.edgepay.gateway.upstream;

import com.edgepay.gateway.config.UpstreamEndpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * One call to Juspay, fully decided by the pipeline: where, what and until when.
 *
 * @param path the route template with its validated parameter, never a client's path
 * @param body form-encoded, or null for none
 * @param deadlineNanos {@link System#nanoTime()} by which the gateway must have answered
 */
public record UpstreamCall(
    UpstreamEndpoint endpoint,
    HttpMethod method,
    String path,
    MultiMap headers,
    Buffer body,
    long deadlineNanos) {

  long remainingMs() {
    return (deadlineNanos - System.nanoTime()) / 1_000_000;
  }
}
