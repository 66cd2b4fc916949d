package com.edgepay.gateway.edge;

import com.edgepay.gateway.secrets.CredentialCache;
import com.edgepay.gateway.upstream.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * Serves the public port. Deployed once per event loop; every instance has its own upstream pool
 * and credential cache, so the hot path never crosses threads.
 */
public final class EdgeVerticle extends VerticleBase {
  private final EdgeServices services;
  private UpstreamClient upstream;
  private CredentialCache credentials;
  private HttpServer server;

  public EdgeVerticle(EdgeServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    upstream = new UpstreamClient(vertx, services.config().upstream(), services.metrics()::connectRetried);
    return CredentialCache.attach(vertx).compose(cache -> {
      credentials = cache;
      Pipeline pipeline = new Pipeline(vertx, services, cache, upstream);
      return vertx.createHttpServer(PublicServerOptions.from(services.config().server()))
          .requestHandler(pipeline::handle)
          .listen();
    }).onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
        .eventually(() -> credentials == null ? Future.succeededFuture() : credentials.detach())
        .eventually(upstream::close);
  }

  public int actualPort() {
    return server.actualPort();
  }
}
