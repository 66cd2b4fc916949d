import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a Markdown table of a Gatling report's statistics: per request name and overall, count, KO,
 * p50/p90/p99/p99.9, max and throughput. Run as a single-file program (JDK 11+, no dependencies):
 *
 * <pre>java load-tests/gatling/tools/StatsSummary.java load-tests/results/raw/checkoutmix-2026...</pre>
 *
 * Source of the numbers: {@code js/stats.json} when the report has one (Gatling up to 3.13.4); Gatling
 * 3.13.5 and later no longer write it, so otherwise the statistics table of {@code index.html}, the
 * same numbers the HTML report shows. Percentile columns are those set in gatling.conf
 * ({@code charting.indicators.percentile1..4}: 50, 90, 99, 99.9 here). Values cover all responses, OK
 * and KO.
 */
public final class StatsSummary {

  record Row(String name, long count, long ko, double perSecond, String[] pcts, long max, long mean) {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java StatsSummary.java <gatling report dir>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Path json = dir.resolve("js/stats.json");
    List<Row> rows;
    List<String[]> errors = List.of();
    String[] labels = {"p50", "p90", "p99", "p99.9"};
    String source;
    if (Files.isRegularFile(json)) {
      rows = fromStatsJson(Files.readString(json, StandardCharsets.UTF_8));
      source = "js/stats.json";
    } else {
      String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
      labels = percentileLabels(html, labels);
      rows = fromIndexHtml(html);
      errors = errorsFromIndexHtml(html);
      source = "the statistics table of index.html (Gatling >= 3.13.5 writes no js/stats.json)";
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no statistics found in " + dir);
    }

    StringBuilder out = new StringBuilder();
    out.append("| request | count | errors (KO) | ").append(labels[0]).append(" ms | ").append(labels[1])
        .append(" ms | ").append(labels[2]).append(" ms | ").append(labels[3])
        .append(" ms | max ms | mean ms | throughput req/s |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      boolean overall = r == rows.get(0);
      String name = overall ? "**overall**" : "`" + r.name() + "`";
      out.append(String.format(Locale.ROOT, "| %s | %d | %d%s | %s | %s | %s | %s | %d | %d | %.1f |%n", name,
          r.count(), r.ko(), r.ko() == 0 ? "" : String.format(Locale.ROOT, " (%.2f%%)", 100.0 * r.ko() / r.count()),
          r.pcts()[0], r.pcts()[1], r.pcts()[2], r.pcts()[3], r.max(), r.mean(), r.perSecond()));
    }
    out.append("\n(Source: ").append(source).append(".)\n");
    if (!errors.isEmpty()) {
      out.append("\nErrors reported by Gatling:\n\n| error | count | share |\n|---|---:|---:|\n");
      for (String[] e : errors) {
        out.append("| ").append(e[0].replace("|", "\\|")).append(" | ").append(e[1]).append(" | ").append(e[2])
            .append(" |\n");
      }
    }
    System.out.print(out);
  }

  // ---- index.html ------------------------------------------------------------------------------

