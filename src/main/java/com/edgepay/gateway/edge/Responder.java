package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.upstream.JuspayHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes the one answer a request gets. Only whitelisted headers go back: Juspay's content type
 * and redirect location, the gateway's own, and what filters put in {@link Exchange#replyHeaders};
 * nothing hop-by-hop from Juspay reaches the client.
 */
final class Responder {
  static final String REPLAYED = "Idempotent-Replayed";
  private static final String JSON = "application/json";

  private Responder() {
  }

  static void write(HttpServerResponse response, Exchange ex, Outcome outcome) {
    response.setStatusCode(outcome.status());
    response.putHeader(JuspayHeaders.REQUEST_ID, ex.requestId);
    response.headers().addAll(ex.replyHeaders);
    Buffer body;
    if (outcome instanceof Outcome.Relay relay) {
      juspayHeaders(response, relay.reply().contentType(), relay.reply().location());
      body = relay.reply().body();
    } else if (outcome instanceof Outcome.Replay replay) {
      response.putHeader(REPLAYED, "true");
      juspayHeaders(response, replay.reply().contentType(), replay.reply().location());
      body = replay.reply().body();
    } else {
      GatewayError error = ((Outcome.Refusal) outcome).error();
      response.putHeader(HttpHeaders.CONTENT_TYPE, JSON);
      if (error.retryAfterSeconds() > 0) {
        response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(error.retryAfterSeconds()));
      }
      body = ErrorBody.render(error, ex.requestId);
    }
    response.end(body);
  }

  private static void juspayHeaders(HttpServerResponse response, String contentType, String location) {
    if (contentType != null) {
      response.putHeader(HttpHeaders.CONTENT_TYPE, contentType);
    }
    if (location != null) {
      response.putHeader(HttpHeaders.LOCATION, location);
    }
  }
}
