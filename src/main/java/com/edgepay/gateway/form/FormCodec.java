package com.edgepay.gateway.form;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * application/x-www-form-urlencoded, strictly: a bad percent escape or bytes that are not UTF-8
 * are refused rather than guessed at, because a lenient parser here and a strict one at Juspay
 * would read the same body differently.
 */
public final class FormCodec {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
      .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

  private FormCodec() {
  }

  /**
   * A body already written exactly as {@link #encode} would write it keeps its bytes, so that
   * forwarding it costs no encoding.
   *
   * @throws GatewayError INVALID_PARAMETER naming the body or the parameter at fault
   */
  public static FormBody parse(Buffer body) {
    byte[] bytes = body.getBytes();
    FormBody.Builder form = FormBody.builder();
    boolean canonical = bytes.length > 0;
    int start = 0;
    while (start <= bytes.length) {
      int end = indexOf(bytes, (byte) '&', start);
      if (end > start) {
        pair(bytes, start, end, form);
        canonical = canonical && isCanonicalPair(bytes, start, end);
      } else {
        canonical = false;
      }
      start = end + 1;
    }
    FormBody parsed = form.build();
    return canonical ? parsed.onTheWire(body) : parsed;
  }

  /** The body as Juspay receives it: its original bytes when they are already canonical. */
  public static Buffer encode(FormBody form) {
    return form.wire() != null ? form.wire() : encodeEachPair(form);
  }

  /** {@code wire} followed by one more pair, encoded as {@link #encode} would. */
  static Buffer append(Buffer wire, String name, String value) {
    Buffer out = Buffer.buffer(wire.length() + 2 + name.length() + value.length() * 3);
    out.appendBuffer(wire).appendByte((byte) '&');
    appendEncoded(out, name);
    out.appendByte((byte) '=');
    appendEncoded(out, value);
    return out;
  }

  /**
   * name=value exactly as {@link #appendEncoded} writes each: unreserved bytes as they are, a
   * space as '+', anything else as '%' and two upper-case hex digits. So "a%20b", "a%7e" or a
   * name without '=' are read the same but written differently, and take the encoding path.
   */
  private static boolean isCanonicalPair(byte[] bytes, int start, int end) {
    int equals = 0;
    for (int i = start; i < end; i++) {
      int b = bytes[i] & 0xff;
      if (b == '=') {
        equals++;
      } else if (b == '%') {
        int hi = i + 2 < end ? upperHex(bytes[i + 1]) : -1;
        int lo = hi >= 0 ? upperHex(bytes[i + 2]) : -1;
        int escaped = hi << 4 | lo;
        if (lo < 0 || isUnreserved(escaped) || escaped == ' ') {
          return false;
        }
        i += 2;
      } else if (b != '+' && !isUnreserved(b)) {
        return false;
      }
    }
    return equals == 1;
  }

  private static int upperHex(byte b) {
    return b >= '0' && b <= '9' ? b - '0' : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
  }

  static Buffer encodeEachPair(FormBody form) {
    Buffer out = Buffer.buffer(64 + form.size() * 24);
    for (int i = 0; i < form.size(); i++) {
      if (i > 0) {
        out.appendByte((byte) '&');
      }
      appendEncoded(out, form.name(i));
      out.appendByte((byte) '=');
      appendEncoded(out, form.value(i));
    }
    return out;
  }

  private static void pair(byte[] bytes, int start, int end, FormBody.Builder form) {
    int eq = indexOf(bytes, (byte) '=', start);
    int nameEnd = Math.min(eq, end);
    String name = decode(bytes, start, nameEnd, "body");
    if (name.isEmpty()) {
      throw invalid("body", "has a parameter with no name");
    }
    String value = nameEnd < end ? decode(bytes, nameEnd + 1, end, name) : "";
    form.add(name, value);
  }

  private static String decode(byte[] bytes, int from, int to, String field) {
    if (isPlainAscii(bytes, from, to)) {
      // Most names and values: nothing to unescape, and Latin-1 is a straight byte copy.
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '+') {
        out[n++] = ' ';
      } else if (b == '%') {
        int hi = i + 2 < to ? Character.digit(bytes[i + 1], 16) : -1;
        int lo = hi >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
        if (lo < 0) {
          throw invalid(field, "has a malformed percent-encoding");
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else {
        out[n++] = b;
      }
    }
    String text;
    try {
      text = UTF8.get().reset().decode(ByteBuffer.wrap(out, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw invalid(field, "is not valid UTF-8");
    }
    ControlCharacters.refuse(field, text);
    return text;
  }

  /** Printable ASCII with nothing to unescape; anything else takes the careful path. */
  private static boolean isPlainAscii(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b == 0x7f || b == '%' || b == '+') {
        return false;
      }
    }
    return true;
  }

  private static void appendEncoded(Buffer out, String s) {
    if (isPlain(s)) {
      out.appendString(s, "US-ASCII");
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < utf8.length; i++) {
      int b = utf8[i] & 0xff;
      if (isUnreserved(b)) {
        out.appendByte((byte) b);
      } else if (b == ' ') {
        out.appendByte((byte) '+');
      } else {
        out.appendByte((byte) '%').appendByte(HEX[b >> 4]).appendByte(HEX[b & 0xf]);
      }
    }
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isUnreserved(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_' || c == '.' || c == '*';
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return bytes.length;
  }

  static GatewayError invalid(String field, String reason) {
    return GatewayError.of(ErrorCode.INVALID_PARAMETER, "The request body could not be parsed")
        .withField(field, reason);
  }
}
