package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.upstream.UpstreamFailure;
import com.edgepay.gateway.upstream.UpstreamReply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One code, one meaning: every way a request can end maps to exactly one contract answer, and the
 * answers that say "nothing was sent" are given only when nothing was.
 */
class OutcomesTest {
  /** The contract's "nothing was sent" codes. */
  private static final Set<String> NOTHING_SENT =
      Set.of("UPSTREAM_UNAVAILABLE", "OVERLOADED", "DRAINING", "RATE_LIMITED", "IDEMPOTENCY_STORE_UNAVAILABLE");

  private static Outcome.Refusal refusal(Outcome outcome) {
    return assertInstanceOf(Outcome.Refusal.class, outcome);
  }

  @Test
  void anUnexpectedFailureIsAPlain500WithoutDetails() {
    RuntimeException bug = new IllegalStateException("key JP_SECRET for card 4242424242424242");
    GatewayError error = refusal(Outcomes.of(bug)).error();
    assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
    String body = ErrorBody.render(error, "req-1").toString();
    assertFalse(body.contains("JP_SECRET") || body.contains("4242") || body.contains("IllegalState")
        || body.contains("at com."));
    JsonObject json = new JsonObject(body);
    assertEquals("INTERNAL_ERROR", json.getString("error_code"));
    assertEquals("req-1", json.getJsonObject("error_info").getString("request_id"));
  }

  @Test
  void everyUpstreamResultHasExactlyOneHonestAnswer() {
    record Row(UpstreamFailure.Kind kind, boolean sent, int status, String code) {
    }
    for (Row row : List.of(
        new Row(UpstreamFailure.Kind.UNREACHABLE, false, 502, "UPSTREAM_UNAVAILABLE"),
        new Row(UpstreamFailure.Kind.POOL_EXHAUSTED, false, 503, "OVERLOADED"),
        new Row(UpstreamFailure.Kind.TIMEOUT, false, 503, "OVERLOADED"),
        new Row(UpstreamFailure.Kind.TIMEOUT, true, 504, "UPSTREAM_TIMEOUT"),
        new Row(UpstreamFailure.Kind.BROKEN_AFTER_SEND, true, 502, "OUTCOME_UNKNOWN"),
        new Row(UpstreamFailure.Kind.REPLY_TOO_LARGE, true, 502, "OUTCOME_UNKNOWN"))) {
      Outcome.Refusal r = refusal(Outcomes.of(new UpstreamFailure(row.kind(), row.sent(), null)));
      assertEquals(row.status(), r.status(), row.toString());
      assertEquals(row.code(), r.error().code().wireName(), row.toString());
      assertEquals(row.sent(), r.sent(), row.toString());
      assertTrue(!r.sent() || !NOTHING_SENT.contains(r.error().code().wireName()), "a sent call is never 'nothing sent'");
    }
    Outcome.Refusal open = refusal(Outcomes.of(UpstreamFailure.circuitOpen(4_200)));
    assertEquals("OVERLOADED", open.error().code().wireName());
    assertEquals(5, open.error().retryAfterSeconds());
  }

  @Test
  void interruptionsSayWhetherTheCallHadGoneOut() {
    assertEquals("UPSTREAM_TIMEOUT", refusal(Outcomes.interrupted(Interruption.DEADLINE, true)).error().code().wireName());
    assertEquals("OVERLOADED", refusal(Outcomes.interrupted(Interruption.DEADLINE, false)).error().code().wireName());
    Outcome.Refusal shutdownSent = refusal(Outcomes.interrupted(Interruption.SHUTDOWN, true));
    assertEquals("OUTCOME_UNKNOWN", shutdownSent.error().code().wireName());
    assertEquals(502, shutdownSent.status());
    assertEquals(-1, shutdownSent.error().retryAfterSeconds(), "no Retry-After: retrying is not known to be safe");
    Outcome.Refusal shutdownUnsent = refusal(Outcomes.interrupted(Interruption.SHUTDOWN, false));
    assertEquals("DRAINING", shutdownUnsent.error().code().wireName());
    assertEquals(1, shutdownUnsent.error().retryAfterSeconds());
  }

  @Test
  void aBugAfterTheCallWentOutIsAnUnknownOutcomeNotA500() {
    Outcome.Refusal r = refusal(Outcomes.ofUpstream(Future.failedFuture(new NullPointerException()), true));
    assertTrue(r.sent());
    assertEquals("OUTCOME_UNKNOWN", r.error().code().wireName());
    Outcome relayed = Outcomes.ofUpstream(Future.succeededFuture(
        new UpstreamReply(503, "application/json", null, Buffer.buffer("{}"))), true);
    assertEquals(503, relayed.status(), "Juspay's own 5xx is relayed as Juspay's answer");
  }
}
