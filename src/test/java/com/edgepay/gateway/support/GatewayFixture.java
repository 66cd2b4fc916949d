package com.edgepay.gateway.support;

import com.edgepay.gateway.Gateway;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.config.GatewayConfigParser;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.tenant.KeyDigest;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * A real gateway in the test's Vert.x, with two tenants, their Juspay keys in a temporary
 * secrets directory, and an upstream chosen by the test.
 */
public final class GatewayFixture {
  public static final String ACME_KEY = "gk_acme_primary_0001";
  public static final String ACME_KEY_ROTATED = "gk_acme_rotated_0002";
  public static final String GLOBEX_KEY = "gk_globex_0001";
  public static final String ACME_JUSPAY_KEY = "JP_ACME_SECRET_1";
  public static final String GLOBEX_JUSPAY_KEY = "JP_GLOBEX_SECRET_1";

  public final Gateway gateway;
  public final WebClient client;
  public final Path secretsDir;
  public final PrometheusMeterRegistry registry;
  public final GatewayConfig config;

  private GatewayFixture(Gateway gateway, WebClient client, Path secretsDir, PrometheusMeterRegistry registry,
      GatewayConfig config) {
    this.gateway = gateway;
    this.client = client;
    this.secretsDir = secretsDir;
    this.registry = registry;
    this.config = config;
  }

  public static Future<GatewayFixture> start(Vertx vertx, String upstreamBaseUrl) {
    return start(vertx, upstreamBaseUrl, config -> { }, tenants -> { });
  }

  public static Future<GatewayFixture> start(Vertx vertx, String upstreamBaseUrl, PrometheusMeterRegistry meters) {
    return start(vertx, upstreamBaseUrl, config -> { }, tenants -> { }, meters);
  }

  public static Future<GatewayFixture> start(Vertx vertx, String upstreamBaseUrl, Consumer<JsonObject> tweakConfig,
      Consumer<JsonArray> tweakTenants) {
    return start(vertx, upstreamBaseUrl, tweakConfig, tweakTenants, MetricsSetup.newRegistry());
  }

  public static Future<GatewayFixture> start(Vertx vertx, String upstreamBaseUrl, Consumer<JsonObject> tweakConfig,
      Consumer<JsonArray> tweakTenants, PrometheusMeterRegistry meters) {
    Path secrets = writeSecrets();
    JsonObject json = baseConfig(upstreamBaseUrl, secrets);
    tweakConfig.accept(json);
    GatewayConfig config = GatewayConfigParser.parse("test-gateway.json", json);
    JsonArray tenants = baseTenants();
    tweakTenants.accept(tenants);
    TenantRegistry registry = TenantsParser.parse("test-tenants.json", new JsonObject().put("tenants", tenants));
    WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(config.server().port()).setKeepAlive(true));
    return Gateway.start(vertx, config, registry, meters)
        .map(gateway -> new GatewayFixture(gateway, client, secrets, meters, config));
  }

  public static JsonObject baseConfig(String upstreamBaseUrl, Path secrets) {
    return new JsonObject()
        .put("redis", new JsonObject().put("url", SharedRedis.fresh()))
        .put("idempotency", new JsonObject().put("hmac_key_file", secrets.resolve("idempotency_hmac_key").toString()))
        .put("server", new JsonObject().put("host", "127.0.0.1").put("port", Ports.free()).put("admin_port", Ports.free())
            .put("event_loops", 1).put("drain_seconds", 2))
        .put("upstream", new JsonObject().put("base_url", upstreamBaseUrl).put("connect_timeout_ms", 500))
        .put("secrets", new JsonObject().put("dir", secrets.toString()).put("poll_ms", 200));
  }

  public static JsonArray baseTenants() {
    return new JsonArray()
        .add(new JsonObject().put("id", "acme").put("merchant_id", "acme_shop")
            .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(ACME_KEY)).add(KeyDigest.hexOf(ACME_KEY_ROTATED))))
        .add(new JsonObject().put("id", "globex").put("merchant_id", "globex_store")
            .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(GLOBEX_KEY))));
  }

  public static Path writeSecrets() {
    try {
      Path dir = Files.createTempDirectory("gw-secrets");
      writeKey(dir, "acme", ACME_JUSPAY_KEY + "\n");
      writeKey(dir, "globex", GLOBEX_JUSPAY_KEY);
      Files.writeString(dir.resolve("idempotency_hmac_key"), "test-fingerprint-secret-0123456789abcdef");
      Files.writeString(dir.resolve(SealingKeys.FILE_NAME), SealingKeys.generate("test"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void writeKey(Path dir, String tenant, String content) throws IOException {
    Files.createDirectories(dir.resolve(tenant));
    Files.writeString(dir.resolve(tenant).resolve("juspay_api_key"), content, StandardCharsets.UTF_8);
  }

  /** Juspay's convention, and what the gateway must send upstream. */
  public static String basic(String key) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(StandardCharsets.UTF_8));
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path, String gatewayKey) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (gatewayKey != null) {
      request.putHeader("Authorization", basic(gatewayKey));
    }
    return request;
  }

  public HttpRequest<Buffer> post(String path, String gatewayKey) {
    return request(HttpMethod.POST, path, gatewayKey);
  }

  public int adminPort() {
    return config.server().adminPort();
  }
}
