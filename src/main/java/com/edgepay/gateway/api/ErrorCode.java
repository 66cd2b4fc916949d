package com.edgepay.gateway.api;

/** The gateway's own error codes, with the HTTP status the contract gives each. */
public enum ErrorCode {
  MISSING_MANDATORY_PARAMETER(400, "Mandatory fields are missing."),
  INVALID_PARAMETER(400, "Invalid parameters."),
  UNAUTHORIZED(401, "Access denied: a valid gateway key is required."),
  FORBIDDEN(403, "This key may not act for that merchant."),
  NOT_FOUND(404, "Resource not found."),
  MISDIRECTED_REQUEST(421, "The request names a host this gateway does not serve."),
  ROUTING_ID_MISMATCH(409, "The x-routing-id differs from the one bound to this customer or order."),
  REQUEST_IN_PROGRESS(409, "An identical request is still being processed."),
  OUTCOME_UNKNOWN(409, "The outcome of an earlier identical request is unknown; check the order status."),
  ALREADY_PROCESSED(409, "An identical request already took effect at Juspay."),
  ORDER_ALREADY_PAID(409, "This order is already paid."),
  ATTEMPT_LIMIT_REACHED(409, "This order has had the most payment attempts allowed."),
  PAYLOAD_TOO_LARGE(413, "Request body too large."),
  /** Netty's decoder refused the head: HTTP's own statuses, the contract's code for a malformed call. */
  URI_TOO_LONG(414, "INVALID_PARAMETER", "The request line is too long."),
  HEADERS_TOO_LARGE(431, "INVALID_PARAMETER", "The request headers are too large."),
  UNSUPPORTED_MEDIA_TYPE(415, "Use application/x-www-form-urlencoded or application/json."),
  IDEMPOTENCY_KEY_REUSED(422, "This idempotency key was used with a different request."),
  RATE_LIMITED(429, "Too many requests."),
  INTERNAL_ERROR(500, "Internal gateway error."),
  UPSTREAM_UNAVAILABLE(502, "Payment provider unreachable."),
  /** The contract gives OUTCOME_UNKNOWN two statuses: 409 for a retry, 502 for the call that lost its answer. */
  OUTCOME_UNKNOWN_AFTER_SEND(502, "OUTCOME_UNKNOWN",
      "The request reached the payment provider but no usable answer came back; check the order status."),
  IDEMPOTENCY_STORE_UNAVAILABLE(503, "Duplicate protection is unavailable; nothing was sent."),
  /** A new payment attempt whose order-status check failed: 503, as the contract's attempt rules say. */
  UPSTREAM_UNAVAILABLE_BEFORE_ATTEMPT(503, "UPSTREAM_UNAVAILABLE",
      "The payment provider could not confirm the order is unpaid; nothing was sent."),
  /**
   * The tenant's Juspay key is withdrawn (a {@code revoked} marker in the secrets directory): 503, as
   * the contract's secrets rule says, under the code that means "the provider cannot be called; nothing
   * was sent".
   */
  UPSTREAM_UNAVAILABLE_KEY_WITHDRAWN(503, "UPSTREAM_UNAVAILABLE",
      "The payment provider cannot be called for this merchant at the moment; nothing was sent."),
  OVERLOADED(503, "Gateway overloaded."),
  DRAINING(503, "Gateway is shutting down."),
  UPSTREAM_TIMEOUT(504, "Payment provider did not answer in time.");

  private final int status;
  private final String wireName;
  private final String userMessage;

  ErrorCode(int status, String userMessage) {
    this.status = status;
    this.wireName = name();
    this.userMessage = userMessage;
  }

  ErrorCode(int status, String wireName, String userMessage) {
    this.status = status;
    this.wireName = wireName;
    this.userMessage = userMessage;
  }

  /** The {@code error_code} a client sees. */
  public String wireName() {
    return wireName;
  }

  public int status() {
    return status;
  }

  public String userMessage() {
    return userMessage;
  }

  /** Juspay's categories: the caller's fault, or ours. */
  public String category() {
    return status < 500 ? "USER_ERROR" : "SERVER_ERROR";
  }
}
