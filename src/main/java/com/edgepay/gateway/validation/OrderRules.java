package com.edgepay.gateway.validation;

import static com.edgepay.gateway.validation.FieldRule.optional;
import static com.edgepay.gateway.validation.FieldRule.required;

import com.edgepay.gateway.form.FormBody;
import java.util.ArrayList;
import java.util.List;

/**
 * Create Order's parameters (create-order-api.md), and its mandate parameters
 * (create-order-with-payments.md, "UPI Mandate Parameters"). /orders and /session use them as
 * they are; /txns puts them under the "order." prefix.
 */
final class OrderRules {
  static final String ORDER = "create-order-api.md: ";
  static final String TXNS = "create-order-with-payments.md: ";
  static final String PREAUTH = "pre-auth-order-payment.txt: ";
  static final String[] FREQUENCIES = {"ONETIME", "DAILY", "WEEKLY", "FORTNIGHTLY", "MONTHLY", "BIMONTHLY",
      "QUARTERLY", "HALFYEARLY", "YEARLY", "ASPRESENTED"};

  private OrderRules() {
  }

  static List<FieldRule> fields(String prefix) {
    List<FieldRule> rules = new ArrayList<>(List.of(
        required("order_id", Checks.idChars(20, "letters, digits, '-' and '_'"),
            ORDER + "Should be Alphanumeric with character length less than 21"),
        required("amount", Checks.AMOUNT,
            ORDER + "\"100.15\" and \"100\" are valid input but \"100.1532\" is not valid"),
        optional("currency", Checks.CURRENCY, ORDER + "ISO string of the currency"),
        optional("customer_email", Checks.EMAIL_ADDRESS, ORDER + "Email address of the customer"),
        optional("customer_phone", Checks.PHONE, ORDER + "Mobile number or fixed line number of the customer"),
        optional("return_url", Checks.RETURN_URL,
            ORDER + "This URL shouldn't contain any query parameters or Ip address"),
        optional("options.get_client_auth_token", Checks.BOOLEAN,
            ORDER + "Client side authenticaion token required for Hyper SDK calls"),
        optional("gateway_id", Checks.INTEGER, ORDER + "Specify your preferred gateway for this order"),
        optional("billing_address_country_code_iso", Checks.ISO_COUNTRY3, ORDER + "ISO Country code Default value: IND"),
        optional("shipping_address_country_code_iso", Checks.ISO_COUNTRY3, ORDER + "ISO Country code Default value: IND"),
        optional("order_type", Checks.exactly("TPV_PAYMENT"), ORDER + "Applicable only for TPV Orders"),
        optional("metadata.subvention_amount", Checks.AMOUNT_OR_ZERO,
            ORDER + "can be any value between 0 and the total order amount"),
        optional("metadata.webhook_url", Checks.HTTPS_URL, ORDER + "Merchant can pass dynamic webhook URL in this field"),
        optional("metadata.bank_account_details", JsonShapes.BANK_ACCOUNTS,
            ORDER + "Either bank_account_number or bank_account_id is mandatory"),
        optional("mutual_fund_details", JsonShapes.MUTUAL_FUNDS, ORDER + "Contains the details of Mutual Fund"),
        optional("cross_border_details", JsonShapes.CROSS_BORDER, ORDER + "Invoice number required for transaction"),
        optional("payment_rules", JsonShapes.PAYMENT_RULES, ORDER + "DISABLED - Juspay will ignore the parameter"),
        optional("metadata.auto_refund_post_success", Checks.BOOLEAN,
            TXNS + "Set it to true if you want to auto initiate refunds"),
        optional("metadata.txns.auto_capture", Checks.BOOLEAN, PREAUTH + "Pass false to for pre-auth orders"),
        optional("options.create_mandate", Checks.oneOf("REQUIRED", "OPTIONAL"),
            TXNS + "Indicates if mandate creation must be enforced"),
        optional("mandate.max_amount", Checks.AMOUNT, TXNS + "Maximum allowable debit under mandate"),
        optional("mandate.amount_rule", Checks.oneOf("FIXED", "VARIABLE"),
            TXNS + "defines how the amount is treated under the mandate"),
        optional("mandate.frequency", Checks.oneOf(FREQUENCIES), TXNS + "Frequency of mandate debit"),
        optional("mandate.start_date", Checks.EPOCH_SECONDS, TXNS + "Timestamp when mandate becomes active"),
        optional("mandate.end_date", Checks.EPOCH_SECONDS, TXNS + "Timestamp when mandate ends"),
        optional("mandate.rule_type", Checks.oneOf("ON", "BEFORE", "AFTER"),
            TXNS + "Rule to trigger recurring debit (ON, BEFORE, AFTER)"),
        optional("mandate.revokable_by_customer", Checks.BOOLEAN,
            TXNS + "If true, mandate can be revoked by the customer"),
        optional("mandate.block_funds", Checks.BOOLEAN, TXNS + "If true, blocks funds during mandate creation")));
    for (int i = 1; i <= 10; i++) {
      rules.add(i <= 5
          ? optional("udf" + i, Checks.UDF_PLAIN, ORDER + "for values **without special characters**")
          : optional("udf" + i, Checks.UDF_ANY, ORDER + "Special characters supported"));
    }
    return rules.stream().map(r -> r.prefixed(prefix)).toList();
  }

