package com.edgepay.gateway.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.form.FormBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fingerprints are injective: two different calls never share a canonical form (and so never a
 * fingerprint, short of an HMAC collision). The oracle decodes the canonical bytes back into the
 * call: if decoding gives back exactly the call that was encoded, no other call can encode to the
 * same bytes. Jazzer drives it ({@code JAZZER_FUZZ=1 mvn test -Dtest=FingerprintFuzzTest});
 * a seeded random run with hostile names and values runs in every build.
 */
class FingerprintFuzzTest {
  private static final Logger LOG = LoggerFactory.getLogger(FingerprintFuzzTest.class);
  private static final ApiRoute[] ROUTES = ApiRoute.values();
  /** Bytes that framed the old fingerprint, plus length-like and separator-like ones. */
  private static final String[] HOSTILE = {"\u0000", "\u0001", "=", "&", "\u0000\u0000\u0000\u0001", "", "a", "é"};

  /** One call as the fingerprint sees it. */
  record Call(ApiRoute route, String param, String version, List<String[]> pairs) {
    Call normalized() {
      List<String[]> sorted = new ArrayList<>(pairs);
      sorted.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
      return new Call(route, param, version, sorted);
    }

    byte[] canonical() {
      FormBody.Builder b = FormBody.builder();
      pairs.forEach(p -> b.add(p[0], p[1]));
      return Fingerprint.canonical(new RouteMatch(route, param), b.build(), version);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Call c) || c.route != route || !java.util.Objects.equals(c.param, param)
          || !java.util.Objects.equals(c.version, version) || c.pairs.size() != pairs.size()) {
        return false;
      }
      for (int i = 0; i < pairs.size(); i++) {
        if (!Arrays.equals(pairs.get(i), c.pairs.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return route.hashCode();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void injective(FuzzedDataProvider data) {
    Call call = call(data);
    assertEquals(call.normalized(), decode(call.canonical()));
  }

  @Test
  void hostileNamesAndValuesNeverShareACanonicalForm() {
    long seed = System.nanoTime();
    LOG.info("fingerprint injectivity seed {}", seed);
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 20_000; i++) {
      Call call = randomCall(random);
      assertEquals(call.normalized(), decode(call.canonical()), "seed " + seed);
    }
    // The collision the old framing allowed: a NUL or SOH inside a name or value shifted the separators.
    Call a = new Call(ApiRoute.TXNS, null, null, List.<String[]>of(new String[] {"a", "b\u0001c\u0000d"}));
    Call b = new Call(ApiRoute.TXNS, null, null, List.of(new String[] {"a", "b"}, new String[] {"c", "d"}));
    assertNotEquals(Arrays.toString(a.canonical()), Arrays.toString(b.canonical()));
    Call noVersion = new Call(ApiRoute.TXNS, null, null, List.of());
    Call emptyVersion = new Call(ApiRoute.TXNS, null, "", List.of());
    assertNotEquals(Arrays.toString(noVersion.canonical()), Arrays.toString(emptyVersion.canonical()));
  }

  private static Call randomCall(SplittableRandom r) {
    ApiRoute route = ROUTES[r.nextInt(ROUTES.length)];
    List<String[]> pairs = new ArrayList<>();
    for (int i = r.nextInt(5); i > 0; i--) {
      pairs.add(new String[] {text(r), text(r)});
    }
    return new Call(route, r.nextBoolean() ? null : text(r), r.nextBoolean() ? null : text(r), pairs);
  }

  private static String text(SplittableRandom r) {
    StringBuilder s = new StringBuilder();
    for (int i = r.nextInt(4); i > 0; i--) {
      s.append(HOSTILE[r.nextInt(HOSTILE.length)]);
    }
    return s.toString();
  }

  private static Call call(FuzzedDataProvider data) {
    ApiRoute route = ROUTES[data.consumeInt(0, ROUTES.length - 1)];
    String param = data.consumeBoolean() ? data.consumeString(20) : null;
    String version = data.consumeBoolean() ? data.consumeString(20) : null;
    List<String[]> pairs = new ArrayList<>();
    for (int n = data.consumeInt(0, 6); n > 0; n--) {
      pairs.add(new String[] {data.consumeString(16), data.consumeString(32)});
    }
    return new Call(route, param, version, pairs);
  }

  /** Reads the canonical form back: the inverse of {@link Fingerprint#canonical}. */
  private static Call decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[7];
    in.get(magic);
    assertEquals("gw-fp-1", new String(magic, StandardCharsets.US_ASCII));
    String label = text(in);
    ApiRoute route = Arrays.stream(ROUTES).filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    String param = in.get() == 0 ? null : text(in);
    String version = in.get() == 0 ? null : text(in);
    int n = in.getInt();
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pairs.add(new String[] {text(in), text(in)});
    }
    assertEquals(0, in.remaining(), "nothing may follow the last pair");
    return new Call(route, param, version, pairs);
  }

  private static String text(ByteBuffer in) {
    byte[] b = new byte[in.getInt()];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
