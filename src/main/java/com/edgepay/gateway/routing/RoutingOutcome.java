package com.edgepay.gateway.routing;

import java.util.Locale;

/**
 * What the sticky routing-id rule decided for one call. The rule itself runs inside the store
 * ({@code lua/routing.lua}), atomically with the claim; these are its verdicts, in the words the
 * script returns and {@code gateway_routing_id_total{outcome}} counts.
 */
public enum RoutingOutcome {
  /** The call's id equals the bound one. */
  MATCHED,
  /** Nothing was bound yet; this call's id becomes the binding. */
  BOUND,
  /** The client's id differed; the tenant's policy forwards with the bound one instead. */
  REWRITTEN,
  /** The client's id differed; refused (409 ROUTING_ID_MISMATCH). */
  MISMATCHED,
  /** No header, and the tenant's policy demands one (400). */
  REQUIRED,
  /** The call names no customer or order: there is nothing to bind. */
  NONE;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The script's word and the metric label. */
  public String label() {
    return label;
  }

  /** Whether {@code gateway_routing_id_total} counts this outcome under its own label. */
  public boolean counted() {
    return this == MATCHED || this == BOUND || this == REWRITTEN || this == MISMATCHED;
  }

  public static RoutingOutcome of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
