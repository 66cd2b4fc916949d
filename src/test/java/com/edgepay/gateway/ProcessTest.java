package com.edgepay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.logging.LogMask;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.Ports;
import com.edgepay.gateway.tenant.KeyDigest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real entry point in a child JVM: what an operator sees at start and at SIGTERM. */
class ProcessTest {
  @TempDir
  Path dir;

  @Test
  void badTenantFileExitsNonZeroWithOneLineNamingIt() throws Exception {
    Path tenants = dir.resolve("tenants.json");
    Files.writeString(tenants, "{\"tenants\": [{\"id\": \"Not Valid\", \"merchant_id\": \"m\", \"api_key_sha256\": []}]}");
    Result r = run(Map.of("GATEWAY_TENANTS_FILE", tenants.toString(), "GATEWAY_CONFIG_FILE", writeConfig()));
    assertNotEquals(0, r.exit);
    assertEquals(1, r.lines.size(), r.lines.toString());
    assertTrue(r.lines.get(0).contains(logged(tenants + ": tenants[0].id 'Not Valid' must match")), r.lines.get(0));
    assertTrue(r.lines.get(0).contains("\"level\":\"ERROR\""));
  }

  @Test
  void unreadableConfigFileExitsNonZeroNamingIt() throws Exception {
    String missing = dir.resolve("absent.json").toString();
    Result r = run(Map.of("GATEWAY_CONFIG_FILE", missing));
    assertNotEquals(0, r.exit);
    assertEquals(1, r.lines.size(), r.lines.toString());
    assertTrue(r.lines.get(0).contains(logged(missing + ": cannot be read: no such file")), r.lines.get(0));
  }

