package com.edgepay.loadtests;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Realistic checkout traffic over three tenants (see {@link Checkout}), open model: new users arrive at
 * {@code -Drate} per second whatever the gateway's latency, for {@code -Dduration} seconds (default 50/s
 * for 60 s), after a linear ramp of {@code -Dramp} seconds (default a tenth of the duration, at most 60)
 * that counts as part of the duration. Passes only with no KO at all, unless {@code -DmaxKoPct} allows
 * a share (in percent) of KOs overall.
 */
public class CheckoutMix extends Simulation {

  static final double DEFAULT_RATE = 50;
  static final double DEFAULT_DURATION = 60;

  private final Timeline timeline;
  private final String label;

  public CheckoutMix() {
    this("CheckoutMix", DEFAULT_RATE, DEFAULT_DURATION);
  }

  protected CheckoutMix(String label, double defaultRate, double defaultDuration) {
    this.label = label;
    double rate = LoadConfig.number("rate", defaultRate);
    long duration = Math.max(1, Math.round(LoadConfig.number("duration", defaultDuration)));
    long ramp = Math.round(LoadConfig.number("ramp", Math.min(60, duration / 10)));
    ramp = Math.max(0, Math.min(ramp, duration - 1));
    long window = Math.round(LoadConfig.number("window", Math.max(5, duration / 10)));
    this.timeline = new Timeline(window * 1000);
    List<LoadConfig.Tenant> tenants = LoadConfig.tenants();
    double maxKoPct = LoadConfig.number("maxKoPct", 0);

    List<OpenInjectionStep> steps = new ArrayList<>();
    if (ramp > 0) {
      steps.add(rampUsersPerSec(Math.max(1, rate / 10)).to(rate).during(ramp));
    }
    steps.add(constantUsersPerSec(rate).during(duration - ramp));

    System.out.printf(Locale.ROOT, "%s: %s, %d tenants, %.1f users/s for %d s (ramp %d s), run tag %s%n",
        label, LoadConfig.gatewayUrl(), tenants.size(), rate, duration, ramp, Ids.RUN_TAG);

    setUp(scenario(label).exec(Checkout.chain(tenants, timeline)).injectOpen(steps))
        .protocols(Checkout.protocol())
        .assertions(maxKoPct == 0
            ? List.of(global().failedRequests().count().is(0L), forAll().failedRequests().percent().is(0.0))
            : List.of(global().failedRequests().percent().lte(maxKoPct)));
  }

  @Override
  public void after() {
    ExtraReport.write("### Latency over time (all requests, from the virtual users)\n\n" + timeline.markdown());
  }
}
