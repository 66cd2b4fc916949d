package com.edgepay.gateway.edge;

import com.edgepay.gateway.config.ServerSettings;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.secrets.CredentialCache;
import com.edgepay.gateway.upstream.UpstreamClient;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicLong;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * Serves the public port. Deployed once per event loop; every instance has its own upstream pool
 * and credential cache, so the hot path never crosses threads.
 */
public final class EdgeVerticle extends VerticleBase {
  private static final long HEALTH_PING_MS = 1000;
  private static final long LAG_PERIOD_MS = 200;
  private final EdgeServices services;
  private UpstreamClient upstream;
  private CredentialCache credentials;
  private IdempotencyStore store;
  private Pipeline pipeline;
  private HttpServer server;

  public EdgeVerticle(EdgeServices services) {
    this.services = services;
  }

  @Override
  public Future<?> start() {
    upstream = new UpstreamClient(vertx, services.config().upstream(), services.metrics()::connectRetried);
    store = services.money().stores().forEventLoop(vertx);
    // Keeps the store's health current when no request is asking; not on the request path.
    vertx.setPeriodic(HEALTH_PING_MS, t -> store.ping());
    measureLag();
    return store.warmUp().compose(warm -> CredentialCache.attach(vertx)).compose(cache -> {
      credentials = cache;
      pipeline = new Pipeline(vertx, services, cache, upstream, store);
      ServerSettings settings = services.config().server();
      return vertx.createHttpServer(PublicServerOptions.from(settings))
          .connectionHandler(connection -> RawRequestGuard.install(connection, settings))
          .requestHandler(pipeline::handle)
          .listen();
    }).onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed
        .eventually(() -> credentials == null ? Future.succeededFuture() : credentials.detach())
        .eventually(upstream::close)
        .eventually(store::close);
  }

  public int actualPort() {
    return server.actualPort();
  }

  /** Ends every request still waiting on this event loop (the drain period is over). */
  public Future<Void> abortInFlight() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      pipeline.abortAll();
      done.complete();
    });
    return done.future();
  }

  /**
   * A timer that should fire every LAG_PERIOD_MS; how late it fires is how long something held
   * this event loop. Exposed as gateway_event_loop_lag_seconds{loop}.
   */
  private void measureLag() {
    AtomicLong lag = services.metrics().eventLoopLag(Thread.currentThread().getName());
    long[] expected = {System.nanoTime() + LAG_PERIOD_MS * 1_000_000};
    vertx.setPeriodic(LAG_PERIOD_MS, t -> {
      long now = System.nanoTime();
      lag.set(Math.max(0, now - expected[0]));
      expected[0] = now + LAG_PERIOD_MS * 1_000_000;
    });
  }
}
