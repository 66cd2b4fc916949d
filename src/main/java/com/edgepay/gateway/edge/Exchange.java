package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.secrets.JuspayCredential;
import com.edgepay.gateway.tenant.Tenant;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * One request on its way through the filters. Confined to the event loop that received it, so it
 * needs no synchronisation. Each group of fields below is set by the filter named beside it and read
 * by later ones; the one exception is the body, which the merchant filter rewrites (it sets the
 * tenant's merchant_id). Nothing here steers control: how a request ends travels as an
 * {@link Outcome}.
 */
final class Exchange {
  final RequestHead head;
  final BodySource bodySource;
  /** Where the answer goes; null when a filter is tested on its own. */
  final HttpServerResponse response;
  final long startNanos = System.nanoTime();
  /** The request's correlation id: the client's when sane, else a fresh one. */
  final String requestId;
  /** Headers that outbound halves add to the answer, whichever outcome it is. */
  final MultiMap replyHeaders = HttpHeaders.headers();

  /** {@link RouteFilter}. */
  RouteMatch match;
  /** {@link AuthenticateFilter}. */
  Tenant tenant;
  /** {@link RateLimitFilter}: the bucket's verdict, or null when the tenant has no limit. */
  com.edgepay.gateway.overload.TokenBucket.Verdict rate;
  /** {@link DeadlineFilter}: when the request must have its answer ({@link System#nanoTime()}). */
  long deadlineNanos;
  /** Counted among its tenant's requests in flight (to be uncounted on the way out). */
  boolean countedForTenant;
  /** The client's x-gateway-timeout-ms made the deadline shorter: its timeouts are not Juspay's fault. */
  boolean clientShortenedDeadline;
  long deadlineTimer = -1;
  /** {@link ReadBodyFilter}: the body as Juspay will see it, and whether the call has one. */
  FormBody form = FormBody.empty();
  boolean hasBody;
  /** {@link IdentifyFilter}. */
  CallIdentity identity;
  /** {@link ClaimFilter}: the effective x-routing-id ("" or null when none), and the claim it holds. */
  String routingId;
  ClaimFilter.Held claim;
  /** {@link CredentialFilter}. */
  JuspayCredential credential;
  /** {@link ForwardFilter}: how long Juspay took, or -1 when it was not called. */
  long upstreamNanos = -1;

  private Interruption interruption;
  private Runnable onInterrupt;
  private boolean answering;

  Exchange(RequestHead head, BodySource bodySource, HttpServerResponse response) {
    this.head = head;
    this.bodySource = bodySource;
    this.response = response;
    this.requestId = RequestIds.accept(head.header(RequestIds.HEADER));
  }

  String routeLabel() {
    return match == null ? "unmatched" : match.route().template();
  }

  String tenantLabel() {
    return tenant == null ? "unknown" : tenant.id();
  }

  String routingIdValue() {
    return routingId == null || routingId.isEmpty() ? null : routingId;
  }

  /**
   * Cuts the path short. The step now waiting (a body upload, a call to Juspay) is stopped through
   * the handler it registered; the chain then ends before the next filter.
   *
   * @return false when the request was already interrupted or is being answered
   */
  boolean interrupt(Interruption why) {
    if (interruption != null || answering) {
      return false;
    }
    interruption = why;
    Runnable stop = onInterrupt;
    onInterrupt = null;
    if (stop != null) {
      stop.run();
    }
    return true;
  }

  Interruption interruption() {
    return interruption;
  }

  /** The waiting step's way to be stopped; cleared by passing null once it no longer waits. */
  void onInterrupt(Runnable stop) {
    this.onInterrupt = stop;
  }

  /** The way out has begun: from here on nothing can interrupt the request. */
  void answering() {
    answering = true;
    onInterrupt = null;
  }
}
