package com.edgepay.gateway.validation;

/**
 * One documented parameter: its name, whether Juspay requires it, the check on its value, and the
 * doc line it comes from ({@code "file: quoted text"}; a test checks the quote is really there).
 */
public record FieldRule(String name, boolean required, Check check, String source) {

  public static FieldRule required(String name, Check check, String source) {
    return new FieldRule(name, true, check, source);
  }

  public static FieldRule optional(String name, Check check, String source) {
    return new FieldRule(name, false, check, source);
  }

  /** The same rule inside /txns, where Create Order's fields carry the "order." prefix. */
  FieldRule prefixed(String prefix) {
    return new FieldRule(prefix + name, required, check, source);
  }
}
