package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.form.FormBody;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What makes two calls "the same call": an HMAC-SHA256, under a gateway secret, of the route, its
 * path parameter and the body's parameters sorted. Keyed so that a record in Redis reveals nothing
 * about the request, not even to someone who can guess card numbers.
 */
public final class Fingerprint {
  private final ThreadLocal<Mac> mac;

  public Fingerprint(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the fingerprint key must be at least 16 bytes");
    }
    SecretKeySpec key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(key);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is required by every JRE", e);
      }
    });
  }

  public String of(RouteMatch match, FormBody form) {
    String[] pairs = new String[form.size()];
    for (int i = 0; i < pairs.length; i++) {
      // NUL cannot occur in a parsed parameter, so it separates name from value unambiguously.
      pairs[i] = form.name(i) + '\0' + form.value(i);
    }
    Arrays.sort(pairs);
    Mac m = mac.get();
    m.reset();
    m.update(match.route().label().getBytes(StandardCharsets.UTF_8));
    m.update((byte) 1);
    if (match.pathParam() != null) {
      m.update(match.pathParam().getBytes(StandardCharsets.UTF_8));
    }
    for (String pair : pairs) {
      m.update((byte) 1);
      m.update(pair.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(m.doFinal(), 0, 16);
  }
}
