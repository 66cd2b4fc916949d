package com.edgepay.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.form.FormBody;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per rule and outcome: a valid base body, one field changed, and what must follow. The
 * last test fails if any rule of any table lacks a passing or a failing row.
 */
class RuleTableTest {
  private static final String ABSENT = "<absent>";
  private static final Set<String> PASSED = new HashSet<>();
  private static final Set<String> FAILED = new HashSet<>();
  private final Validator validator = new Validator();

  private static final Map<String, Map<String, String>> BASES = Map.of(
      "order", Map.of("order_id", "ord_1", "amount", "100.00"),
      "session", Map.of("order_id", "ord_1", "amount", "100.00", "payment_page_client_id", "acme_web"),
      "update", Map.of("amount", "120.00"),
      "txns", Map.of("order.order_id", "ord_1", "order.amount", "100.00", "merchant_id", "acme_shop",
          "payment_method_type", "CARD", "card_number", "4242424242424242", "card_exp_month", "10",
          "card_exp_year", "29", "card_security_code", "123"),
      "pay", Map.of("order_id", "ord_1", "merchant_id", "acme_shop", "payment_method_type", "UPI",
          "txn_type", "UPI_COLLECT", "upi_vpa", "alice@okhdfc"),
      "vpa", Map.of("vpa", "alice@okhdfc", "merchant_id", "acme_shop"),
      "refund", Map.of("unique_request_id", "rf_1", "amount", "10.00"),
      "capture", Map.of(),
      "tpv", Map.of("order_id", "ord_1", "amount", "100.00",
          "metadata.bank_account_details", "[{\"bank_account_number\":\"00011111111623\"}]"));

  private static final Map<String, ApiRoute> ROUTES = Map.of("order", ApiRoute.CREATE_ORDER, "session",
      ApiRoute.SESSION, "update", ApiRoute.UPDATE_ORDER, "txns", ApiRoute.TXNS, "pay", ApiRoute.TXNS, "vpa",
      ApiRoute.TXNS, "refund", ApiRoute.REFUND, "capture", ApiRoute.CAPTURE, "tpv", ApiRoute.CREATE_ORDER);

