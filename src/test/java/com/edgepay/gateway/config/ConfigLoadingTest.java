package com.edgepay.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.Gateway;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.tenant.TenantsParser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Configuration goes through vertx-config, the environment wins, and every fault names its file. */
@ExtendWith(VertxExtension.class)
class ConfigLoadingTest {
  @TempDir
  Path dir;

  @Test
  void environmentBeatsTheFile(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, new JsonObject()
        .put("server", new JsonObject().put("port", 8181).put("admin_port", 9191))
        .put("upstream", new JsonObject().put("base_url", "https://api.juspay.in"))
        .put("deadlines_ms", new JsonObject().put("POST /txns", 800)).encode());
    JsonObject env = new JsonObject().put(EnvVars.GATEWAY_CONFIG_FILE, file.toString())
        .put(EnvVars.GATEWAY_PORT, "7070").put(EnvVars.JUSPAY_BASE_URL, "http://127.0.0.1:8089")
        .put(EnvVars.REDIS_URL, "redis://10.0.0.5:6380/2").put(EnvVars.GATEWAY_TENANTS_FILE, "/etc/t.json")
        .put(EnvVars.GATEWAY_SECRETS_DIR, "/var/run/secrets/juspay");
    ConfigLoader.loadGatewayConfig(vertx, ConfigLoader.fixedEnvironment(env))
        .onComplete(ctx.succeeding(config -> ctx.verify(() -> {
          assertEquals(7070, config.server().port());
          assertEquals(9191, config.server().adminPort());
          assertEquals(new UpstreamEndpoint("127.0.0.1", 8089, false, ""), config.upstream().baseUrl());
          assertEquals(java.util.List.of("redis://10.0.0.5:6380/2"), config.redis().endpoints());
          assertEquals(Path.of("/etc/t.json"), config.tenantsFile());
          assertEquals(Path.of("/var/run/secrets/juspay"), config.secrets().dir());
          assertEquals(800L, config.deadlineOverridesMs().get(ApiRoute.TXNS));
          assertNull(config.server().tls());
          ctx.completeNow();
        })));
  }

  @Test
  void missingFileIsNamed(Vertx vertx, VertxTestContext ctx) {
    String missing = dir.resolve("nope.json").toString();
    ConfigLoader.loadGatewayConfig(vertx, env(EnvVars.GATEWAY_CONFIG_FILE, missing))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertInstanceOf(ConfigException.class, e);
          assertEquals(missing + ": cannot be read: no such file", e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void badJsonIsNamed(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("tenants.json");
    Files.writeString(file, "{\"tenants\": [ {\"id\": \"acme\",, } ]}");
    ConfigLoader.readJsonFile(vertx, file).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertTrue(e.getMessage().startsWith(file + ": is not valid JSON ("), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"));
      ctx.completeNow();
    })));
  }

  @Test
  void badEnvironmentValuesAreNamed(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.loadGatewayConfig(vertx, ConfigLoader.fixedEnvironment(new JsonObject()
            .put(EnvVars.GATEWAY_CONFIG_FILE, writeEmptyConfig()).put(EnvVars.GATEWAY_PORT, "eighty")))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertEquals("environment: GATEWAY_PORT must be an integer", e.getMessage());
          ctx.completeNow();
        })));
  }

  @Test
  void tenantFaultsNameTheFileAndTheEntry() {
    String hash = "a".repeat(64);
    assertEquals("t.json: tenants[1].id 'Acme!' must match [a-z0-9_-]{1,32}", tenantError(new JsonArray()
        .add(tenant("ok", hash)).add(tenant("Acme!", "b".repeat(64)))));
    assertEquals("t.json: tenants[0].api_key_sha256 must be a JSON array",
        tenantError(new JsonArray().add(tenant("acme", hash).put("api_key_sha256", hash))));
    assertEquals("t.json: tenants[0].api_key_sha256[0] must be 64 lowercase hex digits (a SHA-256)",
        tenantError(new JsonArray().add(tenant("acme", "ABC"))));
    assertEquals("t.json: tenants[0].merchant_id must be a string",
        tenantError(new JsonArray().add(tenant("acme", hash).put("merchant_id", 42))));
    assertEquals("t.json: tenants[1].api_key_sha256 repeats a key of tenant 'a'",
        tenantError(new JsonArray().add(tenant("a", hash)).add(tenant("b", hash))));
    assertEquals("t.json: tenants[0].deadlines_ms.POST /refund is not a route; use one of the contract's, like \"POST /txns\"",
        tenantError(new JsonArray().add(tenant("a", hash).put("deadlines_ms", new JsonObject().put("POST /refund", 5)))));
    assertEquals("t.json: tenants[0].routing_id_policy 'ignore' is not one of [reject, rewrite, require]",
        tenantError(new JsonArray().add(tenant("a", hash).put("routing_id_policy", "ignore"))));
  }

  @Test
  void missingKeyFileStopsStartUpAndNamesTheFile(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path secrets = GatewayFixture.writeSecrets();
    Files.delete(secrets.resolve("globex").resolve("juspay_api_key"));
    JsonObject json = GatewayFixture.baseConfig("http://127.0.0.1:1", secrets);
    GatewayConfig config = GatewayConfigParser.parse("g.json", json);
    var tenants = TenantsParser.parse("t.json", new JsonObject().put("tenants", GatewayFixture.baseTenants()));
    Gateway.start(vertx, config, tenants, MetricsSetup.newRegistry()).onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertInstanceOf(ConfigException.class, e);
      assertEquals(secrets.resolve("globex").resolve("juspay_api_key")
          + ": is missing (no Juspay key file for tenant 'globex')", e.getMessage());
      ctx.completeNow();
    })));
  }

  @Test
  void redisTopologiesComeFromTheFileAndRedisUrlMeansStandalone() {
    JsonObject cluster = new JsonObject().put("redis", new JsonObject().put("type", "cluster")
        .put("endpoints", new io.vertx.core.json.JsonArray().add("redis://10.0.0.1:7000").add("redis://10.0.0.2:7000")));
    RedisSettings c = GatewayConfigParser.parse("g.json", cluster).redis();
    assertEquals(RedisSettings.Topology.CLUSTER, c.topology());
    assertEquals(2, c.endpoints().size());
    assertEquals(100, c.commandTimeoutMs());
    JsonObject sentinel = new JsonObject().put("redis", new JsonObject().put("type", "sentinel")
        .put("endpoints", new io.vertx.core.json.JsonArray().add("redis://s1:26379")).put("master_name", "payments"));
    assertEquals("payments", GatewayConfigParser.parse("g.json", sentinel).redis().masterName());
    assertEquals("g.json: redis.master_name is required for a sentinel topology", assertThrows(ConfigException.class,
        () -> GatewayConfigParser.parse("g.json", new JsonObject().put("redis", new JsonObject().put("type", "sentinel"))))
        .getMessage());
    RedisSettings overridden = GatewayConfigParser.parse("g.json", cluster.copy().put(EnvVars.REDIS_URL,
        "rediss://r:6379/1")).redis();
    assertEquals(RedisSettings.Topology.STANDALONE, overridden.topology());
    assertEquals(true, overridden.tls());
    ConfigException credentials = assertThrows(ConfigException.class, () -> GatewayConfigParser.parse("g.json",
        cluster.copy().put(EnvVars.REDIS_URL, "redis://:secret@r:6379/1")));
    assertTrue(credentials.getMessage().contains("must not hold credentials"), credentials.getMessage());
    assertTrue(!credentials.getMessage().contains("secret@"), "the password is never echoed");
  }

  private String writeEmptyConfig() {
    try {
      Path file = dir.resolve("empty.json");
      Files.writeString(file, "{}");
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static io.vertx.config.ConfigStoreOptions env(String name, String value) {
    return ConfigLoader.fixedEnvironment(new JsonObject().put(name, value));
  }

  private static JsonObject tenant(String id, String hash) {
    return new JsonObject().put("id", id).put("merchant_id", "m_" + id.replaceAll("[^a-z]", ""))
        .put("api_key_sha256", new JsonArray().add(hash));
  }

  private static String tenantError(JsonArray tenants) {
    return assertThrows(ConfigException.class,
        () -> TenantsParser.parse("t.json", new JsonObject().put("tenants", tenants))).getMessage();
  }
}
