package com.edgepay.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What Netty's decoder refuses (a head over the limits) is answered by the gateway's one error renderer. */
class DecoderErrorBodyTest {
  @Test
  void aHeadOverTheLimitsIsAJuspayShapedError() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      GatewayFixture gw = RecordingUpstream.start(vertx).compose(u -> GatewayFixture.start(vertx, u.baseUrl()))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      String[][] cases = {
          {"GET /orders/o_raw HTTP/1.1\r\nHost: gw\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n", "431"},
          {"GET /orders/" + "a".repeat(6000) + " HTTP/1.1\r\nHost: gw\r\n\r\n", "414"}};
      for (String[] c : cases) {
        String raw = c[0];
        try (Socket s = new Socket("127.0.0.1", gw.config.server().port())) {
          s.setSoTimeout(3000);
          s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          InputStream in = s.getInputStream();
          try {
            for (int b = in.read(); b != -1; b = in.read()) {
              out.write(b);
            }
          } catch (java.io.IOException ignored) {
            // closed
          }
          String answer = out.toString(StandardCharsets.ISO_8859_1);
          // A line too long to read has no version; Vert.x answers it in HTTP/1.0.
          assertTrue(answer.matches("(?s)HTTP/1\\.[01] " + c[1] + " .*"), answer.replace("\r\n", " | "));
          assertTrue(answer.contains("\"error_code\":\"INVALID_PARAMETER\""), "not rendered by ErrorBody: " + answer);
          assertTrue(answer.contains("\"request_id\""), answer);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
