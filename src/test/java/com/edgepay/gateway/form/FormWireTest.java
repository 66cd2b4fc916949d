package com.edgepay.gateway.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A body forwarded as it came (already canonical) must be byte for byte what encoding it pair by
 * pair would send: otherwise Juspay would read something other than what was validated and
 * fingerprinted. Seeded random bodies, each written in one of the many ways a client may encode
 * the same pairs.
 */
class FormWireTest {
  private static final String[] NAMES = {"order_id", "amount", "customer_email", "merchant_id",
      "metadata.note", "card_number", "x*y", "a b", "é"};
  private static final String ALPHABET = "abcXYZ019-_.*~ +%&=@/:!'()é₹\u00a0";
  private static final int BODIES = 20_000;

  @Test
  void aBodyForwardedAsItCameIsExactlyItsEncoding() {
    long seed = System.nanoTime();
    System.out.println("FormWireTest seed " + seed);
    SplittableRandom random = new SplittableRandom(seed);
    int onTheWire = 0;
    int parsed = 0;
    for (int n = 0; n < BODIES; n++) {
      String raw = body(random);
      FormBody form;
      try {
        form = Repeats.collapse(FormCodec.parse(Buffer.buffer(raw)));
      } catch (com.edgepay.gateway.api.GatewayError refused) {
        continue;
      }
      parsed++;
      String merchant = random.nextBoolean() ? "m_" + random.nextInt(3) : String.valueOf(form.get("merchant_id"));
      for (FormBody f : new FormBody[] {form, form.with("merchant_id", merchant)}) {
        if (f.wire() != null) {
          onTheWire++;
        }
        assertEquals(FormCodec.encodeEachPair(f).toString(StandardCharsets.ISO_8859_1),
            FormCodec.encode(f).toString(StandardCharsets.ISO_8859_1), "seed " + seed + ", body " + raw);
      }
    }
    assertTrue(parsed > BODIES / 2, "seed " + seed + ": only " + parsed + " bodies parsed");
    assertTrue(onTheWire > BODIES / 10, "seed " + seed + ": only " + onTheWire + " forwarded as they came");
  }

  @Test
  void aCanonicalBodyIsSentAsItsOwnBytesAndTheMerchantIsAppended() {
    Buffer raw = Buffer.buffer("order_id=o-1&amount=10.00&customer_email=a%40b.com&note=two+words");
    FormBody form = FormCodec.parse(raw);
    assertSame(raw, FormCodec.encode(form));
    assertSame(form, form.with("amount", "10.00"), "setting a value it already holds changes nothing");
    assertEquals(raw + "&merchant_id=m%2F1", FormCodec.encode(form.with("merchant_id", "m/1")).toString());
  }

  @Test
  void bodiesReadTheSameButWrittenOtherwiseAreEncoded() {
    for (String raw : new String[] {"a=b%20c", "a=b%7e", "a=b%2a", "a=b~c", "a", "a=b&&c=d", "a=b&", "a==b",
        "a=%c3%a9", "a=b@c"}) {
      FormBody form = FormCodec.parse(Buffer.buffer(raw));
      assertNull(form.wire(), raw);
      assertNotNull(FormCodec.encode(form));
    }
  }

  /** Pairs joined by '&', each byte written one of the ways a client might, with the odd stray separator. */
  private static String body(SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    int pairs = 1 + random.nextInt(6);
    for (int p = 0; p < pairs; p++) {
      if (p > 0) {
        out.append(random.nextInt(40) == 0 ? "&&" : "&");
      }
      write(out, NAMES[random.nextInt(NAMES.length)], random);
      String value = value(random);
      if (!value.isEmpty() || random.nextInt(8) != 0) {
        out.append('=');
        write(out, value, random);
      }
    }
    if (random.nextInt(40) == 0) {
      out.append('&');
    }
    return out.toString();
  }

  private static String value(SplittableRandom random) {
    StringBuilder v = new StringBuilder();
    int length = random.nextInt(12);
    boolean plain = random.nextInt(3) == 0;
    for (int i = 0; i < length; i++) {
      v.append(ALPHABET.charAt(random.nextInt(plain ? 14 : ALPHABET.length())));
    }
    return v.toString();
  }

  private static void write(StringBuilder out, String text, SplittableRandom random) {
    boolean faithful = random.nextInt(3) > 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved = Character.isLetterOrDigit(c) && c < 0x80 || "-_.*".indexOf(c) >= 0;
      if (faithful || random.nextInt(4) > 0) {
        // As the gateway itself writes it.
        if (unreserved) {
          out.append((char) c);
        } else if (c == ' ') {
          out.append('+');
        } else {
          out.append('%').append(String.format("%02X", c));
        }
      } else if (c == ' ' ) {
        out.append("%20");
      } else if (c < 0x80 && "&=+%".indexOf(c) < 0 && random.nextBoolean()) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format(random.nextBoolean() ? "%02x" : "%02X", c));
      }
    }
  }
}
