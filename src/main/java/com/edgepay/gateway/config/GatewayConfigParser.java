package com.edgepay.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;

/** Turns the merged gateway.json + environment into a validated {@link GatewayConfig}. */
public final class GatewayConfigParser {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GatewayConfigParser.class);
  private static final String ENV = "environment";

  private GatewayConfigParser() {
  }

  public static GatewayConfig parse(String file, JsonObject merged) {
    SettingsReader root = new SettingsReader(file, merged);
    return new GatewayConfig(
        server(root),
        upstream(root),
        RouteDeadlines.parse(root.object("deadlines_ms")),
        redis(root),
        idempotency(root),
        secrets(root),
        Path.of(env(root, EnvVars.GATEWAY_TENANTS_FILE, root.string("tenants_file", "conf/tenants.json"))),
        allowDevKey(root));
  }

  private static boolean allowDevKey(SettingsReader root) {
    String v = env(root, EnvVars.GATEWAY_ALLOW_DEV_KEY, null);
    return v != null && new SettingsReader(ENV, root.raw()).parseBool(EnvVars.GATEWAY_ALLOW_DEV_KEY, v);
  }

  private static ServerSettings server(SettingsReader root) {
    SettingsReader s = root.object("server");
    int cores = Runtime.getRuntime().availableProcessors();
    int port = envPort(root, EnvVars.GATEWAY_PORT, s.number("port", 8080, 0, 65535));
    int adminPort = envPort(root, EnvVars.GATEWAY_ADMIN_PORT, s.number("admin_port", 9090, 0, 65535));
    if (port != 0 && port == adminPort) {
      throw s.fail("admin_port", "must differ from the public port");
    }
    return new ServerSettings(
        s.string("host", "0.0.0.0"),
        port,
        adminPort,
        (int) s.number("event_loops", cores, 1, 256),
        (int) s.number("body_limit_bytes", 32 * 1024, 1024, 1024 * 1024),
        (int) s.number("max_header_bytes", 8 * 1024, 1024, 64 * 1024),
        (int) s.number("max_request_line_bytes", 4 * 1024, 256, 16 * 1024),
        (int) s.number("idle_timeout_seconds", 60, 1, 3600),
        (int) s.number("header_timeout_ms", 10_000, 100, 120_000),
        (int) s.number("drain_seconds", 20, 0, 600),
        (int) s.number("max_in_flight", 4096, 1, 1_000_000),
        tls(root, s.object("tls")));
  }

  private static TlsSettings tls(SettingsReader root, SettingsReader tls) {
    String cert = env(root, EnvVars.GATEWAY_TLS_CERT, tls.string("cert", null));
    String key = env(root, EnvVars.GATEWAY_TLS_KEY, tls.string("key", null));
    if (cert == null && key == null) {
      return null;
    }
    if (cert == null || key == null) {
      throw new ConfigException(ENV, "GATEWAY_TLS_CERT and GATEWAY_TLS_KEY must be set together");
    }
    String clientCa = tls.string("client_ca", null);
    return new TlsSettings(Path.of(cert), Path.of(key), clientCa == null ? null : Path.of(clientCa));
  }

  private static UpstreamSettings upstream(SettingsReader root) {
    SettingsReader u = root.object("upstream");
    String fromEnv = env(root, EnvVars.JUSPAY_BASE_URL, null);
    String url = fromEnv != null ? fromEnv : u.string("base_url", "https://sandbox.juspay.in");
    boolean allowPlainHttp = u.bool("allow_plain_http", false);
    UpstreamEndpoint baseUrl;
    try {
      baseUrl = UpstreamEndpoint.parse(url).requireTls(allowPlainHttp);
    } catch (IllegalArgumentException e) {
      throw fromEnv != null ? new ConfigException(ENV, EnvVars.JUSPAY_BASE_URL + " " + e.getMessage())
          : u.fail("base_url", e.getMessage());
    }
    if (!baseUrl.ssl() && !baseUrl.loopback()) {
      LOG.warn("upstream {} is plain http:// (upstream.allow_plain_http is true): Juspay keys cross the network "
          + "in clear; a development cluster only", baseUrl);
    }
    return new UpstreamSettings(
        baseUrl,
        (int) u.number("pool_size", 64, 1, 4096),
        (int) u.number("max_wait_queue", 256, 0, 65536),
        (int) u.number("connect_timeout_ms", 1000, 10, 30_000),
        (int) u.number("keep_alive_seconds", 30, 1, 3600),
        (int) u.number("max_response_bytes", 1024 * 1024, 1024, 16 * 1024 * 1024),
        optionalPath(u.string("ca_file", null)),
        (int) u.object("circuit").number("max_failures", 20, 1, 100_000),
        u.object("circuit").number("window_ms", 10_000, 100, 600_000),
        u.object("circuit").number("reset_ms", 5_000, 100, 600_000),
        (int) u.object("circuit").number("min_tenants", 3, 1, 10_000),
        (int) u.number("tenant_share_percent", 50, 1, 100),
        allowPlainHttp);
  }

  /** REDIS_URL, when set, wins over the file and means a standalone Redis at that URL. */
  private static RedisSettings redis(SettingsReader root) {
    SettingsReader r = root.object("redis");
    String fromEnv = env(root, EnvVars.REDIS_URL, null);
    RedisSettings.Topology topology = RedisSettings.Topology.STANDALONE;
    List<String> endpoints;
    if (fromEnv != null) {
      endpoints = List.of(redisUrl(fromEnv, () -> new ConfigException(ENV, EnvVars.REDIS_URL
          + " must look like redis://host:port[/db]")));
    } else {
      String type = r.string("type", "standalone");
      try {
        topology = RedisSettings.Topology.valueOf(type.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw r.fail("type", "'" + type + "' is not one of standalone, sentinel, cluster");
      }
      endpoints = new ArrayList<>();
      if (r.has("endpoints")) {
        JsonArray list = r.array("endpoints");
        for (int i = 0; i < list.size(); i++) {
          int index = i;
          endpoints.add(redisUrl(String.valueOf(list.getValue(i)),
              () -> r.fail("endpoints[" + index + "]", "must look like redis://host:port[/db]")));
        }
      } else {
        endpoints.add(redisUrl(r.string("url", "redis://127.0.0.1:6379"),
            () -> r.fail("url", "must look like redis://host:port[/db]")));
      }
    }
    String master = r.string("master_name", null);
    if (topology == RedisSettings.Topology.SENTINEL && master == null) {
      throw r.fail("master_name", "is required for a sentinel topology");
    }
    return new RedisSettings(topology, endpoints, master,
        (int) r.number("pool_size", 8, 1, 512),
        (int) r.number("max_waiting", 128, 1, 65_536),
        r.number("command_timeout_ms", RedisSettings.DEFAULT_COMMAND_TIMEOUT_MS, 5, 10_000),
        (int) r.number("min_replica_acks", 0, 0, 16),
        r.number("replica_ack_timeout_ms", RedisSettings.DEFAULT_REPLICA_ACK_TIMEOUT_MS, 1, 10_000),
        optionalPath(r.string("ca_file", null)));
  }

  /** redis:// or rediss://host:port[/db], with no user or password: those live in the secrets directory. */
  private static String redisUrl(String url, java.util.function.Supplier<ConfigException> bad) {
    if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      throw bad.get();
    }
    int authority = url.indexOf("//") + 2;
    int end = url.indexOf('/', authority);
    if (url.substring(authority, end < 0 ? url.length() : end).contains("@")) {
      throw new ConfigException(ENV, "a Redis URL must not hold credentials; put them in the secrets directory's "
          + "redis.username and redis.password files");
    }
    return url;
  }

  private static IdempotencySettings idempotency(SettingsReader root) {
    SettingsReader i = root.object("idempotency");
    return new IdempotencySettings(
        Path.of(i.string("hmac_key_file", "conf/idempotency_hmac_key")),
        i.number("completed_ttl_seconds", IdempotencySettings.DEFAULT_COMPLETED_TTL_SECONDS, 60, 30L * 86_400) * 1000,
        i.number("claim_margin_ms", IdempotencySettings.DEFAULT_CLAIM_MARGIN_MS, 50, 60_000),
        i.number("routing_ttl_days", IdempotencySettings.DEFAULT_ROUTING_TTL_DAYS, 1, 365) * 86_400_000L,
        i.number("reconcile_grace_ms", IdempotencySettings.DEFAULT_RECONCILE_GRACE_MS, 100, 600_000),
        i.number("settle_wait_ms", IdempotencySettings.DEFAULT_SETTLE_WAIT_MS, 10, 10_000));
  }

  private static Path optionalPath(String path) {
    return path == null ? null : Path.of(path);
  }

  private static SecretsSettings secrets(SettingsReader root) {
    SettingsReader s = root.object("secrets");
    return new SecretsSettings(
        Path.of(env(root, EnvVars.GATEWAY_SECRETS_DIR, s.string("dir", "conf/secrets"))),
        (int) s.number("poll_ms", 1000, 100, 60_000));
  }

  /** Environment values sit at the top of the merged JSON under their own names, as text. */
  private static String env(SettingsReader root, String name, String fallback) {
    String v = new SettingsReader(ENV, root.raw()).string(name, null);
    return v != null && !v.isBlank() ? v.trim() : fallback;
  }

  private static int envPort(SettingsReader root, String name, long fromFile) {
    String v = env(root, name, null);
    return v == null ? (int) fromFile : (int) new SettingsReader(ENV, root.raw()).parseNumber(name, v, 0, 65535);
  }
}
