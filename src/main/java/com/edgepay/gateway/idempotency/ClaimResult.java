package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.routing.RoutingOutcome;

/** What the store said about a call before it was forwarded. */
public sealed interface ClaimResult {
  /** The effective routing id, "" when the call names no customer or order. */
  String routingId();

  /** The routing rule's verdict. */
  RoutingOutcome routing();

  /**
   * The call is ours to forward.
   *
   * @param checkFirst a new payment attempt on an order that already had a successful one: Juspay's
   *     order status must show it unpaid before anything is sent
   */
  record Granted(String routingId, RoutingOutcome routing, boolean checkFirst) implements ClaimResult {
  }

  /** An identical call completed before: answer with its reply, forward nothing. */
  record Replay(String routingId, RoutingOutcome routing, StoredReply reply) implements ClaimResult {
  }

  /** An identical call's outcome was unknown, and Juspay showed that it took effect. */
  record Processed(String routingId, RoutingOutcome routing, String juspayReport) implements ClaimResult {
  }

  /** The same call, or another attempt on the same order, is still in flight. */
  record InProgress(String routingId, RoutingOutcome routing, long retryAfterMs) implements ClaimResult {
  }

  /**
   * An earlier attempt's outcome is unknown: this call's own, or the one holding its order.
   *
   * @param recordKey the unknown record, for reconciling it now
   */
  record Unknown(String routingId, RoutingOutcome routing, String recordKey) implements ClaimResult {
  }

  /** A stored answer or report failed to open (forged, moved, damaged): never replayed; unknown. */
  record Unreadable(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** The key was used before with a different payload. */
  record KeyReused(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** The order has had the tenant's maximum of payment attempts. */
  record AttemptLimit(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** The claim's own release landed first (its answer had been lost): it was not made. */
  record Cancelled(String routingId, RoutingOutcome routing) implements ClaimResult {
  }

  /** The routing rule refused the call: the id mismatched its binding, or the header is required. */
  record RoutingRefused(RoutingOutcome routing) implements ClaimResult {
    @Override
    public String routingId() {
      return "";
    }
  }
}
