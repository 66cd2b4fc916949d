package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A local 3-master Redis Cluster on loopback, built the way an operator would with redis-cli. */
public final class RedisCluster implements AutoCloseable {
  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  public static RedisCluster start() {
    List<RedisServer> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "2000")));
    }
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
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
    RedisCluster cluster = new RedisCluster(nodes);
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

  public List<String> urls() {
    return nodes.stream().map(RedisServer::url).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
