package com.edgepay.gateway.logging;

import java.util.Arrays;

/**
 * One chain of digit groups in a line: maximal digit runs joined by one to three separators
 * ({@link CardNumbers#isSeparator}), with digits inside {@link OpaqueTokens} read as letters. Reused for every
 * chain of the line, so a line costs two small arrays however many chains it has; chains are read
 * left to right, never back.
 */
final class DigitGroups {
  private final String text;
  private final int[] opaque;
  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private int size;
  /** Index of the first opaque span that does not end before the scan: the scan only moves forward. */
  private int span;

  /** @param opaque the line's {@link OpaqueTokens}, or null */
  DigitGroups(String text, int[] opaque) {
    this.text = text;
    this.opaque = opaque;
  }

  /** @return the first offset at or after from that holds a digit, or the text's length */
  int nextDigit(int from) {
    int i = from;
    while (i < text.length() && !isDigitAt(i)) {
      i++;
    }
    return i;
  }

  /** Reads the chain whose first digit is at offset at. */
  void collectFrom(int at) {
    size = 0;
    int start = at;
    while (true) {
      int end = start;
      while (end < text.length() && isDigitAt(end)) {
        end++;
      }
      add(start, end);
      int next = end;
      while (next < text.length() && next - end <= CardNumbers.MAX_SEPARATORS
          && CardNumbers.isSeparator(text.charAt(next))) {
        next++;
      }
      int separators = next - end;
      if (separators == 0 || separators > CardNumbers.MAX_SEPARATORS || next == text.length() || !isDigitAt(next)) {
        return;
      }
      start = next;
    }
  }

  int size() {
    return size;
  }

  int start(int group) {
    return starts[group];
  }

  int groupEnd(int group) {
    return ends[group];
  }

  int length(int group) {
    return ends[group] - starts[group];
  }

  /** @return the end of the chain's last group */
  int end() {
    return ends[size - 1];
  }

  private void add(int start, int end) {
    if (size == starts.length) {
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    starts[size] = start;
    ends[size] = end;
    size++;
  }

  private boolean isDigitAt(int i) {
    if (!CardNumbers.isDigit(text.charAt(i))) {
      return false;
    }
    if (opaque == null) {
      return true;
    }
    while (span < opaque.length && opaque[span + 1] <= i) {
      span += 2;
    }
    return span >= opaque.length || i < opaque[span];
  }
}
