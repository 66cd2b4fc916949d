package com.edgepay.gateway;

import com.edgepay.gateway.admin.AdminVerticle;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.admin.Readiness;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.edge.EdgeServices;
import com.edgepay.gateway.edge.EdgeVerticle;
import com.edgepay.gateway.edge.InFlightRequests;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.overload.RateLimit;
import com.edgepay.gateway.overload.TenantRateLimits;
import com.edgepay.gateway.upstream.CircuitStates;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.secrets.SecretsVerticle;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway inside a Vert.x instance: the secrets verticle, the admin listener and one
 * edge verticle per event loop. The secrets verticle starts first, so a missing key file stops
 * start-up before any port opens.
 */
public final class Gateway {
  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  /** After the drain, how long the aborted requests get to write their outcome to the store. */
  private static final long SETTLE_AFTER_ABORT_MS = 2_000;
  /** Time for undeploying after the drain; k8s/base/deployment.yaml's grace period counts on it. */
  private static final long UNDEPLOY_MS = 2_000;

  private final Vertx vertx;
  private final GatewayConfig config;
  private final Readiness readiness = new Readiness();
  private final InFlightRequests inFlight = new InFlightRequests(readiness);
  private final List<String> deployments = new ArrayList<>();
  private final List<EdgeVerticle> edges = new CopyOnWriteArrayList<>();
  private AdminVerticle admin;

  private Gateway(Vertx vertx, GatewayConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  /** Where idempotency records and routing bindings live. */
  public enum Store {
    /** Production: Redis, shared by every replica. */
    REDIS,
    /** The demo without Redis only: this JVM's memory. */
    MEMORY
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, TenantRegistry tenants,
      PrometheusMeterRegistry registry) {
    return start(vertx, config, tenants, registry, Store.REDIS);
  }

  public static Future<Gateway> start(Vertx vertx, GatewayConfig config, TenantRegistry tenants,
      PrometheusMeterRegistry registry, Store store) {
    Gateway gateway = new Gateway(vertx, config);
    GatewayMetrics metrics = new GatewayMetrics(registry);
    Future<MoneySafety> money = store == Store.REDIS ? MoneySafety.onRedis(vertx, config, metrics)
        : MoneySafety.inMemory(vertx, config);
    return money.compose(m -> gateway.deploy(tenants, registry, metrics, m)).map(gateway);
  }

  private Future<Void> deploy(TenantRegistry tenants, PrometheusMeterRegistry registry, GatewayMetrics metrics,
      MoneySafety money) {
    List<String> tenantIds = tenants.all().stream().map(Tenant::id).toList();
    EdgeServices services = new EdgeServices(config, tenants, new DeadlinePolicy(config.deadlineOverridesMs()),
        metrics, money, inFlight, new TenantRateLimits(rateLimits(tenants)), new CircuitStates(registry));
    metrics.gauges(inFlight::count, readiness::ready, () -> money.health().up());
    metrics.evictionSafe(() -> money.health().evictionSafe());
    tenants.all().forEach(t -> metrics.unknownsOpen(t.id(), 0, 0));
    metrics.preRegister(Arrays.stream(ApiRoute.values()).map(ApiRoute::template).toList(),
        tenants.all().stream().filter(t -> t.rateLimit() != null).map(Tenant::id).toList());
    // Reported, not gating: Redis is shared, so failing readiness on it would pull every replica
    // at once, and reads are still served while it is down.
    readiness.report("redis", () -> money.health().up());
    // Gating: a Redis that may evict records cannot keep the money promise; no replica should serve.
    readiness.require("redis_eviction_policy", () -> money.health().evictionSafe());
    if (!money.inMemory()) {
      LOG.info("idempotency store: Redis {}", config.redis().describe());
    }
    admin = new AdminVerticle(config.server().host(), config.server().adminPort(), registry, readiness);
    return vertx.deployVerticle(new SecretsVerticle(config.secrets(), tenantIds),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER))
        .compose(id -> track(id, vertx.deployVerticle(admin)))
        .compose(id -> track(id, vertx.deployVerticle(() -> {
          EdgeVerticle edge = new EdgeVerticle(services, edges.isEmpty());
          edges.add(edge);
          return edge;
        }, new DeploymentOptions().setInstances(config.server().eventLoops()))))
        .map(id -> {
          deployments.add(id);
          readiness.markStarted();
          LOG.info("gateway listening on port {} (admin {}), {} tenants, {} event loops", port(), adminPort(),
              tenantIds.size(), config.server().eventLoops());
          return null;
        });
  }

  private static Map<String, RateLimit> rateLimits(TenantRegistry tenants) {
    Map<String, RateLimit> limits = new HashMap<>();
    tenants.all().stream().filter(t -> t.rateLimit() != null).forEach(t -> limits.put(t.id(), t.rateLimit()));
    return limits;
  }

  private Future<String> track(String previous, Future<String> next) {
    deployments.add(previous);
    return next;
  }

  public int port() {
    return edges.get(0).actualPort();
  }

  public int adminPort() {
    return admin.actualPort();
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * Readiness turns 503 at once; new requests are refused with DRAINING; requests in flight get
   * up to the drain period to finish; then everything is undeployed.
   */
  public Future<Void> drainAndStop() {
    readiness.markDraining();
    long drainMs = config.server().drainSeconds() * 1000L;
    LOG.info("draining: {} requests in flight, waiting up to {} ms", inFlight.count(), drainMs);
    return inFlight.awaitIdle(vertx, drainMs).compose(left -> {
      if (left <= 0) {
        return stop();
      }
      LOG.warn("drain period over with {} requests still in flight; ending them and recording their outcomes", left);
      return Future.all(edges.stream().map(EdgeVerticle::abortInFlight).toList())
          .compose(aborted -> inFlight.awaitIdle(vertx, SETTLE_AFTER_ABORT_MS))
          .compose(stillOpen -> stop());
    });
  }

  /** After this long, SIGTERM exits whether or not the drain finished (see DrainWatchdog). */
  public long drainDeadlineMs() {
    return config.server().drainSeconds() * 1000L + SETTLE_AFTER_ABORT_MS + UNDEPLOY_MS;
  }

  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain;
  }
}
