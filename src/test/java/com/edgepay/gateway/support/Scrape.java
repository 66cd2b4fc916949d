package com.edgepay.gateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Prometheus text exposition: one {@link Series} per sample line. */
public final class Scrape {
  /** One sample: metric name, labels, value. */
  public record Series(String name, Map<String, String> labels, double value) {
    public boolean has(Map<String, String> subset) {
      return subset.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  private final List<Series> series;

  private Scrape(List<Series> series) {
    this.series = series;
  }

  public static Scrape parse(String text) {
    List<Series> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
      Map<String, String> labels = brace < 0 ? Map.of() : labels(line.substring(brace + 1, line.lastIndexOf('}')));
      out.add(new Series(name, labels, Double.parseDouble(line.substring(space + 1))));
    }
    return new Scrape(out);
  }

  private static Map<String, String> labels(String body) {
    Map<String, String> labels = new LinkedHashMap<>();
    int i = 0;
    while (i < body.length()) {
      int eq = body.indexOf('=', i);
      String key = body.substring(i, eq).trim();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; body.charAt(j) != '"'; j++) {
        char c = body.charAt(j);
        if (c == '\\') {
          c = body.charAt(++j);
        }
        value.append(c);
      }
      labels.put(key, value.toString());
      i = j + 1;
      if (i < body.length() && body.charAt(i) == ',') {
        i++;
      }
    }
    return labels;
  }

  public List<Series> all() {
    return series;
  }

  public List<Series> named(String name) {
    return series.stream().filter(s -> s.name().equals(name)).toList();
  }

  public boolean hasFamily(String family) {
    return series.stream().anyMatch(s -> s.name().equals(family) || s.name().startsWith(family + "_"));
  }

  /** The bucket of {@code histogram} with upper bound {@code le} and the given labels, or null. */
  public Series bucket(String histogram, double le, Map<String, String> labels) {
    return named(histogram + "_bucket").stream()
        .filter(s -> s.has(labels) && !"+Inf".equals(s.labels().get("le"))
            && Math.abs(Double.parseDouble(s.labels().get("le")) - le) < 1e-9)
        .findFirst().orElse(null);
  }
}
