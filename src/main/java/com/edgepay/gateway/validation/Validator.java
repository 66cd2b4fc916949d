package com.edgepay.gateway.validation;

import static com.edgepay.gateway.validation.FieldRule.optional;
import static com.edgepay.gateway.validation.FieldRule.required;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.form.FormBody;
import java.util.List;

/**
 * Checks a call against Juspay's documented rules. One table per route; every rule cites its doc
 * line. The tables are built once; checking a valid body allocates nothing but the result.
 */
public final class Validator {
  private static final String FACTS = "README.md: ";

  private static final RuleSet CREATE_ORDER = new RuleSet.Builder()
      .fields(OrderRules.fields("")).cross(OrderRules.cross("")).build();

  private static final RuleSet SESSION = new RuleSet.Builder()
      .fields(OrderRules.fields(""))
      .field(required("payment_page_client_id", Checks.maxLength(128), FACTS + "order fields plus `payment_page_client_id`"))
      .cross(OrderRules.cross("")).build();

  /** An update changes some of an order's fields: the same checks, nothing required. */
  private static final RuleSet UPDATE_ORDER = new RuleSet.Builder()
      .fields(OrderRules.fields("").stream().filter(r -> !r.name().equals("order_id"))
          .map(r -> optional(r.name(), r.check(), r.source())).toList())
      .cross(OrderRules.cross("")).build();

  private static final RuleSet REFUND = new RuleSet.Builder()
      .field(required("unique_request_id", Checks.idChars(255, "letters, digits, '_' and '-'"),
          FACTS + "(required; the idempotency key; no special characters)"))
      .field(required("amount", Checks.AMOUNT, OrderRules.ORDER
          + "\"100.15\" and \"100\" are valid input but \"100.1532\" is not valid"))
      .build();

  /** The order's id in the body instead of the path; otherwise the same refund. */
  private static final RuleSet REFUND_BY_BODY = new RuleSet.Builder()
      .fields(OrderRules.fields("").stream().filter(r -> r.name().equals("order_id")).toList())
      .fields(REFUND.fieldRules())
      .build();

  private static final RuleSet CAPTURE_OR_VOID = new RuleSet.Builder()
      .field(optional("amount", Checks.AMOUNT, FACTS + "An empty body captures in full"))
      .field(optional("idempotence_key", Checks.idChars(255, "letters, digits, '_' and '-'"),
          FACTS + "An empty body captures in full"))
      .build();

  private static final RuleSet NONE = new RuleSet.Builder().build();

  /** @return every broken rule; empty when the body is fine */
  public Violations check(ApiRoute route, FormBody form) {
    Violations out = new Violations();
    rulesFor(route, form).check(form, out);
    return out;
  }

  public RuleSet rulesFor(ApiRoute route, FormBody form) {
    return switch (route) {
      case CREATE_ORDER -> CREATE_ORDER;
      case SESSION -> SESSION;
      case UPDATE_ORDER -> UPDATE_ORDER;
      case TXNS -> TxnsRules.forBody(form);
      case REFUND -> REFUND;
      case REFUND_BY_BODY -> REFUND_BY_BODY;
      case CAPTURE, VOID -> CAPTURE_OR_VOID;
      case ORDER_STATUS -> NONE;
    };
  }

  /** Every table, for the tests that check citations and coverage. */
  public static List<RuleSet> allTables() {
    return List.of(CREATE_ORDER, SESSION, UPDATE_ORDER, REFUND, REFUND_BY_BODY, CAPTURE_OR_VOID, TxnsRules.ORDER_AND_PAYMENT,
        TxnsRules.PAYMENT_ON_ORDER, TxnsRules.VERIFY_VPA);
  }
}
