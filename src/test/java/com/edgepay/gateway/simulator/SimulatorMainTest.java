package com.edgepay.gateway.simulator;

import static com.edgepay.gateway.simulator.SimHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimulatorMainTest {

  @Test
  void flagsOverrideTheEnvironmentDefaults() {
    SimulatorMain.Launch launch = SimulatorMain.parse(
        new String[] {"--latency", "none", "--port", "0", "--instances", "3", "--seed", "99"},
        Map.of("SIMULATOR_PORT", "9100"));
    assertEquals(new SimulatorOptions("127.0.0.1", 0, LatencyMode.NONE, 99), launch.options());
    assertEquals(3, launch.instances());
  }

  @Test
  void portComesFromTheEnvironmentThenDefaultsTo8089() {
    assertEquals(9100, SimulatorMain.parse(new String[0], Map.of("SIMULATOR_PORT", "9100")).options().port());
    SimulatorMain.Launch plain = SimulatorMain.parse(new String[0], Map.of());
    assertEquals(8089, plain.options().port());
    assertEquals(LatencyMode.TABLE, plain.options().latency());
    assertEquals(1, plain.instances());
  }

  @Test
  void badFlagsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SimulatorMain.parse(new String[] {"--latency", "fast"}, Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> SimulatorMain.parse(new String[] {"--instances", "0"}, Map.of()));
    assertThrows(IllegalArgumentException.class,
        () -> SimulatorMain.parse(new String[] {"--port"}, Map.of()));
  }

  @Test
  void instancesShareOnePortAndOneState(Vertx vertx, VertxTestContext tc) {
    SimulatorState state = new SimulatorState();
    SimulatorOptions options = new SimulatorOptions("127.0.0.1", 0, LatencyMode.NONE, SimHarness.SEED);
    SimulatorMain.deploy(vertx, options, state, 2)
        .compose(id -> {
          assertTrue(state.boundPort() > 0);
          // Two clients means two connections, which Vert.x spreads over the two instances.
          WebClient first = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
          WebClient second = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
          return create(first, state.boundPort(), "ord_multi").compose(r -> {
            json(r, 200);
            return status(second, state.boundPort(), "ord_multi");
          });
        })
        .onComplete(tc.succeeding(r -> tc.verify(() -> {
          assertEquals("ord_multi", json(r, 200).getString("order_id"));
          assertEquals(2, state.statsJson().getLong("total"));
          tc.completeNow();
        })));
  }

  @Test
  void tableLatencyNeverAnswersFasterThanTheFloor(Vertx vertx, VertxTestContext tc) {
    long[] startedAt = new long[1];
    SimHarness.start(vertx, LatencyMode.TABLE)
        .compose(sim -> {
          startedAt[0] = System.nanoTime();
          return sim.createOrder("ord_t1", "1").compose(o -> sim.createOrder("ord_t2", "1"))
              .compose(o -> sim.createOrder("ord_t3", "1"));
        })
        .onComplete(tc.succeeding(last -> tc.verify(() -> {
          long elapsedMs = (System.nanoTime() - startedAt[0]) / 1_000_000;
          // Three create-order calls each wait at least the table's 20 ms floor.
          assertTrue(elapsedMs >= 60, "three calls took only " + elapsedMs + " ms");
          tc.completeNow();
        })));
  }

  private static Future<HttpResponse<Buffer>> create(
      WebClient client, int port, String orderId) {
    return client.request(HttpMethod.POST, port, "127.0.0.1", "/orders")
        .putHeader("Authorization", SimHarness.basicAuth(SimHarness.API_KEY))
        .putHeader("x-merchantid", SimHarness.MERCHANT)
        .sendForm(SimHarness.form("order_id", orderId, "amount", "2"));
  }

  private static Future<HttpResponse<Buffer>> status(
      WebClient client, int port, String orderId) {
    return client.request(HttpMethod.GET, port, "127.0.0.1", "/orders/" + orderId)
        .putHeader("Authorization", SimHarness.basicAuth(SimHarness.API_KEY))
        .putHeader("x-merchantid", SimHarness.MERCHANT)
        .send();
  }
}
