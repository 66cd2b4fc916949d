package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw bytes from a hostile client: each is refused, or the connection closed, and Juspay sees nothing. */
@ExtendWith(VertxExtension.class)
class HostileHttpTest {
  private static final String AUTH = GatewayFixture.basic(GatewayFixture.ACME_KEY);
  private RecordingUpstream upstream;
  private GatewayFixture gw;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    RecordingUpstream.start(vertx).compose(u -> {
      upstream = u;
      return GatewayFixture.start(vertx, u.baseUrl(),
          config -> config.getJsonObject("server").put("header_timeout_ms", 500).put("idle_timeout_seconds", 2),
          tenants -> { });
    }).onComplete(ctx.succeeding(g -> {
      gw = g;
      ctx.completeNow();
    }));
  }

  private String exchange(String raw) throws IOException {
    try (Socket s = new Socket("127.0.0.1", gw.config.server().port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.replace("AUTH", AUTH).getBytes(StandardCharsets.ISO_8859_1));
      return readAll(s.getInputStream());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    byte[] buf = new byte[4096];
    try {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      }
    } catch (SocketTimeoutException | java.net.SocketException closedOrSlow) {
      // what arrived is the answer
    }
    return out.toString();
  }

  private static final String HEAD = "POST /orders HTTP/1.1\r\nHost: gw\r\nAuthorization: AUTH\r\n"
      + "Content-Type: application/x-www-form-urlencoded\r\n";
  private static final String BODY = "order_id=o_raw&amount=1";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "CL and TE together    | 400",
      "two Content-Lengths   | 400",
      "TE xchunked           | 400",
      "TE chunked, identity  | 400",
      "obs-fold              | 400",
      "bare LF               | closed-or-400",
      "absolute-form         | 421",
      "huge header           | 431",
      "huge request line     | 414"})
  void hostileFramingNeverReachesJuspay(String attack, String expected) throws IOException {
    String raw = switch (attack) {
      case "CL and TE together" -> HEAD + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n17\r\n" + BODY + "\r\n0\r\n\r\n";
      case "two Content-Lengths" -> HEAD + "Content-Length: " + BODY.length() + "\r\nContent-Length: 5\r\n\r\n" + BODY;
      case "TE xchunked" -> HEAD + "Transfer-Encoding: xchunked\r\n\r\n17\r\n" + BODY + "\r\n0\r\n\r\n";
      case "TE chunked, identity" -> HEAD + "Transfer-Encoding: chunked, identity\r\n\r\n17\r\n" + BODY + "\r\n0\r\n\r\n";
      case "obs-fold" -> HEAD + "X-Note: first\r\n second\r\nContent-Length: " + BODY.length() + "\r\n\r\n" + BODY;
      case "bare LF" -> (HEAD + "Content-Length: " + BODY.length() + "\r\n\r\n").replace("\r\n", "\n") + BODY;
      case "absolute-form" -> "GET http://evil.example/orders/o_raw HTTP/1.1\r\nHost: evil.example\r\nAuthorization: AUTH\r\n\r\n";
      case "huge header" -> "GET /orders/o_raw HTTP/1.1\r\nHost: gw\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
      default -> "GET /orders/" + "a".repeat(6000) + " HTTP/1.1\r\nHost: gw\r\n\r\n";
    };
    String answer = exchange(raw);
    if (expected.equals("closed-or-400")) {
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.0 400"), answer);
    } else {
      assertTrue(answer.matches("(?s)HTTP/1\\.[01] " + expected + " .*"), attack + ": " + answer);
    }
    assertEquals(0, upstream.seen().size(), "Juspay must see nothing of: " + attack);
  }

  @Test
  void aWellFormedRawRequestStillWorks() throws IOException {
    String answer = exchange(HEAD + "Content-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY);
    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
    assertEquals(1, upstream.seen().size());
  }

  /** A header line every 200 ms keeps the idle timer (2 s) happy; only the header timeout stops it. */
  @Test
  void aSlowlorisIsCutOffAtTheHeaderTimeout() throws IOException, InterruptedException {
    try (Socket s = new Socket("127.0.0.1", gw.config.server().port())) {
      long started = System.nanoTime();
      s.getOutputStream().write("GET /orders/o_slow HTTP/1.1\r\nHost: gw\r\n".getBytes(StandardCharsets.ISO_8859_1));
      boolean cutOff = false;
      for (int i = 0; i < 40 && !cutOff; i++) {
        Thread.sleep(200);
        try {
          s.getOutputStream().write(("X-Drip-" + i + ": 1\r\n").getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
        } catch (IOException closed) {
          cutOff = true;
        }
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(cutOff, "the server must cut a dripping client off");
      assertTrue(tookMs < 2_000, "cut off by the 500 ms header timeout, before any idle timeout: " + tookMs + " ms");
      assertEquals(0, upstream.seen().size());
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws IOException {
    try (Socket s = new Socket("127.0.0.1", gw.config.server().port())) {
      s.setSoTimeout(8000);
      assertEquals(-1, s.getInputStream().read(), "the server closes an idle connection");
    }
  }
}