  private static final Pattern HEADER = Pattern.compile(
      "<th id=\"col-(\\d+)\"[^>]*>\\s*<span>(?:<abbr[^>]*>)?([^<]*)");
  private static final Pattern ROW = Pattern.compile(
      "<tr id=\"([^\"]+)\"(?:\\s+data-parent=\"([^\"]*)\")?[^>]*>(.*?)</tr>", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("class=\"ellipsed-name\">([^<]*)</span>");
  private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");
  private static final Pattern ERROR_ROW = Pattern.compile(
      "<td class=\"error-col-1 total ko\">([^<]*)<span[^>]*>[^<]*</span></td>\\s*"
          + "<td class=\"value error-col-2 total ko\">([^<]*)</td>\\s*"
          + "<td class=\"value error-col-3 total ko\">([^<]*)</td>");

  private static String[] percentileLabels(String html, String[] fallback) {
    List<String> labels = new ArrayList<>();
    Matcher m = HEADER.matcher(html);
    while (m.find()) {
      String h = m.group(2).trim();
      if (h.endsWith("pct")) {
        labels.add("p" + h.replaceAll("(st|nd|rd|th) pct$", ""));
      }
    }
    return labels.size() == 4 ? labels.toArray(String[]::new) : fallback;
  }

  private static List<Row> fromIndexHtml(String html) {
    Map<Integer, String> header = new LinkedHashMap<>();
    Matcher h = HEADER.matcher(html);
    while (h.find()) {
      header.put(Integer.parseInt(h.group(1)), h.group(2).trim());
    }
    // The statistics table is the one whose header this is; rows of other tables have no col-N cells.
    List<Row> rows = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    Matcher r = ROW.matcher(html);
    while (r.find()) {
      Matcher n = NAME.matcher(r.group(3));
      if (!n.find()) {
        continue;
      }
      // Requests inside a group are shown as "group / request"; a group's own times are cumulated.
      String id = r.group(1);
      String parent = r.group(2);
      String name = unescape(n.group(1));
      if (parent != null && names.containsKey(parent) && !"ROOT".equals(parent)) {
        name = names.get(parent) + " / " + name;
      }
      names.put(id, name);
      if (id.startsWith("group_")) {
        name = name + " (group: cumulated time)";
      }
      Map<String, String> cells = new LinkedHashMap<>();
      Matcher c = CELL.matcher(r.group(3));
      while (c.find()) {
        cells.put(header.getOrDefault(Integer.parseInt(c.group(1)), "col-" + c.group(1)), c.group(2).trim());
      }
      if (!cells.containsKey("Total")) {
        continue;
      }
      List<String> pcts = new ArrayList<>();
      header.values().stream().filter(v -> v.endsWith("pct")).forEach(v -> pcts.add(cells.getOrDefault(v, "-")));
      while (pcts.size() < 4) {
        pcts.add("-");
      }
      rows.add(new Row(name, num(cells.get("Total")), num(cells.get("KO")),
          dbl(cells.get("Cnt/s")), pcts.subList(0, 4).toArray(String[]::new), num(cells.get("Max")),
          num(cells.get("Mean"))));
    }
    return rows;
  }

  private static List<String[]> errorsFromIndexHtml(String html) {
    List<String[]> errors = new ArrayList<>();
    Matcher m = ERROR_ROW.matcher(html);
    while (m.find()) {
      errors.add(new String[] {unescape(m.group(1)).trim(), m.group(2).trim(), m.group(3).trim()});
    }
    return errors;
  }

  private static String unescape(String s) {
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&#x27;", "'").replace("&amp;", "&");
  }

  private static long num(String s) {
    if (s == null || s.isBlank() || s.equals("-")) {
      return 0;
    }
    return Math.round(Double.parseDouble(s.replace(",", "")));
  }

  private static double dbl(String s) {
    return s == null || s.isBlank() || s.equals("-") ? 0 : Double.parseDouble(s.replace(",", ""));
  }

  // ---- js/stats.json (Gatling <= 3.13.4) ------------------------------------------------------

  @SuppressWarnings("unchecked")
  private static List<Row> fromStatsJson(String text) {
    Map<String, Object> root = (Map<String, Object>) new Json(text).value();
    List<Row> rows = new ArrayList<>();
    collect(root, rows);
    return rows;
  }

  @SuppressWarnings("unchecked")
  private static void collect(Map<String, Object> node, List<Row> rows) {
    Map<String, Object> stats = (Map<String, Object>) node.get("stats");
    if (stats != null) {
      String[] pcts = new String[4];
      for (int i = 0; i < 4; i++) {
        pcts[i] = String.valueOf(Math.round(total(stats, "percentiles" + (i + 1))));
      }
      rows.add(new Row(String.valueOf(stats.get("name")),
          Math.round(total(stats, "numberOfRequests")),
          Math.round(((Number) ((Map<String, Object>) stats.get("numberOfRequests")).get("ko")).doubleValue()),
          total(stats, "meanNumberOfRequestsPerSecond"), pcts, Math.round(total(stats, "maxResponseTime")),
          Math.round(total(stats, "meanResponseTime"))));
    }
    Object contents = node.get("contents");
    if (contents instanceof Map<?, ?> children) {
      for (Object child : children.values()) {
        collect((Map<String, Object>) child, rows);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static double total(Map<String, Object> stats, String key) {
    Object v = ((Map<String, Object>) stats.get(key)).get("total");
    return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
  }

  /** Just enough JSON for stats.json: objects, arrays, strings, numbers, booleans, null. */
  private static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object value() {
      ws();
      char c = s.charAt(i);
      switch (c) {
        case '{': {
          Map<String, Object> m = new LinkedHashMap<>();
          i++;
          ws();
          if (s.charAt(i) == '}') {
            i++;
            return m;
          }
          while (true) {
            ws();
            String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            if (s.charAt(i++) == '}') {
              return m;
            }
          }
        }
        case '[': {
          List<Object> l = new ArrayList<>();
          i++;
          ws();
          if (s.charAt(i) == ']') {
            i++;
            return l;
          }
          while (true) {
            l.add(value());
            ws();
            if (s.charAt(i++) == ']') {
              return l;
            }
          }
        }
        case '"':
          return string();
        default: {
          int start = i;
          while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
            i++;
          }
          String tok = s.substring(start, i);
          switch (tok) {
            case "true": return Boolean.TRUE;
            case "false": return Boolean.FALSE;
            case "null": return null;
            default: return Double.parseDouble(tok);
          }
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return b.toString();
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n': b.append('\n'); break;
            case 't': b.append('\t'); break;
            case 'r': b.append('\r'); break;
            case 'b': b.append('\b'); break;
            case 'f': b.append('\f'); break;
            case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
            default: b.append(e);
          }
        } else {
          b.append(c);
        }
      }
    }

    private void expect(char c) {
      if (s.charAt(i++) != c) {
        throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
      }
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
  }
}
