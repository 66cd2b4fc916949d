package com.edgepay.gateway.support;

import com.edgepay.gateway.Main;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real gateway (its {@code main}) in a child JVM, so that a test can kill it the way a node
 * dies: {@code kill -9}, no drain, no shutdown hook.
 */
public final class ChildGateway implements AutoCloseable {
  private final Process process;
  public final int port;
  public final int adminPort;
  public final Path log;

  private ChildGateway(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  /**
   * @param config gateway.json (server ports and secrets are set here)
   * @param secrets a directory as {@link GatewayFixture#writeSecrets()} makes (shared with in-process gateways)
   */
  public static ChildGateway start(JsonObject config, Path secrets, String juspayBaseUrl) {
    try {
      Path dir = Files.createTempDirectory("child-gateway");
      int port = Ports.free();
      int admin = Ports.free();
      JsonObject c = config.copy();
      c.put("server", c.getJsonObject("server", new JsonObject()).put("host", "127.0.0.1").put("port", port)
          .put("admin_port", admin).put("event_loops", 1).put("drain_seconds", 1));
      c.put("secrets", new JsonObject().put("dir", secrets.toString()).put("poll_ms", 200));
      c.put("idempotency", c.getJsonObject("idempotency", new JsonObject())
          .put("hmac_key_file", secrets.resolve("idempotency_hmac_key").toString()));
      c.put("upstream", new JsonObject().put("base_url", juspayBaseUrl).put("connect_timeout_ms", 500));
      Path configFile = dir.resolve("gateway.json");
      Files.writeString(configFile, c.encode());
      Path tenants = dir.resolve("tenants.json");
      Files.writeString(tenants, new JsonObject().put("tenants", new JsonArray(GatewayFixture.baseTenants().getList()))
          .encode());
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
          "-Dlogback.configurationFile=logback.xml", Main.class.getName());
      pb.environment().keySet().removeIf(k -> k.startsWith("GATEWAY_") || k.equals("JUSPAY_BASE_URL")
          || k.equals("REDIS_URL"));
      pb.environment().put("GATEWAY_CONFIG_FILE", configFile.toString());
      pb.environment().put("GATEWAY_TENANTS_FILE", tenants.toString());
      Path log = dir.resolve("out.log");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      ChildGateway child = new ChildGateway(pb.start(), port, admin, log);
      child.awaitReady();
      return child;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady() {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health/ready")).build();
    for (int i = 0; i < 300; i++) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      RedisServer.sleep(100);
    }
    throw new IllegalStateException("the child gateway never became ready; see " + log);
  }

  /** SIGKILL: nothing finishes, nothing is recorded. */
  public void kill9() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
