package com.edgepay.gateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Juspay writes times as ISO-8601 UTC with whole seconds, e.g. 2020-06-16T10:28:35Z. */
final class Timestamps {

  /** Juspay's client auth tokens last 15 minutes. */
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

  private Timestamps() {
  }

  static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
