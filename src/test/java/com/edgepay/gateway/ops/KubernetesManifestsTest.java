package com.edgepay.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
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
 * strategic-merge of their patches over the base, enough for the fields checked here.
 */
class KubernetesManifestsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final Path K8S = ROOT.resolve("k8s");
  private static final Path BASE = K8S.resolve("base");
  private static final Path ENV_VARS_JAVA = ROOT.resolve("src/main/java/com/edgepay/gateway/config/EnvVars.java");
  private static final Path METRIC_NAMES = ROOT.resolve("observability/metric-names.txt");
  private static final Path DASHBOARD = ROOT.resolve("observability/grafana/juspay-gateway.json");

  /** The contract's environment variables (../shared/CONTRACT.md) plus GATEWAY_CONFIG_FILE (README). */
  private static final Set<String> CONTRACT_ENV = Set.of("GATEWAY_PORT", "GATEWAY_ADMIN_PORT", "JUSPAY_BASE_URL",
      "REDIS_URL", "GATEWAY_TENANTS_FILE", "GATEWAY_SECRETS_DIR", "GATEWAY_TLS_CERT", "GATEWAY_TLS_KEY",
      "GATEWAY_CONFIG_FILE");
  /** Read by the JVM itself, not the gateway. */
  private static final Set<String> JVM_ENV = Set.of("JAVA_TOOL_OPTIONS");

  private static final String DEPLOYMENT = "juspay-gateway";
  private static final String CONTAINER = "gateway";
  private static final String CONFIG_MAP = "juspay-gateway-config";
  private static final String KEYS_SECRET = "juspay-api-keys";
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
    Map<String, Object> keysVolume = env.volume(KEYS_SECRET);
    assertNotNull(keysVolume, where + ": no volume of Secret " + KEYS_SECRET);
    assertEquals(secretsDir, env.mountPathOf(str(keysVolume.get("name"))),
        where + ": Secret " + KEYS_SECRET + " must be mounted at GATEWAY_SECRETS_DIR");
    JsonObject gateway = env.gatewayJson();
    assertEquals(secretsDir, gateway.getJsonObject("secrets").getString("dir"),
        where + ": gateway.json secrets.dir disagrees with GATEWAY_SECRETS_DIR");

    // Every tenant has its key at <dir>/<tenant>/juspay_api_key, and every item is a tenant.
    Set<String> itemPaths = new TreeSet<>();
    for (Object item : list(path(keysVolume, "secret", "items"))) {
      itemPaths.add(str(map(item).get("path")));
    }
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
    }
    assertFalse(expected.isEmpty(), where + ": tenants.json lists no tenant");
    assertEquals(expected, itemPaths, where + ": Secret items must be exactly <tenant>/juspay_api_key per tenant");

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
      expected.add("redis://redis-sentinel-" + i + "." + service + ":26379");
    }
    assertEquals(expected, redis.getJsonArray("endpoints").getList(), "gateway.json sentinel endpoints");
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

    private Env(String where, List<Map<String, Object>> resources, Map<String, Path> configFiles) {
      this.where = where;
      this.resources = resources;
      this.configFiles = configFiles;
      this.deployment = map(one("Deployment", DEPLOYMENT).get("spec"));
    }

    static Env of(String where) throws IOException {
      List<Map<String, Object>> resources = new ArrayList<>();
      Map<String, Path> configFiles = new LinkedHashMap<>();
      build(K8S.resolve(where), resources, configFiles);
      return new Env(where, resources, configFiles);
    }

    /** A minimal kustomize: resources (files and directories), path patches, the config generator. */
    private static void build(Path dir, List<Map<String, Object>> out, Map<String, Path> configFiles)
        throws IOException {
      Map<String, Object> kust = load(dir.resolve("kustomization.yaml")).get(0);
      for (String resource : strings(kust.get("resources"))) {
        Path target = dir.resolve(resource).normalize();
        if (Files.isDirectory(target)) {
          build(target, out, configFiles);
        } else {
          out.addAll(load(target));
        }
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
      for (Object gen : list(kust.get("configMapGenerator"))) {
        if (!CONFIG_MAP.equals(map(gen).get("name"))) {
          continue;
        }
        String behavior = String.valueOf(map(gen).getOrDefault("behavior", "create"));
        if (behavior.equals("replace") || behavior.equals("create")) {
          configFiles.clear();
        }
        for (String file : strings(map(gen).get("files"))) {
          int eq = file.indexOf('=');
          String key = eq < 0 ? Path.of(file).getFileName().toString() : file.substring(0, eq);
          configFiles.put(key, dir.resolve(eq < 0 ? file : file.substring(eq + 1)));
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

    /** The Secret volume whose mount holds this file as one of its projected paths, or null. */
    String secretMountHolding(String file) {
      for (Object m : list(container().get("volumeMounts"))) {
        String mount = str(map(m).get("mountPath"));
        Map<String, Object> vol = volume(str(map(m).get("name")));
        if (vol == null || vol.get("secret") == null || !file.startsWith(mount + "/")) {
          continue;
        }
        String inside = file.substring(mount.length() + 1);
        List<Object> items = list(path(vol, "secret", "items"));
        if (items.isEmpty() || items.stream().anyMatch(it -> inside.equals(map(it).get("path")))) {
          return str(vol.get("name"));
        }
      }
      return null;
    }

    Map<String, Path> configFiles() {
      return configFiles;
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
