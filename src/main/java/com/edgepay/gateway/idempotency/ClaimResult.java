package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.routing.RoutingOutcome;

/** What the store said about a call before it was forwarded. */
public sealed interface ClaimResult {
  /** The effective routing id, "" when the call names no customer or order. */
  String routingId();

  /** The routing rule's verdict. */
  RoutingOutcome routing();

  /** The call is ours to forward. */
  record Granted(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** An identical call completed before: answer with its reply, forward nothing. */
  record Replay(String routingId, RoutingOutcome routing, StoredReply reply) implements ClaimResult {
  }

  /** The same call, or another attempt on the same order, is still in flight. */
  record InProgress(String routingId, RoutingOutcome routing, long retryAfterMs) implements ClaimResult {
  }

  /** An earlier attempt's outcome is unknown; the order is quarantined for a while. */
  record Unknown(String routingId, RoutingOutcome routing, long retryAfterMs) implements ClaimResult {
  }

  /** The key was used before with a different payload. */
  record KeyReused(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** The routing rule refused the call: the id mismatched its binding, or the header is required. */
  record RoutingRefused(RoutingOutcome routing) implements ClaimResult {
    @Override
    public String routingId() {
      return "";
    }
  }
}
