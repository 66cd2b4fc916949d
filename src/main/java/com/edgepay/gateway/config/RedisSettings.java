package com.edgepay.gateway.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the idempotency and routing store lives, and how hard the gateway may lean on it.
 *
 * @param endpoints for STANDALONE one URL; for SENTINEL the sentinels; for CLUSTER seed nodes.
 *     {@code rediss://} means TLS with the server's name verified; URLs carry no credentials (the
 *     user and password come from the secrets directory)
 * @param masterName the sentinel master set, for SENTINEL only
 * @param poolSize the client's connections per event loop; one long-lived pipelined connection carries
 *     the scripts, the rest serve probes and cluster-wide INFO
 * @param maxWaiting commands that may wait for a pooled connection before new ones fail fast
 * @param commandTimeoutMs the shortest a claim or routing check may wait: it may wait up to half of
 *     what is left of the request's deadline, never less than this, never more than what is left
 * @param minReplicaAcks replicas that must hold each claim and record before it counts ({@code WAIT});
 *     0 for none
 * @param replicaAckTimeoutMs how long to wait for them
 * @param caFile a private CA (PEM) to trust for {@code rediss://}, or null for the JVM's
 */
public record RedisSettings(
    Topology topology,
    List<String> endpoints,
    String masterName,
    int poolSize,
    int maxWaiting,
    long commandTimeoutMs,
    int minReplicaAcks,
    long replicaAckTimeoutMs,
    Path caFile) {

  public static final long DEFAULT_COMMAND_TIMEOUT_MS = 100;
  public static final long DEFAULT_REPLICA_ACK_TIMEOUT_MS = 50;

  /** How Redis is deployed. */
  public enum Topology {
    STANDALONE, SENTINEL, CLUSTER
  }

  public RedisSettings {
    endpoints = List.copyOf(endpoints);
  }

  public boolean tls() {
    return endpoints.stream().anyMatch(e -> e.startsWith("rediss://"));
  }

  /** For logs: the topology and endpoints (which never hold credentials). */
  public String describe() {
    return topology.name().toLowerCase() + " " + endpoints
        + (minReplicaAcks > 0 ? ", " + minReplicaAcks + " replica ack(s) within " + replicaAckTimeoutMs + " ms" : "");
  }
}
