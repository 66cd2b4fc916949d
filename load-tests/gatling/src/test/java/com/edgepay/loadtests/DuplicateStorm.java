package com.edgepay.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many clients send the very same call at once. Phase 1: {@code -Drate} users per second (default 200)
 * for {@code -Dduration} seconds (default 1) all POST /orders with one order_id and one body; phase 2,
 * once they all have answers, as many POST /txns with one body on that order.
 *
 * <p>The only acceptable storm answers are 200 (the first call, or a replay with {@code
 * Idempotent-Replayed: true}) and 409 {@code REQUEST_IN_PROGRESS}, and exactly one 200 per route may be
 * fresh. The simulator's journal ({@code GET $SIMULATOR_URL/__sim/requests?order_id=...}) must show
 * exactly one POST /orders and one POST /txns for the order: anything else means the gateway moved money
 * twice. Both are checked twice: by a last request in the run ("simulator journal check", whose checks
 * fail the run through the no-KO assertion while keeping the HTML report), and again from {@code after()}
 * with java.net.http.HttpClient, which logs each problem as ERROR, writes the verdict for the summary, and
 * throws if the in-run check had passed (so a discrepancy can never pass silently).
 */
public class DuplicateStorm extends Simulation {

  private static final Pattern ROUTE = Pattern.compile("\"route\"\\s*:\\s*\"([^\"]*)\"");
  private static final List<String> MONEY_ROUTES = List.of("POST /orders", "POST /txns");

  private final String orderId = Ids.next("dup");
  private final LoadConfig.Tenant tenant = LoadConfig.tenants().get(0);
  private final String customerId = "cust-dup-" + Ids.RUN_TAG;
  private final String journalUrl = LoadConfig.simulatorUrl() + "/__sim/requests?order_id="
      + URLEncoder.encode(orderId, StandardCharsets.UTF_8);
  private final String orderBody;
  private final String txnBody;

  /** route -> outcome ("200 fresh", "200 replayed", "409 REQUEST_IN_PROGRESS", others) -> count. */
  private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
  /** Set when the in-run journal check failed, so a failed assertion already fails the run. */
  private volatile boolean inRunCheckFailed;

  public DuplicateStorm() {
    double rate = LoadConfig.number("rate", 200);
    long duration = Math.max(1, Math.round(LoadConfig.number("duration", 1)));

    Map<String, String> order = new LinkedHashMap<>();
    order.put("order_id", orderId);
    order.put("amount", "1499.00");
    order.put("currency", "INR");
    order.put("customer_id", customerId);
    orderBody = Checkout.form(order);
    Map<String, String> txn = new LinkedHashMap<>();
    txn.put("order_id", orderId);
    txn.put("merchant_id", tenant.merchantId());
    txn.put("payment_method_type", "NB");
    txn.put("payment_method", "NB_HDFC");
    txn.put("format", "json");
    txnBody = Checkout.form(txn);

    System.out.printf(Locale.ROOT,
        "DuplicateStorm: %s, order %s, %.0f users/s for %d s per phase%n",
        LoadConfig.gatewayUrl(), orderId, rate, duration);

    PopulationBuilder all =
        scenario("POST /orders storm").exec(storm(http("POST /orders").post("/orders"), orderBody))
            .injectOpen(constantUsersPerSec(rate).during(duration))
            .andThen(
                scenario("POST /txns storm").exec(storm(http("POST /txns").post("/txns"), txnBody))
                    .injectOpen(constantUsersPerSec(rate).during(duration))
                    .andThen(scenario("verify").exec(inRunCheck()).injectOpen(atOnceUsers(1))));

    setUp(all)
        .protocols(Checkout.protocol())
        .assertions(global().failedRequests().count().is(0L));
  }

  private ChainBuilder storm(HttpRequestActionBuilder request, String body) {
    return exec(request
        .header("Authorization", tenant.authorization())
        .header("x-routing-id", customerId)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(StringBody(body))
        .check(
            status().saveAs("status"),
            header("Idempotent-Replayed").optional().saveAs("replayed"),
            jsonPath("$.error_code").optional().saveAs("errorCode"),
            status().in(200, 409))
        .checkIf((response, session) -> response.status().code() == 409)
        .then(jsonPath("$.error_code").is("REQUEST_IN_PROGRESS")))
        .exec(this::tally);
  }

  /** One request to the simulator's journal whose checks carry the verdict into Gatling's statistics. */
  private ChainBuilder inRunCheck() {
    return exec(http("simulator journal check").get(journalUrl)
        .check(
            status().is(200),
            bodyString().transform(journal -> {
              List<String> problems = tallyProblems();
              problems.addAll(journalProblems(journal));
              return problems.isEmpty() ? "PASS" : String.join("; ", problems);
            }).is("PASS")))
        .exec(session -> {
          inRunCheckFailed |= session.isFailed();
          return session;
        });
  }

