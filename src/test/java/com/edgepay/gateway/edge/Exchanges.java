package com.edgepay.gateway.edge;

import com.edgepay.gateway.admin.Readiness;
import com.edgepay.gateway.api.RouteTable;
import com.edgepay.gateway.config.GatewayConfig;
import com.edgepay.gateway.config.GatewayConfigParser;
import com.edgepay.gateway.config.IdempotencySettings;
import com.edgepay.gateway.idempotency.ClaimPlanner;
import com.edgepay.gateway.idempotency.Fingerprint;
import com.edgepay.gateway.idempotency.IdempotencyStore;
import com.edgepay.gateway.idempotency.MoneySafety;
import com.edgepay.gateway.idempotency.StoreHealth;
import com.edgepay.gateway.metrics.GatewayMetrics;
import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.overload.TenantRateLimits;
import com.edgepay.gateway.upstream.DeadlinePolicy;
import com.edgepay.gateway.upstream.CircuitStates;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.tenant.KeyDigest;
import com.edgepay.gateway.tenant.Tenant;
import com.edgepay.gateway.tenant.TenantRegistry;
import com.edgepay.gateway.tenant.TenantsParser;
import com.edgepay.gateway.upstream.BoundedBody;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/** Exchanges for testing one filter at a time: no server, no Redis, no network. */
final class Exchanges {
  static final String KEY = "gk_unit_acme";

  private Exchanges() {
  }

  /** A request as the edge would hand it to the filters. */
  static Exchange request(HttpMethod method, String uri, String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    return new Exchange(new RequestHead(method, uri, path, headers, null), body(""), null);
  }

  /** An exchange that has passed the head filters: routed, authenticated, deadline armed. */
  static Exchange routed(HttpMethod method, String uri, Tenant tenant, String... headerPairs) {
    Exchange ex = request(method, uri, headerPairs);
    ex.match = RouteTable.match(method, ex.head.path());
    ex.tenant = tenant;
    ex.deadlineNanos = ex.startNanos + 2_000_000_000L;
    return ex;
  }

  /** ...and has a body, already read into a form. */
  static Exchange withForm(Exchange ex, String... pairs) {
    FormBody.Builder b = FormBody.builder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.add(pairs[i], pairs[i + 1]);
    }
    ex.form = b.build();
    ex.hasBody = !ex.match.route().isRead();
    return ex;
  }

  static Exchange withBody(Exchange ex, BodySource body) {
    return new Exchange(ex.head, body, null);
  }

  /** A body that is already complete. */
  static BodySource body(String text) {
    return new BodySource() {
      @Override
      public Future<Buffer> read(int limit) {
        Buffer b = Buffer.buffer(text);
        return b.length() > limit ? Future.failedFuture(new BoundedBody.TooLarge()) : Future.succeededFuture(b);
      }

      @Override
      public boolean ended() {
        return true;
      }
    };
  }

  static TenantRegistry tenants(Consumer<JsonObject> tweak) {
    JsonObject acme = new JsonObject().put("id", "acme").put("merchant_id", "acme_shop")
        .put("api_key_sha256", new JsonArray().add(KeyDigest.hexOf(KEY)));
    tweak.accept(acme);
    return TenantsParser.parse("unit", new JsonObject().put("tenants", new JsonArray().add(acme)));
  }

  static Tenant acme() {
    return tenants(t -> { }).byId("acme");
  }

  static Tenant acme(Consumer<JsonObject> tweak) {
    return tenants(tweak).byId("acme");
  }

  static final IdempotencySettings MONEY =
      new IdempotencySettings(Path.of("unused"), 86_400_000L, 500L, 30L * 86_400_000L, 2_000L, 250L);

  /** What the edge verticles share, with an in-memory store, for filters that need services. */
  static EdgeServices services(Vertx vertx, String upstreamUrl) {
    GatewayConfig config = GatewayConfigParser.parse("unit", new JsonObject()
        .put("upstream", new JsonObject().put("base_url", upstreamUrl)
            .put("circuit", new JsonObject().put("max_failures", 2).put("reset_ms", 3_000))));
    GatewayMetrics metrics = new GatewayMetrics(MetricsSetup.newRegistry());
    IdempotencyStore store = MoneySafety.inMemory(vertx, MONEY);
    MoneySafety money = new MoneySafety(new ClaimPlanner(new Fingerprint(new byte[32]), MONEY), loop -> store,
        new StoreHealth(), true);
    return new EdgeServices(config, tenants(t -> { }), new DeadlinePolicy(Map.of()), metrics, money,
        new InFlightRequests(new Readiness()), new TenantRateLimits(Map.of()), new CircuitStates(MetricsSetup.newRegistry()));
  }

  /** The error code of a refusal. */
  static String code(Outcome outcome) {
    return ((Outcome.Refusal) outcome).error().code().wireName();
  }
}
