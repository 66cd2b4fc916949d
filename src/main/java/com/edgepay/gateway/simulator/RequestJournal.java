package com.edgepay.gateway.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/** The most recent Juspay calls, oldest first; bounded so a long load run cannot exhaust memory. */
final class RequestJournal {

  private final int capacity;
  private final Deque<JournalEntry> entries = new ArrayDeque<>();

  RequestJournal(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(JournalEntry entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /** Entries for one order, or all of them when {@code orderId} is null. */
  synchronized List<JournalEntry> list(String orderId) {
    return entries.stream().filter(e -> orderId == null || Objects.equals(orderId, e.orderId())).toList();
  }

  synchronized void clear() {
    entries.clear();
  }
}
