package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.upstream.BoundedBody;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.AsyncResult;

/**
 * The one place where what happened becomes the contract's answer: Juspay's reply, an upstream
 * failure, a refusal, an interruption, or a bug. Each answer is defined here once.
 */
final class Outcomes {
  static final GatewayError DEADLINE = GatewayError.of(ErrorCode.UPSTREAM_TIMEOUT,
      "The request reached Juspay but no answer came within the deadline; check the order status");
  static final GatewayError DEADLINE_UNSENT = GatewayError.of(ErrorCode.OVERLOADED,
      "The deadline passed before the call could be sent to Juspay; nothing was sent").retryAfter(1);
  static final GatewayError SHUTDOWN = GatewayError.of(ErrorCode.OUTCOME_UNKNOWN_AFTER_SEND,
      "This replica shut down after the request reached Juspay and before it answered; check the order status");
  static final GatewayError SHUTDOWN_UNSENT =
      GatewayError.of(ErrorCode.DRAINING, "This replica shut down before the call was sent; nothing was sent")
          .retryAfter(1);
  static final GatewayError CIRCUIT_OPEN =
      GatewayError.of(ErrorCode.OVERLOADED, "Juspay is failing on this route; calls are paused");
  private static final GatewayError UNREACHABLE =
      GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE, "Juspay could not be reached; nothing was sent");
  private static final GatewayError BROKEN = GatewayError.of(ErrorCode.OUTCOME_UNKNOWN_AFTER_SEND,
      "The request reached Juspay but the connection broke before a usable answer; check the order status");
  private static final GatewayError POOL_FULL =
      GatewayError.of(ErrorCode.OVERLOADED, "Too many calls waiting for Juspay; nothing was sent").retryAfter(1);
  private static final GatewayError INTERNAL =
      GatewayError.of(ErrorCode.INTERNAL_ERROR, "The gateway failed unexpectedly");

  private Outcomes() {
  }

  /**
   * Juspay's reply, or why there is none.
   *
   * @param sent whether the call had been handed to a connection: an unexpected failure after that
   *     is an unknown outcome, never "nothing sent"
   */
  static Outcome ofUpstream(AsyncResult<UpstreamReply> result, boolean sent) {
    if (result.succeeded()) {
      return new Outcome.Relay(result.result());
    }
    if (sent && !(result.cause() instanceof UpstreamFailure)) {
      return new Outcome.Refusal(BROKEN, true);
    }
    return of(result.cause());
  }

  /** Any failure a filter raised. A bug is answered 500 without any detail. */
  static Outcome of(Throwable failure) {
    if (failure instanceof GatewayError known) {
      return Outcome.Refusal.unsent(known);
    }
    if (failure instanceof UpstreamFailure upstream) {
      return switch (upstream.kind()) {
        case UNREACHABLE -> Outcome.Refusal.unsent(UNREACHABLE);
        case POOL_EXHAUSTED -> Outcome.Refusal.unsent(POOL_FULL);
        case CIRCUIT_OPEN -> Outcome.Refusal.unsent(CIRCUIT_OPEN.retryAfter(seconds(upstream.retryAfterMs())));
        case TIMEOUT -> upstream.sent() ? new Outcome.Refusal(DEADLINE, true) : Outcome.Refusal.unsent(DEADLINE_UNSENT);
        case BROKEN_AFTER_SEND, REPLY_TOO_LARGE -> new Outcome.Refusal(BROKEN, true);
      };
    }
    if (failure instanceof BoundedBody.TooLarge) {
      return Outcome.Refusal.unsent(tooLarge(0));
    }
    return Outcome.Refusal.unsent(INTERNAL);
  }

  /** Whether the failure is one of the path's known ways to end, rather than a bug. */
  static boolean expected(Throwable failure) {
    return failure instanceof GatewayError || failure instanceof UpstreamFailure || failure instanceof BoundedBody.TooLarge;
  }

  /** The request was cut short while waiting; {@code sent} says whether Juspay may have seen it. */
  static Outcome interrupted(Interruption why, boolean sent) {
    if (why == Interruption.DEADLINE) {
      return sent ? new Outcome.Refusal(DEADLINE, true) : Outcome.Refusal.unsent(DEADLINE_UNSENT);
    }
    return sent ? new Outcome.Refusal(SHUTDOWN, true) : Outcome.Refusal.unsent(SHUTDOWN_UNSENT);
  }

  static GatewayError tooLarge(int limit) {
    return GatewayError.of(ErrorCode.PAYLOAD_TOO_LARGE,
        limit > 0 ? "The body exceeds " + limit + " bytes" : "The body exceeds the limit");
  }

  /** Whole seconds for Retry-After, rounded up, at least one. */
  static long seconds(long ms) {
    return Math.max(1, (ms + 999) / 1000);
  }
}
