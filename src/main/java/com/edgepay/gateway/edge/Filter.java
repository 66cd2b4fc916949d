package com.edgepay.gateway.edge;

import io.vertx.core.Future;

/**
 * One concern of the request path, with both of its halves in one class: the inbound half on the
 * way to Juspay, the outbound half on the way back. Outbound halves run in reverse order for every
 * outcome (relayed, replayed, or refused at any step), so whatever a filter starts (a timer, a
 * counter, a claim) it finishes itself.
 *
 * <p>The two phases are types. An {@link OnHead} filter runs while the body may still be arriving
 * and cannot wait for anything: it has no way to return a future. Only {@link OnBody} filters,
 * which run once the body is read, may wait on I/O.
 */
sealed interface Filter permits Filter.OnHead, Filter.OnBody {
  /** An outbound half that had nothing to wait for. */
  Future<Void> DONE = Future.succeededFuture();
  /** An inbound half that let the request through without waiting. */
  Future<Outcome> CONTINUE = Future.succeededFuture();

  /**
   * Coming out, for every outcome, in reverse order; the filter that produced the outcome included.
   * A pending future holds the answer until it completes (the claim records its outcome first).
   */
  default Future<Void> onResponse(Exchange ex, Outcome outcome) {
    return DONE;
  }

  /** Runs on the request line and headers, before the body is read. */
  non-sealed interface OnHead extends Filter {
    /**
     * @return null to go on, or the outcome that ends the request here
     * @throws com.edgepay.gateway.api.GatewayError to refuse
     */
    Outcome onRequest(Exchange ex);
  }

  /** Runs once the body is read; the only kind that may wait. */
  non-sealed interface OnBody extends Filter {
    /**
     * @return {@link #CONTINUE} (or any future of null) to go on, or a future of the outcome that
     *     ends the request here; a failed future is mapped by {@link Outcomes#of(Throwable)}
     */
    Future<Outcome> onRequest(Exchange ex);
  }
}