  private Session tally(Session session) {
    String route = session.scenario().startsWith("POST /orders") ? "POST /orders" : "POST /txns";
    String outcome;
    if (!session.contains("status")) {
      outcome = "no answer";
    } else {
      int status = session.getInt("status");
      if (status == 200) {
        outcome = "true".equals(session.getString("replayed")) ? "200 replayed" : "200 fresh";
      } else {
        outcome = status + (session.contains("errorCode") ? " " + session.getString("errorCode") : "");
      }
    }
    outcomes.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, o -> new LongAdder()).increment();
    return session.remove("status").remove("replayed").remove("errorCode");
  }

  /** What the clients saw: exactly one fresh 200 per route, and nothing but 200 and 409 REQUEST_IN_PROGRESS. */
  private List<String> tallyProblems() {
    List<String> problems = new ArrayList<>();
    for (String route : MONEY_ROUTES) {
      Map<String, LongAdder> byOutcome = outcomes.getOrDefault(route, Map.of());
      long fresh = byOutcome.containsKey("200 fresh") ? byOutcome.get("200 fresh").sum() : 0;
      if (fresh != 1) {
        problems.add(route + ": " + fresh + " fresh (not replayed) 200 answers, expected exactly 1");
      }
      byOutcome.forEach((outcome, n) -> {
        if (!outcome.startsWith("200 ") && !outcome.equals("409 REQUEST_IN_PROGRESS")) {
          problems.add(route + ": " + n.sum() + " answers " + outcome);
        }
      });
    }
    return problems;
  }

  private static Map<String, Integer> journalCounts(String journal) {
    Map<String, Integer> seen = new TreeMap<>();
    Matcher m = ROUTE.matcher(journal);
    while (m.find()) {
      seen.merge(m.group(1), 1, Integer::sum);
    }
    return seen;
  }

  /** What Juspay saw: exactly one POST /orders and one POST /txns for the order, nothing else. */
  private List<String> journalProblems(String journal) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = journalCounts(journal);
    for (String route : MONEY_ROUTES) {
      int n = seen.getOrDefault(route, 0);
      if (n != 1) {
        problems.add("the simulator saw " + n + " " + route + " calls for order " + orderId + ", expected exactly 1");
      }
    }
    seen.keySet().stream().filter(r -> !MONEY_ROUTES.contains(r))
        .forEach(r -> problems.add("the simulator saw an unexpected " + r + " for order " + orderId));
    return problems;
  }

  @Override
  public void after() {
    StringBuilder md = new StringBuilder();
    md.append("### Duplicate storm on order `").append(orderId).append("` (tenant 1, merchant `")
        .append(tenant.merchantId()).append("`)\n\n");
    md.append("What the clients got:\n\n| route | outcome | responses |\n|---|---|---:|\n");
    new TreeMap<>(outcomes).forEach((route, byOutcome) -> new TreeMap<>(byOutcome).forEach((outcome, n) ->
        md.append("| ").append(route).append(" | ").append(outcome).append(" | ").append(n.sum()).append(" |\n")));

    List<String> problems = tallyProblems();
    Map<String, Integer> seen = Map.of();
    try {
      String journal = fetchJournal();
      seen = journalCounts(journal);
      problems.addAll(journalProblems(journal));
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      problems.add("could not read the simulator journal at " + journalUrl + ": " + e);
    }
    md.append("\nWhat the Juspay simulator received for this order, read after the run from `after()` (`GET ")
        .append(journalUrl.replaceFirst("^https?://[^/]+", Matcher.quoteReplacement("$SIMULATOR_URL"))).append("`):\n\n")
        .append("| upstream route | calls |\n|---|---:|\n");
    seen.forEach((route, n) -> md.append("| ").append(route).append(" | ").append(n).append(" |\n"));

    md.append("\n**Verdict: ").append(problems.isEmpty()
        ? "PASS** - exactly one create and one payment reached Juspay; every other client got a replay or a 409 REQUEST_IN_PROGRESS."
        : "FAIL**\n\n" + String.join("\n", problems.stream().map(p -> "- " + p).toList())).append('\n');
    ExtraReport.write(md.toString());

    if (problems.isEmpty()) {
      System.out.println("DuplicateStorm: the simulator saw exactly one POST /orders and one POST /txns for " + orderId);
      return;
    }
    problems.forEach(p -> System.err.println("ERROR DuplicateStorm: " + p));
    if (!inRunCheckFailed) {
      // The in-run check passed or never ran, so no assertion will fail: fail the run here.
      throw new IllegalStateException("DuplicateStorm failed: " + String.join("; ", problems));
    }
  }

  private String fetchJournal() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(journalUrl)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + journalUrl);
    }
    return response.body();
  }
}
