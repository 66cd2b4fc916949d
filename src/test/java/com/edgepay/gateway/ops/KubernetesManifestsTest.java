package com.edgepay.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.edgepay.gateway.config.ConfigException;
import com.edgepay.gateway.config.EnvVars;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.GatewayConfigParser;
import com.edgepay.gateway.crypto.SealingKeys;
import com.edgepay.gateway.support.GatewayAcl;
import com.edgepay.gateway.tenant.DevelopmentKey;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks the Kubernetes manifests (k8s/), the alert rules and the Grafana dashboard against the
 * gateway's contract, without a cluster: every file kustomize would read exists, the Deployment's
 * ports, probes, env and mounts agree with each other and with gateway.json, and every metric the
 * alerts and dashboard query is one the gateway exports. Overlays are checked after a small
 * strategic-merge of their patches over the base, enough for the fields checked here. The Redis
 * pods' init.sh is run as their init container would run it (peers faked) and the configs it writes
 * are checked: TLS only, the ACL users (the gateway's from the rule file RedisTlsTopologiesTest runs
 * against), replication limits, and the certificate names the gateway will verify.
 */
class KubernetesManifestsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path K8S = ROOT.resolve("k8s");
  private static final Path BASE = K8S.resolve("base");
  private static final Path ENV_VARS_JAVA = ROOT.resolve("src/main/java/com/edgepay/gateway/config/EnvVars.java");
  private static final Path METRIC_NAMES = ROOT.resolve("observability/metric-names.txt");
  private static final Path DASHBOARD = ROOT.resolve("observability/grafana/juspay-gateway.json");

  /**
   * The contract's environment variables (../shared/CONTRACT.md) plus GATEWAY_CONFIG_FILE and
   * GATEWAY_ALLOW_DEV_KEY (README; the latter in the dev overlay only, see devAloneBendsTheRules).
   */
  private static final Set<String> CONTRACT_ENV = Set.of("GATEWAY_PORT", "GATEWAY_ADMIN_PORT", "JUSPAY_BASE_URL",
      "REDIS_URL", "GATEWAY_TENANTS_FILE", "GATEWAY_SECRETS_DIR", "GATEWAY_TLS_CERT", "GATEWAY_TLS_KEY",
      "GATEWAY_CONFIG_FILE", "GATEWAY_ALLOW_DEV_KEY");
  /** Read by the JVM itself, not the gateway. */
  private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");

  private static final String DEPLOYMENT = "juspay-gateway";
  private static final String CONTAINER = "gateway";
  private static final String CONFIG_MAP = "juspay-gateway-config";
  private static final String KEYS_SECRET = "juspay-api-keys";
  /** The store's own secrets in GATEWAY_SECRETS_DIR; the Redis pods read the gateway's user from it too. */
  private static final String STORE_SECRET = "juspay-gateway-store";
  private static final Set<String> STORE_FILES = Set.of(SealingKeys.FILE_NAME, "redis.username", "redis.password");
  private static final String REDIS = "redis-sentinel";
  private static final String EVICTION_METRIC = "gateway_redis_eviction_safe";
  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9_-]{1,32}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  // ------------------------------------------------------------------ kustomize structure

  @Test
  void everyYamlFileParses() throws IOException {
    List<Path> files = yamlFiles(K8S);
    assertTrue(files.size() >= 10, "expected the k8s/ tree, found only " + files);
    for (Path file : files) {
      List<Map<String, Object>> docs = load(file);
      assertFalse(docs.isEmpty(), rel(file) + " holds no YAML document");
      for (Map<String, Object> doc : docs) {
        assertNotNull(doc.get("kind"), rel(file) + ": a document without `kind`");
      }
    }
  }

  @Test
  void kustomizationsReferenceOnlyFilesThatExist() throws IOException {
    List<Path> kustomizations = yamlFiles(K8S).stream()
        .filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
    for (String required : List.of("base", "base/redis", "overlays/dev", "overlays/prod")) {
      assertTrue(kustomizations.contains(K8S.resolve(required).resolve("kustomization.yaml")),
          "k8s/" + required + "/kustomization.yaml is missing");
    }
    for (Path k : kustomizations) {
      Map<String, Object> kust = load(k).get(0);
      Path dir = k.getParent();
      for (String resource : strings(kust.get("resources"))) {
        Path target = dir.resolve(resource).normalize();
        assertTrue(Files.isRegularFile(target) || Files.isRegularFile(target.resolve("kustomization.yaml")),
            rel(k) + ": resource '" + resource + "' is neither a file nor a kustomization directory");
      }
      for (Object patch : list(kust.get("patches"))) {
        String path = str(map(patch).get("path"));
        assertNotNull(path, rel(k) + ": a patch without `path` (inline patches are not used here)");
        assertTrue(Files.isRegularFile(dir.resolve(path)), rel(k) + ": patch file '" + path + "' does not exist");
      }
      for (String generator : List.of("configMapGenerator", "secretGenerator")) {
        for (Object gen : list(kust.get(generator))) {
          for (String file : strings(map(gen).get("files"))) {
            String path = file.contains("=") ? file.substring(file.indexOf('=') + 1) : file;
            assertTrue(Files.isRegularFile(dir.resolve(path)),
                rel(k) + ": " + generator + " file '" + path + "' does not exist");
          }
        }
      }
    }
    for (String overlay : List.of("dev", "prod")) {
      Path k = K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml");
      assertTrue(strings(load(k).get(0).get("resources")).contains("../../base"),
          rel(k) + " must build on ../../base");
    }
  }

  // ------------------------------------------------------------------ the Deployment, per environment

  @Test
  void baseRunsAtLeastThreeReplicas() throws IOException {
    Env env = Env.of("base");
    assertTrue(intOf(env.deployment.get("replicas")) >= 3, "base Deployment replicas must be >= 3");
    Map<String, Object> hpa = env.one("HorizontalPodAutoscaler", DEPLOYMENT);
    assertEquals("autoscaling/v2", hpa.get("apiVersion"));
    assertTrue(intOf(path(hpa, "spec", "minReplicas")) >= 3, "HPA minReplicas must be >= 3 in base");
    assertEquals(DEPLOYMENT, path(hpa, "spec", "scaleTargetRef", "name"), "HPA must scale the gateway Deployment");
    assertTrue(intOf(Env.of("overlays/prod").deployment.get("replicas")) >= 3, "prod replicas must be >= 3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void portsAndProbesMatchTheEnvironment(String where) throws IOException {
    Env env = Env.of(where);
    Map<String, Object> c = env.container();
    Map<String, String> vars = env.envVars();
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (Object p : list(c.get("ports"))) {
      ports.put(str(map(p).get("name")), intOf(map(p).get("containerPort")));
    }
    assertNotNull(vars.get("GATEWAY_PORT"), where + ": GATEWAY_PORT must be set");
    assertNotNull(vars.get("GATEWAY_ADMIN_PORT"), where + ": GATEWAY_ADMIN_PORT must be set");
    assertEquals(Integer.parseInt(vars.get("GATEWAY_PORT")), ports.get("http"),
        where + ": container port `http` must equal GATEWAY_PORT");
    assertEquals(Integer.parseInt(vars.get("GATEWAY_ADMIN_PORT")), ports.get("admin"),
        where + ": container port `admin` must equal GATEWAY_ADMIN_PORT");

    JsonObject gateway = env.gatewayJson();
    assertEquals(ports.get("http"), gateway.getJsonObject("server").getInteger("port"),
        where + ": gateway.json server.port disagrees with the container port");
    assertEquals(ports.get("admin"), gateway.getJsonObject("server").getInteger("admin_port"),
        where + ": gateway.json server.admin_port disagrees with the container port");

    for (String[] probe : List.of(new String[] {"livenessProbe", "/health/live"},
        new String[] {"readinessProbe", "/health/ready"})) {
      Map<String, Object> get = map(path(c, probe[0], "httpGet"));
      assertNotNull(get, where + ": " + probe[0] + " must be an httpGet");
      assertEquals(probe[1], get.get("path"), where + ": " + probe[0] + " path");
      Object port = get.get("port");
      assertTrue("admin".equals(port) || ports.get("admin").equals(port),
          where + ": " + probe[0] + " must use the admin port, not " + port);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void envVarsAreTheContractsAndTheCodeKnowsThem(String where) throws IOException {
    String envVarsJava = Files.readString(ENV_VARS_JAVA);
    Map<String, String> vars = Env.of(where).envVars();
    assertTrue(vars.size() >= 6, where + ": expected the gateway's env, found " + vars.keySet());
    for (String name : vars.keySet()) {
      if (JVM_ENV.contains(name)) {
        continue;
      }
      assertTrue(CONTRACT_ENV.contains(name), where + ": env " + name + " is not one of the contract's " + CONTRACT_ENV);
      assertTrue(envVarsJava.contains("\"" + name + "\""), where + ": env " + name + " is not in EnvVars.java");
    }
    assertTrue(vars.getOrDefault("JAVA_TOOL_OPTIONS", "").contains("-XX:MaxRAMPercentage="),
        where + ": JAVA_TOOL_OPTIONS must size the heap from the container limit");
    assertFalse(vars.containsKey("REDIS_URL"), where + ": REDIS_URL would override the sentinel topology in gateway.json");
    assertEquals(vars.containsKey("GATEWAY_TLS_CERT"), vars.containsKey("GATEWAY_TLS_KEY"),
        where + ": GATEWAY_TLS_CERT and GATEWAY_TLS_KEY must be set together");
  }

  @Test
  void prodTalksToProductionJuspayOverTls() throws IOException {
    Env prod = Env.of("overlays/prod");
    Map<String, String> vars = prod.envVars();
    assertEquals("https://api.juspay.in", vars.get("JUSPAY_BASE_URL"));
    assertNotNull(vars.get("GATEWAY_TLS_CERT"), "prod must serve TLS");
    for (String file : List.of(vars.get("GATEWAY_TLS_CERT"), vars.get("GATEWAY_TLS_KEY"))) {
      assertNotNull(prod.secretMountHolding(file), "prod: " + file + " is not inside a mounted Secret");
    }
    Map<String, String> baseVars = Env.of("base").envVars();
    assertEquals("https://sandbox.juspay.in", baseVars.get("JUSPAY_BASE_URL"));
    assertFalse(baseVars.containsKey("GATEWAY_TLS_CERT"), "TLS belongs to the prod overlay only");
    assertEquals(24, intOf(path(prod.one("HorizontalPodAutoscaler", DEPLOYMENT), "spec", "maxReplicas")));
  }

  /**
   * Each target's gateway.json, env and tenants.json pass the gateway's own start-up checks (the
   * parser, plain-http refusal, one merchant per tenant, the development-key refusal), as the
   * process would run them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void theConfigurationPassesTheGatewaysStartUpChecks(String where) throws IOException {
    Env env = Env.of(where);
    GatewayConfig config = startUpConfig(env);
    TenantRegistry tenants = TenantsParser.parse(where + " tenants.json", env.tenantsJson(),
        config.upstream().allowPlainHttp());
    DevelopmentKey.check(where + " tenants.json", tenants, config.allowDevKey());
  }

  /**
   * Only the dev overlay bends the rules: plain http:// to its in-cluster simulator and the public
   * development key. Its gateway.json is base's with upstream.allow_plain_http added, nothing else.
   */
  @Test
  void devAloneBendsTheRules() throws IOException {
    for (String where : List.of("base", "overlays/prod")) {
      Env env = Env.of(where);
      GatewayConfig config = startUpConfig(env);
      assertFalse(config.upstream().allowPlainHttp(), where + ": upstream.allow_plain_http is for dev only");
      assertTrue(config.upstream().baseUrl().ssl(), where + ": Juspay over https://");
      assertFalse(env.envVars().containsKey("GATEWAY_ALLOW_DEV_KEY"), where + ": GATEWAY_ALLOW_DEV_KEY is for dev only");
      assertFalse(env.tenantsJson().encode().contains(DevelopmentKey.DIGEST.hex()),
          where + ": no tenant may accept the development key");
    }
    Env dev = Env.of("overlays/dev");
    GatewayConfig config = startUpConfig(dev);
    assertEquals("juspay-simulator", config.upstream().baseUrl().host());
    assertFalse(config.upstream().baseUrl().ssl());
    assertTrue(config.upstream().allowPlainHttp());
    assertTrue(config.allowDevKey());
    JsonObject devJson = dev.gatewayJson().copy();
    devJson.getJsonObject("upstream").remove("allow_plain_http");
    assertEquals(Env.of("base").gatewayJson(), devJson,
        "overlays/dev/gateway.json must be base/config/gateway.json plus upstream.allow_plain_http only");
    // Without the overlay's allowances its configuration would not start.
    JsonObject strict = dev.gatewayJson().copy();
    strict.getJsonObject("upstream").put("allow_plain_http", false);
    dev.envVars().forEach(strict::put);
    assertThrows(ConfigException.class, () -> GatewayConfigParser.parse("dev", strict));
    TenantRegistry tenants = TenantsParser.parse("dev", dev.tenantsJson());
    assertThrows(ConfigException.class, () -> DevelopmentKey.check("dev", tenants, false));
  }

  /**
   * The key items are required (a missing key must stop the pod, not start it keyless); the markers
   * are optional (most of the time there is none): two sources of the one Secret.
   */
  private static void assertRevocationMarkersAreOptional(String where, Map<String, Object> volume) {
    assertNotNull(volume, where + ": the secrets volume");
    for (Object source : list(path(volume, "projected", "sources"))) {
      Map<String, Object> secret = map(map(source).get("secret"));
      if (secret == null || !KEYS_SECRET.equals(secret.get("name"))) {
        continue;
      }
      List<String> paths = list(secret.get("items")).stream().map(i -> str(map(i).get("path"))).toList();
      boolean markers = paths.stream().allMatch(p -> p.endsWith("/revoked"));
      assertTrue(markers || paths.stream().noneMatch(p -> p.endsWith("/revoked")),
          where + ": keys and revocation markers belong in separate sources: " + paths);
      assertEquals(markers, Boolean.TRUE.equals(secret.get("optional")), where + ": the source of " + paths
          + (markers ? " must be optional: true" : " must not be optional"));
    }
  }

  /** gateway.json with the container's environment over it, as the process reads them. */
  private static GatewayConfig startUpConfig(Env env) throws IOException {
    JsonObject merged = env.gatewayJson().copy();
    env.envVars().forEach((name, value) -> {
      if (EnvVars.ALL.contains(name)) {
        merged.put(name, value);
      }
    });
    return GatewayConfigParser.parse(env.where + " gateway.json", merged);
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void secretsAreMountedWholeWhereTheGatewayLooks(String where) throws IOException {
    Env env = Env.of(where);
    Map<String, Object> c = env.container();
    for (Object m : list(c.get("volumeMounts"))) {
      assertNull(map(m).get("subPath"), where + ": volumeMount " + map(m).get("name")
          + " uses subPath, which freezes the file and breaks the kubelet's atomic ..data swap (key rotation)");
    }
    String secretsDir = env.envVars().get("GATEWAY_SECRETS_DIR");
    assertNotNull(secretsDir, where + ": GATEWAY_SECRETS_DIR must be set");
    Map<String, SecretRef> files = env.secretsDirFiles();
    JsonObject gateway = env.gatewayJson();
    assertEquals(secretsDir, gateway.getJsonObject("secrets").getString("dir"),
        where + ": gateway.json secrets.dir disagrees with GATEWAY_SECRETS_DIR");

    // Every tenant has its key at <dir>/<tenant>/juspay_api_key from the tenant-keys Secret, and
    // its revocation marker's place at <dir>/<tenant>/revoked (key <tenant>.revoked), and every item
    // of that Secret is one of these.
    Set<String> itemPaths = new TreeSet<>();
    files.forEach((file, ref) -> {
      if (ref.secret().equals(KEYS_SECRET)) {
        itemPaths.add(file);
        String tenantId = file.substring(0, file.indexOf('/'));
        assertEquals(file.endsWith("/revoked") ? tenantId + ".revoked" : tenantId, ref.key(),
            where + ": " + file + " comes from the wrong key of " + KEYS_SECRET);
      }
    });
    assertRevocationMarkersAreOptional(where, volumeNamed(env.podSpec(), env.secretMountHolding(secretsDir + "/"
        + itemPaths.iterator().next())));
    Set<String> expected = new TreeSet<>();
    for (Object t : env.tenantsJson().getJsonArray("tenants")) {
      JsonObject tenant = (JsonObject) t;
      String id = tenant.getString("id");
      assertTrue(id != null && TENANT_ID.matcher(id).matches(), where + ": bad tenant id " + id);
      JsonArray digests = tenant.getJsonArray("api_key_sha256");
      assertTrue(digests != null && !digests.isEmpty(), where + ": tenant " + id + " has no api_key_sha256");
      for (Object d : digests) {
        assertTrue(SHA256_HEX.matcher(String.valueOf(d)).matches(),
            where + ": tenant " + id + " digest is not 64 lowercase hex: " + d);
      }
      expected.add(id + "/juspay_api_key");
      expected.add(id + "/revoked");
    }
    assertFalse(expected.isEmpty(), where + ": tenants.json lists no tenant");
    assertEquals(expected, itemPaths,
        where + ": Secret items must be exactly <tenant>/juspay_api_key and <tenant>/revoked per tenant");

    // The store's own secrets sit beside them: records.keys is required (the gateway does not start
    // without it), the Redis user and password are what the Redis pods' ACL holds.
    for (String file : STORE_FILES) {
      SecretRef ref = files.get(file);
      assertEquals(STORE_SECRET + "/" + file, ref == null ? null : ref.source(),
          where + ": " + secretsDir + "/" + file + " must be key " + file + " of Secret " + STORE_SECRET);
    }

    // The fingerprint secret lies inside a mounted Secret, as one of its projected files.
    String hmacFile = gateway.getJsonObject("idempotency").getString("hmac_key_file");
    assertNotNull(hmacFile, where + ": gateway.json idempotency.hmac_key_file must be set");
    assertNotNull(env.secretMountHolding(hmacFile), where + ": " + hmacFile + " is not inside a mounted Secret");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void configMapFilesAreValidAndWhereTheEnvSays(String where) throws IOException {
    Env env = Env.of(where);
    Map<String, String> vars = env.envVars();
    Map<String, Path> files = env.configFiles();
    assertEquals(Set.of("gateway.json", "tenants.json"), files.keySet(), where + ": ConfigMap keys");
    String mount = env.mountPathOf(str(env.volumeOfConfigMap(CONFIG_MAP).get("name")));
    assertEquals(mount + "/gateway.json", vars.get("GATEWAY_CONFIG_FILE"), where + ": GATEWAY_CONFIG_FILE");
    assertEquals(mount + "/tenants.json", vars.get("GATEWAY_TENANTS_FILE"), where + ": GATEWAY_TENANTS_FILE");
    assertEquals(vars.get("GATEWAY_TENANTS_FILE"), env.gatewayJson().getString("tenants_file"),
        where + ": gateway.json tenants_file disagrees with GATEWAY_TENANTS_FILE");
    assertNotNull(env.tenantsJson().getJsonArray("tenants"), where + ": tenants.json needs a `tenants` array");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void drainFitsInTheGracePeriod(String where) throws IOException {
    Env env = Env.of(where);
    int grace = intOf(env.podSpec().get("terminationGracePeriodSeconds"));
    List<String> preStop = strings(path(env.container(), "lifecycle", "preStop", "exec", "command"));
    assertEquals(2, preStop.size(), where + ": preStop must be exec [sleep, N], found " + preStop);
    assertEquals("sleep", preStop.get(0), where + ": preStop must be a sleep");
    int sleep = Integer.parseInt(preStop.get(1));
    int drain = env.gatewayJson().getJsonObject("server").getInteger("drain_seconds");
    assertTrue(drain < grace - sleep, where + ": server.drain_seconds (" + drain + ") must be < "
        + "terminationGracePeriodSeconds (" + grace + ") - preStop sleep (" + sleep + "), or SIGKILL cuts calls in flight");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void runsLockedDown(String where) throws IOException {
    Env env = Env.of(where);
    Map<String, Object> pod = map(env.podSpec().get("securityContext"));
    Map<String, Object> sc = map(env.container().get("securityContext"));
    assertNotNull(sc, where + ": the container needs a securityContext");
    assertEquals(Boolean.TRUE, sc.get("readOnlyRootFilesystem"), where + ": readOnlyRootFilesystem");
    assertEquals(Boolean.FALSE, sc.get("allowPrivilegeEscalation"), where + ": allowPrivilegeEscalation");
    assertTrue(Boolean.TRUE.equals(sc.get("runAsNonRoot")) || pod != null && Boolean.TRUE.equals(pod.get("runAsNonRoot")),
        where + ": runAsNonRoot");
    assertTrue(strings(path(sc, "capabilities", "drop")).contains("ALL"), where + ": capabilities must drop ALL");
    assertEquals("RuntimeDefault", path(pod, "seccompProfile", "type"), where + ": seccomp RuntimeDefault");
    assertEquals("/tmp", env.mountPathOf("tmp"), where + ": the JVM needs a writable /tmp (emptyDir)");
    assertNotNull(path(env.volume("tmp"), "emptyDir"), where + ": /tmp must be an emptyDir");
  }

  // ------------------------------------------------------------------ Service, monitoring, network

  @Test
  void serviceAndServiceMonitorReachTheNamedPorts() throws IOException {
    Env env = Env.of("base");
    Set<String> containerPorts = list(env.container().get("ports")).stream()
        .map(p -> str(map(p).get("name"))).collect(Collectors.toSet());
    Map<String, Object> service = env.one("Service", DEPLOYMENT);
    Map<String, Object> podLabels = map(path(env.deployment, "template", "metadata", "labels"));
    assertTrue(podLabels.entrySet().containsAll(map(path(service, "spec", "selector")).entrySet()),
        "the Service's selector does not match the gateway pods");
    Set<String> servicePorts = new LinkedHashSet<>();
    for (Object p : list(path(service, "spec", "ports"))) {
      Object target = map(p).get("targetPort");
      assertTrue(target instanceof String && containerPorts.contains(target),
          "Service port " + map(p).get("name") + " must target a container port by name, not " + target);
      servicePorts.add(str(map(p).get("name")));
    }
    assertTrue(servicePorts.containsAll(Set.of("http", "admin")), "Service ports must include http and admin");

    Map<String, Object> monitor = env.one("ServiceMonitor", DEPLOYMENT);
    Map<String, Object> serviceLabels = map(path(service, "metadata", "labels"));
    assertTrue(serviceLabels.entrySet().containsAll(map(path(monitor, "spec", "selector", "matchLabels")).entrySet()),
        "the ServiceMonitor's selector does not match the Service");
    List<Object> endpoints = list(path(monitor, "spec", "endpoints"));
    assertEquals(1, endpoints.size(), "one scrape endpoint expected");
    assertEquals("admin", map(endpoints.get(0)).get("port"), "ServiceMonitor must scrape the Service's admin port");
    assertEquals("/metrics", map(endpoints.get(0)).get("path"), "ServiceMonitor path");
  }

  @Test
  void networkPolicyOpensExactlyWhatTheGatewayNeeds() throws IOException {
    Env env = Env.of("base");
    Map<String, Object> policy = env.one("NetworkPolicy", DEPLOYMENT);
    Map<String, Object> podLabels = map(path(env.deployment, "template", "metadata", "labels"));
    assertTrue(podLabels.entrySet().containsAll(map(path(policy, "spec", "podSelector", "matchLabels")).entrySet()),
        "the NetworkPolicy does not select the gateway pods");
    assertTrue(strings(path(policy, "spec", "policyTypes")).containsAll(List.of("Ingress", "Egress")),
        "the NetworkPolicy must restrict both directions");
    Map<String, Integer> named = new LinkedHashMap<>();
    for (Object p : list(env.container().get("ports"))) {
      named.put(str(map(p).get("name")), intOf(map(p).get("containerPort")));
    }
    Set<Integer> ingress = policyPorts(list(path(policy, "spec", "ingress")), named);
    Set<Integer> egress = policyPorts(list(path(policy, "spec", "egress")), named);
    assertEquals(Set.of(8080, 9090), ingress, "ingress must open exactly the public and admin ports");
    assertTrue(egress.containsAll(Set.of(6379, 26379, 53, 443)), "egress must allow Redis, sentinel, DNS, HTTPS: " + egress);
  }

  @Test
  void sentinelEndpointsMatchTheRedisStatefulSet() throws IOException {
    Env env = Env.of("base");
    Map<String, Object> sts = env.one("StatefulSet", "redis-sentinel");
    JsonObject redis = env.gatewayJson().getJsonObject("redis");
    assertEquals("sentinel", redis.getString("type"));
    String service = str(path(sts, "spec", "serviceName"));
    int replicas = intOf(path(sts, "spec", "replicas"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      expected.add("rediss://redis-sentinel-" + i + "." + service + ":26379");
    }
    assertEquals(expected, redis.getJsonArray("endpoints").getList(),
        "gateway.json sentinel endpoints: one per pod, rediss:// (the sentinels serve TLS only)");
    String masterEnv = null;
    for (Object init : list(path(sts, "spec", "template", "spec", "initContainers"))) {
      for (Object e : list(map(init).get("env"))) {
        if ("MASTER_NAME".equals(map(e).get("name"))) {
          masterEnv = str(map(e).get("value"));
        }
      }
    }
    assertEquals(redis.getString("master_name"), masterEnv, "redis.master_name must equal the sentinels' MASTER_NAME");
    String init = Files.readString(BASE.resolve("redis/init.sh"));
    assertTrue(init.contains("maxmemory-policy noeviction"), "Redis must never evict idempotency records");
    assertTrue(init.contains("appendonly yes"), "Redis must persist idempotency records (AOF)");
  }

  // ------------------------------------------------------------------ Redis: TLS, ACL users, replication

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void redisAndSentinelsServeTlsOnly(String where) throws Exception {
    Env env = Env.of(where);
    InitRun run = InitRun.of(env, REDIS + "-0", "none");
    Map<String, Integer> ports = new LinkedHashMap<>();
    String tlsSecret = null;
    for (String[] server : List.of(new String[] {"redis", "redis.conf"}, new String[] {"sentinel", "sentinel.conf"})) {
      Map<String, Object> container = env.redisContainer(server[0]);
      Conf conf = run.conf(server[1]);
      int port = intOf(map(list(container.get("ports")).get(0)).get("containerPort"));
      ports.put(server[0], port);
      assertEquals(List.of("0"), conf.values("port"), where + ": " + server[1] + " must close the plaintext port (port 0)");
      assertEquals(List.of(String.valueOf(port)), conf.values("tls-port"),
          where + ": " + server[1] + " must serve TLS on the container port " + port);
      assertEquals("yes", conf.one("tls-replication"), where + ": " + server[1] + ": replication and sentinel links over TLS");
      for (String[] file : List.of(new String[] {"tls-cert-file", "tls.crt"}, new String[] {"tls-key-file", "tls.key"},
          new String[] {"tls-ca-cert-file", "ca.crt"})) {
        SecretRef ref = secretFileAt(env.redisPodSpec(), container, conf.one(file[0]));
        assertNotNull(ref, where + ": " + server[0] + "'s " + file[0] + " " + conf.one(file[0]) + " is not in a mounted Secret");
        assertEquals(file[1], ref.key(), where + ": " + server[0] + "'s " + file[0]);
        assertTrue(tlsSecret == null || tlsSecret.equals(ref.secret()), where + ": one certificate Secret for all servers");
        tlsSecret = ref.secret();
      }
      // The probes speak TLS and authenticate too: there is no plaintext port left to probe.
      String probe = String.join(" ", strings(path(container, "readinessProbe", "exec", "command")));
      assertTrue(probe.contains("--tls") && probe.contains("--cacert") && probe.contains("REDISCLI_AUTH")
          && probe.contains("-p " + port), where + ": " + server[0] + "'s readiness probe must use TLS and AUTH: " + probe);
    }
    assertEquals(ports.values().stream().map(String::valueOf).toList(), list(path(env.one("Service", REDIS), "spec", "ports"))
        .stream().map(p -> String.valueOf(map(p).get("port"))).toList(), where + ": the Service exposes the TLS ports only");
    Map<String, Object> policy = env.one("NetworkPolicy", REDIS);
    assertEquals(new TreeSet<>(ports.values()), policyPorts(list(path(policy, "spec", "ingress")), Map.of()),
        where + ": the Redis NetworkPolicy must admit exactly the TLS ports");
    assertEquals("cert-manager.io/v1", env.redisCertificate(tlsSecret).get("apiVersion"));

    Conf redis = run.conf("redis.conf");
    int lag = Integer.parseInt(redis.one("min-replicas-max-lag"));
    assertTrue(lag >= 1 && lag <= 2, where + ": min-replicas-max-lag " + lag + ": a partitioned master must stop taking "
        + "writes within 2 s (0 would turn the check off)");
    assertTrue(Integer.parseInt(redis.one("min-replicas-to-write")) >= 1, where + ": min-replicas-to-write must be >= 1");
    assertEquals("noeviction", redis.one("maxmemory-policy"), where + ": Redis must never evict idempotency records");
    assertEquals("yes", redis.one("appendonly"), where + ": Redis must persist idempotency records (AOF)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void everyRedisServerHasTheAdminAndTheGatewaysLeastPrivilegeUser(String where) throws Exception {
    Env env = Env.of(where);
    InitRun run = InitRun.of(env, REDIS + "-0", "none");
    // The rule init.sh applies comes from the very file RedisTlsTopologiesTest runs the store against.
    assertEquals(ROOT.resolve(GatewayAcl.PRODUCTION_FILE).normalize(), run.aclRules().normalize(),
        where + ": init.sh must read the gateway user's rule from " + GatewayAcl.PRODUCTION_FILE);
    GatewayAcl acl = GatewayAcl.load(run.aclRules());
    assertTrue(acl.dataNode().contains("~gw:*") && acl.dataNode().contains("-@all")
        && !acl.dataNode().contains("+@all") && !acl.dataNode().contains("~*"),
        where + ": the gateway's data-node rule must be least privilege on its own keys: " + acl.dataNode());
    assertTrue(acl.sentinel().contains("-@all") && !acl.sentinel().contains("+sentinel"),
        where + ": the gateway's sentinel rule must not allow every SENTINEL subcommand: " + acl.sentinel());

    String admin = run.secret("default.password");
    String user = run.secret("gateway.username");
    String password = run.secret("gateway.password");
    assertNotEquals("default", user, where + ": the gateway must not use the admin user");
    String adminUser = "default on >" + admin + " ~* &* +@all";
    Conf redis = run.conf("redis.conf");
    assertEquals(List.of(adminUser, String.join(" ", acl.dataNodeUser(user, password))), redis.values("user"),
        where + ": redis.conf users: the admin, and the gateway's with exactly the rule file's data rule");
    assertEquals(admin, redis.one("masterauth"), where + ": replicas authenticate as the admin");
    Conf sentinel = run.conf("sentinel.conf");
    assertEquals(List.of(adminUser, String.join(" ", acl.sentinelUser(user, password))), sentinel.values("user"),
        where + ": sentinel.conf users: the admin, and the gateway's with exactly the rule file's sentinel rule");
    String master = env.gatewayJson().getJsonObject("redis").getString("master_name");
    assertEquals(List.of(master + " " + admin), sentinel.sentinel("auth-pass"), where + ": sentinels authenticate to nodes");
    assertEquals(List.of(admin), sentinel.sentinel("sentinel-pass"), where + ": sentinels authenticate to each other");

    // The gateway's user on Redis is the one the gateway logs in with: the same Secret keys.
    Map<String, SecretRef> gatewayFiles = env.secretsDirFiles();
    assertEquals(gatewayFiles.get("redis.username").source(), run.aclSources().get("gateway.username").source(),
        where + ": Redis must take the gateway's user name from the Secret key the gateway reads");
    assertEquals(gatewayFiles.get("redis.password").source(), run.aclSources().get("gateway.password").source(),
        where + ": Redis must take the gateway's password from the Secret key the gateway reads");
    // The record sealing keys are the gateway's alone: no volume of the Redis pods carries them.
    for (Object v : list(env.redisPodSpec().get("volumes"))) {
      for (SecretRef ref : secretFiles(map(v)).values()) {
        assertNotEquals(SealingKeys.FILE_NAME, ref.key(), where + ": the Redis pods must never see " + ref.source());
      }
    }
  }

  @Test
  void initScriptAsksPeersOverTlsAsTheAdminAndNeverBootstrapsPastARefusal() throws Exception {
    Env env = Env.of("overlays/prod");
    InitRun alone = InitRun.of(env, REDIS + "-1", "none");
    String pod0 = alone.fqdn(REDIS + "-0");
    assertEquals(List.of(pod0 + " 6379"), alone.conf("redis.conf").values("replicaof"),
        "no sentinel answering: pod 1 follows pod 0");
    assertFalse(alone.cliCalls().isEmpty(), "init.sh must ask the peers' sentinels");
    SecretRef ca = null;
    for (String call : alone.cliCalls()) {
      List<String> args = List.of(call.split(" "));
      assertEquals("AUTH=" + alone.secret("default.password"), args.get(0), "peers are asked as the admin: " + call);
      assertTrue(args.contains("--tls") && args.contains("-p") && "26379".equals(args.get(args.indexOf("-p") + 1)),
          "peers' sentinels are asked over TLS on their TLS port: " + call);
      ca = secretFileAt(env.redisPodSpec(), env.redisContainer("discover"), args.get(args.indexOf("--cacert") + 1));
      assertEquals("ca.crt", ca == null ? null : ca.key(), "redis-cli must trust the CA of the Redis certificate: " + call);
    }

    InitRun first = InitRun.of(env, REDIS + "-0", "none");
    assertEquals(List.of(), first.conf("redis.conf").values("replicaof"), "no sentinel answering: pod 0 bootstraps as master");
    assertEquals(List.of("gateway " + pod0 + " 6379 2"), first.conf("sentinel.conf").sentinel("monitor"));

    InitRun following = InitRun.of(env, REDIS + "-0", "master");
    assertEquals(List.of(InitRun.REPORTED_MASTER + " 6379"), following.conf("redis.conf").values("replicaof"),
        "a restarted pod 0 follows the master the sentinels name, never itself");
    assertEquals(List.of("gateway " + InitRun.REPORTED_MASTER + " 6379 2"), following.conf("sentinel.conf").sentinel("monitor"));

    InitRun refused = InitRun.of(env, REDIS + "-0", "refuse");
    assertNotEquals(0, refused.exit(), "a sentinel refusing our TLS or password is not 'no sentinel': init.sh must stop");
    assertFalse(Files.exists(refused.out().resolve("redis.conf")), "and write no config: " + refused.output());
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void redisCertificateNamesEveryHostTheGatewayVerifies(String where) throws Exception {
    Env env = Env.of(where);
    assertNotNull(env.namespace, where + " must set its namespace: the announced FQDNs hold it");
    Set<String> needed = new TreeSet<>();
    for (Object endpoint : env.gatewayJson().getJsonObject("redis").getJsonArray("endpoints")) {
      needed.add(URI.create(String.valueOf(endpoint)).getHost());
    }
    int replicas = intOf(path(env.redisSet(), "spec", "replicas"));
    for (int i = 0; i < replicas; i++) {
      InitRun run = InitRun.of(env, REDIS + "-" + i, "none");
      needed.add(run.conf("redis.conf").one("replica-announce-ip"));
      needed.add(run.conf("sentinel.conf").sentinel("announce-ip").get(0));
      needed.add(run.conf("sentinel.conf").sentinel("monitor").get(0).split(" ")[1]);
    }
    assertTrue(needed.stream().anyMatch(h -> h.endsWith("." + env.namespace + ".svc.cluster.local")),
        where + ": expected the announced FQDNs among " + needed);
    String tlsSecret = secretFileAt(env.redisPodSpec(), env.redisContainer("redis"),
        InitRun.of(env, REDIS + "-0", "none").conf("redis.conf").one("tls-cert-file")).secret();
    Map<String, Object> cert = env.redisCertificate(tlsSecret);
    Set<String> sans = new TreeSet<>(strings(path(cert, "spec", "dnsNames")));
    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(sans);
    assertEquals(Set.of(), missing, where + ": the gateway verifies these names, absent from the certificate's dnsNames");
    List<String> usages = strings(path(cert, "spec", "usages"));
    assertTrue(usages.isEmpty() || usages.containsAll(List.of("server auth", "client auth")),
        where + ": the certificate serves clients and authenticates replication links: " + usages);
    assertNotNull(path(cert, "spec", "issuerRef", "name"), where + ": the Certificate must name its Issuer");
  }

  @Test
  void devIssuesItsOwnCaAndDevOnlySecrets() throws IOException {
    Env dev = Env.of("overlays/dev");
    Map<String, Object> cert = dev.redisCertificate("redis-tls");
    String issuerName = str(path(cert, "spec", "issuerRef", "name"));
    Map<String, Object> issuer = dev.one("Issuer", issuerName);
    String caSecret = str(path(issuer, "spec", "ca", "secretName"));
    assertNotNull(caSecret, "dev: Issuer " + issuerName + " must be a CA issuer");
    Map<String, Object> ca = dev.redisCertificate(caSecret);
    assertEquals(Boolean.TRUE, path(ca, "spec", "isCA"), "dev: the CA Certificate must be isCA");
    Map<String, Object> root = dev.one("Issuer", str(path(ca, "spec", "issuerRef", "name")));
    assertNotNull(path(root, "spec", "selfSigned"), "dev: the CA is self-signed");

    Map<String, Path> store = dev.generated.get(STORE_SECRET);
    assertNotNull(store, "dev must generate " + STORE_SECRET);
    assertEquals(STORE_FILES, store.keySet(), "dev: " + STORE_SECRET + " keys");
    String keys = Files.readString(store.get("records.keys"));
    assertTrue(keys.contains("DEV ONLY"), "dev: records.keys must say it is a dev-only key");
    SealingKeys.parse(keys);
    assertNotNull(dev.generated.get("redis-acl"), "dev must generate redis-acl");
    Env prod = Env.of("overlays/prod");
    for (String secret : List.of(STORE_SECRET, "redis-acl")) {
      assertNull(prod.generated.get(secret), "prod: " + secret + " is created outside git, never generated");
    }
    assertTrue(prod.resources.stream().noneMatch(r -> "Issuer".equals(r.get("kind"))),
        "prod: the Issuer is created outside git");
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
  void gatewayReachesRedisOverVerifiedTlsAndWaitsForAReplica(String where) throws Exception {
    Env env = Env.of(where);
    JsonObject redis = env.gatewayJson().getJsonObject("redis");
    for (Object endpoint : redis.getJsonArray("endpoints")) {
      assertTrue(String.valueOf(endpoint).startsWith("rediss://"), where + ": " + endpoint + " must be rediss://");
    }
    String caFile = redis.getString("ca_file");
    assertNotNull(caFile, where + ": redis.ca_file must name the private CA");
    SecretRef ca = secretFileAt(env.podSpec(), env.container(), caFile);
    assertNotNull(ca, where + ": redis.ca_file " + caFile + " is not inside a mounted Secret");
    String tlsSecret = secretFileAt(env.redisPodSpec(), env.redisContainer("redis"),
        InitRun.of(env, REDIS + "-0", "none").conf("redis.conf").one("tls-cert-file")).secret();
    assertEquals(tlsSecret + "/ca.crt", ca.source(), where + ": redis.ca_file must be the CA of the Redis certificate");
    int acks = redis.getInteger("min_replica_acks", 0);
    if (where.startsWith("overlays/")) {
      assertEquals(1, acks, where + ": redis.min_replica_acks must be 1 (a claim counts once a replica holds it)");
    }
    assertTrue(acks < intOf(path(env.redisSet(), "spec", "replicas")), where + ": not enough replicas to ack");
  }

  @Test
  void anAlertFiresWhenRedisMayEvictRecords() throws IOException {
    Map<String, Object> rule = Env.of("base").one("PrometheusRule", DEPLOYMENT);
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (Object group : list(path(rule, "spec", "groups"))) {
      for (Object r : list(map(group).get("rules"))) {
        if (metricNames(str(map(r).get("expr"))).contains(EVICTION_METRIC)) {
          alerts.add(map(r));
        }
      }
    }
    assertEquals(1, alerts.size(), "one alert on " + EVICTION_METRIC + " (the gateway refuses payments while it is 0)");
    assertTrue(str(alerts.get(0).get("expr")).replace(" ", "").endsWith(EVICTION_METRIC + "==0"),
        "the alert must fire when " + EVICTION_METRIC + " is 0: " + alerts.get(0).get("expr"));
    assertEquals("critical", path(alerts.get(0), "labels", "severity"), "money calls are refused: critical");
  }

  // ------------------------------------------------------------------ metric names

  @Test
  void alertsUseOnlyExportedMetricsAndCarryTheirAnnotations() throws IOException {
    Set<String> allowed = allowedMetrics();
    Map<String, Object> rule = Env.of("base").one("PrometheusRule", DEPLOYMENT);
    Set<String> used = new TreeSet<>();
    int alerts = 0;
    for (Object group : list(path(rule, "spec", "groups"))) {
      for (Object r : list(map(group).get("rules"))) {
        Map<String, Object> alert = map(r);
        String name = str(alert.get("alert"));
        Set<String> metrics = metricNames(str(alert.get("expr")));
        assertFalse(metrics.isEmpty(), name + ": no metric found in its expression");
        for (String metric : metrics) {
          assertTrue(allowed.contains(metric), "alert " + name + " uses " + metric + ", not in " + rel(METRIC_NAMES));
        }
        used.addAll(metrics);
        assertNotNull(alert.get("for"), name + ": needs `for:`");
        assertNotNull(path(alert, "labels", "severity"), name + ": needs a severity label");
        for (String annotation : List.of("summary", "description", "runbook")) {
          assertNotNull(path(alert, "annotations", annotation), name + ": needs a " + annotation + " annotation");
        }
        alerts++;
      }
    }
    assertTrue(alerts >= 9, "expected the full alert set, found " + alerts);
    assertTrue(used.containsAll(Set.of("gateway_request_duration_seconds_bucket", "gateway_redis_up",
        "gateway_circuit_state", "gateway_ready", "gateway_deadline_exceeded_total")), "alerts cover too little: " + used);
  }

  @Test
  void dashboardUsesOnlyExportedMetrics() throws IOException {
    Set<String> allowed = allowedMetrics();
    JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
    List<String> exprs = new ArrayList<>();
    collectExprs(dashboard, exprs);
    assertTrue(exprs.size() >= 20, "expected the dashboard's queries, found " + exprs.size());
    Set<String> used = new TreeSet<>();
    for (String expr : exprs) {
      for (String metric : metricNames(expr)) {
        assertTrue(allowed.contains(metric), "dashboard query uses " + metric + ", not in " + rel(METRIC_NAMES) + ": " + expr);
        used.add(metric);
      }
    }
    for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
      JsonObject var = (JsonObject) v;
      String query = var.getValue("query") instanceof JsonObject q ? q.getString("query") : var.getString("query");
      if (query != null && query.startsWith("label_values(")) {
        String metricPart = query.substring("label_values(".length(), query.lastIndexOf(','));
        for (String metric : metricNames(metricPart)) {
          assertTrue(allowed.contains(metric), "dashboard variable " + var.getString("name") + " uses " + metric);
        }
      }
    }
    assertTrue(used.size() >= 15, "dashboard covers too few metrics: " + used);
  }

  /**
   * Metric names in a PromQL expression: identifiers that are not functions (followed by '('),
   * keywords or aggregation operators, skipping label matchers, strings, ranges, numbers and the
   * label lists of by/without/on/ignoring/group_left/group_right. Grafana variables ($x) are skipped.
   */
  static Set<String> metricNames(String promql) {
    Set<String> names = new TreeSet<>();
    int n = promql.length();
    int i = 0;
    while (i < n) {
      char c = promql.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(promql, i);
      } else if (c == '{') {
        i = skipBalanced(promql, i, '{', '}');
      } else if (c == '[') {
        i = skipBalanced(promql, i, '[', ']');
      } else if (c == '#') {
        int eol = promql.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '$') {
        i++;
        if (i < n && promql.charAt(i) == '{') {
          i = skipBalanced(promql, i, '{', '}');
        } else {
          while (i < n && isIdentPart(promql.charAt(i))) {
            i++;
          }
        }
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(promql.charAt(i + 1))) {
        i = skipNumber(promql, i);
      } else if (isIdentStart(c)) {
        int start = i;
        while (i < n && isIdentPart(promql.charAt(i))) {
          i++;
        }
        String word = promql.substring(start, i);
        int next = i;
        while (next < n && Character.isWhitespace(promql.charAt(next))) {
          next++;
        }
        boolean call = next < n && promql.charAt(next) == '(';
        String lower = word.toLowerCase(Locale.ROOT);
        if (LABEL_LIST_KEYWORDS.contains(lower)) {
          if (call) {
            i = skipBalanced(promql, next, '(', ')');
          }
        } else if (!call && !KEYWORDS.contains(lower)) {
          names.add(word);
        }
      } else {
        i++;
      }
    }
    return names;
  }

  private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
      "group_right");
  private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
      "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio", "and", "or", "unless", "bool",
      "offset", "atan2", "inf", "nan", "start", "end");

  @Test
  void metricNamesFindsMetricsAndNothingElse() {
    assertEquals(Set.of("gateway_request_duration_seconds_bucket"), metricNames(
        "histogram_quantile(0.99, sum by (namespace, route, le) (rate("
            + "gateway_request_duration_seconds_bucket{route=\"/orders/{order_id}\", le!=\"0.5\"}[5m]))) > 1.511"));
    assertEquals(Set.of("gateway_redis_errors_total", "gateway_redis_duration_seconds_count", "gateway_ready"),
        metricNames("sum without (pod) (rate(gateway_redis_errors_total{op=~\"claim|settle\"}[$__rate_interval]))\n"
            + "/ on(namespace) group_left(tenant) sum by (namespace) (increase(gateway_redis_duration_seconds_count[1h] offset 5m))\n"
            + "> 1e-3 and max(gateway_ready) == bool 0"));
    assertEquals(Set.of("process_cpu_usage", "vertx_pool_in_use"), metricNames(
        "vector(0.04614) + topk(3, max by (pod) (process_cpu_usage{namespace=~\"$namespace\"})) "
            + "or label_replace(vertx_pool_in_use, \"dst\", \"$1\", \"pool_type\", \"(.*)\")"));
    assertEquals(Set.of(), metricNames("vector(1) * scalar(time())"));
  }

  // ------------------------------------------------------------------ helpers: an environment

  /** One kustomize target (base or an overlay), with its patches merged over the base. */
  private static final class Env {
    final String where;
    final List<Map<String, Object>> resources;
    final Map<String, Object> deployment;
    final Map<String, Path> configFiles;
    /** Every configMapGenerator and secretGenerator: name, then key, then the file it is made from. */
    final Map<String, Map<String, Path>> generated;
    /** The `namespace:` the outermost kustomization sets, or null (base). */
    final String namespace;

    private Env(String where, List<Map<String, Object>> resources, Map<String, Map<String, Path>> generated,
        String namespace) {
      this.where = where;
      this.resources = resources;
      this.generated = generated;
      this.configFiles = generated.getOrDefault(CONFIG_MAP, Map.of());
      this.namespace = namespace;
      this.deployment = map(one("Deployment", DEPLOYMENT).get("spec"));
    }

    static Env of(String where) throws IOException {
      List<Map<String, Object>> resources = new ArrayList<>();
      Map<String, Map<String, Path>> generated = new LinkedHashMap<>();
      String[] namespace = new String[1];
      build(K8S.resolve(where), resources, generated, namespace);
      return new Env(where, resources, generated, namespace[0]);
    }

    /**
     * A minimal kustomize: resources (files and directories), path patches, the generators' files
     * (create, merge, replace) and the namespace (recorded, as the outermost one wins).
     */
    private static void build(Path dir, List<Map<String, Object>> out, Map<String, Map<String, Path>> generated,
        String[] namespace) throws IOException {
      Map<String, Object> kust = load(dir.resolve("kustomization.yaml")).get(0);
      for (String resource : strings(kust.get("resources"))) {
        Path target = dir.resolve(resource).normalize();
        if (Files.isDirectory(target)) {
          build(target, out, generated, namespace);
        } else {
          out.addAll(load(target));
        }
      }
      if (kust.get("namespace") != null) {
        namespace[0] = str(kust.get("namespace"));
      }
      for (Object patch : list(kust.get("patches"))) {
        for (Map<String, Object> p : load(dir.resolve(str(map(patch).get("path"))))) {
          Map<String, Object> target = out.stream()
              .filter(r -> Objects.equals(r.get("kind"), p.get("kind"))
                  && Objects.equals(path(r, "metadata", "name"), path(p, "metadata", "name")))
              .findFirst().orElseThrow(() -> new AssertionError(rel(dir) + ": patch for " + p.get("kind") + " "
                  + path(p, "metadata", "name") + " matches no resource"));
          merge(target, p);
        }
      }
      for (String kind : List.of("configMapGenerator", "secretGenerator")) {
        for (Object gen : list(kust.get(kind))) {
          String behavior = String.valueOf(map(gen).getOrDefault("behavior", "create"));
          Map<String, Path> files = generated.computeIfAbsent(str(map(gen).get("name")), n -> new LinkedHashMap<>());
          if (behavior.equals("replace") || behavior.equals("create")) {
            files.clear();
          }
          for (String file : strings(map(gen).get("files"))) {
            int eq = file.indexOf('=');
            String key = eq < 0 ? Path.of(file).getFileName().toString() : file.substring(0, eq);
            files.put(key, dir.resolve(eq < 0 ? file : file.substring(eq + 1)));
          }
        }
      }
    }

    Map<String, Object> one(String kind, String name) {
      List<Map<String, Object>> found = resources.stream()
          .filter(r -> kind.equals(r.get("kind")) && name.equals(path(r, "metadata", "name"))).toList();
      assertEquals(1, found.size(), where + ": expected exactly one " + kind + " named " + name);
      return found.get(0);
    }

    Map<String, Object> podSpec() {
      return map(path(deployment, "template", "spec"));
    }

    Map<String, Object> container() {
      return list(podSpec().get("containers")).stream().map(KubernetesManifestsTest::map)
          .filter(c -> CONTAINER.equals(c.get("name"))).findFirst()
          .orElseThrow(() -> new AssertionError(where + ": no container named " + CONTAINER));
    }

    Map<String, String> envVars() {
      Map<String, String> vars = new LinkedHashMap<>();
      for (Object e : list(container().get("env"))) {
        String name = str(map(e).get("name"));
        assertFalse(vars.containsKey(name), where + ": env " + name + " is set twice");
        vars.put(name, str(map(e).get("value")));
      }
      return vars;
    }

    Map<String, Object> volume(String nameOrSecret) {
      for (Object v : list(podSpec().get("volumes"))) {
        Map<String, Object> vol = map(v);
        if (nameOrSecret.equals(vol.get("name")) || nameOrSecret.equals(path(vol, "secret", "secretName"))) {
          return vol;
        }
      }
      return null;
    }

    Map<String, Object> volumeOfConfigMap(String configMap) {
      for (Object v : list(podSpec().get("volumes"))) {
        if (configMap.equals(path(map(v), "configMap", "name"))) {
          return map(v);
        }
      }
      throw new AssertionError(where + ": no volume of ConfigMap " + configMap);
    }

    String mountPathOf(String volumeName) {
      List<String> paths = list(container().get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
          .filter(m -> volumeName.equals(m.get("name"))).map(m -> str(m.get("mountPath"))).toList();
      assertEquals(1, paths.size(), where + ": volume " + volumeName + " must be mounted exactly once");
      return paths.get(0);
    }

    /** The Secret (or projected) volume whose mount holds this file as one of its paths, or null. */
    String secretMountHolding(String file) {
      SecretRef ref = secretFileAt(podSpec(), container(), file);
      return ref == null ? null : ref.volume();
    }

    Map<String, Path> configFiles() {
      return configFiles;
    }

    /** GATEWAY_SECRETS_DIR's files (path inside it, then source), from the one volume mounted there. */
    Map<String, SecretRef> secretsDirFiles() {
      String dir = envVars().get("GATEWAY_SECRETS_DIR");
      List<String> volumes = list(container().get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
          .filter(m -> dir.equals(m.get("mountPath"))).map(m -> str(m.get("name"))).toList();
      assertEquals(1, volumes.size(), where + ": exactly one volume must be mounted at GATEWAY_SECRETS_DIR " + dir);
      Map<String, SecretRef> files = secretFiles(volumeNamed(podSpec(), volumes.get(0)));
      assertFalse(files.isEmpty(), where + ": the volume at " + dir + " must list its Secrets' items");
      return files;
    }

    Map<String, Object> redisSet() {
      return one("StatefulSet", REDIS);
    }

    Map<String, Object> redisPodSpec() {
      return map(path(redisSet(), "spec", "template", "spec"));
    }

    /** A container or init container of the Redis pods. */
    Map<String, Object> redisContainer(String name) {
      Map<String, Object> pod = redisPodSpec();
      return Stream.concat(list(pod.get("initContainers")).stream(), list(pod.get("containers")).stream())
          .map(KubernetesManifestsTest::map).filter(c -> name.equals(c.get("name"))).findFirst()
          .orElseThrow(() -> new AssertionError(where + ": the Redis pods have no container " + name));
    }

    /** The Secret whose certificate the Redis containers serve (the one their tls-cert-file is in). */
    Map<String, Object> redisCertificate(String secret) {
      List<Map<String, Object>> found = resources.stream()
          .filter(r -> "Certificate".equals(r.get("kind")) && secret.equals(path(r, "spec", "secretName"))).toList();
      assertEquals(1, found.size(), where + ": expected one cert-manager Certificate writing Secret " + secret);
      return found.get(0);
    }

    JsonObject gatewayJson() throws IOException {
      return json("gateway.json");
    }

    JsonObject tenantsJson() throws IOException {
      return json("tenants.json");
    }

    private JsonObject json(String key) throws IOException {
      Path file = configFiles.get(key);
      assertNotNull(file, where + ": the ConfigMap " + CONFIG_MAP + " has no key " + key);
      try {
        return new JsonObject(Files.readString(file));
      } catch (DecodeException e) {
        throw new AssertionError(where + ": " + rel(file) + " is not valid JSON: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Strategic merge, as far as these manifests need it: maps merge recursively; lists of objects
   * merge by `name` (containers, env, volumes) or `mountPath` (volumeMounts); other lists are replaced.
   */
  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, Map<String, Object> patch) {
    for (Map.Entry<String, Object> e : patch.entrySet()) {
      Object current = target.get(e.getKey());
      Object value = e.getValue();
      if (current instanceof Map && value instanceof Map) {
        merge((Map<String, Object>) current, (Map<String, Object>) value);
      } else if (current instanceof List && value instanceof List && mergeKey(e.getKey()) != null) {
        String key = mergeKey(e.getKey());
        List<Object> merged = new ArrayList<>((List<Object>) value);
        for (Object old : (List<Object>) current) {
          Object oldKey = map(old).get(key);
          Map<String, Object> replacement = ((List<Object>) value).stream().map(KubernetesManifestsTest::map)
              .filter(v -> Objects.equals(v.get(key), oldKey)).findFirst().orElse(null);
          if (replacement == null) {
            merged.add(old);
          } else {
            Map<String, Object> combined = new LinkedHashMap<>(map(old));
            merge(combined, replacement);
            merged.set(merged.indexOf(replacement), combined);
          }
        }
        target.put(e.getKey(), merged);
      } else {
        target.put(e.getKey(), value);
      }
    }
  }

  private static String mergeKey(String field) {
    return switch (field) {
      case "containers", "initContainers", "env", "volumes" -> "name";
      case "volumeMounts" -> "mountPath";
      default -> null;
    };
  }

  // ------------------------------------------------------------------ helpers: init.sh of the Redis pods

  /**
   * The Redis pods' init.sh, run as their init container would run it: the script and the ACL rule
   * file from the generated ConfigMap it is mounted from, the container's env, and the Secret files
   * it reads (the overlay's generated values where it has them, test values otherwise). Peers are
   * faked: redis-cli answers as {@code mode} says ("none": nobody there; "master": the sentinels name
   * {@link #REPORTED_MASTER}; "refuse": a sentinel refuses the password), and sleep returns at once.
   */
  private record InitRun(int exit, String output, Path out, Path aclRules, Map<String, SecretRef> aclSources,
      Map<String, String> secrets, List<String> cliCalls, String namespace, String clusterDomain) {
    static final String REPORTED_MASTER = "the-master.example.test";
    private static final Pattern DEFAULT = Pattern.compile("(\\w+)=\"\\$\\{\\1:-([^}]*)}\"");
    private static final Pattern SECRET_READ = Pattern.compile("\\$\\(secret ([\\w.-]+)\\)");

    static InitRun of(Env env, String pod, String mode) throws IOException, InterruptedException {
      Map<String, Object> podSpec = env.redisPodSpec();
      List<Object> inits = list(podSpec.get("initContainers"));
      assertEquals(1, inits.size(), env.where + ": the Redis pods should have one init container");
      Map<String, Object> init = map(inits.get(0));
      List<String> command = strings(init.get("command"));
      assertEquals("sh", command.get(0), env.where + ": the init container runs a shell script");
      Path script = configMapFileAt(env, podSpec, init, command.get(1));
      assertNotNull(script, env.where + ": " + command.get(1) + " comes from no generated ConfigMap");
      String text = Files.readString(script);
      Map<String, String> defaults = new LinkedHashMap<>();
      Matcher d = DEFAULT.matcher(text);
      while (d.find()) {
        defaults.put(d.group(1), d.group(2));
      }
      String namespace = env.namespace == null ? "default" : env.namespace;
      Map<String, String> vars = new LinkedHashMap<>();
      for (Object e : list(init.get("env"))) {
        Map<String, Object> var = map(e);
        Object value = "metadata.namespace".equals(path(var, "valueFrom", "fieldRef", "fieldPath")) ? namespace
            : var.get("value");
        assertNotNull(value, env.where + ": init env " + var.get("name") + " has no value this test knows");
        vars.put(str(var.get("name")), str(value));
      }

      String rulesInPod = vars.getOrDefault("ACL_RULES", defaults.get("ACL_RULES"));
      assertNotNull(rulesInPod, env.where + ": init.sh must name its ACL rule file (ACL_RULES)");
      Path rules = configMapFileAt(env, podSpec, init, rulesInPod);
      assertNotNull(rules, env.where + ": init.sh reads " + rulesInPod + ", which no generated ConfigMap provides");
      String aclDirInPod = vars.getOrDefault("ACL_DIR", defaults.get("ACL_DIR"));
      Path dir = Files.createTempDirectory("init-sh");
      Path acl = Files.createDirectory(dir.resolve("acl"));
      Path out = Files.createDirectory(dir.resolve("out"));
      Path bin = Files.createDirectory(dir.resolve("bin"));
      Map<String, SecretRef> sources = new LinkedHashMap<>();
      Map<String, String> secrets = new LinkedHashMap<>();
      Matcher s = SECRET_READ.matcher(text);
      while (s.find()) {
        String name = s.group(1);
        SecretRef ref = secretFileAt(podSpec, init, aclDirInPod + "/" + name);
        assertNotNull(ref, env.where + ": init.sh reads " + aclDirInPod + "/" + name + ", which no Secret provides");
        Path generated = env.generated.getOrDefault(ref.secret(), Map.of()).get(ref.key());
        String value = generated != null ? Files.readString(generated).strip() : "test-" + name.replace('.', '-');
        Files.writeString(acl.resolve(name), value);
        sources.put(name, ref);
        secrets.put(name, value);
      }
      assertFalse(sources.isEmpty(), env.where + ": init.sh reads no secret");

      Path log = dir.resolve("redis-cli.log");
      Files.writeString(bin.resolve("redis-cli"), String.join("\n", "#!/bin/sh",
          "echo \"AUTH=${REDISCLI_AUTH:-} $*\" >> \"$FAKE_LOG\"",
          "case \"$FAKE_MODE\" in",
          "  master) echo \"$FAKE_MASTER\"; echo 6379 ;;",
          "  refuse) echo 'AUTH failed: WRONGPASS invalid username-password pair or user is disabled.' >&2;"
              + " echo 'NOAUTH Authentication required.' ;;",
          "  *) echo 'Could not connect to Redis: Name or service not known' >&2; exit 1 ;;",
          "esac", ""));
      Files.writeString(bin.resolve("sleep"), "#!/bin/sh\nexit 0\n");
      for (String tool : List.of("redis-cli", "sleep")) {
        assertTrue(bin.resolve(tool).toFile().setExecutable(true));
      }
      ProcessBuilder pb = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
      Map<String, String> processEnv = pb.environment();
      processEnv.clear();
      processEnv.putAll(vars);
      processEnv.putAll(Map.of("PATH", bin + ":" + System.getenv("PATH"), "HOSTNAME", pod, "OUT", out.toString(),
          "ACL_DIR", acl.toString(), "ACL_RULES", rules.toString(), "FAKE_MODE", mode, "FAKE_LOG", log.toString(),
          "FAKE_MASTER", REPORTED_MASTER));
      Process process = pb.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "init.sh did not finish: " + output);
      List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
      String domain = vars.getOrDefault("CLUSTER_DOMAIN", defaults.get("CLUSTER_DOMAIN"));
      return new InitRun(process.exitValue(), output, out, rules, sources, secrets, calls, namespace, domain);
    }

    Conf conf(String name) throws IOException {
      Path file = out.resolve(name);
      assertTrue(exit == 0 && Files.isRegularFile(file), "init.sh failed (" + exit + ") or wrote no " + name + ": " + output);
      return Conf.parse(Files.readString(file));
    }

    String secret(String name) {
      return Objects.requireNonNull(secrets.get(name), "init.sh reads no secret " + name);
    }

    String fqdn(String pod) {
      return pod + "." + REDIS + "." + namespace + ".svc." + clusterDomain;
    }
  }

  /** A redis.conf or sentinel.conf: its directives, whitespace normalised, comments dropped. */
  private record Conf(List<List<String>> lines) {
    static Conf parse(String text) {
      List<List<String>> lines = new ArrayList<>();
      for (String raw : text.split("\n")) {
        String line = raw.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          lines.add(List.of(line.split("\\s+")));
        }
      }
      return new Conf(lines);
    }

    /** What follows each occurrence of the directive. */
    List<String> values(String directive) {
      return lines.stream().filter(l -> l.get(0).equals(directive))
          .map(l -> String.join(" ", l.subList(1, l.size()))).toList();
    }

    String one(String directive) {
      List<String> values = values(directive);
      assertEquals(1, values.size(), "expected one '" + directive + "' line, found " + values);
      return values.get(0);
    }

    /** What follows each {@code sentinel <sub>} line. */
    List<String> sentinel(String sub) {
      return lines.stream().filter(l -> l.get(0).equals("sentinel") && l.size() > 1 && l.get(1).equals(sub))
          .map(l -> String.join(" ", l.subList(2, l.size()))).toList();
    }
  }

  // ------------------------------------------------------------------ helpers: volumes

  /** A file in a pod that a Secret key provides, through a volume. */
  private record SecretRef(String volume, String secret, String key) {
    String source() {
      return secret + "/" + key;
    }
  }

  private static Map<String, Object> volumeNamed(Map<String, Object> podSpec, String name) {
    return list(podSpec.get("volumes")).stream().map(KubernetesManifestsTest::map)
        .filter(v -> name.equals(v.get("name"))).findFirst().orElse(null);
  }

  /** The items of a Secret or projected volume: path inside the volume, then its source. */
  private static Map<String, SecretRef> secretFiles(Map<String, Object> volume) {
    Map<String, SecretRef> files = new LinkedHashMap<>();
    if (volume == null) {
      return files;
    }
    String name = str(volume.get("name"));
    List<Map<String, Object>> sources = new ArrayList<>();
    if (volume.get("secret") != null) {
      Map<String, Object> secret = map(volume.get("secret"));
      sources.add(Map.of("name", secret.get("secretName"), "items", secret.getOrDefault("items", List.of())));
    }
    for (Object source : list(path(volume, "projected", "sources"))) {
      if (map(source).get("secret") != null) {
        sources.add(map(map(source).get("secret")));
      }
    }
    for (Map<String, Object> secret : sources) {
      for (Object item : list(secret.get("items"))) {
        SecretRef ref = new SecretRef(name, str(secret.get("name")), str(map(item).get("key")));
        assertNull(files.put(str(map(item).get("path")), ref), "volume " + name + " projects "
            + map(item).get("path") + " twice");
      }
    }
    return files;
  }

  /**
   * The Secret key behind a file a container sees, or null. A Secret volume without items provides
   * every key (the file name is the key).
   */
  private static SecretRef secretFileAt(Map<String, Object> podSpec, Map<String, Object> container, String file) {
    for (Object m : list(container.get("volumeMounts"))) {
      String mount = str(map(m).get("mountPath"));
      Map<String, Object> vol = volumeNamed(podSpec, str(map(m).get("name")));
      if (vol == null || file == null || !file.startsWith(mount + "/")) {
        continue;
      }
      String inside = file.substring(mount.length() + 1);
      if (vol.get("secret") != null && list(path(vol, "secret", "items")).isEmpty()) {
        return new SecretRef(str(vol.get("name")), str(path(vol, "secret", "secretName")), inside);
      }
      SecretRef ref = secretFiles(vol).get(inside);
      if (ref != null) {
        return ref;
      }
    }
    return null;
  }

  /** The file in the repo behind a file a container sees through a generated ConfigMap, or null. */
  private static Path configMapFileAt(Env env, Map<String, Object> podSpec, Map<String, Object> container,
      String file) {
    for (Object m : list(container.get("volumeMounts"))) {
      String mount = str(map(m).get("mountPath"));
      Map<String, Object> vol = volumeNamed(podSpec, str(map(m).get("name")));
      if (vol == null || vol.get("configMap") == null || !file.startsWith(mount + "/")) {
        continue;
      }
      Map<String, Path> files = env.generated.get(str(path(vol, "configMap", "name")));
      if (files != null) {
        return files.get(file.substring(mount.length() + 1));
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ helpers: files and trees

  private static Set<String> allowedMetrics() throws IOException {
    Set<String> names = new TreeSet<>();
    for (String line : Files.readAllLines(METRIC_NAMES)) {
      String name = line.replaceAll("#.*", "").trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    assertTrue(names.size() >= 20, rel(METRIC_NAMES) + " lists too few names: " + names);
    return names;
  }

  private static void collectExprs(Object node, List<String> out) {
    if (node instanceof JsonObject o) {
      for (String key : o.fieldNames()) {
        Object v = o.getValue(key);
        if (key.equals("expr") && v instanceof String s) {
          out.add(s);
        } else {
          collectExprs(v, out);
        }
      }
    } else if (node instanceof JsonArray a) {
      for (Object v : a) {
        collectExprs(v, out);
      }
    }
  }

  private static Set<Integer> policyPorts(List<Object> rules, Map<String, Integer> named) {
    Set<Integer> ports = new TreeSet<>();
    for (Object rule : rules) {
      for (Object p : list(map(rule).get("ports"))) {
        Object port = map(p).get("port");
        ports.add(port instanceof String s ? named.getOrDefault(s, -1) : intOf(port));
      }
    }
    return ports;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> load(Path file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (Object doc : new Yaml().loadAll(reader)) {
        if (doc == null) {
          continue;
        }
        if (!(doc instanceof Map)) {
          fail(rel(file) + ": a YAML document that is not a mapping");
        }
        docs.add((Map<String, Object>) doc);
      }
    } catch (org.yaml.snakeyaml.error.YAMLException e) {
      throw new AssertionError(rel(file) + " is not valid YAML: " + e.getMessage(), e);
    }
    return docs;
  }

  private static String rel(Path p) {
    return ROOT.relativize(p.toAbsolutePath()).toString();
  }

  private static Object path(Object node, String... keys) {
    Object current = node;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : List.of();
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  private static int intOf(Object o) {
    if (o instanceof Number num) {
      return num.intValue();
    }
    if (o instanceof String s) {
      return Integer.parseInt(s);
    }
    throw new AssertionError("expected a number, found " + o);
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_' || c == ':';
  }

  private static boolean isIdentPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  private static int skipString(String s, int start) {
    char quote = s.charAt(start);
    int i = start + 1;
    while (i < s.length() && s.charAt(i) != quote) {
      i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
    }
    return Math.min(i + 1, s.length());
  }

  /** Index after the bracket closing the one at {@code start}; strings inside are skipped whole. */
  private static int skipBalanced(String s, int start, char open, char close) {
    int depth = 0;
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  private static int skipNumber(String s, int start) {
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      boolean exponentSign = (c == '+' || c == '-') && i > start && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
          && !s.startsWith("0x", start) && !s.startsWith("0X", start);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
