package com.edgepay.gateway.edge;

import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY_ROTATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who gets in, and which paths exist at all. Refusals never reach the upstream. */
@ExtendWith(VertxExtension.class)
class AuthAndRoutesTest {
  private RecordingUpstream upstream;
  private GatewayFixture gw;
  private HttpClient raw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    raw = vertx.createHttpClient();
    RecordingUpstream.start(vertx)
        .compose(u -> {
          upstream = u;
          return GatewayFixture.start(vertx, u.baseUrl());
        })
        .onComplete(ctx.succeeding(g -> {
          gw = g;
          ctx.completeNow();
        }));
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "basic-colon       | 200",
      "basic-no-colon    | 200",
      "bearer            | 200",
      "lowercase-scheme  | 200",
      "rotated-key       | 200",
      "none              | 401",
      "unknown-key       | 401",
      "with-password     | 401",
      "not-base64        | 401",
      "empty-bearer      | 401",
      "digest-scheme     | 401"})
  void authMatrix(String form, int expected, VertxTestContext ctx) {
    String header = switch (form) {
      case "basic-colon" -> "Basic " + b64(ACME_KEY + ":");
      case "basic-no-colon" -> "Basic " + b64(ACME_KEY);
      case "bearer" -> "Bearer " + ACME_KEY;
      case "lowercase-scheme" -> "basic " + b64(ACME_KEY + ":");
      case "rotated-key" -> "Basic " + b64(ACME_KEY_ROTATED + ":");
      case "unknown-key" -> "Basic " + b64("gk_nobody:");
      case "with-password" -> "Basic " + b64(ACME_KEY + ":hunter2");
      case "not-base64" -> "Basic !!!" + ACME_KEY;
      case "empty-bearer" -> "Bearer ";
      case "digest-scheme" -> "Digest username=" + ACME_KEY;
      default -> null;
    };
    var request = gw.request(HttpMethod.GET, "/orders/ord_auth_1", null);
    if (header != null) {
      request.putHeader("Authorization", header);
    }
    request.send().onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(expected, response.statusCode());
      if (expected == 401) {
        JsonObject body = response.bodyAsJsonObject();
        assertEquals("error", body.getString("status"));
        assertEquals("UNAUTHORIZED", body.getString("error_code"));
        assertEquals("UNAUTHORIZED", body.getJsonObject("error_info").getString("code"));
        assertEquals("USER_ERROR", body.getJsonObject("error_info").getString("category"));
        assertFalse(response.bodyAsString().contains(ACME_KEY));
        assertTrue(upstream.seen().isEmpty());
      } else {
        assertEquals(1, upstream.seen().size());
      }
      ctx.completeNow();
    })));
  }

  /** Raw request lines, so that no client library normalises the path first. */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "GET    | /customers/c1                   | 404",
      "GET    | /txns                           | 404",
      "DELETE | /orders/o1                      | 404",
      "POST   | /orders/o1%2Frefunds            | 404",
      "POST   | /orders/o1%2frefunds            | 404",
      "GET    | /orders/..%2Fadmin              | 404",
      "GET    | /orders/%2E%2E                  | 404",
      "GET    | /orders/../orders/o1            | 404",
      "GET    | /orders/./o1                    | 404",
      "GET    | /orders//o1                     | 404",
      "GET    | /orders/o1/                     | 404",
      "GET    | //orders/o1                     | 404",
      "GET    | /orders/o1;jsessionid=1         | 404",
      "POST   | /v2/txns/abc/refund             | 404",
      "GET    | /orders/o.1                     | 400",
      "GET    | /orders/o1                      | 200",
      "POST   | /v2/txns/txn_ABC-1/capture      | 200"})
  void onlyTheContractsRoutesExist(String method, String path, int expected, VertxTestContext ctx) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("127.0.0.1")
        .setPort(gw.config.server().port()).setURI(path)
        .putHeader("Authorization", GatewayFixture.basic(ACME_KEY));
    // The body is asked for in the same callback that gets the response (nested, as Vert.x's docs
    // do): chained after it, the response can end before anyone listens and the body never comes.
    raw.request(options)
        .compose(request -> request.send()
            .compose(response -> response.body().map(body -> new Object[] {response, body})))
        .onComplete(ctx.succeeding(pair -> ctx.verify(() -> {
          HttpClientResponse response = (HttpClientResponse) pair[0];
          assertEquals(expected, response.statusCode());
          if (expected == 404) {
            assertEquals("NOT_FOUND", new JsonObject((Buffer) pair[1]).getString("error_code"));
          }
          assertEquals(expected == 200 ? 1 : 0, upstream.seen().size());
          ctx.completeNow();
        })));
  }

  @ParameterizedTest
  @CsvSource({"/nowhere", "/orders/o1%2Fx", "/admin"})
  void unknownRoutesAre404EvenWithoutAKey(String path, VertxTestContext ctx) {
    Future<HttpClientResponse> call = raw.request(new RequestOptions().setHost("127.0.0.1")
            .setPort(gw.config.server().port()).setURI(path))
        .compose(request -> request.send());
    call.onComplete(ctx.succeeding(response -> ctx.verify(() -> {
      assertEquals(404, response.statusCode());
      assertTrue(upstream.seen().isEmpty());
      ctx.completeNow();
    })));
  }
}