  /** base | field | value | outcome (OK, MISSING, INVALID) | field reported (when not the same). */
  private static final String TABLE = """
      order   | order_id                        | order-id_9876580        | OK
      order   | order_id                        | ord_12345678901234567890 | INVALID
      order   | order_id                        | ord.1                   | INVALID
      order   | order_id                        | <absent>                | MISSING
      order   | amount                          | 100                     | OK
      order   | amount                          | 100.15                  | OK
      order   | amount                          | 100.1532                | INVALID
      order   | amount                          | abc                     | INVALID
      order   | amount                          | 0                       | INVALID
      order   | amount                          | -5                      | INVALID
      order   | amount                          | <absent>                | MISSING
      order   | currency                        | SGD                     | OK
      order   | currency                        | RUPEES                  | INVALID
      order   | customer_email                  | test@gmail.com          | OK
      order   | customer_email                  | test@                   | INVALID
      order   | customer_phone                  | +91 99886 65522         | OK
      order   | customer_phone                  | call-me                 | INVALID
      order   | return_url                      | https://shop.merchant.com/done | OK
      order   | return_url                      | https://shop.merchant.com/done?x=1 | INVALID
      order   | return_url                      | http://10.0.0.7/done    | INVALID
      order   | return_url                      | ftp://shop.merchant.com | INVALID
      order   | return_url                      | /relative/path          | INVALID
      order   | return_url                      | https://intranet/pay    | INVALID
      order   | udf1                            | user 5349               | OK
      order   | udf1                            | user_5349               | INVALID
      order   | udf2                            | A                       | OK
      order   | udf2                            | a&b                     | INVALID
      order   | udf3                            | B                       | OK
      order   | udf3                            | c#                      | INVALID
      order   | udf4                            | C                       | OK
      order   | udf4                            | d/e                     | INVALID
      order   | udf5                            | D                       | OK
      order   | udf5                            | e!                      | INVALID
      order   | udf6                            | user_5349 & co.         | OK
      order   | udf6                            | <256 chars>             | INVALID
      order   | udf7                            | x=y                     | OK
      order   | udf7                            | <control>               | INVALID
      order   | udf8                            | #8                      | OK
      order   | udf8                            | <256 chars>             | INVALID
      order   | udf9                            | @9                      | OK
      order   | udf9                            | <control>               | INVALID
      order   | udf10                           | %10                     | OK
      order   | udf10                           | <256 chars>             | INVALID
      order   | options.get_client_auth_token   | true                    | OK
      order   | options.get_client_auth_token   | yes                     | INVALID
      order   | gateway_id                      | 15                      | OK
      order   | gateway_id                      | fifteen                 | INVALID
      order   | billing_address_country_code_iso | IND                    | OK
      order   | billing_address_country_code_iso | IN                     | INVALID
      order   | shipping_address_country_code_iso | SGP                   | OK
      order   | shipping_address_country_code_iso | 356                   | INVALID
      order   | order_type                      | TPV_PAYMENT             | MISSING | metadata.bank_account_details
      order   | order_type                      | EMI                     | INVALID
      tpv     | order_type                      | TPV_PAYMENT             | OK
      order   | metadata.subvention_amount      | 100.00                  | OK
      order   | metadata.subvention_amount      | 0                       | OK
      order   | metadata.subvention_amount      | 100.01                  | INVALID
      order   | metadata.subvention_amount      | -1                      | INVALID
      order   | metadata.webhook_url            | https://merchant.juspay/response | OK
      order   | metadata.webhook_url            | http://merchant.juspay/response | INVALID
      order   | metadata.bank_account_details   | [{"bank_account_id":"ba_1","bank_account_type":"SAVINGS"}] | OK
      order   | metadata.bank_account_details   | [{"bank_ifsc":"HDFC0000123"}] | INVALID
      order   | metadata.bank_account_details   | [{"bank_account_number":"1","bank_account_type":"JOINT"}] | INVALID
      order   | metadata.bank_account_details   | {"bank_account_number":"1"} | INVALID
      order   | mutual_fund_details             | [{"memberId":"M","userId":"U","mfPartner":"NSE","orderNumber":"o","amount":"50.00","investmentType":"SIP"}] | OK
      order   | mutual_fund_details             | [{"memberId":"M","userId":"U","mfPartner":"NYSE","orderNumber":"o","amount":"50.00","investmentType":"SIP"}] | INVALID
      order   | mutual_fund_details             | [{"memberId":"M","mfPartner":"BSE","orderNumber":"o","amount":"5","investmentType":"BOND"}] | INVALID
      order   | cross_border_details            | {"invoice_number":"INV-1","customer_info":{"customer_name":"A"}} | OK
      order   | cross_border_details            | {"goods_description":"Tubelight"} | INVALID
      order   | cross_border_details            | {"invoice_number":"INV-1","shipping_address":{"line1":"a"}} | INVALID
      order   | payment_rules                   | {"payment_flows":{"reverse_penny_drop":{"status":"REQUIRED"}}} | OK
      order   | payment_rules                   | {"payment_flows":{"reverse_penny_drop":{"status":"MAYBE"}}} | INVALID
      order   | payment_rules                   | {"rules":[]}            | INVALID
      order   | metadata.auto_refund_post_success | false                 | OK
      order   | metadata.auto_refund_post_success | no                    | INVALID
      order   | metadata.txns.auto_capture      | false                   | OK
      order   | metadata.txns.auto_capture      | later                   | INVALID
      order   | options.create_mandate          | OPTIONAL                | OK
      order   | options.create_mandate          | ALWAYS                  | INVALID
      order   | mandate.max_amount              | 1000.00                 | OK
      order   | mandate.max_amount              | 1000.001                | INVALID
      order   | mandate.amount_rule             | FIXED                   | OK
      order   | mandate.amount_rule             | CAPPED                  | INVALID
      order   | mandate.frequency               | HALFYEARLY              | OK
      order   | mandate.frequency               | HOURLY                  | INVALID
      order   | mandate.start_date              | 1698218211              | OK
      order   | mandate.start_date              | 2023-10-25              | INVALID
      order   | mandate.end_date                | 1914141600              | OK
      order   | mandate.end_date                | tomorrow                | INVALID
      order   | mandate.rule_type               | BEFORE                  | OK
      order   | mandate.rule_type               | DURING                  | INVALID
      order   | mandate.revokable_by_customer   | true                    | OK
      order   | mandate.revokable_by_customer   | 1                       | INVALID
      order   | mandate.block_funds             | FALSE                   | OK
      order   | mandate.block_funds             | maybe                   | INVALID
      session | payment_page_client_id          | acme_android            | OK
      session | payment_page_client_id          | <absent>                | MISSING
      update  | amount                          | 99.99                   | OK
      update  | amount                          | 9.999                   | INVALID
      txns    | payment_method_type             | NB                      | OK
      txns    | payment_method_type             | CHEQUE                  | INVALID
      txns    | payment_method_type             | <absent>                | MISSING
      txns    | merchant_id                     | acme_shop               | OK
      txns    | merchant_id                     | <absent>                | MISSING
      txns    | format                          | json                    | OK
      txns    | format                          | xml                     | INVALID
      txns    | redirect_after_payment          | true                    | OK
      txns    | redirect_after_payment          | sometimes               | INVALID
      txns    | save_to_locker                  | false                   | OK
      txns    | save_to_locker                  | 0                       | INVALID
      txns    | tokenize                        | true                    | OK
      txns    | tokenize                        | y                       | INVALID
      txns    | is_emi                          | true                    | OK
      txns    | is_emi                          | emi                     | INVALID
      txns    | should_create_mandate           | true                    | OK
      txns    | should_create_mandate           | yes                     | INVALID
      txns    | sdk_params                      | true                    | OK
      txns    | sdk_params                      | on                      | INVALID
      txns    | card_token                      | tkn_1                   | OK
      txns    | card_token                      | <600 chars>             | INVALID
      txns    | card_number                     | 5555555555554444        | OK
      txns    | card_number                     | 4242424242424241        | INVALID
      txns    | card_number                     | 42424242                | INVALID
      txns    | card_number                     | <absent>                | MISSING
      txns    | card_exp_month                  | 01                      | OK
      txns    | card_exp_month                  | 13                      | INVALID
      txns    | card_exp_month                  | 1                       | INVALID
      txns    | card_exp_month                  | <absent>                | MISSING
      txns    | card_exp_year                   | 31                      | OK
      txns    | card_exp_year                   | 2031                    | INVALID
      txns    | card_exp_year                   | <absent>                | MISSING
      txns    | card_security_code              | 1234                    | OK
      txns    | card_security_code              | 12                      | INVALID
      txns    | name_on_card                    | Jane Doe                | OK
      txns    | name_on_card                    | Jane Doe 2              | INVALID
      txns    | txn_type                        | UPI_PAY                 | OK
      txns    | txn_type                        | UPI_PULL                | INVALID
      txns    | upi_vpa                         | jane.doe@oksbi          | OK
      txns    | upi_vpa                         | jane.doe                | INVALID
      txns    | mandate_type                    | EMANDATE                | OK
      txns    | mandate_type                    | NACH                    | INVALID
      txns    | emi_tenure                      | 12                      | OK
      txns    | emi_tenure                      | twelve                  | INVALID
      txns    | emi_type                        | NO_COST_EMI             | OK
      txns    | emi_type                        | ZERO_EMI                | INVALID
      txns    | order.order_id                  | <absent>                | MISSING
      txns    | order.amount                    | 1.5.0                   | INVALID
      txns    | order.order_type                | TPV_PAYMENT             | MISSING | order.metadata.bank_account_details
      txns    | order.mandate.rule_value        | 7                       | OK
      pay     | upi_vpa                         | <absent>                | MISSING
      pay     | order_id                        | ord_9                   | OK
      pay     | order_id                        | <absent>                | MISSING
      vpa     | vpa                             | bob@ybl                 | OK
      vpa     | vpa                             | bob                     | INVALID
      vpa     | merchant_id                     | <absent>                | MISSING
      refund  | unique_request_id               | rf-2_b                  | OK
      refund  | unique_request_id               | rf 2                    | INVALID
      refund  | unique_request_id               | <absent>                | MISSING
      refund  | amount                          | 10                      | OK
      refund  | amount                          | ten                     | INVALID
      refund  | amount                          | <absent>                | MISSING
      capture | amount                          | 5.00                    | OK
      capture | amount                          | 5.001                   | INVALID
      capture | idempotence_key                 | cap_1                   | OK
      capture | idempotence_key                 | cap 1                   | INVALID
      """;

