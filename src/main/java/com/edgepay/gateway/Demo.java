package com.edgepay.gateway;

import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.GatewayConfigParser;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.idempotency.RedisProbe;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.simulator.LatencyMode;
import com.edgepay.gateway.simulator.SimulatorMain;
import com.edgepay.gateway.simulator.SimulatorOptions;
import com.edgepay.gateway.simulator.SimulatorState;
import com.edgepay.gateway.tenant.KeyDigest;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code java -jar juspay-gateway.jar demo}: the gateway, the Juspay simulator and one demo tenant
 * in one JVM, needing nothing else installed. It prints the tenant's key and ready-to-paste calls.
 */
final class Demo {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Demo.class);
  static final String TENANT = "demo";
  static final String MERCHANT = "demo_merchant";

  /** What a started demo offers, for the banner and for tests. */
  record Running(Gateway gateway, String gatewayKey, int simulatorPort, boolean onRedis) {
  }

  private Demo() {
  }

  static void run(String[] args) {
    PrometheusMeterRegistry registry = MetricsSetup.newRegistry();
    Vertx vertx = MetricsSetup.vertx(new VertxOptions(), registry);
    start(vertx, registry, System.getenv(), System.nanoTime())
        .onSuccess(running -> {
          System.out.println(banner(running));
          ProcessControl.onTerminate(running.gateway()::drainAndStop, running.gateway().drainDeadlineMs());
        })
        .onFailure(ProcessControl::abort);
  }

  /**
   * @param latencySeed seeds the simulator's draws from Juspay's latency tables; a fixed one gives
   *     the same latencies on every run (their tail reaches past the 2 s create-order deadline)
   */
  static Future<Running> start(Vertx vertx, PrometheusMeterRegistry registry, Map<String, String> env,
      long latencySeed) {
    int simulatorPort = Integer.parseInt(env.getOrDefault("SIMULATOR_PORT", "8089"));
    SimulatorOptions simulator = new SimulatorOptions("127.0.0.1", simulatorPort, LatencyMode.TABLE, latencySeed);
    String gatewayKey = "gk_demo_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    String redisUrl = env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
    return SimulatorMain.deploy(vertx, simulator, new SimulatorState(), 1)
        .compose(id -> vertx.executeBlocking(() -> writeDemoFiles(gatewayKey)))
        .compose(dir -> RedisProbe.reachable(vertx, redisUrl).compose(redisUp -> {
          GatewayConfig config = GatewayConfigParser.parse("demo", demoConfig(env, dir, simulatorPort));
          TenantRegistry tenants = TenantsParser.parse("demo tenants", demoTenants(gatewayKey));
          if (!redisUp) {
            LOG.warn("NO REDIS at {}: the demo is using an IN-MEMORY idempotency store. Duplicate protection "
                + "covers this one process and is lost on restart. Never run a real gateway this way.", redisUrl);
          }
          return Gateway.start(vertx, config, tenants, registry, redisUp ? Gateway.Store.REDIS : Gateway.Store.MEMORY)
              .map(gateway -> new Running(gateway, gatewayKey, simulatorPort, redisUp));
        }));
  }

  private static JsonObject demoConfig(Map<String, String> env, Path dir, int simulatorPort) {
    JsonObject json = new JsonObject()
        .put("upstream", new JsonObject().put("base_url", "http://127.0.0.1:" + simulatorPort))
        .put("secrets", new JsonObject().put("dir", dir.resolve("secrets").toString()))
        .put("idempotency", new JsonObject().put("hmac_key_file", dir.resolve("idempotency_hmac_key").toString()));
    // The contract's variables still win, except the upstream: the demo's is the simulator.
    for (String name : new String[] {"GATEWAY_PORT", "GATEWAY_ADMIN_PORT", "REDIS_URL", "GATEWAY_TLS_CERT",
        "GATEWAY_TLS_KEY"}) {
      if (env.get(name) != null) {
        json.put(name, env.get(name));
      }
    }
    return json;
  }

  private static JsonObject demoTenants(String gatewayKey) {
    return new JsonObject().put("tenants", new JsonArray().add(new JsonObject()
        .put("id", TENANT).put("merchant_id", MERCHANT)
        .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(gatewayKey)))));
  }

  private static Path writeDemoFiles(String gatewayKey) throws IOException {
    Path dir = Files.createTempDirectory("juspay-gateway-demo");
    Path keyDir = Files.createDirectories(dir.resolve("secrets").resolve(TENANT));
    Files.writeString(keyDir.resolve("juspay_api_key"), "sim_demo_juspay_key_not_real\n");
    Files.writeString(dir.resolve("idempotency_hmac_key"),
        HexFormat.of().formatHex(new SecureRandom().generateSeed(32)));
    Files.writeString(dir.resolve("secrets").resolve(SealingKeys.FILE_NAME), SealingKeys.generate("demo"));
    // The demo's secrets live only as long as the demo: deleteOnExit cannot remove a non-empty directory.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "demo-cleanup"));
    return dir;
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove the demo's files in {}", dir);
    }
  }

  static String banner(Running r) {
    int port = r.gateway().port();
    String auth = "-u " + r.gatewayKey() + ":";
    return String.join("\n",
        "",
        "Juspay edge gateway demo",
        "  gateway    http://127.0.0.1:" + port + "   (admin: http://127.0.0.1:" + r.gateway().adminPort() + "/metrics)",
        "  simulator  http://127.0.0.1:" + r.simulatorPort() + "   (a stand-in for Juspay)",
        "  tenant     " + TENANT + " (merchant " + MERCHANT + ")",
        "  store      " + (r.onRedis() ? "Redis" : "IN MEMORY (no Redis found; this process only)"),
        "  key        " + r.gatewayKey(),
        "",
        "Create an order:",
        "  curl -s " + auth + " -H 'x-routing-id: cust_42' http://127.0.0.1:" + port + "/orders \\",
        "       -d order_id=ord_demo_1 -d amount=100.00 -d currency=INR -d customer_id=cust_42 \\",
        "       -d options.get_client_auth_token=true",
        "",
        "Check its status:",
        "  curl -s " + auth + " -H 'x-routing-id: cust_42' http://127.0.0.1:" + port + "/orders/ord_demo_1",
        "");
  }
}
