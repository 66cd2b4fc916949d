package com.edgepay.gateway.validation;

import com.edgepay.gateway.form.FormBody;

/**
 * mandate.rule_value by frequency (create-order-with-payments.md): WEEKLY 1 to 7, FORTNIGHTLY 1
 * to 16, MONTHLY and longer 1 to 31, and none for ONETIME, DAILY and ASPRESENTED.
 */
final class MandateRuleValue {
  private MandateRuleValue() {
  }

  static void check(FormBody form, Violations out, String field, String frequencyField) {
    String value = form.get(field);
    String frequency = form.get(frequencyField);
    if (value == null || value.isEmpty()) {
      return;
    }
    int max = frequency == null ? 31 : switch (frequency) {
      case "ONETIME", "DAILY", "ASPRESENTED" -> 0;
      case "WEEKLY" -> 7;
      case "FORTNIGHTLY" -> 16;
      default -> 31;
    };
    if (max == 0) {
      out.invalid(field, "must be absent for ONETIME, DAILY and ASPRESENTED mandates");
      return;
    }
    int n = Checks.INTEGER.problem(value) == null ? Integer.parseInt(value) : -1;
    if (n < 1 || n > max) {
      out.invalid(field, "must be a whole number from 1 to " + max + " for this frequency");
    }
  }
}
