package com.edgepay.gateway.validation;

/**
 * One rule on one value. It answers with what is wrong, in words that name the rule and never
 * repeat the value (which may be a card number or a VPA), or null when the value is fine.
 */
@FunctionalInterface
public interface Check {
  String problem(String value);

  Check ANY = value -> null;
}
