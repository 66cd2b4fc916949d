package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.upstream.UpstreamFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Every way a request can fail maps to a contract code, and a bug never leaks its details. */
class OutcomesTest {
  private static GatewayError map(Throwable t) {
    return ((Outcome.Refusal) Outcomes.of(t)).error();
  }

  @Test
  void anUnexpectedFailureIsAPlain500WithoutDetails() {
    RuntimeException bug = new IllegalStateException("key JP_SECRET for card 4242424242424242");
    GatewayError error = map(bug);
    assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
    String body = ErrorBody.render(error, "req-1").toString();
    assertFalse(body.contains("JP_SECRET") || body.contains("4242") || body.contains("IllegalState")
        || body.contains("at com."));
    JsonObject json = new JsonObject(body);
    assertEquals(500, error.code().status());
    assertEquals("INTERNAL_ERROR", json.getString("error_code"));
    assertEquals("req-1", json.getJsonObject("error_info").getString("request_id"));
  }

  @Test
  void upstreamFailuresMapToTheContractsCodes() {
    assertEquals(ErrorCode.UPSTREAM_UNAVAILABLE, map(new UpstreamFailure(UpstreamFailure.Kind.UNREACHABLE, false, null)).code());
    assertEquals(ErrorCode.UPSTREAM_UNAVAILABLE,
        map(new UpstreamFailure(UpstreamFailure.Kind.BROKEN_AFTER_SEND, true, null)).code());
    assertEquals(ErrorCode.UPSTREAM_TIMEOUT, map(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, true, null)).code());
    GatewayError busy = map(new UpstreamFailure(UpstreamFailure.Kind.POOL_EXHAUSTED, false, null));
    assertEquals(ErrorCode.OVERLOADED, busy.code());
    assertEquals(1, busy.retryAfterSeconds());
  }
}