  static Stream<Arguments> rows() {
    return TABLE.lines().filter(l -> !l.isBlank()).map(line -> {
      String[] c = line.split("\\|");
      String reported = c.length > 4 ? c[4].trim() : c[1].trim();
      return Arguments.of(c[0].trim(), c[1].trim(), c[2].trim(), c[3].trim(), reported);
    });
  }

  @ParameterizedTest(name = "{0}: {1}={2} -> {3}")
  @MethodSource("rows")
  void eachRuleAcceptsAndRefuses(String base, String field, String value, String outcome, String reported) {
    Map<String, String> body = new LinkedHashMap<>(BASES.get(base));
    switch (value) {
      case ABSENT -> body.remove(field);
      case "<256 chars>" -> body.put(field, "x".repeat(256));
      case "<600 chars>" -> body.put(field, "x".repeat(600));
      case "<control>" -> body.put(field, "bell\u0007");
      default -> body.put(field, value);
    }
    FormBody.Builder form = FormBody.builder();
    body.forEach(form::add);
    Violations v = validator.check(ROUTES.get(base), form.build());
    String rule = field.startsWith("order.") ? field.substring(6) : field;
    if (outcome.equals("OK")) {
      assertFalse(v.any(), v.list().toString());
      PASSED.add(rule);
    } else {
      List<FieldError> errors = v.list();
      assertEquals(1, errors.size(), errors.toString());
      assertEquals(reported, errors.get(0).fieldName());
      assertEquals(outcome.equals("MISSING") ? "MISSING_MANDATORY_PARAMETER" : "INVALID_PARAMETER",
          v.toError().code().name());
      if (!value.startsWith("<") && value.length() > 3) {
        assertFalse(errors.get(0).reason().contains(value), "a reason must not echo the value");
      }
      FAILED.add(rule);
    }
  }

