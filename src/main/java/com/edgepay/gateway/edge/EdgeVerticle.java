package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.config.ServerSettings;
import com.edgepay.gateway.reconcile.OrderStatusClient;
import com.edgepay.gateway.reconcile.Reconciler;
import java.util.Map;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.StoreHealth;
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
  private static final long SWEEP_MS = 1000;
  private static final long EVICTION_CHECK_SAFE_MS = 30_000;
  private static final long EVICTION_CHECK_UNSAFE_MS = 1_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EdgeVerticle.class);
  private static final int SWEEP_BATCH = 8;
  private final EdgeServices services;
  private final boolean sweepsUnknowns;
  private UpstreamClient upstream;
  private CredentialCache credentials;
  private IdempotencyStore store;
  private Pipeline pipeline;
  private HttpServer server;

  /** @param sweepsUnknowns whether this instance reconciles unknown outcomes in the background (one per replica) */
  public EdgeVerticle(EdgeServices services, boolean sweepsUnknowns) {
    this.services = services;
    this.sweepsUnknowns = sweepsUnknowns;
  }

  @Override
  public Future<?> start() {
    upstream = new UpstreamClient(vertx, services.config().upstream(), services.metrics()::connectRetried,
        services.metrics().upstreamConnections(Thread.currentThread().getName()));
    store = services.money().stores().forEventLoop(vertx);
    // Keeps the store's health current when no request is asking; not on the request path.
    vertx.setPeriodic(HEALTH_PING_MS, t -> store.ping());
    measureLag();
    // The eviction policy is read before the port opens, so no money call meets an unchecked store.
    return store.warmUp().compose(warm -> store.checkEviction().otherwiseEmpty())
        .compose(checked -> CredentialCache.attach(vertx)).compose(cache -> {
      credentials = cache;
      OrderStatusClient orders = new OrderStatusClient(vertx, upstream::send, cache::get, services::upstreamFor);
      Reconciler reconciler = new Reconciler(store, orders, services.money().planner(), services.tenants(),
          services.metrics(), services.deadlines().deadlineMs(ApiRoute.ORDER_STATUS, Map.of(), null));
      if (sweepsUnknowns) {
        sweep(reconciler);
        reportEviction(true);
        nextEvictionCheck();
      }
      pipeline = new Pipeline(vertx, services, cache, upstream, store, reconciler, orders);
      ServerSettings settings = services.config().server();
      return vertx.createHttpServer(PublicServerOptions.from(settings))
          .connectionHandler(connection -> FramingGuard.install(connection, new FramingGuard(
              settings.maxRequestLineBytes(), settings.maxHeaderBytes(), settings.headerTimeoutMs(),
              services.metrics()::framingRefused)))
          .requestHandler(pipeline::handle)
          .invalidRequestHandler(pipeline::invalid)
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
   * Reads Redis's eviction policy now and then: every second until it is known to be safe, every
   * 30 s after. A policy that lets Redis evict records stops money calls and readiness.
   */
  private void nextEvictionCheck() {
    vertx.setTimer(store.health().evictionSafe() ? EVICTION_CHECK_SAFE_MS : EVICTION_CHECK_UNSAFE_MS,
        t -> store.checkEviction().onComplete(changed -> {
          reportEviction(changed.succeeded() && changed.result());
          nextEvictionCheck();
        }));
  }

  private void reportEviction(boolean changed) {
    StoreHealth health = store.health();
    if (!changed || !health.evictionChecked()) {
      return;
    }
    if (health.evictionSafe()) {
      LOG.info("Redis maxmemory_policy is {}: records cannot be evicted", health.evictionPolicy());
    } else {
      LOG.error("Redis maxmemory_policy is {}, not noeviction: Redis may evict idempotency records and let a "
          + "payment through twice. Money calls get 503 and this replica is not ready until it is noeviction.",
          health.evictionPolicy());
    }
  }

  /** Reconciles due unknown outcomes every second; a pass still running skips the next tick. */
  private void sweep(Reconciler reconciler) {
    boolean[] running = {false};
    vertx.setPeriodic(SWEEP_MS, t -> {
      if (!running[0]) {
        running[0] = true;
        reconciler.sweep(SWEEP_BATCH).onComplete(done -> running[0] = false);
      }
    });
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
