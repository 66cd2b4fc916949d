package com.edgepay.gateway.upstream;

import io.vertx.core.http.HttpClientRequest;

/**
 * The handle by which a deadline stops an upstream call. Cancelling before a connection is had
 * means the request is never written; cancelling after resets the stream, so Juspay's side is
 * not left running on a request nobody waits for.
 */
public final class InFlight {
  private HttpClientRequest request;
  private boolean cancelled;
  private boolean sent;

  /** @return false if the call was cancelled first, in which case the request was reset unsent */
  boolean attach(HttpClientRequest request) {
    if (cancelled) {
      request.reset();
      return false;
    }
    this.request = request;
    this.sent = true;
    return true;
  }

  public void cancel() {
    cancelled = true;
    if (request != null) {
      request.reset();
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  /** Whether the request was handed to a connection, so Juspay may have seen it. */
  public boolean sent() {
    return sent;
  }
}
