package com.edgepay.gateway.validation;

/** How strictly a tenant's calls are checked against Juspay's documented rules. */
public enum ValidationMode {
  /** A broken rule is a 400 at the edge. The default. */
  ENFORCE,
  /** Forward anyway, but log and count what would have been refused. */
  REPORT,
  OFF;

  public static ValidationMode parse(String text) {
    return valueOf(text.toUpperCase(java.util.Locale.ROOT));
  }
}
