package com.edgepay.gateway.validation;

import com.edgepay.gateway.form.FormBody;

/** A rule across fields ("end after start", "card needs a number or a token"), with its source. */
public interface CrossRule {
  void check(FormBody form, Violations out);

  String source();

  static CrossRule of(String source, java.util.function.BiConsumer<FormBody, Violations> rule) {
    return new CrossRule() {
      @Override
      public void check(FormBody form, Violations out) {
        rule.accept(form, out);
      }

      @Override
      public String source() {
        return source;
      }
    };
  }
}
