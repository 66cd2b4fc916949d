package com.edgepay.gateway.idempotency;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A stored answer as one byte string, to be sealed whole:
 * {@code status (2) | content type length (2) | content type | location length (2) | location | body}.
 */
final class StoredReplies {
  private StoredReplies() {
  }

  static byte[] encode(StoredReply reply) {
    byte[] ct = text(reply.contentType());
    byte[] loc = text(reply.location());
    byte[] body = reply.body().getBytes();
    return ByteBuffer.allocate(6 + ct.length + loc.length + body.length)
        .putShort((short) reply.status())
        .putShort((short) ct.length).put(ct)
        .putShort((short) loc.length).put(loc)
        .put(body)
        .array();
  }

  /** @throws IllegalArgumentException when the bytes are not an encoded answer */
  static StoredReply decode(byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int status = in.getShort() & 0xffff;
      String ct = read(in, in.getShort() & 0xffff);
      String loc = read(in, in.getShort() & 0xffff);
      byte[] body = new byte[in.remaining()];
      in.get(body);
      return new StoredReply(status, ct, loc, Buffer.buffer(body));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored answer");
    }
  }

  private static byte[] text(String s) {
    return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
  }

  private static String read(ByteBuffer in, int length) {
    byte[] b = new byte[length];
    in.get(b);
    return length == 0 ? null : new String(b, StandardCharsets.UTF_8);
  }
}
