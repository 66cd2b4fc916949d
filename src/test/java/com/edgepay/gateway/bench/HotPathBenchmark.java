package com.edgepay.gateway.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.api.RouteTable;
import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.idempotency.CallFacts;
import com.edgepay.gateway.idempotency.ClaimPlan;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.Fingerprint;
import com.edgepay.gateway.logging.JsonLineLayout;
import com.edgepay.gateway.tenant.KeyDigest;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantsParser;
import com.edgepay.gateway.upstream.JuspayHeaders;
import com.edgepay.gateway.validation.Validator;
import com.edgepay.gateway.validation.Violations;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.event.KeyValuePair;

/**
 * The gateway's in-process work for one {@code POST /orders} (what {@code load-tests/bench} sends),
 * step by step: parse the form, validate it, fingerprint it, plan the claim (keys and arguments of
 * the script), build Juspay's headers, and lay out the access-log line (masking included).
 * {@code calibration} is plain JDK work (sorting 1,024 ints) that moves with the machine, so
 * {@code load-tests/hot-path-guard} can compare each step's ratio to it against the checked-in
 * baseline on any machine, and fail on a 2x regression.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {
  static final String ORDER = "order_id=ord_1590759422&amount=101.50&currency=INR&customer_id=cst_1590759422"
      + "&customer_email=customer%40gmail.com&customer_phone=9988665522&return_url=https%3A%2F%2Fmerchant.in%2Fdone"
      + "&description=Sample+description&product_id=prod-141833&metadata.udf1=x";

  private final Validator validator = new Validator();
  private final Fingerprint fingerprint = new Fingerprint(new byte[32]);
  private final ClaimPlanner planner = new ClaimPlanner(fingerprint,
      new IdempotencySettings(Path.of("unused"), 86_400_000L, 500L, 30L * 86_400_000L, 2_000L, 250L));
  private final JsonLineLayout layout = new JsonLineLayout();
  private final LoggerContext logs = new LoggerContext();
  private Buffer wire;
  private FormBody form;
  private RouteMatch match;
  private CallFacts facts;
  private int[] unsorted;

  @Setup
  public void setUp() {
    wire = Buffer.buffer(ORDER);
    form = FormCodec.parse(wire);
    match = RouteTable.match(HttpMethod.POST, "/orders");
    if (validator.check(ApiRoute.CREATE_ORDER, form).any()) {
      throw new IllegalStateException("the benchmark body must be valid");
    }
    Tenant acme = TenantsParser.parse("bench", new JsonObject().put("tenants", new JsonArray().add(new JsonObject()
        .put("id", "acme").put("merchant_id", "acme_shop")
        .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf("gk_bench_acme")))))).byId("acme");
    facts = new CallFacts(acme, match, form, null, null, null, "cst_1590759422", "ord_1590759422", "cst_1590759422",
        2_000);
    unsorted = new SplittableRandom(7).ints(1024).toArray();
  }

  @Benchmark
  public FormBody parse() {
    return FormCodec.parse(wire);
  }

  @Benchmark
  public Violations validate() {
    return validator.check(ApiRoute.CREATE_ORDER, form);
  }

  @Benchmark
  public String fingerprint() {
    return fingerprint.of(match, form, null);
  }

  @Benchmark
  public ClaimPlan claimEncode() {
    return planner.plan(facts);
  }

  @Benchmark
  public MultiMap headerBuild() {
    return JuspayHeaders.of("Basic SlBfQUNNRV9TRUNSRVRfMTo=", "acme_shop", "cst_1590759422",
        "550e8400-e29b-41d4-a716-446655440000", null);
  }

  @Benchmark
  public String logFormat() {
    LoggingEvent event = new LoggingEvent("x", logs.getLogger("access"), Level.INFO, "request", null, null);
    event.addKeyValuePair(new KeyValuePair("request_id", "550e8400-e29b-41d4-a716-446655440000"));
    event.addKeyValuePair(new KeyValuePair("tenant", "acme"));
    event.addKeyValuePair(new KeyValuePair("method", "POST"));
    event.addKeyValuePair(new KeyValuePair("route", "/orders"));
    event.addKeyValuePair(new KeyValuePair("status", 200));
    event.addKeyValuePair(new KeyValuePair("total_ms", 0.412));
    event.addKeyValuePair(new KeyValuePair("upstream_ms", 0.201));
    event.addKeyValuePair(new KeyValuePair("routing_id", "cst_1590759422"));
    event.addKeyValuePair(new KeyValuePair("order_id", "ord_1590759422"));
    return layout.doLayout(event);
  }

  @Benchmark
  public int[] calibration() {
    int[] copy = Arrays.copyOf(unsorted, unsorted.length);
    Arrays.sort(copy);
    return copy;
  }
}
