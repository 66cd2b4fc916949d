package com.edgepay.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.tenant.DevelopmentKey;
import com.edgepay.gateway.tenant.KeyDigest;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration that would leak or split something is refused at start, with one line naming the
 * file (or the environment) and the key: plain http:// upstreams off this machine, base URLs with a
 * user, query or fragment, one merchant under two tenants, and the development gateway key.
 */
@ExtendWith(VertxExtension.class)
class ConfigHygieneTest {
  private static final String PLAIN = "is plain http:// to '";

  @TempDir
  Path dir;

  // ------------------------------------------------------------------ https:// upstreams

  @Test
  void aPlainHttpDefaultUpstreamOffThisMachineIsRefused() {
    ConfigException e = assertThrows(ConfigException.class, () -> parse("http://juspay-simulator:8089", null));
    assertTrue(e.getMessage().startsWith("g.json: upstream.base_url " + PLAIN + "juspay-simulator', which is not "
        + "loopback"), e.getMessage());
    assertTrue(e.getMessage().contains("upstream.allow_plain_http"), "says how to allow it: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    for (String notLoopback : List.of("http://10.0.0.5", "http://127.1:8089", "http://[::2]:8089",
        "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://0.0.0.0:8089", "http://128.0.0.1")) {
      assertThrows(ConfigException.class, () -> parse(notLoopback, null), notLoopback + " is not loopback");
    }
  }

  @Test
  void aPlainHttpUpstreamFromTheEnvironmentIsRefusedNamingTheVariable() {
    JsonObject json = new JsonObject().put(EnvVars.JUSPAY_BASE_URL, "http://sandbox.juspay.in");
    ConfigException e = assertThrows(ConfigException.class, () -> GatewayConfigParser.parse("g.json", json));
    assertTrue(e.getMessage().startsWith("environment: JUSPAY_BASE_URL " + PLAIN + "sandbox.juspay.in'"),
        e.getMessage());
  }

  @Test
  void loopbackOrAnExplicitAllowanceMayBePlainHttp() {
    for (String loopback : List.of("http://127.0.0.1:8089", "http://127.9.8.7", "http://localhost:8089",
        "http://LOCALHOST", "http://[::1]:8089", "http://[0:0:0:0:0:0:0:1]")) {
      assertFalse(parse(loopback, null).upstream().baseUrl().ssl(), loopback);
    }
    UpstreamSettings allowed = parse("http://juspay-simulator:8089", true).upstream();
    assertEquals(new UpstreamEndpoint("juspay-simulator", 8089, false, ""), allowed.baseUrl());
    assertTrue(allowed.allowPlainHttp());
    assertFalse(parse("https://api.juspay.in", null).upstream().allowPlainHttp(), "off unless set");
    assertTrue(parse("https://api.juspay.in", false).upstream().baseUrl().ssl());
    ConfigException notBoolean = assertThrows(ConfigException.class, () -> GatewayConfigParser.parse("g.json",
        new JsonObject().put("upstream", new JsonObject().put("allow_plain_http", "yes"))));
    assertEquals("g.json: upstream.allow_plain_http must be true or false", notBoolean.getMessage());
  }

  @Test
  void aTenantsPlainHttpUpstreamIsRefusedUnlessLoopbackOrAllowed() {
    JsonArray tenants = new JsonArray().add(tenant("acme", "acme_shop", "a").put("base_url", "https://api.juspay.in"))
        .add(tenant("globex", "globex_store", "b").put("base_url", "http://juspay-simulator:8089"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> TenantsParser.parse("t.json", registry(tenants), false));
    assertTrue(e.getMessage().startsWith("t.json: tenants[1].base_url " + PLAIN + "juspay-simulator'"), e.getMessage());
    assertThrows(ConfigException.class, () -> TenantsParser.parse("t.json", registry(tenants)), "off by default");
    TenantRegistry allowed = TenantsParser.parse("t.json", registry(tenants), true);
    assertFalse(allowed.byId("globex").upstream().ssl());
    JsonArray loopback = new JsonArray().add(tenant("acme", "acme_shop", "a").put("base_url", "http://127.0.0.1:9"));
    assertEquals(9, TenantsParser.parse("t.json", registry(loopback), false).byId("acme").upstream().port());
  }

  @Test
  void aBaseUrlWithAUserQueryOrFragmentIsRefusedEverywhere() {
    String[][] cases = {
        {"https://juspay:secret@api.juspay.in", "must not hold a user part (user@host)"},
        {"https://@api.juspay.in", "must not hold a user part (user@host)"},
        {"https://api.juspay.in/?redirect=https://evil.example", "must not hold a query (?...)"},
        {"https://api.juspay.in?", "must not hold a query (?...)"},
        {"https://api.juspay.in/#evil.example", "must not hold a fragment (#...)"},
        {"ftp://api.juspay.in", "must be an https:// URL"},
        {"api.juspay.in", "must be an https:// URL"},
        {"https://api.juspay.in:99999", "must be scheme://host[:port][/path] with a valid host name and port"},
        {"https://api_juspay.in", "must be scheme://host[:port][/path] with a valid host name and port"},
    };
    for (String[] c : cases) {
      String file = assertThrows(ConfigException.class, () -> parse(c[0], null), c[0]).getMessage();
      assertTrue(file.startsWith("g.json: upstream.base_url " + c[1]), c[0] + " -> " + file);
      String env = assertThrows(ConfigException.class, () -> GatewayConfigParser.parse("g.json",
          new JsonObject().put(EnvVars.JUSPAY_BASE_URL, c[0])), c[0]).getMessage();
      assertTrue(env.startsWith("environment: JUSPAY_BASE_URL " + c[1]), c[0] + " -> " + env);
      String tenant = assertThrows(ConfigException.class, () -> TenantsParser.parse("t.json",
          registry(new JsonArray().add(tenant("acme", "acme_shop", "a").put("base_url", c[0]))), true), c[0])
          .getMessage();
      assertTrue(tenant.startsWith("t.json: tenants[0].base_url " + c[1]), c[0] + " -> " + tenant);
      for (String message : List.of(file, env, tenant)) {
        assertFalse(message.contains("secret"), "a password in a URL is never echoed: " + message);
      }
    }
  }

  // ------------------------------------------------------------------ one merchant, one tenant

  @Test
  void twoTenantsSharingAMerchantIdAreRefused() {
    JsonArray tenants = new JsonArray().add(tenant("acme", "acme_shop", "a")).add(tenant("acme2", "acme_shop", "b"));
    assertEquals("t.json: tenants[1].merchant_id 'acme_shop' belongs to tenant 'acme' already: a merchant belongs to "
        + "one tenant only (two would split its idempotency records)",
        assertThrows(ConfigException.class, () -> TenantsParser.parse("t.json", registry(tenants))).getMessage());
    JsonArray differentCase = new JsonArray().add(tenant("acme", "acme_shop", "a"))
        .add(tenant("acme2", "ACME_Shop", "b"));
    assertThrows(ConfigException.class, () -> TenantsParser.parse("t.json", registry(differentCase)));
    JsonArray distinct = new JsonArray().add(tenant("acme", "acme_shop", "a")).add(tenant("globex", "globex", "b"));
    assertEquals(2, TenantsParser.parse("t.json", registry(distinct)).all().size());
  }

  // ------------------------------------------------------------------ the development gateway key

  @Test
  void theDevelopmentKeyIsTheOneConfShipsWith() throws Exception {
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf/tenants.json")));
    String digest = shipped.getJsonArray("tenants").getJsonObject(0).getJsonArray("api_key_sha256").getString(0);
    assertEquals(DevelopmentKey.DIGEST.hex(), digest);
    assertEquals(KeyDigest.hexOf("dev_gateway_key_change_me"), DevelopmentKey.DIGEST.hex(),
        "the key the README and k8s/overlays/dev print");
  }

  @Test
  void aTenantAcceptingTheDevelopmentKeyStopsStartUpUnlessAllowed() {
    // Found by digest, not by name: a tenant called anything, with the dev key among others.
    JsonArray tenants = new JsonArray().add(tenant("acme", "acme_shop", "a"))
        .add(new JsonObject().put("id", "shop").put("merchant_id", "shop_1").put("api_key_sha256",
            new JsonArray().add("c".repeat(64)).add(DevelopmentKey.DIGEST.hex())));
    TenantRegistry registry = TenantsParser.parse("t.json", registry(tenants));
    ConfigException e = assertThrows(ConfigException.class, () -> DevelopmentKey.check("t.json", registry, false));
    assertEquals("t.json: tenant 'shop' accepts the development gateway key (the one conf/tenants.json ships with, "
        + "public in the README); replace its api_key_sha256, or set GATEWAY_ALLOW_DEV_KEY=true for a development run",
        e.getMessage());
    DevelopmentKey.check("t.json", registry, true);
    // A tenant named "dev" with a real key is no concern.
    JsonArray named = new JsonArray().add(tenant("dev", "dev_merchant", "d"));
    DevelopmentKey.check("t.json", TenantsParser.parse("t.json", registry(named)), false);
  }

  @Test
  void theDevKeyAllowanceComesFromTheEnvironment(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, "{}");
    assertFalse(GatewayConfigParser.parse("g.json", new JsonObject()).allowDevKey(), "off unless set");
    assertFalse(GatewayConfigParser.parse("g.json", new JsonObject().put(EnvVars.GATEWAY_ALLOW_DEV_KEY, "false"))
        .allowDevKey());
    assertEquals("environment: GATEWAY_ALLOW_DEV_KEY must be true or false", assertThrows(ConfigException.class,
        () -> GatewayConfigParser.parse("g.json", new JsonObject().put(EnvVars.GATEWAY_ALLOW_DEV_KEY, "yes")))
        .getMessage());
    ConfigLoader.loadGatewayConfig(vertx, ConfigLoader.fixedEnvironment(new JsonObject()
            .put(EnvVars.GATEWAY_CONFIG_FILE, file.toString()).put(EnvVars.GATEWAY_ALLOW_DEV_KEY, "TRUE")))
        .onComplete(ctx.succeeding(config -> ctx.verify(() -> {
          assertTrue(config.allowDevKey());
          assertTrue(EnvVars.ALL.contains(EnvVars.GATEWAY_ALLOW_DEV_KEY), "read from the process environment");
          ctx.completeNow();
        })));
  }

  private static GatewayConfig parse(String baseUrl, Boolean allowPlainHttp) {
    JsonObject upstream = new JsonObject().put("base_url", baseUrl);
    if (allowPlainHttp != null) {
      upstream.put("allow_plain_http", allowPlainHttp);
    }
    return GatewayConfigParser.parse("g.json", new JsonObject().put("upstream", upstream));
  }

  private static JsonObject tenant(String id, String merchant, String hashChar) {
    return new JsonObject().put("id", id).put("merchant_id", merchant)
        .put("api_key_sha256", new JsonArray().add(hashChar.repeat(64)));
  }

  private static JsonObject registry(JsonArray tenants) {
    return new JsonObject().put("tenants", tenants);
  }
}
