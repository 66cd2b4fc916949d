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

  private final List<RedisServer> servers;
  private final List<Process> sentinels;
  private final List<Integer> sentinelPorts;

  private RedisSentinels(List<RedisServer> servers, List<Process> sentinels, List<Integer> sentinelPorts) {
    this.servers = servers;
    this.sentinels = sentinels;
    this.sentinelPorts = sentinelPorts;
  }

  public static RedisSentinels start() {
    List<RedisServer> servers = new ArrayList<>();
    servers.add(RedisServer.start(node()));
    for (int i = 0; i < REPLICAS; i++) {
      List<String> args = new ArrayList<>(node());
      args.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(servers.get(0).port())));
      servers.add(RedisServer.start(args));
    }
    RedisServer master = servers.get(0);
    List<Process> sentinels = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        int port = Ports.free();
        Path dir = Files.createTempDirectory("sentinel");
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, String.join("\n",
            "port " + port, "bind 127.0.0.1", "dir " + dir,
            "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
            "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
            "sentinel failover-timeout " + MASTER_NAME + " 3000",
            "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
        sentinels.add(new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
            .redirectOutput(dir.resolve("sentinel.log").toFile()).start());
        ports.add(port);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RedisSentinels set = new RedisSentinels(servers, sentinels, ports);
    set.awaitReplicated();
    return set;
  }

  private static List<String> node() {
    return List.of("--appendonly", "yes", "--appendfsync", "everysec", "--min-replicas-to-write", "1",
        "--min-replicas-max-lag", "2");
  }

  /** The sentinels' URLs, for {@code redis.endpoints}. */
  public List<String> sentinelUrls() {
    return sentinelPorts.stream().map(p -> "redis://127.0.0.1:" + p).toList();
  }

  public RedisServer master() {
    return servers.get(0);
  }


  /** The port the sentinels now name as master. */
  public int currentMasterPort() {
    String reply = RedisServer.RespProbe.command(sentinelPorts.get(0), null, "SENTINEL", "get-master-addr-by-name",
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
      String info = RedisServer.RespProbe.command(port, null, "INFO", "sentinel");
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
