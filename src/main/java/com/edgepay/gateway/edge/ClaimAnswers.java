package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;

/** The claim filter's refusals, each defined once. Retry-After only where waiting can help. */
final class ClaimAnswers {
  static final GatewayError STORE_DOWN = GatewayError.of(ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE,
      "Duplicate protection is unavailable; nothing was sent to Juspay").retryAfter(1);
  static final GatewayError KEY_REUSED = GatewayError.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
      "This idempotency key was already used with a different request");
  static final GatewayError IN_PROGRESS = GatewayError.of(ErrorCode.REQUEST_IN_PROGRESS,
      "An identical request, or another attempt on this order, is in flight");
  /** Reconciliation asks Juspay again within seconds; a retry after that may learn the outcome. */
  static final GatewayError UNKNOWN = unknown(5_000);
  static final GatewayError ALREADY_PROCESSED = GatewayError.of(ErrorCode.ALREADY_PROCESSED,
      "An identical request already took effect at Juspay; see error_info.juspay");
  static final GatewayError ALREADY_PAID = GatewayError.of(ErrorCode.ORDER_ALREADY_PAID,
      "This order is already paid; no new payment attempt was sent");
  static final GatewayError ATTEMPT_LIMIT = GatewayError.of(ErrorCode.ATTEMPT_LIMIT_REACHED,
      "This order has had the most payment attempts this merchant allows");
  static final GatewayError CHECK_FAILED = GatewayError.of(ErrorCode.UPSTREAM_UNAVAILABLE_BEFORE_ATTEMPT,
      "Juspay could not confirm that this order is unpaid; nothing was sent").retryAfter(1);

  private ClaimAnswers() {
  }

  /** @param retryAfterMs when reconciliation may have learned the outcome */
  static GatewayError unknown(long retryAfterMs) {
    return GatewayError.of(ErrorCode.OUTCOME_UNKNOWN,
        "An earlier attempt's outcome is unknown and Juspay could not settle it yet; do not start a new payment")
        .retryAfter(Outcomes.seconds(retryAfterMs));
  }

  /** Redis may evict records to make room: a retried payment could go through twice. Nothing is sent. */
  static GatewayError storeUnsafe(String policy) {
    return GatewayError.of(ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE,
        "Duplicate protection is off: Redis may evict records (maxmemory_policy " + policy + "); nothing was sent")
        .retryAfter(30);
  }
}
