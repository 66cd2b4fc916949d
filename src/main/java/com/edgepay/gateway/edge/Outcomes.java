package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.BoundedBody;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How each way a request can end becomes an answer and a metric. */
final class Outcomes {
  private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

  static final GatewayError DEADLINE =
      GatewayError.of(ErrorCode.UPSTREAM_TIMEOUT, "No answer from Juspay within the deadline");
  /** Marks a pipeline that stopped because the client was already answered (the deadline). */
  static final RuntimeException ALREADY_ANSWERED = new RuntimeException("already answered", null, false, false) {
  };

  private static final GatewayError UNREACHABLE =
      GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "Juspay could not be reached; nothing was sent");
  private static final GatewayError BROKEN =
      GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The connection to Juspay broke before it answered");
  private static final GatewayError POOL_FULL =
      GatewayError.of(ErrorCode.OVERLOADED, "Too many calls waiting for Juspay; nothing was sent").retryAfter(1);
  private static final GatewayError CIRCUIT_OPEN =
      GatewayError.of(ErrorCode.OVERLOADED, "Juspay is failing on this route; calls are paused").retryAfter(1);
  private static final GatewayError INTERNAL =
      GatewayError.of(ErrorCode.INTERNAL_ERROR, "The gateway failed unexpectedly");

  private final GatewayMetrics metrics;

  Outcomes(GatewayMetrics metrics) {
    this.metrics = metrics;
  }

  GatewayError toError(Exchange ex, Throwable failure) {
    if (failure instanceof GatewayError known) {
      return known;
    }
    if (failure instanceof UpstreamFailure upstream) {
      return switch (upstream.kind()) {
        case UNREACHABLE -> UNREACHABLE;
        case POOL_EXHAUSTED -> {
          metrics.overloaded("pool");
          yield POOL_FULL;
        }
        case TIMEOUT -> DEADLINE;
        case BROKEN_AFTER_SEND, REPLY_TOO_LARGE -> BROKEN;
      };
    }
    if (failure instanceof io.vertx.circuitbreaker.OpenCircuitException) {
      metrics.overloaded("circuit_open");
      return CIRCUIT_OPEN;
    }
    if (failure instanceof BoundedBody.TooLarge) {
      return tooLarge(0);
    }
    if (failure != ALREADY_ANSWERED) {
      LOG.error("unexpected failure on {} (request {})", ex.routeLabel(), ex.requestId, failure);
    }
    return INTERNAL;
  }

  void upstreamFinished(Exchange ex, AsyncResult<UpstreamReply> done, long nanos) {
    ex.upstreamNanos = nanos;
    metrics.upstream(ex.routeLabel(), done.succeeded() ? statusClass(done.result().status())
        : failureLabel(done.cause()), nanos);
  }

  static long declaredLength(HttpServerRequest request) {
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared == null) {
      return -1;
    }
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  static GatewayError tooLarge(int limit) {
    return GatewayError.of(ErrorCode.PAYLOAD_TOO_LARGE,
        limit > 0 ? "The body exceeds " + limit + " bytes" : "The body exceeds the limit");
  }

  private static String statusClass(int status) {
    return (status / 100) + "xx";
  }

  private static String failureLabel(Throwable failure) {
    if (failure instanceof UpstreamFailure f) {
      return switch (f.kind()) {
        case UNREACHABLE -> "unreachable";
        case POOL_EXHAUSTED -> "pool_exhausted";
        case BROKEN_AFTER_SEND -> "broken";
        case TIMEOUT -> "timeout";
        case REPLY_TOO_LARGE -> "reply_too_large";
      };
    }
    return "error";
  }
}
