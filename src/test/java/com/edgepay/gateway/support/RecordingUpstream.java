package com.edgepay.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * An in-test Juspay: records every request it receives (headers, body) and answers through a
 * replaceable behaviour, 200 with a small JSON body by default.
 */
public final class RecordingUpstream {
  /** One request as the upstream saw it. */
  public record Seen(String method, String uri, MultiMap headers, String body) {
  }

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<HttpServerRequest> resets = new CopyOnWriteArrayList<>();
  private volatile BiConsumer<HttpServerRequest, Buffer> behaviour = RecordingUpstream::okJson;
  private HttpServer server;
  private String scheme = "http://127.0.0.1:";

  public static Future<RecordingUpstream> start(Vertx vertx) {
    return start(vertx, new io.vertx.core.http.HttpServerOptions());
  }

  /** An HTTPS upstream presenting {@code certificate}, on "localhost". */
  public static Future<RecordingUpstream> startTls(Vertx vertx, io.vertx.core.net.SelfSignedCertificate certificate) {
    RecordingUpstream upstream = new RecordingUpstream();
    upstream.scheme = "https://localhost:";
    return vertx.createHttpServer(new io.vertx.core.http.HttpServerOptions().setSsl(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(upstream::handle)
        .listen(0, "127.0.0.1")
        .map(server -> {
          upstream.server = server;
          return upstream;
        });
  }

  private static Future<RecordingUpstream> start(Vertx vertx, io.vertx.core.http.HttpServerOptions options) {
    RecordingUpstream upstream = new RecordingUpstream();
    return vertx.createHttpServer(options)
        .requestHandler(upstream::handle)
        .listen(0, "127.0.0.1")
        .map(server -> {
          upstream.server = server;
          return upstream;
        });
  }

  private void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    // The gateway cancelling a call shows here as the connection closing under an unsent answer.
    response.closeHandler(v -> {
      if (!response.ended()) {
        resets.add(request);
      }
    });
    request.body().onSuccess(body -> {
      seen.add(new Seen(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap()
          .addAll(request.headers()), body.toString()));
      behaviour.accept(request, body);
    });
  }

  /** A new order: for an order-status read, the order asked about (Juspay names the order it reports on). */
  public static void okJson(HttpServerRequest request, Buffer body) {
    String path = request.path();
    String orderId = request.method().name().equals("GET") && path.startsWith("/orders/")
        ? path.substring("/orders/".length()) : "o1";
    request.response().putHeader("content-type", "application/json")
        .end(new io.vertx.core.json.JsonObject().put("status", "NEW").put("order_id", orderId).encode());
  }

  /** Answers with the given status, content type and body. */
  public RecordingUpstream answer(int status, String contentType, String body) {
    return behave((request, b) -> request.response().setStatusCode(status)
        .putHeader("content-type", contentType).end(body));
  }

  /** Never answers: for deadline tests. */
  public RecordingUpstream hang() {
    return behave((request, body) -> { });
  }

  public RecordingUpstream behave(BiConsumer<HttpServerRequest, Buffer> behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  public List<Seen> seen() {
    return seen;
  }

  /** The calls that could move money: everything but reads (the gateway's own order-status checks). */
  public List<Seen> moneyCalls() {
    return seen.stream().filter(s -> !s.method().equals("GET")).toList();
  }

  public Seen last() {
    return seen.get(seen.size() - 1);
  }

  /** Requests whose stream or connection the gateway broke off before they were answered. */
  public List<HttpServerRequest> resets() {
    return resets;
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return scheme + port();
  }

  public Future<Void> close() {
    return server.close();
  }

  public static void respond(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader("content-type", "application/json").end(body);
  }
}
