package com.edgepay.gateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Strict HTTP/1.1 request framing (RFC 9112), read one byte at a time over any split of the stream:
 * the request line, the header block, then the body by Content-Length or by chunks. Whatever two
 * parsers could frame differently is refused, so that when this accepts a stream, Netty's lenient
 * decoder behind it cannot find other request boundaries in it (smuggling).
 *
 * <p>Stricter than the RFC where nothing legitimate is lost: no obs-fold, no bare CR or LF, one
 * Content-Length or one {@code Transfer-Encoding: chunked} (never both, never on HTTP/1.0), chunk
 * sizes of at most 8 hex digits and no chunk extensions or trailers, no Hixie-76 WebSocket keys
 * (Netty reads a body for those), at most two empty lines before a request.
 * Limits count as Netty counts them: the request line and the header lines without their CRLFs.
 */
final class StrictFraming implements ByteProcessor {
  /** Why a stream was refused, and the status to answer. */
  record Refusal(int status, String reason) {
  }

  private enum State {
    START, START_LF, METHOD, TARGET, VERSION, LINE_LF, FIELD_START, NAME, VALUE, FIELD_LF, HEAD_LF,
    BODY, CHUNK_SIZE, CHUNK_SIZE_LF, CHUNK_DATA, CHUNK_DATA_CR, CHUNK_DATA_LF, LAST_CR, LAST_LF
  }

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] HTTP_1_ = "HTTP/1.".getBytes();
  private static final int MAX_LEADING_EMPTY_LINES = 2;
  private static final int MAX_CHUNK_DIGITS = 8;

  private final int maxRequestLine;
  private final int maxHeaderBytes;
  private final HeaderField field = new HeaderField();
  private State state = State.START;
  private Refusal refusal;
  private int leadingEmptyLines;
  private int lineLength;
  private int headerBytes;
  private int tokenLength;
  private boolean http10;
  private long contentLength;
  private boolean chunked;
  private long remaining;
  private int chunkDigits;
  private int headsCompleted;
  private boolean refusedInBody;
  private boolean refusedBeforeRequest;
  private boolean requestStarted;
  private int requestStart;

  StrictFraming(int maxRequestLine, int maxHeaderBytes) {
    this.maxRequestLine = maxRequestLine;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  /**
   * Reads {@code buf[from, to)}.
   *
   * @return {@code to}, or the index of the byte that made the stream unacceptable ({@link #refusal()})
   */
  int scan(ByteBuf buf, int from, int to) {
    requestStart = -1;
    int i = from;
    while (i < to && refusal == null) {
      if (state == State.BODY || state == State.CHUNK_DATA) {
        int take = (int) Math.min(remaining, to - i);
        remaining -= take;
        i += take;
        if (remaining == 0) {
          state = state == State.BODY ? requestDone() : State.CHUNK_DATA_CR;
        }
        continue;
      }
      int stop = buf.forEachByte(i, to - i, this);
      if (stop < 0) {
        return to;
      }
      // The processor stops on a refusal (at the offending byte), at a request's first byte, or
      // after entering a body state.
      if (requestStarted) {
        requestStarted = false;
        requestStart = stop;
      }
      i = refusal != null ? stop : stop + 1;
    }
    return refusal != null ? i : to;
  }

  Refusal refusal() {
    return refusal;
  }

  /** Where in the last scanned range the request being read now began, or -1 if before it. */
  int requestStart() {
    return requestStart;
  }

  /**
   * Whether a request head has started (its method's first byte) and is not complete yet: the
   * header timeout runs, and the guard holds its bytes back.
   */
  boolean inHead() {
    return state.ordinal() >= State.METHOD.ordinal() && state.ordinal() <= State.HEAD_LF.ordinal();
  }

  /** Request heads accepted so far: each has been, or may be, dispatched to the application. */
  int headsCompleted() {
    return headsCompleted;
  }

  /** Whether the refusal came inside a body whose head had already been accepted. */
  boolean refusedInBody() {
    return refusedInBody;
  }

  /** Whether the refusal came between requests, before any request had begun. */
  boolean refusedBeforeRequest() {
    return refusedBeforeRequest;
  }

  @Override
  public boolean process(byte b) {
    switch (state) {
      case START -> {
        startRequest(b);
        if (state == State.METHOD) {
          requestStarted = true;
          return false;
        }
      }
      case START_LF -> expect(b, LF, State.START, "bare CR before the request");
      case METHOD -> method(b);
      case TARGET -> target(b);
      case VERSION -> version(b);
      case LINE_LF -> expect(b, LF, State.FIELD_START, "bare CR in the request line");
      case FIELD_START -> fieldStart(b);
      case NAME -> name(b);
      case VALUE -> value(b);
      case FIELD_LF -> fieldEnd(b);
      case HEAD_LF -> {
        if (b != LF) {
          return refuse(400, "bare CR ending the head");
        }
        return headDone();
      }
      case CHUNK_SIZE -> chunkSize(b);
      case CHUNK_SIZE_LF -> {
        if (b != LF) {
          return refuse(400, "bare CR in a chunk size");
        }
        if (remaining == 0) {
          state = State.LAST_CR;
        } else {
          state = State.CHUNK_DATA;
          return false;
        }
      }
      case CHUNK_DATA_CR -> expect(b, CR, State.CHUNK_DATA_LF, "chunk data longer than its size");
      case CHUNK_DATA_LF -> {
        expect(b, LF, State.CHUNK_SIZE, "chunk data not ended by CRLF");
        chunkDigits = 0;
      }
      case LAST_CR -> expect(b, CR, State.LAST_LF, "trailer fields");
      case LAST_LF -> {
        if (b != LF) {
          return refuse(400, "bare CR after the last chunk");
        }
        state = requestDone();
      }
      default -> throw new IllegalStateException(state.name());
    }
    return refusal == null;
  }

  private void startRequest(byte b) {
    if (b == CR && leadingEmptyLines < MAX_LEADING_EMPTY_LINES) {
      leadingEmptyLines++;
      state = State.START_LF;
      return;
    }
    if (!HeaderField.isTchar(b)) {
      refuse(400, "a request must start with a method");
      return;
    }
    leadingEmptyLines = 0;
    lineLength = 1;
    headerBytes = 0;
    tokenLength = 1;
    contentLength = -1;
    chunked = false;
    state = State.METHOD;
  }

  private void method(byte b) {
    if (lineTooLong()) {
      return;
    }
    if (b == ' ') {
      tokenLength = 0;
      state = State.TARGET;
    } else if (!HeaderField.isTchar(b)) {
      refuse(400, "malformed method");
    }
  }

  private void target(byte b) {
    if (lineTooLong()) {
      return;
    }
    if (b == ' ' && tokenLength > 0) {
      tokenLength = 0;
      state = State.VERSION;
    } else if (b > ' ' && b < 0x7f) {
      tokenLength++;
    } else {
      refuse(400, "malformed request target");
    }
  }

  private void version(byte b) {
    if (b == CR && tokenLength == 8) {
      state = State.LINE_LF;
      return;
    }
    if (lineTooLong()) {
      return;
    }
    boolean ok = tokenLength < 7 ? b == HTTP_1_[tokenLength] : tokenLength == 7 && (b == '1' || b == '0');
    if (!ok) {
      refuse(400, "only HTTP/1.1 and HTTP/1.0");
      return;
    }
    http10 = tokenLength == 7 && b == '0';
    tokenLength++;
  }

  private boolean lineTooLong() {
    if (++lineLength > maxRequestLine) {
      refuse(414, "request line over the limit");
      return true;
    }
    return false;
  }

  private void fieldStart(byte b) {
    if (b == CR) {
      state = State.HEAD_LF;
    } else if (HeaderField.isTchar(b)) {
      field.start(b);
      countHeaderByte();
      state = State.NAME;
    } else {
      refuse(400, b == ' ' || b == '\t' ? "obsolete line folding" : "malformed header line");
    }
  }

  private void name(byte b) {
    if (!countHeaderByte()) {
      return;
    }
    if (b == ':') {
      if (field.kind() == HeaderField.Kind.FORBIDDEN) {
        refuse(400, "Hixie-76 WebSocket key fields, or a name read as Content-Length");
        return;
      }
      state = State.VALUE;
    } else if (HeaderField.isTchar(b)) {
      field.nameByte(b);
    } else {
      refuse(400, "malformed header name");
    }
  }

  private void value(byte b) {
    if (b == CR) {
      state = State.FIELD_LF;
      return;
    }
    if (!countHeaderByte()) {
      return;
    }
    // Bytes from 0x80 are obs-text, allowed in values (signed here: below zero).
    if ((b >= 0 && b < ' ' && b != '\t') || b == 0x7f) {
      refuse(400, b == LF ? "bare LF in a header" : "control character in a header");
    } else if (!field.valueByte(b)) {
      refuse(400, field.problem());
    }
  }

  private void fieldEnd(byte b) {
    if (b != LF) {
      refuse(400, "bare CR in a header");
      return;
    }
    switch (field.kind()) {
      case CONTENT_LENGTH -> {
        long parsed = field.contentLength();
        if (parsed < 0 || contentLength >= 0 || chunked) {
          refuse(400, "invalid, repeated or conflicting Content-Length");
          return;
        }
        contentLength = parsed;
      }
      case TRANSFER_ENCODING -> {
        if (!field.isChunked() || chunked || contentLength >= 0 || http10) {
          refuse(400, "Transfer-Encoding other than one chunked on HTTP/1.1 without Content-Length");
          return;
        }
        chunked = true;
      }
      default -> {
      }
    }
    state = State.FIELD_START;
  }

  private boolean countHeaderByte() {
    if (++headerBytes > maxHeaderBytes) {
      refuse(431, "header fields over the limit");
      return false;
    }
    return true;
  }

  /** The head is complete: from here the application may see the request. */
  private boolean headDone() {
    headsCompleted++;
    if (chunked) {
      remaining = 0;
      chunkDigits = 0;
      state = State.CHUNK_SIZE;
      return true;
    }
    if (contentLength > 0) {
      remaining = contentLength;
      state = State.BODY;
      return false;
    }
    state = requestDone();
    return true;
  }

  private void chunkSize(byte b) {
    int digit = Character.digit(b, 16);
    if (digit >= 0) {
      if (++chunkDigits > MAX_CHUNK_DIGITS || (remaining = remaining * 16 + digit) > Integer.MAX_VALUE) {
        refuse(400, "chunk size too large");
      }
    } else if (b == CR && chunkDigits > 0) {
      state = State.CHUNK_SIZE_LF;
    } else {
      refuse(400, "a chunk size must be hex digits only");
    }
  }

  private State requestDone() {
    return State.START;
  }

  private void expect(byte b, byte wanted, State next, String otherwise) {
    if (b == wanted) {
      state = next;
    } else {
      refuse(400, otherwise);
    }
  }

  private boolean refuse(int status, String reason) {
    refusedInBody = state.ordinal() > State.HEAD_LF.ordinal();
    refusedBeforeRequest = state == State.START || state == State.START_LF;
    refusal = new Refusal(status, reason);
    return false;
  }
}
