package com.edgepay.gateway.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the gateway's packages point one way: no package depends, directly or through
 * others, on one that depends on it. Read from the sources' references to other gateway packages.
 */
class PackageDependenciesTest {
  private static final Path MAIN = Path.of("src/main/java/com/edgepay/gateway");
  /** A reference to a class in another gateway package ({@code pkg.Class}), or a wildcard import ({@code pkg.*}). */
  private static final Pattern REFERENCE = Pattern.compile("com\\.edgepay\\.gateway\\.([a-z]+)\\.([A-Z]|\\*)");
  /** A reference to a class of the root package ({@code com.edgepay.gateway.Gateway}). */
  private static final Pattern ROOT_REFERENCE = Pattern.compile("com\\.edgepay\\.gateway\\.[A-Z]");

  static Map<String, Set<String>> graph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Path dir = MAIN.relativize(file.getParent());
        String pkg = dir.toString().isEmpty() ? "(root)" : dir.toString().replace('/', '.');
        Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
        String source = Files.readString(file);
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.add(m.group(1));
          }
        }
        if (!pkg.equals("(root)") && ROOT_REFERENCE.matcher(source).find()) {
          uses.add("(root)");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  @Test
  void thereAreNoCycles() {
    Map<String, Set<String>> graph = graph();
    assertTrue(graph.size() > 10, "the source tree was found: " + graph.keySet());
    List<String> cycles = new ArrayList<>();
    for (String from : graph.keySet()) {
      for (String to : graph.get(from)) {
        if (reaches(graph, to, from, new TreeSet<>())) {
          cycles.add(from + " -> " + to);
        }
      }
    }
    assertEquals(List.of(), cycles, "package dependencies in a cycle; whole graph: " + graph);
  }

  @Test
  void theCheckSeesACycleWhenThereIsOne() {
    Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
    assertTrue(reaches(graph, "b", "a", new TreeSet<>()));
    assertTrue(!reaches(Map.of("a", Set.of("b"), "b", Set.of()), "b", "a", new TreeSet<>()));
  }

  @Test
  void nothingBelowTheEdgeKnowsAboutIt() {
    graph().forEach((pkg, uses) -> {
      if (!pkg.equals("edge") && !pkg.equals("(root)")) {
        assertTrue(!uses.contains("edge"), pkg + " must not depend on edge (the request path sits on top)");
      }
    });
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
    if (from.equals(target)) {
      return true;
    }
    if (!seen.add(from)) {
      return false;
    }
    for (String next : graph.getOrDefault(from, Set.of())) {
      if (reaches(graph, next, target, seen)) {
        return true;
      }
    }
    return false;
  }
}
