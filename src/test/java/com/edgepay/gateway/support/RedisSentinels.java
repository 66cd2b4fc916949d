package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A master, two replicas and three sentinels on loopback: real redis-server processes that a test can
 * kill -9, pause and watch fail over. The shape and the settings that matter are production's
 * (k8s/base/redis): three Redis nodes, so that after a failover the new master still has a replica
 * to acknowledge writes ({@code min_replica_acks} 1), and a master that stops taking writes once
 * its replicas fall 2 s behind.
 */
public final class RedisSentinels implements AutoCloseable {
  public static final String MASTER_NAME = "gateway";
  private static final int REPLICAS = 2;
  public static final String ADMIN_PASSWORD = "admin-pw";
  /** The gateway's ACL user (keys gw:* only) and password, on every node and sentinel when secured. */
  public static final String USER = "gw";
  public static final String PASSWORD = "gw-pw";

  private final List<RedisServer> servers;
  private final List<Process> sentinels;
  private final List<Integer> sentinelPorts;
  private final List<Integer> tlsPorts;
  private final String adminPassword;

  private RedisSentinels(List<RedisServer> servers, List<Process> sentinels, List<Integer> sentinelPorts,
      List<Integer> tlsPorts, String adminPassword) {
    this.servers = servers;
    this.sentinels = sentinels;
    this.sentinelPorts = sentinelPorts;
    this.tlsPorts = tlsPorts;
    this.adminPassword = adminPassword;
  }

  public static RedisSentinels start() {
    return start(null);
  }

  /**
   * As production with TLS and ACL users: every node and sentinel serves TLS only to clients (the
   * plain port is the test's own way in), replication and sentinel links are TLS, the default user
   * has {@link #ADMIN_PASSWORD}, and the gateway's user {@link #USER} has production's rules
   * ({@link GatewayAcl#production()}) on data nodes and sentinels.
   */
  public static RedisSentinels startSecured(TestCertificates certs) {
    return startSecured(certs, GatewayAcl.production());
  }

  /** As {@link #startSecured(TestCertificates)}, with these rules for the gateway's user. */
  public static RedisSentinels startSecured(TestCertificates certs, GatewayAcl acl) {
    return start(certs, acl);
  }

  private static RedisSentinels start(TestCertificates certs) {
    return start(certs, null);
  }

  private static RedisSentinels start(TestCertificates certs, GatewayAcl acl) {
    List<RedisServer> servers = new ArrayList<>();
    List<Integer> tlsPorts = new ArrayList<>();
    String password = certs == null ? null : ADMIN_PASSWORD;
    for (int i = 0; i <= REPLICAS; i++) {
      int tls = Ports.free();
      List<String> args = new ArrayList<>(node());
      if (certs != null) {
        args.addAll(certs.redisArgs(tls));
        args.addAll(List.of("--tls-replication", "yes", "--masterauth", ADMIN_PASSWORD,
            "--user", "default", "on", ">" + ADMIN_PASSWORD, "~*", "&*", "+@all", "--user"));
        args.addAll(acl.dataNodeUser(USER, PASSWORD));
      }
      if (i > 0) {
        int masterPort = certs == null ? servers.get(0).port() : tlsPorts.get(0);
        args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
      }
      servers.add(RedisServer.start(args, password));
      tlsPorts.add(tls);
    }
    int monitored = certs == null ? servers.get(0).port() : tlsPorts.get(0);
    List<Process> sentinels = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    List<Integer> sentinelTls = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        int port = Ports.free();
        int tls = Ports.free();
        Path dir = Files.createTempDirectory("sentinel");
        List<String> conf = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
            "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + monitored + " 2",
            "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
            "sentinel failover-timeout " + MASTER_NAME + " 3000",
            "sentinel parallel-syncs " + MASTER_NAME + " 1"));
        if (certs != null) {
          conf.addAll(List.of("tls-port " + tls, "tls-cert-file " + certs.cert(), "tls-key-file " + certs.key(),
              "tls-ca-cert-file " + certs.caCert(), "tls-auth-clients no", "tls-replication yes",
              "sentinel auth-pass " + MASTER_NAME + " " + ADMIN_PASSWORD,
              "sentinel sentinel-pass " + ADMIN_PASSWORD,
              "user default on >" + ADMIN_PASSWORD + " ~* &* +@all",
              "user " + String.join(" ", acl.sentinelUser(USER, PASSWORD))));
        }
        Files.writeString(dir.resolve("sentinel.conf"), String.join("\n", conf) + "\n");
        sentinels.add(new ProcessBuilder("redis-server", dir.resolve("sentinel.conf").toString(), "--sentinel")
            .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel.log").toFile()).start());
        ports.add(port);
        sentinelTls.add(tls);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisSentinels set = new RedisSentinels(servers, sentinels, ports, certs == null ? null : sentinelTls, password);
    set.awaitReplicated();
    return set;
  }

  private static List<String> node() {
    return List.of("--appendonly", "yes", "--appendfsync", "everysec", "--min-replicas-to-write", "1",
        "--min-replicas-max-lag", "2");
  }

  /** The sentinels' URLs, for {@code redis.endpoints}: rediss:// to their TLS ports when secured. */
  public List<String> sentinelUrls() {
    return tlsPorts == null ? sentinelPorts.stream().map(p -> "redis://127.0.0.1:" + p).toList()
        : tlsPorts.stream().map(p -> "rediss://127.0.0.1:" + p).toList();
  }

  public RedisServer master() {
    return servers.get(0);
  }


  /** The port the sentinels now name as master. */
  public int currentMasterPort() {
    String reply = RedisServer.RespProbe.command(sentinelPorts.get(0), adminPassword, "SENTINEL", "get-master-addr-by-name",
        MASTER_NAME);
    return Integer.parseInt(reply.split("\n")[1].trim());
  }

  private void awaitReplicated() {
    for (int i = 0; i < 200; i++) {
      try {
        if (master().command("INFO", "replication").contains("connected_slaves:" + REPLICAS)
            && (":" + REPLICAS).equals(master().command("WAIT", Integer.toString(REPLICAS), "100"))
            && sentinelsKnowTheReplica()) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // sentinels starting
      }
      RedisServer.sleep(50);
    }
    throw new IllegalStateException("the replica or the sentinels never came up");
  }

  private boolean sentinelsKnowTheReplica() {
    for (int port : sentinelPorts) {
      String info = RedisServer.RespProbe.command(port, adminPassword, "INFO", "sentinel");
      if (!info.contains("slaves=" + REPLICAS + ",sentinels=3")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    sentinels.forEach(Process::destroyForcibly);
    servers.forEach(RedisServer::close);
  }
}