  @Test
  void missingSealingKeysExitNonZeroNamingTheFile() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    GatewayFixture.writeKey(secrets, "acme", "JP_KEY");
    Result r = run(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_TENANTS_FILE", writeTenants(),
        "GATEWAY_SECRETS_DIR", secrets.toString()));
    assertNotEquals(0, r.exit);
    assertTrue(r.lines.stream().anyMatch(l -> l.contains(logged(secrets.resolve("records.keys").toString()))
        && l.contains("is missing")), r.lines.toString());
  }

  @Test
  void missingKeyFileExitsNonZeroNamingIt() throws Exception {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve("records.keys"), com.edgepay.gateway.crypto.SealingKeys.generate("k"));
    Result r = run(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_TENANTS_FILE", writeTenants(),
        "GATEWAY_SECRETS_DIR", secrets.toString()));
    assertNotEquals(0, r.exit);
    assertTrue(r.lines.stream().anyMatch(l -> l.contains(logged(secrets.resolve("acme").resolve("juspay_api_key").toString()))
        && l.contains("is missing")), r.lines.toString());
  }

  @Test
  void plainHttpUpstreamOffThisMachineExitsNonZeroNamingIt() throws Exception {
    Result r = run(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_TENANTS_FILE", writeTenants(),
        "JUSPAY_BASE_URL", "http://juspay-simulator:8089"));
    assertEquals(2, r.exit, "the exit code of every configuration fault");
    assertEquals(1, r.lines.size(), r.lines.toString());
    assertTrue(r.lines.get(0).contains("environment: JUSPAY_BASE_URL is plain http:// to 'juspay-simulator', which "
        + "is not loopback"), r.lines.get(0));
  }

  @Test
  void theShippedDevelopmentTenantStopsStartUpNamingTheFile() throws Exception {
    // conf/tenants.json as it ships (and as the image carries it): the dev tenant's well-known key.
    Result r = run(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_SECRETS_DIR", "conf/secrets"));
    assertEquals(2, r.exit);
    assertEquals(1, r.lines.size(), r.lines.toString());
    assertTrue(r.lines.get(0).contains("conf/tenants.json: tenant 'dev' accepts the development gateway key"),
        r.lines.get(0));
    assertTrue(r.lines.get(0).contains("GATEWAY_ALLOW_DEV_KEY=true"), "says how to allow it: " + r.lines.get(0));
  }

  @Test
  void theDevelopmentTenantStartsWhenExplicitlyAllowed() throws Exception {
    int admin = Ports.free();
    Process p = start(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_SECRETS_DIR", "conf/secrets",
        "GATEWAY_ALLOW_DEV_KEY", "true", "GATEWAY_PORT", Integer.toString(Ports.free()),
        "GATEWAY_ADMIN_PORT", Integer.toString(admin), "REDIS_URL", com.edgepay.gateway.support.SharedRedis.fresh()));
    try {
      assertEquals(200, awaitReady(admin, p), Files.readString(dir.resolve("out.log")));
      assertTrue(Files.readString(dir.resolve("out.log")).contains("accepts the development gateway key "
          + "(GATEWAY_ALLOW_DEV_KEY=true)"), "a warning says so");
    } finally {
      p.destroyForcibly();
    }
  }

  private static int awaitReady(int admin, Process p) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health/ready")).build();
    int status = 0;
    for (int i = 0; i < 150 && status != 200 && p.isAlive(); i++) {
      try {
        status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    return status;
  }

  @Test
  void sigtermDrainsAndExitsZero() throws Exception {
    Path secrets = GatewayFixture.writeSecrets();
    int port = Ports.free();
    int admin = Ports.free();
    Process p = start(Map.of("GATEWAY_CONFIG_FILE", writeConfig(), "GATEWAY_TENANTS_FILE", writeTenants(),
        "GATEWAY_SECRETS_DIR", secrets.toString(), "GATEWAY_PORT", Integer.toString(port),
        "GATEWAY_ADMIN_PORT", Integer.toString(admin), "JUSPAY_BASE_URL", "http://127.0.0.1:" + Ports.free()));
    try {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/health/ready")).build();
      int status = 0;
      for (int i = 0; i < 100 && status != 200; i++) {
        try {
          status = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertEquals(200, status);
      HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders/o1"))
          .header("Authorization", GatewayFixture.basic(GatewayFixture.ACME_KEY)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(502, live.statusCode(), "no upstream is running, so a reachable gateway answers 502");
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue());
      String out = Files.readString(dir.resolve("out.log"));
      assertTrue(out.contains("draining"), out);
      assertFalse(out.contains(GatewayFixture.ACME_JUSPAY_KEY));
    } finally {
      p.destroyForcibly();
    }
  }

  /** Log text passes the PAN mask; a random temp-dir name can hold a Luhn-valid digit run. */
  private static String logged(String text) {
    return LogMask.mask(text);
  }

  private record Result(int exit, List<String> lines) {
  }

  private Result run(Map<String, String> env) throws Exception {
    Process p = start(env);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process must exit on bad configuration");
    String out = Files.readString(dir.resolve("out.log"));
    return new Result(p.exitValue(), out.lines().filter(l -> !l.isBlank()).toList());
  }

  private Process start(Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=logback.xml", Main.class.getName());
    pb.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.equals("JUSPAY_BASE_URL") || k.equals("REDIS_URL"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("out.log").toFile());
    return pb.start();
  }

  private String writeConfig() throws IOException {
    Path file = dir.resolve("gateway.json");
    Files.writeString(file, new JsonObject().put("server", new JsonObject().put("host", "127.0.0.1")
        .put("event_loops", 1).put("drain_seconds", 1)).encode());
    return file.toString();
  }

  private String writeTenants() throws IOException {
    Path file = dir.resolve("tenants.json");
    Files.writeString(file, new JsonObject().put("tenants", new JsonArray().add(new JsonObject().put("id", "acme")
        .put("merchant_id", "acme_shop").put("api_key_sha256", new JsonArray().add(
            KeyDigest.hexOf(GatewayFixture.ACME_KEY))))).encode());
    return file.toString();
  }
}
