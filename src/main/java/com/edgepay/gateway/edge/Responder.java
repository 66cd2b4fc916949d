package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.idempotency.StoredReply;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the one answer a request gets: Juspay's, relayed, or the gateway's own error. Only
 * whitelisted headers go back, so nothing hop-by-hop from Juspay reaches the client.
 */
final class Responder {
  private static final String JSON = "application/json";
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String RATE_LIMIT = "RateLimit-Limit";
  private static final String RATE_REMAINING = "RateLimit-Remaining";
  private static final String RATE_RESET = "RateLimit-Reset";

  private final Vertx vertx;
  private final GatewayMetrics metrics;
  private final InFlightRequests inFlight;

  Responder(Vertx vertx, GatewayMetrics metrics, InFlightRequests inFlight) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.inFlight = inFlight;
  }

  void relay(Exchange ex, UpstreamReply reply) {
    if (ex.answered) {
      return;
    }
    HttpServerResponse response = begin(ex, reply.status());
    if (reply.contentType() != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
    }
    if (reply.location() != null) {
      response.putHeader(HttpHeaders.LOCATION, reply.location());
    }
    end(ex, response, reply.body());
  }

  /** An identical call's stored answer, byte for byte, marked as a replay. */
  void replay(Exchange ex, StoredReply reply) {
    if (ex.answered) {
      return;
    }
    HttpServerResponse response = begin(ex, reply.status());
    response.putHeader(REPLAYED, "true");
    if (reply.contentType() != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType());
    }
    if (reply.location() != null) {
      response.putHeader(HttpHeaders.LOCATION, reply.location());
    }
    end(ex, response, reply.body());
  }

  void error(Exchange ex, GatewayError error) {
    if (ex.answered) {
      return;
    }
    ex.errorCode = error.code().name();
    HttpServerResponse response = begin(ex, error.code().status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
    if (error.retryAfterSeconds() > 0) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
    }
    if (!ex.request.isEnded()) {
      // The body was never read; closing is cheaper and safer than draining a refused upload.
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    end(ex, response, ErrorBody.render(error, ex.requestId));
  }

  private HttpServerResponse begin(Exchange ex, int status) {
    ex.answered = true;
    ex.status = status;
    vertx.cancelTimer(ex.deadlineTimer);
    HttpServerResponse response = ex.request.response().setStatusCode(status);
    response.putHeader(JuspayHeaders.REQUEST_ID, ex.requestId);
    if (ex.routingIdValue() != null) {
      response.putHeader(JuspayHeaders.ROUTING_ID, ex.routingIdValue());
    }
    if (inFlight.draining()) {
      response.putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    if (ex.rate != null) {
      // draft-ietf-httpapi-ratelimit-headers: the bucket's size, what is left, seconds to refill one.
      response.putHeader(RATE_LIMIT, Long.toString(ex.rate.limit()));
      response.putHeader(RATE_REMAINING, Long.toString(ex.rate.remaining()));
      response.putHeader(RATE_RESET, Long.toString(ex.rate.resetSeconds()));
    }
    return response;
  }

  private void end(Exchange ex, HttpServerResponse response, Buffer body) {
    response.end(body);
    long total = System.nanoTime() - ex.startNanos;
    metrics.request(ex.tenantLabel(), ex.routeLabel(), ex.status, total);
    AccessLog.write(ex, total);
  }
}
