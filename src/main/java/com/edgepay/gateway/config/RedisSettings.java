package com.edgepay.gateway.config;

import java.util.List;

/**
 * Where the idempotency and routing store lives, and how hard the gateway may lean on it.
 *
 * @param endpoints for STANDALONE one URL; for SENTINEL the sentinels; for CLUSTER seed nodes
 * @param masterName the sentinel master set, for SENTINEL only
 * @param poolSize connections per event loop
 * @param maxWaiting commands that may wait for a pooled connection before new ones fail fast
 * @param commandTimeoutMs how long a claim or routing check may take (a fixed bound, whatever is
 *     left of the request's deadline); a settle waits ten times as long, at least a second
 */
public record RedisSettings(
    Topology topology,
    List<String> endpoints,
    String masterName,
    int poolSize,
    int maxWaiting,
    long commandTimeoutMs) {

  /** How Redis is deployed. */
  public enum Topology {
    STANDALONE, SENTINEL, CLUSTER
  }

  public RedisSettings {
    endpoints = List.copyOf(endpoints);
  }

  /** Endpoints with any password hidden, for logs. */
  public String describe() {
    return topology.name().toLowerCase() + " " + endpoints.stream()
        .map(e -> e.replaceAll("//[^@/]*@", "//****@")).toList();
  }
}
