package com.edgepay.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * Vert.x's own meters (vertx-micrometer-metrics), with two corrections. Every event loop has its own
 * HTTP client to Juspay, and vertx-micrometer names a client's meters without saying which client:
 * the second loop's gauges clashed with the first's (Micrometer kept one, with a WARN, and the other
 * loops went unseen). So an HTTP pool's name also says which event loop it belongs to (bounded by
 * the loop count), and the HTTP client's own per-request meters are off: the gateway's
 * {@code gateway_upstream_duration_seconds} and {@code gateway_upstream_connections} cover them,
 * without a meter lookup per request.
 */
final class VertxMeters implements VertxMetricsFactory {
  private final MicrometerMetricsFactory micrometer;
  private final MeterRegistry registry;

  VertxMeters(MeterRegistry registry) {
    this.micrometer = new MicrometerMetricsFactory(registry);
    this.registry = registry;
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new PerLoopPools(micrometer.metrics(options), registry);
  }

  @Override
  public MetricsOptions newOptions() {
    return micrometer.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return micrometer.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return micrometer.newOptions(json);
  }

  /** "127.0.0.1:443" made on vert.x-eventloop-thread-3 becomes "127.0.0.1:443 loop-3". */
  static String poolName(String type, String name, String thread) {
    String prefix = "vert.x-eventloop-thread-";
    return type.equals("http") && thread.startsWith(prefix) ? name + " loop-" + thread.substring(prefix.length()) : name;
  }

  /** Pool names in use; a second live pool of one name (two clients on one loop) gets "#2", and so on. */
  private static final java.util.Set<String> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static String unique(String name) {
    String candidate = name;
    for (int n = 2; !LIVE.add(candidate); n++) {
      candidate = name + " #" + n;
    }
    return candidate;
  }

  /**
   * Frees its name, and its meters, when the pool closes: a pool made again (an endpoint whose idle
   * connections all closed) reuses the name with fresh gauges instead of clashing with dead ones.
   */
  private record Named<Q, T>(PoolMetrics<Q, T> delegate, String key, String type, String name, MeterRegistry registry)
      implements PoolMetrics<Q, T> {
    @Override
    public Q enqueue() {
      return delegate.enqueue();
    }

    @Override
    public void dequeue(Q queued) {
      delegate.dequeue(queued);
    }

    @Override
    public T begin() {
      return delegate.begin();
    }

    @Override
    public void end(T lease) {
      delegate.end(lease);
    }

    @Override
    public void close() {
      delegate.close();
      registry.getMeters().stream()
          .filter(m -> m.getId().getName().startsWith("vertx.pool.") && type.equals(m.getId().getTag("pool_type"))
              && name.equals(m.getId().getTag("pool_name")))
          .forEach(registry::remove);
      LIVE.remove(key);
    }
  }

  private static final HttpClientMetrics<Object, Object, Object> NO_PER_REQUEST_METERS = new HttpClientMetrics<>() {
  };

  private record PerLoopPools(VertxMetrics delegate, MeterRegistry registry) implements VertxMetrics {
    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      String key = unique(registry.hashCode() + "\0" + type + "\0" + poolName(type, name, Thread.currentThread().getName()));
      String unique = key.substring(key.indexOf('\0', key.indexOf('\0') + 1) + 1);
      PoolMetrics<?, ?> pool = delegate.createPoolMetrics(type, unique, maxSize);
      return pool == null ? null : new Named<>(pool, key, type, unique, registry);
    }

    @Override
    public EventBusMetrics createEventBusMetrics() {
      return delegate.createEventBusMetrics();
    }

    @Override
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
      return delegate.createHttpServerMetrics(options, local);
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
      return delegate.createClientMetrics(remote, type, namespace);
    }

    /** Not null: a client without metrics would not report its pools either. */
    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return NO_PER_REQUEST_METERS;
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress local) {
      return delegate.createNetServerMetrics(options, local);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return delegate.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return delegate.createDatagramSocketMetrics(options);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      delegate.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return delegate.isMetricsEnabled();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
