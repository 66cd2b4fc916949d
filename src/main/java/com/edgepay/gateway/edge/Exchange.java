package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.idempotency.ClaimPlan;
import com.edgepay.gateway.idempotency.StoredReply;
import com.edgepay.gateway.overload.TokenBucket;
import com.edgepay.gateway.secrets.JuspayCredential;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.upstream.InFlight;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.http.HttpServerRequest;

/**
 * One request's state as it moves through the {@link Pipeline}. Confined to the event loop that
 * received the request, so it needs no synchronisation. Each field is set by one step.
 */
final class Exchange {
  final HttpServerRequest request;
  final long startNanos = System.nanoTime();
  final InFlight inFlight = new InFlight();

  String requestId;
  int inFlightAtStart;
  /** The tenant's rate-limit verdict, for the RateLimit-* headers; null when it has no limit. */
  TokenBucket.Verdict rate;
  RouteMatch match;
  Tenant tenant;
  long deadlineNanos;
  long deadlineTimer = -1;
  boolean hasBody;
  FormBody form = FormBody.empty();
  String orderId;
  String customerId;
  /** The client's x-routing-id (checked), or null. */
  String routingHeader;
  /** What the gateway derives without a header: customer id, else order id, else "". */
  String routingCandidate;
  /** The effective routing id, once the store has applied the sticky rule. */
  String routingId;
  ClaimPlan plan;
  /** Whether this request holds a claim it must settle. */
  boolean claimed;
  /** A completed identical call's answer: the pipeline stops and replays it. */
  StoredReply replay;
  JuspayCredential credential;
  UpstreamReply reply;
  long upstreamNanos = -1;

  /** Set once the client has its answer; later steps only do bookkeeping. */
  boolean answered;
  int status;
  String errorCode;

  Exchange(HttpServerRequest request) {
    this.request = request;
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
}
