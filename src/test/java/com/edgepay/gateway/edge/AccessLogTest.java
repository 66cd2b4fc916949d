package com.edgepay.gateway.edge;

import static com.edgepay.gateway.support.GatewayFixture.ACME_JUSPAY_KEY;
import static com.edgepay.gateway.support.GatewayFixture.ACME_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.edgepay.gateway.logging.JsonLineLayout;
import com.edgepay.gateway.support.GatewayFixture;
import com.edgepay.gateway.support.RecordingUpstream;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** One JSON access line per request, naming the request and never its secrets. */
@ExtendWith(VertxExtension.class)
class AccessLogTest {
  private static final String PAN = "4242424242424242";
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  private final Logger access = (Logger) LoggerFactory.getLogger("access");

  @BeforeEach
  void capture() {
    captured.start();
    access.addAppender(captured);
  }

  @AfterEach
  void release() {
    access.detachAppender(captured);
  }

  @Test
  void oneSafeLinePerRequest(Vertx vertx, VertxTestContext ctx) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("order.order_id", "o_log_1").add("order.amount", "10")
        .add("payment_method_type", "CARD").add("card_number", PAN).add("card_security_code", "123")
        .add("card_exp_month", "10").add("card_exp_year", "29")
        .add("order.customer_id", "cust_log");
    RecordingUpstream.start(vertx)
        .compose(u -> GatewayFixture.start(vertx, u.baseUrl()))
        .compose(gw -> gw.post("/txns", ACME_KEY).putHeader("x-request-id", "req-log-1").sendForm(form)
            .compose(r -> gw.post("/nowhere", ACME_KEY).send()))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          List<ILoggingEvent> events = captured.list;
          assertEquals(2, events.size());
          JsonLineLayout layout = new JsonLineLayout();
          String line = layout.doLayout(events.get(0));
          assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1);
          JsonObject json = new JsonObject(line);
          assertEquals("req-log-1", json.getString("request_id"));
          assertEquals("acme", json.getString("tenant"));
          assertEquals("/txns", json.getString("route"));
          assertEquals(200, json.getInteger("status"));
          assertEquals("cust_log", json.getString("routing_id"));
          assertEquals("o_log_1", json.getString("order_id"));
          assertTrue(json.getDouble("total_ms") >= json.getDouble("upstream_ms"));
          JsonObject notFound = new JsonObject(layout.doLayout(events.get(1)));
          assertEquals("unmatched", notFound.getString("route"));
          assertEquals("NOT_FOUND", notFound.getString("error_code"));
          for (ILoggingEvent e : events) {
            String text = layout.doLayout(e);
            for (String secret : new String[] {PAN, "card_security_code", ACME_KEY, ACME_JUSPAY_KEY, "Basic ", "authorization"}) {
              assertFalse(text.contains(secret), secret + " leaked into " + text);
            }
          }
          ctx.completeNow();
        })));
  }
}
