package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway user's Redis ACL rules (keys, channels, commands; no name or password), one list of
 * rule tokens for data nodes and one for sentinels, as a file in the form of
 * {@code k8s/base/redis/gateway-user.acl}: lines {@code <kind> <rule> <rule> ...}, '#' comments.
 */
public record GatewayAcl(List<String> dataNode, List<String> sentinel) {
  /** The file production's init.sh reads, relative to the project root (Maven's working directory). */
  public static final Path PRODUCTION_FILE = Path.of("k8s/base/redis/gateway-user.acl");

  public GatewayAcl {
    dataNode = List.copyOf(dataNode);
    sentinel = List.copyOf(sentinel);
  }

  /** The rules production runs with, read from {@link #PRODUCTION_FILE}. */
  public static GatewayAcl production() {
    return load(Path.of("").toAbsolutePath().resolve(PRODUCTION_FILE));
  }

  public static GatewayAcl load(Path file) {
    Map<String, List<String>> byKind = new LinkedHashMap<>();
    try {
      for (String raw : Files.readAllLines(file)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        List<String> tokens = Arrays.asList(line.split("\\s+"));
        if (byKind.put(tokens.get(0), List.copyOf(tokens.subList(1, tokens.size()))) != null) {
          throw new IllegalArgumentException(file + ": kind '" + tokens.get(0) + "' is listed twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!byKind.keySet().equals(Set.of("data", "sentinel"))) {
      throw new IllegalArgumentException(file + ": expected exactly the kinds data and sentinel, found " + byKind.keySet());
    }
    return new GatewayAcl(byKind.get("data"), byKind.get("sentinel"));
  }

  /** The rules of a data node's {@code user} directive for this user, as redis-server arguments. */
  public List<String> dataNodeUser(String user, String password) {
    return user(user, password, dataNode);
  }

  /** The same for a sentinel. */
  public List<String> sentinelUser(String user, String password) {
    return user(user, password, sentinel);
  }

  private static List<String> user(String user, String password, List<String> rules) {
    List<String> args = new ArrayList<>(List.of(user, "on", ">" + password));
    args.addAll(rules);
    return List.copyOf(args);
  }
}
