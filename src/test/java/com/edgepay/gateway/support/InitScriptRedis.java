package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three Redis pods as k8s/base/redis runs them, on loopback: k8s/base/redis/init.sh writes each pod's
 * redis.conf and sentinel.conf (with fake peers for its discovery: pod 0 finds no sentinel and
 * bootstraps, pods 1 and 2 are told pod 0 is master), and real redis-server processes run exactly
 * those files, with only what loopback needs changed: the pods' DNS names become 127.0.0.1 and each
 * pod's ports become free ones. TLS, the ACL users, replication and sentinel credentials are the
 * script's own.
 */
public final class InitScriptRedis implements AutoCloseable {
  public static final Path INIT_SCRIPT = Path.of("k8s/base/redis/init.sh");
  public static final String MASTER_NAME = "gateway";
  public static final String USER = "juspay-gateway";
  public static final String PASSWORD = "gateway-test-password";
  private static final String ADMIN_PASSWORD = "admin-test-password";
  private static final String NAMESPACE = "test-ns";
  private static final int PODS = 3;
  private static final Pattern POD_HOST = Pattern.compile(
      "redis-sentinel-(\\d+)\\.redis-sentinel\\." + NAMESPACE + "\\.svc\\.cluster\\.local");

  private final List<Process> processes = new ArrayList<>();
  private final List<Integer> dataPorts = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private final Path caCert;

  private InitScriptRedis(Path caCert) {
    this.caCert = caCert;
  }

