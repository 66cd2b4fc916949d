package com.edgepay.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.metrics.MetricsSetup;
import com.edgepay.gateway.support.Ports;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo, end to end through the real simulator: what the README's first command shows. */
@ExtendWith(VertxExtension.class)
class DemoTest {
  @Test
  void demoCreatesAnOrderAndReadsItBack(Vertx vertx, VertxTestContext ctx) {
    // A closed Redis port: the demo must fall back to its in-memory store.
    Map<String, String> env = Map.of("REDIS_URL", "redis://127.0.0.1:" + Ports.free(), "SIMULATOR_PORT", Integer.toString(Ports.free()),
        "GATEWAY_PORT", Integer.toString(Ports.free()), "GATEWAY_ADMIN_PORT", Integer.toString(Ports.free()));
    WebClient client = WebClient.create(vertx);
    // Juspay's latency tables, drawn from a fixed seed: a random one let about one run in a
    // thousand draw a create-order slower than its 2 s deadline (a 504 the demo may show, not a defect).
    Demo.start(vertx, MetricsSetup.newRegistry(), env, 7L).compose(demo -> {
      String banner = Demo.banner(demo);
      assertTrue(banner.contains(demo.gatewayKey()));
      assertTrue(banner.contains("curl"));
      int port = demo.gateway().port();
      MultiMap form = MultiMap.caseInsensitiveMultiMap().add("order_id", "ord_demo_t1").add("amount", "100.00")
          .add("customer_id", "cust_42").add("options.get_client_auth_token", "true");
      return client.post(port, "127.0.0.1", "/orders").basicAuthentication(demo.gatewayKey(), "").sendForm(form)
          .compose(created -> {
            ctx.verify(() -> {
              assertEquals(200, created.statusCode(), created.bodyAsString());
              JsonObject order = created.bodyAsJsonObject();
              assertEquals("NEW", order.getString("status"));
              assertNotNull(order.getJsonObject("payment_links").getString("web"));
              assertNotNull(order.getJsonObject("juspay").getString("client_auth_token"));
              assertEquals("cust_42", created.getHeader("x-routing-id"));
            });
            return client.get(port, "127.0.0.1", "/orders/ord_demo_t1").bearerTokenAuthentication(demo.gatewayKey())
                .putHeader("x-routing-id", "cust_42").send();
          });
    }).onComplete(ctx.succeeding(status -> ctx.verify(() -> {
      assertEquals(200, status.statusCode(), status.bodyAsString());
      assertEquals("ord_demo_t1", status.bodyAsJsonObject().getString("order_id"));
      ctx.completeNow();
    })));
  }
}
