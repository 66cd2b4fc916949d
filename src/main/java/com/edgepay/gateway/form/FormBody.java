package com.edgepay.gateway.form;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body as Juspay sees it: an ordered list of name/value pairs, names possibly repeated.
 * Both form and JSON bodies become one of these, and only this is ever sent upstream, so what was
 * validated and fingerprinted is exactly what Juspay receives.
 */
public final class FormBody {
  private static final FormBody EMPTY = new FormBody(List.of(), List.of());

  private final List<String> names;
  private final List<String> values;
  private final Map<String, Integer> firstIndex;
  private final boolean repeats;
  /** Exactly what {@link FormCodec#encode} would write for this body, when known without encoding. */
  private final Buffer wire;

  private FormBody(List<String> names, List<String> values) {
    this(names, values, null);
  }

  private FormBody(List<String> names, List<String> values, Buffer wire) {
    this.names = names;
    this.values = values;
    this.wire = wire;
    this.firstIndex = new HashMap<>(names.size() * 2);
    boolean repeated = false;
    for (int i = 0; i < names.size(); i++) {
      repeated |= firstIndex.putIfAbsent(names.get(i), i) != null;
    }
    this.repeats = repeated;
  }

  /** Whether any name occurs more than once. */
  public boolean hasRepeats() {
    return repeats;
  }

  public static FormBody empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** @return the first value given for the name, or null */
  public String get(String name) {
    Integer i = firstIndex.get(name);
    return i == null ? null : values.get(i);
  }

  /** @return the first non-empty value of the names, in the order given, or null */
  public String firstOf(String... candidates) {
    for (String name : candidates) {
      String v = get(name);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  public List<String> all(String name) {
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equals(name)) {
        out.add(values.get(i));
      }
    }
    return out;
  }

  public boolean has(String name) {
    return firstIndex.containsKey(name);
  }

  public int size() {
    return names.size();
  }

  public String name(int i) {
    return names.get(i);
  }

  public String value(int i) {
    return values.get(i);
  }

  public List<String> names() {
    return Collections.unmodifiableList(names);
  }

  /** This body with its encoding, which the caller vouches for; see {@link FormCodec#parse}. */
  FormBody onTheWire(Buffer encoded) {
    return new FormBody(names, values, encoded);
  }

  /** Its encoding, or null when it must be encoded pair by pair. */
  Buffer wire() {
    return wire;
  }

  /** A copy in which {@code name} holds exactly one value, in the place of its first occurrence. */
  public FormBody with(String name, String value) {
    if (!repeats) {
      Integer at = firstIndex.get(name);
      if (at != null && values.get(at).equals(value)) {
        return this;
      }
      if (at == null && wire != null) {
        // Appended last, as below: the encoding grows by one pair.
        return withoutWire(name, value).onTheWire(FormCodec.append(wire, name, value));
      }
    }
    return withoutWire(name, value);
  }

  private FormBody withoutWire(String name, String value) {
    Builder b = builder();
    boolean placed = false;
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(name)) {
        b.add(names.get(i), values.get(i));
      } else if (!placed) {
        b.add(name, value);
        placed = true;
      }
    }
    if (!placed) {
      b.add(name, value);
    }
    return b.build();
  }

  /** A copy without any value of {@code name}. */
  public FormBody without(String name) {
    Builder b = builder();
    for (int i = 0; i < names.size(); i++) {
      if (!names.get(i).equals(name)) {
        b.add(names.get(i), values.get(i));
      }
    }
    return b.build();
  }

  /** Values may hold card data: never print them. */
  @Override
  public String toString() {
    return "FormBody" + names;
  }

  /** Collects pairs in arrival order. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public Builder add(String name, String value) {
      names.add(name);
      values.add(value);
      return this;
    }

    public FormBody build() {
      return names.isEmpty() ? EMPTY : new FormBody(names, values);
    }
  }
}