  static List<CrossRule> cross(String p) {
    // Names are joined once, here, so that checking a body builds no strings.
    String amount = p + "amount";
    String subvention = p + "metadata.subvention_amount";
    String start = p + "mandate.start_date";
    String end = p + "mandate.end_date";
    String orderType = p + "order_type";
    String accounts = p + "metadata.bank_account_details";
    String ruleValue = p + "mandate.rule_value";
    String frequency = p + "mandate.frequency";
    return List.of(
        CrossRule.of(ORDER + "can be any value between 0 and the total order amount",
            (form, out) -> subventionWithinAmount(form, out, subvention, amount)),
        CrossRule.of(TXNS + "Timestamp when mandate ends", (form, out) -> endAfterStart(form, out, start, end)),
        CrossRule.of(TXNS + "Not required**  for `ONETIME`, `DAILY`, or `ASPRESENTED`",
            (form, out) -> MandateRuleValue.check(form, out, ruleValue, frequency)),
        CrossRule.of(TXNS + "Required for TPV flows", (form, out) -> tpvNeedsBankAccounts(form, out, orderType, accounts)));
  }

  private static void subventionWithinAmount(FormBody form, Violations out, String subventionField, String amountField) {
    String subvention = form.get(subventionField);
    String amount = form.get(amountField);
    if (subvention == null || amount == null || Checks.AMOUNT_OR_ZERO.problem(subvention) != null
        || Checks.AMOUNT.problem(amount) != null) {
      return;
    }
    if (Checks.cents(subvention) > Checks.cents(amount)) {
      out.invalid(subventionField, "must lie between 0 and the order amount");
    }
  }

  private static void endAfterStart(FormBody form, Violations out, String startField, String endField) {
    String start = form.get(startField);
    String end = form.get(endField);
    if (start == null || end == null || Checks.EPOCH_SECONDS.problem(start) != null
        || Checks.EPOCH_SECONDS.problem(end) != null) {
      return;
    }
    if (Long.parseLong(end) <= Long.parseLong(start)) {
      out.invalid(endField, "must be after " + startField);
    }
  }

  private static void tpvNeedsBankAccounts(FormBody form, Violations out, String orderType, String accounts) {
    String details = form.get(accounts);
    if ("TPV_PAYMENT".equals(form.get(orderType)) && (details == null || details.isEmpty())) {
      out.missing(accounts, "is required for a TPV order");
    }
  }
}
