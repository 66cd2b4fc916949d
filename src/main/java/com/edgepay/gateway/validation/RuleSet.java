package com.edgepay.gateway.validation;

import com.edgepay.gateway.form.FormBody;
import java.util.ArrayList;
import java.util.List;

/** A route's table of field rules and cross rules. An empty value counts as absent. */
public final class RuleSet {
  private final FieldRule[] fields;
  private final CrossRule[] cross;

  RuleSet(List<FieldRule> fields, List<CrossRule> cross) {
    this.fields = fields.toArray(FieldRule[]::new);
    this.cross = cross.toArray(CrossRule[]::new);
  }

  void check(FormBody form, Violations out) {
    for (FieldRule rule : fields) {
      String value = form.get(rule.name());
      if (value == null || value.isEmpty()) {
        if (rule.required()) {
          out.missing(rule.name(), "is required");
        }
        continue;
      }
      String problem = rule.check().problem(value);
      if (problem != null) {
        out.invalid(rule.name(), problem);
      }
    }
    for (CrossRule rule : cross) {
      rule.check(form, out);
    }
  }

  public List<FieldRule> fieldRules() {
    return List.of(fields);
  }

  public List<CrossRule> crossRules() {
    return List.of(cross);
  }

  /** Collects a table in reading order. */
  static final class Builder {
    private final List<FieldRule> fields = new ArrayList<>();
    private final List<CrossRule> cross = new ArrayList<>();

    Builder fields(List<FieldRule> rules) {
      fields.addAll(rules);
      return this;
    }

    Builder field(FieldRule rule) {
      fields.add(rule);
      return this;
    }

    Builder cross(List<CrossRule> rules) {
      cross.addAll(rules);
      return this;
    }

    RuleSet build() {
      return new RuleSet(fields, cross);
    }
  }
}
