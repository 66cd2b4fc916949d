package com.edgepay.loadtests;

import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Simulation;
import java.util.Locale;

/**
 * Unmeasured warm-up that ../scenario runs before the measured simulation, against the same gateway
 * process: the checkout mix, ramping from 1 to {@code -DwarmupRate} users/s (default 20) over {@code
 * -Dduration} seconds (default 20). It warms the gateway's JIT, its Redis scripts and connections and the
 * simulator, as a gateway in service would be; its KOs are reported (a cold gateway's first money-moving
 * calls can fail) but never fail the run: it has no assertions.
 */
public class WarmUp extends Simulation {

  public WarmUp() {
    double rate = LoadConfig.number("warmupRate", 20);
    long duration = Math.max(1, Math.round(LoadConfig.number("duration", 20)));
    System.out.printf(Locale.ROOT, "WarmUp: %s, 1 -> %.1f users/s over %d s%n", LoadConfig.gatewayUrl(), rate,
        duration);
    setUp(scenario("WarmUp").exec(Checkout.chain(LoadConfig.tenants(), null))
        .injectOpen(rampUsersPerSec(1).to(Math.max(1, rate)).during(duration)))
        .protocols(Checkout.protocol());
  }
}
