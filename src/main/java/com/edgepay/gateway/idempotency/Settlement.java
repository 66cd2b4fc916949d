package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.upstream.UpstreamReply;

/**
 * What a claimed call's record becomes, from what is known about it. This is the money-safety
 * table: only a call that provably created nothing is released; anything that may have reached
 * Juspay without a clear answer is UNKNOWN.
 */
public enum Settlement {
  /** Juspay answered 2xx or 3xx: keep the answer for replays. */
  COMPLETE,
  /** Juspay answered 4xx (nothing was created), or the call never left: free the key. */
  RELEASE,
  /** 5xx, a timeout or a broken connection after sending: nobody knows; quarantine the order. */
  UNKNOWN;

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
}
