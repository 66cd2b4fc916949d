package com.edgepay.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** Every place a log line can carry text: the message, key-value pairs (numbers too), the error. */
class JsonLineLayoutTest {
  private static final String PAN = "4111111111111111";

  @Test
  void cardDataIsMaskedWhereverTheLineCarriesIt() {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", context.getLogger("test"), Level.ERROR,
        "upstream echoed card_security_code=737&card_number=4111 1111 1111 1111", new IllegalStateException(
            "body {\"upi_vpa\":\"ada@okaxis\",\"card_exp_year\":\"29\"} with " + PAN), null);
    event.addKeyValuePair(new KeyValuePair("pan_as_long", Long.parseLong(PAN)));
    event.addKeyValuePair(new KeyValuePair("header", "Authorization: Basic Z2tfYWNtZV8wMDAxOg=="));
    event.addKeyValuePair(new KeyValuePair("status", 200));
    JsonLineLayout layout = new JsonLineLayout();
    String line = layout.doLayout(event);

    JsonObject json = new JsonObject(line);
    for (String leak : new String[] {PAN, "1111 1111 1111", "737", "ada@", "\"29\"", "Z2tfYWNtZV8wMDAxOg"}) {
      assertFalse(line.contains(leak), leak + " in " + line);
    }
    assertTrue(json.getString("msg").contains("card_security_code=***"), line);
    assertTrue(json.getString("pan_as_long").startsWith("411111"), line);
    assertTrue(json.getString("error_message").contains("411111******1111"), line);
    assertTrue(json.getInteger("status") == 200, line);
  }
}