  /** @param certs a certificate for IP:127.0.0.1, standing in for cert-manager's redis-tls */
  public static InitScriptRedis start(TestCertificates certs) {
    try {
      Path root = Files.createTempDirectory("init-script-redis");
      Path tls = Files.createDirectory(root.resolve("tls"));
      Files.copy(certs.cert(), tls.resolve("tls.crt"));
      Files.copy(certs.key(), tls.resolve("tls.key"));
      Files.copy(certs.caCert(), tls.resolve("ca.crt"));
      Path acl = Files.createDirectory(root.resolve("acl"));
      Files.writeString(acl.resolve("default.password"), ADMIN_PASSWORD);
      Files.writeString(acl.resolve("gateway.username"), USER);
      Files.writeString(acl.resolve("gateway.password"), PASSWORD);
      Path bin = Files.createDirectory(root.resolve("bin"));
      Files.writeString(bin.resolve("sleep"), "#!/bin/sh\nexit 0\n");
      Files.writeString(bin.resolve("redis-cli"), "#!/bin/sh\n"
          + "if [ -n \"$FAKE_MASTER\" ]; then echo \"$FAKE_MASTER\"; echo 6379; else exit 1; fi\n");
      bin.resolve("sleep").toFile().setExecutable(true);
      bin.resolve("redis-cli").toFile().setExecutable(true);

      InitScriptRedis set = new InitScriptRedis(tls.resolve("ca.crt"));
      for (int i = 0; i < PODS; i++) {
        set.dataPorts.add(Ports.free());
        set.sentinelPorts.add(Ports.free());
      }
      try {
        for (int i = 0; i < PODS; i++) {
          Path pod = Files.createDirectory(root.resolve("pod-" + i));
          Path out = Files.createDirectory(pod.resolve("run"));
          Path data = Files.createDirectory(pod.resolve("data"));
          runInit(i, bin, tls, acl, out, data);
          Files.writeString(out.resolve("redis.conf"), set.onLoopback(Files.readString(out.resolve("redis.conf")), i));
          Files.writeString(out.resolve("sentinel.conf"),
              set.onLoopback(Files.readString(out.resolve("sentinel.conf")), i));
          set.processes.add(new ProcessBuilder("redis-server", out.resolve("redis.conf").toString())
              .redirectErrorStream(true).redirectOutput(pod.resolve("redis.log").toFile()).start());
        }
        for (int i = 0; i < PODS; i++) {
          Path out = root.resolve("pod-" + i).resolve("run");
          set.processes.add(new ProcessBuilder("redis-server", out.resolve("sentinel.conf").toString(), "--sentinel")
              .redirectErrorStream(true).redirectOutput(out.getParent().resolve("sentinel.log").toFile()).start());
        }
        set.awaitReplicated(root);
      } catch (RuntimeException | IOException e) {
        set.close();
        throw e;
      }
      return set;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void runInit(int ordinal, Path bin, Path tls, Path acl, Path out, Path data) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("sh", Path.of("").toAbsolutePath().resolve(INIT_SCRIPT).toString())
        .redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.clear();
    env.putAll(Map.of("PATH", bin + ":" + System.getenv("PATH"), "POD_NAMESPACE", NAMESPACE,
        "HOSTNAME", "redis-sentinel-" + ordinal, "MASTER_NAME", MASTER_NAME, "OUT", out.toString(),
        "DATA_DIR", data.toString(), "TLS_DIR", tls.toString(), "ACL_DIR", acl.toString(),
        "ACL_RULES", Path.of("").toAbsolutePath().resolve(GatewayAcl.PRODUCTION_FILE).toString()));
    if (ordinal > 0) {
      env.put("FAKE_MASTER", "redis-sentinel-0.redis-sentinel." + NAMESPACE + ".svc.cluster.local");
    }
    Process init = pb.start();
    String output = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!init.waitFor(30, TimeUnit.SECONDS) || init.exitValue() != 0) {
        throw new IllegalStateException("init.sh failed for pod " + ordinal + ": " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The pod's config with its DNS names on 127.0.0.1 and its ports free ones; nothing else changed. */
  private String onLoopback(String conf, int ordinal) {
    List<String> lines = new ArrayList<>();
    for (String line : conf.split("\n")) {
      String l = line;
      Matcher hostAndPort = Pattern.compile(POD_HOST.pattern() + " 6379").matcher(l);
      StringBuilder sb = new StringBuilder();
      while (hostAndPort.find()) {
        hostAndPort.appendReplacement(sb, "127.0.0.1 " + dataPorts.get(Integer.parseInt(hostAndPort.group(1))));
      }
      hostAndPort.appendTail(sb);
      l = POD_HOST.matcher(sb.toString()).replaceAll("127.0.0.1");
      l = switch (l) {
        case "tls-port 6379", "replica-announce-port 6379" -> l.replace("6379", dataPorts.get(ordinal).toString());
        case "tls-port 26379", "sentinel announce-port 26379" -> l.replace("26379", sentinelPorts.get(ordinal).toString());
        default -> l.startsWith("bind ") ? "bind 127.0.0.1" : l;
      };
      lines.add(l);
    }
    return String.join("\n", lines) + "\n";
  }

  private void awaitReplicated(Path root) {
    for (int i = 0; i < 400; i++) {
      try {
        // Good replicas, not only connected ones: min-replicas-to-write counts those, refreshed once a second.
        boolean replicated = cli(dataPorts.get(0), "INFO", "replication").contains("min_slaves_good_slaves:" + (PODS - 1));
        boolean sentinelsReady = true;
        for (int port : sentinelPorts) {
          sentinelsReady &= cli(port, "INFO", "sentinel").contains("status=ok,address=127.0.0.1:" + dataPorts.get(0)
              + ",slaves=" + (PODS - 1) + ",sentinels=" + PODS);
        }
        if (replicated && sentinelsReady) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // starting
      }
      RedisServer.sleep(50);
    }
    throw new IllegalStateException("the init.sh-configured set never replicated; see the logs in " + root);
  }

  /** A command as the admin user, over TLS (there is no plaintext port). */
  private String cli(int port, String... args) {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--tls", "--cacert", caCert.toString(), "-h", "127.0.0.1",
        "-p", Integer.toString(port), "--no-auth-warning", "--pass", ADMIN_PASSWORD));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("redis-cli failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The sentinels, for {@code redis.endpoints}. */
  public List<String> sentinelUrls() {
    return sentinelPorts.stream().map(p -> "rediss://127.0.0.1:" + p).toList();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
  }
}
