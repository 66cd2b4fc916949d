package com.edgepay.gateway.metrics;

/** HTTP status codes as label text, without a string per request. */
final class StatusLabels {
  private static final String[] LABELS = new String[600];

  static {
    for (int i = 100; i < LABELS.length; i++) {
      LABELS[i] = Integer.toString(i);
    }
  }

  private StatusLabels() {
  }

  static String of(int status) {
    return status >= 100 && status < LABELS.length ? LABELS[status] : Integer.toString(status);
  }
}
