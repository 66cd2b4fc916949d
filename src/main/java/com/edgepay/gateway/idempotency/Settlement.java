package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.upstream.UpstreamReply;

/**
 * What a claimed call's record becomes, from what is known about it. This is the money-safety
 * table: only a call that provably created nothing is released; anything that may have reached
 * Juspay without a usable answer is UNKNOWN, to be reconciled with Juspay.
 */
public enum Settlement {
  /** Juspay answered 2xx or 3xx: keep the answer for replays. */
  COMPLETE,
  /** Juspay answered 4xx (nothing was created), or the call never left: free the key. */
  RELEASE,
  /** 5xx, a timeout, a broken connection or an unusable reply after sending: ask Juspay. */
  UNKNOWN,
  /** Never sent: Juspay's order status showed the order paid. Free the key; remember the order paid. */
  PAID;

  /**
   * @param reply Juspay's answer, or null when there was none
   * @param sent whether the request may have reached Juspay
   */
  public static Settlement of(UpstreamReply reply, boolean sent) {
    if (reply != null) {
      int status = reply.status();
      if (status < 400) {
        return COMPLETE;
      }
      return status < 500 ? RELEASE : UNKNOWN;
    }
    return sent ? UNKNOWN : RELEASE;
  }

  String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
