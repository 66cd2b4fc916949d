package com.edgepay.gateway.idempotency;

import com.edgepay.gateway.api.RouteMatch;
import com.edgepay.gateway.crypto.Digests;
import com.edgepay.gateway.form.FormBody;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import javax.crypto.Mac;

/**
 * What makes two calls "the same call": an HMAC-SHA256, under a gateway secret, of a canonical form
 * of the route, its path parameter, the client's {@code version} header and the body's parameters,
 * sorted. Every part is length-prefixed, so no bytes inside a name or value can shift the framing:
 * two different calls never share a canonical form. Keyed, so that a record in Redis reveals
 * nothing about the request, not even to someone who can guess card numbers.
 */
public final class Fingerprint {
  private static final byte[] MAGIC = "gw-fp-1".getBytes(StandardCharsets.US_ASCII);
  private final ThreadLocal<Mac> mac;

  public Fingerprint(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("the fingerprint key must be at least 16 bytes");
    }
    this.mac = Digests.hmacSha256(secret);
  }

  /** @param version the client's {@code version} header, or null */
  public String of(RouteMatch match, FormBody form, String version) {
    return hmac(canonical(match, form, version));
  }

  /**
   * A keyed tag of one id or value (a Juspay txn uuid, an amount), so the store can compare it
   * without holding it.
   */
  public String tag(String value) {
    return hmac(("tag\0" + value).getBytes(StandardCharsets.UTF_8));
  }

  private String hmac(byte[] bytes) {
    Mac m = mac.get();
    m.reset();
    return Digests.hex(Arrays.copyOf(m.doFinal(bytes), 16));
  }

  /** The canonical form: what is HMAC'd. Package-private for the injectivity fuzz test. */
  static byte[] canonical(RouteMatch match, FormBody form, String version) {
    Canonical out = new Canonical(64 + form.size() * 32);
    out.write(MAGIC, 0, MAGIC.length);
    out.text(match.route().label());
    out.optional(match.pathParam());
    out.optional(version);
    Integer[] order = new Integer[form.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer, String>comparing(form::name).thenComparing(form::value));
    out.length(order.length);
    for (int i : order) {
      out.text(form.name(i));
      out.text(form.value(i));
    }
    return out.toByteArray();
  }

  /** Length-prefixed fields: a 4-byte big-endian length, then the UTF-8 bytes. */
  private static final class Canonical extends ByteArrayOutputStream {
    Canonical(int size) {
      super(size);
    }

    void length(int n) {
      write(n >>> 24);
      write(n >>> 16);
      write(n >>> 8);
      write(n);
    }

    void text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      length(b.length);
      write(b, 0, b.length);
    }

    /** Absent and empty differ: a presence byte first. */
    void optional(String s) {
      if (s == null) {
        write(0);
      } else {
        write(1);
        text(s);
      }
    }
  }
}
