package com.edgepay.gateway.bench;

import com.edgepay.gateway.logging.LogMask;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The log masker on the values a log line carries. "access" is an access-log message with a
 * path, ids and numbers and nothing to hide (the common case: no copy); "card" holds a spaced card
 * number; "fields" holds a form body with a CVV, an expiry and a VPA. Run with
 * {@code load-tests/jmh LogMaskBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogMaskBenchmark {
  private static final String ACCESS = "POST /orders/ord_1590759422/refunds 200 in 12 ms tenant=acme "
      + "request_id=550e8400-e29b-41d4-a716-446655440000 upstream=10.0.0.7:443 at 1764456575123";
  private static final String CARD = "upstream said: card 4111 1111 1111 1111 declined for order ord_1590759422";
  private static final String FIELDS = "order_id=ord_1&card_security_code=737&card_exp_month=12&card_exp_year=29"
      + "&upi_vpa=ada@okaxis&amount=10.00";

  @Param({"access", "card", "fields"})
  String kind;

  private String line;

  @org.openjdk.jmh.annotations.Setup
  public void setUp() {
    line = switch (kind) {
      case "access" -> ACCESS;
      case "card" -> CARD;
      default -> FIELDS;
    };
  }

  @Benchmark
  public String mask() {
    return LogMask.mask(line);
  }
}
