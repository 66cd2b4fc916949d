package com.edgepay.gateway.form;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.api.GatewayError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every Juspay parameter is a single value, so a repeated name is ambiguous: a parser here and one
 * at Juspay could each pick a different value. Identical repeats (Juspay's own UPI-collect mandate
 * sample sends order.mandate.start_date twice) collapse to one; different values are refused.
 */
public final class Repeats {
  private Repeats() {
  }

  /** @throws GatewayError INVALID_PARAMETER naming every parameter given with different values */
  public static FormBody collapse(FormBody form) {
    if (!form.hasRepeats()) {
      return form;
    }
    Map<String, String> first = new HashMap<>();
    List<FieldError> conflicts = null;
    for (int i = 0; i < form.size(); i++) {
      String previous = first.putIfAbsent(form.name(i), form.value(i));
      if (previous != null && !previous.equals(form.value(i))) {
        if (conflicts == null) {
          conflicts = new ArrayList<>();
        }
        String name = form.name(i);
        if (conflicts.stream().noneMatch(c -> c.fieldName().equals(name))) {
          conflicts.add(new FieldError(name, "is given more than once with different values"));
        }
      }
    }
    if (conflicts != null) {
      throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "A parameter is repeated with different values", conflicts);
    }
    return distinct(form);
  }

  private static FormBody distinct(FormBody form) {
    FormBody.Builder b = FormBody.builder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < form.size(); i++) {
      if (seen.add(form.name(i))) {
        b.add(form.name(i), form.value(i));
      }
    }
    return b.build();
  }
}