  @Test
  void everyOffendingFieldIsListedAtOnce() {
    FormBody form = FormBody.builder().add("order_id", "bad id!").add("amount", "1.234").add("currency", "XX")
        .add("customer_email", "nope").build();
    Violations v = validator.check(ApiRoute.CREATE_ORDER, form);
    assertEquals(List.of("order_id", "amount", "currency", "customer_email"),
        v.list().stream().map(FieldError::fieldName).toList());
    FormBody missingAndBad = FormBody.builder().add("amount", "x").build();
    assertEquals("MISSING_MANDATORY_PARAMETER", validator.check(ApiRoute.CREATE_ORDER, missingAndBad).toError().code().name());
  }

  @Test
  void mandateRuleValueFollowsTheFrequency() {
    assertEquals(List.of(), ruleValue("WEEKLY", "7"));
    assertEquals(List.of("order.mandate.rule_value"), ruleValue("WEEKLY", "8"));
    assertEquals(List.of(), ruleValue("FORTNIGHTLY", "16"));
    assertEquals(List.of("order.mandate.rule_value"), ruleValue("FORTNIGHTLY", "17"));
    assertEquals(List.of(), ruleValue("QUARTERLY", "31"));
    assertEquals(List.of("order.mandate.rule_value"), ruleValue("MONTHLY", "0"));
    assertEquals(List.of("order.mandate.rule_value"), ruleValue("ASPRESENTED", "1"));
    assertEquals(List.of("order.mandate.rule_value"), ruleValue("DAILY", "1"));
    assertEquals(List.of(), ruleValue("ONETIME", null));
  }

  @Test
  void aMandateMustEndAfterItStarts() {
    FormBody form = base("txns").add("order.mandate.start_date", "1700000000").add("order.mandate.end_date", "1700000000")
        .build();
    assertEquals(List.of("order.mandate.end_date"), names(validator.check(ApiRoute.TXNS, form)));
  }

  @Test
  void aCardPaymentWithATokenNeedsNoNumber() {
    FormBody form = FormBody.builder().add("order_id", "o1").add("merchant_id", "m").add("payment_method_type", "CARD")
        .add("card_token", "tkn_1").build();
    assertFalse(validator.check(ApiRoute.TXNS, form).any());
  }

  @Test
  void aPreAuthFlagPassesIntact() {
    FormBody form = base("txns").add("order.metadata.txns.auto_capture", "false").build();
    assertFalse(validator.check(ApiRoute.TXNS, form).any());
    assertEquals("false", form.get("order.metadata.txns.auto_capture"));
  }

  private List<String> ruleValue(String frequency, String value) {
    FormBody.Builder form = base("txns").add("order.mandate.frequency", frequency);
    if (value != null) {
      form.add("order.mandate.rule_value", value);
    }
    return names(validator.check(ApiRoute.TXNS, form.build()));
  }

  private static FormBody.Builder base(String name) {
    FormBody.Builder form = FormBody.builder();
    BASES.get(name).forEach(form::add);
    return form;
  }

  private static List<String> names(Violations v) {
    return v.list().stream().map(FieldError::fieldName).toList();
  }

  /** Runs last (JUnit sorts this class's methods deterministically, and the rows run first). */
  @AfterAll
  static void everyRuleHasAPassingAndAFailingRow() {
    Set<String> rules = Validator.allTables().stream().flatMap(t -> t.fieldRules().stream())
        .map(r -> r.name().startsWith("order.") ? r.name().substring(6) : r.name())
        .collect(Collectors.toSet());
    Set<String> missingPass = new HashSet<>(rules);
    missingPass.removeAll(PASSED);
    Set<String> missingFail = new HashSet<>(rules);
    missingFail.removeAll(FAILED);
    assertTrue(missingPass.isEmpty(), "rules without a passing row: " + missingPass);
    assertTrue(missingFail.isEmpty(), "rules without a failing row: " + missingFail);
  }
}
