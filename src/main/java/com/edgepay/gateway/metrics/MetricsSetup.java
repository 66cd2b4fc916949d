package com.edgepay.gateway.metrics;

import com.edgepay.gateway.config.Transports;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.MetricsDomain;

/**
 * One Prometheus registry per gateway, shared by Vert.x's own meters (event loops, HTTP client
 * pool, Redis pool, JVM) and the gateway's. Passed explicitly, never global, so two gateways in
 * one JVM (as in tests) keep separate books.
 */
public final class MetricsSetup {
  private MetricsSetup() {
  }

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  public static Vertx vertx(VertxOptions options, PrometheusMeterRegistry registry) {
    // Event-bus meters are off: without an address label (unbounded: reply addresses are random)
    // vertx-micrometer registers one clashing gauge per handler, and the bus is not on the hot path.
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setEnabled(true)
        // vertx-micrometer keeps backends in a JVM-wide table by this name; one name per registry keeps
        // two gateways in one JVM (tests, the demo's probes) from sharing or double-binding meters.
        .setRegistryName("gateway-" + Integer.toHexString(System.identityHashCode(registry)))
        .setJvmMetricsEnabled(true)
        .setNettyMetricsEnabled(true)
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        // The gateway's own request histogram covers the server side; Vert.x's would look up meters per request.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
        // gateway_redis_duration_seconds{op} covers the store. Vert.x's per-command Redis meters and the
        // Redis clients' socket meters carry no client label, so every event loop's client registered the
        // same gauges (a WARN at each start). The HTTP client to Juspay makes no net.client meters.
        .addDisabledMetricsCategory("redis")
        .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
        // gateway_upstream_duration_seconds{route,outcome} covers the calls to Juspay; Vert.x's client
        // meters were looked up per request. The client's pool gauges (vertx_pool_*) stay.
        .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT);
    return Vertx.builder()
        .with(options.setMetricsOptions(metrics))
        .withMetrics(new VertxMeters(registry))
        .withTransport(Transports.choose())
        .build();
  }
}
