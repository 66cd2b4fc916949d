package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A local 3-master Redis Cluster on loopback, built the way an operator would with redis-cli. */
public final class RedisCluster implements AutoCloseable {
  private final List<RedisServer> nodes;
  private final List<Integer> tlsPorts;

  private RedisCluster(List<RedisServer> nodes, List<Integer> tlsPorts) {
    this.nodes = nodes;
    this.tlsPorts = tlsPorts;
  }

  public static RedisCluster start() {
    return start(null);
  }

  /**
   * Every node serves TLS to clients and on the cluster bus, with the ACL users of
   * {@link RedisSentinels#startSecured}: the default user has an admin password, the gateway's user
   * has production's data-node rules ({@link GatewayAcl#production()}).
   */
  public static RedisCluster startSecured(TestCertificates certs) {
    return startSecured(certs, GatewayAcl.production());
  }

  /** As {@link #startSecured(TestCertificates)}, with these data-node rules for the gateway's user. */
  public static RedisCluster startSecured(TestCertificates certs, GatewayAcl acl) {
    return start(certs, acl);
  }

  private static RedisCluster start(TestCertificates certs) {
    return start(certs, null);
  }

  private static RedisCluster start(TestCertificates certs, GatewayAcl acl) {
    List<RedisServer> nodes = new ArrayList<>();
    List<Integer> tlsPorts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<String> args = new ArrayList<>(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "2000"));
      int tls = Ports.free();
      if (certs != null) {
        args.addAll(certs.redisArgs(tls));
        args.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes", "--masterauth",
            RedisSentinels.ADMIN_PASSWORD, "--user", "default", "on", ">" + RedisSentinels.ADMIN_PASSWORD, "~*", "&*",
            "+@all", "--user"));
        args.addAll(acl.dataNodeUser(RedisSentinels.USER, RedisSentinels.PASSWORD));
      }
      nodes.add(RedisServer.start(args, certs == null ? null : RedisSentinels.ADMIN_PASSWORD));
      tlsPorts.add(tls);
    }
    List<String> cmd = new ArrayList<>(List.of("redis-cli"));
    if (certs != null) {
      cmd.addAll(List.of("--tls", "--cacert", certs.caCert().toString(), "--pass", RedisSentinels.ADMIN_PASSWORD));
    }
    cmd.addAll(List.of("--cluster", "create"));
    for (int i = 0; i < nodes.size(); i++) {
      cmd.add("127.0.0.1:" + (certs == null ? nodes.get(i).port() : tlsPorts.get(i)));
    }
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    try {
      Process create = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(nodes.get(0).dir().resolve("create.log").toFile()).start();
      if (create.waitFor() != 0) {
        throw new IllegalStateException("redis-cli --cluster create failed; see " + nodes.get(0).dir());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    RedisCluster cluster = new RedisCluster(nodes, certs == null ? null : tlsPorts);
    cluster.awaitOk();
    return cluster;
  }

  private void awaitOk() {
    for (int i = 0; i < 200; i++) {
      boolean ok = nodes.stream().allMatch(n -> n.command("CLUSTER", "INFO").contains("cluster_state:ok"));
      if (ok) {
        return;
      }
      RedisServer.sleep(50);
    }
    throw new IllegalStateException("cluster did not reach cluster_state:ok");
  }

  /**
   * Gives the first master one replica (plain clusters only): the other two masters stay without,
   * so a test can tell where a command ran by what WAIT answers.
   */
  public RedisCluster withReplicaOnFirstMaster() {
    RedisServer first = nodes.get(0);
    RedisServer replica = RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "2000"));
    nodes.add(replica);
    String masterId = first.command("CLUSTER", "MYID").trim();
    run(List.of("redis-cli", "--cluster", "add-node", "127.0.0.1:" + replica.port(), "127.0.0.1:" + first.port(),
        "--cluster-slave", "--cluster-master-id", masterId), replica);
    for (int i = 0; i < 200; i++) {
      if (first.command("INFO", "replication").contains("connected_slaves:1")
          && first.command("WAIT", "1", "100").equals(":1")) {
        awaitOk();
        return this;
      }
      RedisServer.sleep(50);
    }
    throw new IllegalStateException("the replica never joined the first master");
  }

  /** Whether the master that serves this key is the first one (the one with a replica). */
  public boolean onFirstMaster(String key) {
    int slot = Integer.parseInt(nodes.get(0).command("CLUSTER", "KEYSLOT", key).replace(":", "").trim());
    for (String line : nodes.get(0).command("CLUSTER", "NODES").split("\n")) {
      if (line.contains("myself")) {
        String[] fields = line.trim().split(" ");
        for (int i = 8; i < fields.length; i++) {
          String[] range = fields[i].split("-");
          int from = Integer.parseInt(range[0]);
          int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
          if (slot >= from && slot <= to) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void run(List<String> cmd, RedisServer logTo) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(logTo.dir().resolve("cli.log").toFile()).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + logTo.dir());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The nodes' URLs, for {@code redis.endpoints}: rediss:// to their TLS ports when secured. */
  public List<String> urls() {
    return tlsPorts == null ? nodes.stream().map(RedisServer::url).toList()
        : tlsPorts.stream().map(p -> "rediss://127.0.0.1:" + p).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
