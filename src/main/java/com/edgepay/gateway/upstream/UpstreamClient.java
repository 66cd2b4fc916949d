package com.edgepay.gateway.upstream;

import com.edgepay.gateway.config.TlsEngines;

import com.edgepay.gateway.config.UpstreamEndpoint;
import com.edgepay.gateway.config.UpstreamSettings;
import com.edgepay.gateway.upstream.UpstreamFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keep-alive pooled HTTP/1.1 client to Juspay; one per event loop. A call is retried once, inside
 * its deadline, only when no connection could be had, i.e. when provably nothing was sent. Once a
 * request is written it is never repeated: its outcome is Juspay's to tell.
 */
public final class UpstreamClient {
  private final HttpClientAgent client;
  private final UpstreamSettings settings;
  private final Runnable onRetry;

  /**
   * @param onRetry called each time a call is retried after failing to get a connection
   * @param connections counts this client's open connections to Juspay
   */
  public UpstreamClient(Vertx vertx, UpstreamSettings settings, Runnable onRetry, AtomicLong connections) {
    this.settings = settings;
    this.onRetry = onRetry;
    HttpClientOptions options = new HttpClientOptions()
        .setName("juspay")
        .setProtocolVersion(HttpVersion.HTTP_1_1)
        .setKeepAlive(true)
        .setKeepAliveTimeout(settings.keepAliveSeconds())
        .setConnectTimeout(settings.connectTimeoutMs())
        .setTcpNoDelay(true)
        .setDecompressionSupported(false)
        // Certificates are always verified; there is deliberately no switch to turn that off.
        .setTrustAll(false)
        .setVerifyHost(true)
        .setSslEngineOptions(TlsEngines.forUpstream());
    if (settings.caFile() != null) {
      options.setTrustOptions(new PemTrustOptions().addCertPath(settings.caFile().toString()));
    }
    PoolOptions pool = new PoolOptions()
        .setHttp1MaxSize(settings.poolSize())
        .setMaxWaitQueueSize(settings.maxWaitQueue());
    this.client = vertx.httpClientBuilder().with(options).with(pool)
        .withConnectHandler(connection -> {
          connections.incrementAndGet();
          connection.closeHandler(v -> connections.decrementAndGet());
        })
        .build();
  }

  public Future<UpstreamReply> send(UpstreamCall call, InFlight inFlight) {
    return connect(call, inFlight, true).compose(request -> exchange(call, inFlight, request));
  }

  public Future<Void> close() {
    return client.close();
  }

  private Future<HttpClientRequest> connect(UpstreamCall call, InFlight inFlight, boolean mayRetry) {
    long remaining = call.remainingMs();
    if (remaining <= 0 || inFlight.cancelled()) {
      return Future.failedFuture(new UpstreamFailure(Kind.TIMEOUT, false, null));
    }
    UpstreamEndpoint target = call.endpoint();
    RequestOptions options = new RequestOptions()
        .setMethod(call.method())
        .setHost(target.host())
        .setPort(target.port())
        .setSsl(target.ssl())
        .setURI(target.basePath() + call.path())
        .setHeaders(call.headers())
        .setConnectTimeout(Math.min(settings.connectTimeoutMs(), remaining));
    return client.request(options).recover(failure -> {
      if (failure instanceof ConnectionPoolTooBusyException) {
        return Future.failedFuture(new UpstreamFailure(Kind.POOL_EXHAUSTED, false, failure));
      }
      if (mayRetry && !inFlight.cancelled() && call.remainingMs() > 0) {
        onRetry.run();
        return connect(call, inFlight, false);
      }
      Kind kind = inFlight.cancelled() ? Kind.TIMEOUT : Kind.UNREACHABLE;
      return Future.failedFuture(new UpstreamFailure(kind, false, failure));
    });
  }

  private Future<UpstreamReply> exchange(UpstreamCall call, InFlight inFlight, HttpClientRequest request) {
    if (!inFlight.attach(request)) {
      return Future.failedFuture(new UpstreamFailure(Kind.TIMEOUT, false, null));
    }
    Future<HttpClientResponse> response = call.body() == null ? request.send() : request.send(call.body());
    return response
        .compose(this::read)
        .recover(failure -> Future.failedFuture(afterSend(inFlight, failure)));
  }

  private Future<UpstreamReply> read(HttpClientResponse response) {
    return BoundedBody.collect(response, settings.maxResponseBytes()).map(body -> {
      int status = response.statusCode();
      String location = status >= 300 && status < 400 ? response.getHeader(HttpHeaders.LOCATION) : null;
      return new UpstreamReply(status, response.getHeader(HttpHeaders.CONTENT_TYPE), location, body);
    });
  }

  private static UpstreamFailure afterSend(InFlight inFlight, Throwable failure) {
    if (failure instanceof UpstreamFailure known) {
      return known;
    }
    if (inFlight.cancelled()) {
      return new UpstreamFailure(Kind.TIMEOUT, true, failure);
    }
    Kind kind = failure instanceof BoundedBody.TooLarge ? Kind.REPLY_TOO_LARGE : Kind.BROKEN_AFTER_SEND;
    return new UpstreamFailure(kind, true, failure);
  }
}
