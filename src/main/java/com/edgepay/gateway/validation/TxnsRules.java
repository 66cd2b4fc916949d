package com.edgepay.gateway.validation;

import static com.edgepay.gateway.validation.FieldRule.optional;
import static com.edgepay.gateway.validation.FieldRule.required;
import static com.edgepay.gateway.validation.OrderRules.TXNS;

import com.edgepay.gateway.form.FormBody;
import java.util.List;

/**
 * POST /txns (create-order-with-payments.md): a payment, with a new order under "order." or on an
 * existing "order_id"; or a VPA verification ("vpa" and "merchant_id" only).
 */
final class TxnsRules {
  static final String[] METHOD_TYPES = {"CARD", "NB", "UPI", "WALLET", "CONSUMER_FINANCE", "CARDLESS_EMI",
      "PAYLATER", "REWARD", "AADHAAR", "PAPERNACH", "VIRTUAL_ACCOUNT", "CASH", "RTP", "OTC"};

  static final List<FieldRule> PAYMENT = List.of(
      required("payment_method_type", Checks.oneOf(METHOD_TYPES), TXNS + "Depending on type of payment to be processed"),
      required("merchant_id", Checks.maxLength(64), TXNS + "ID of the merchant_account that you hold with us"),
      optional("format", Checks.exactly("json"), TXNS + "If it is set to json, then the response will be HTTP 200"),
      optional("redirect_after_payment", Checks.BOOLEAN, TXNS + "This is a boolean variable and accepts true/false"),
      optional("save_to_locker", Checks.BOOLEAN, TXNS + "If set to true, then the card will be saved in locker"),
      optional("tokenize", Checks.BOOLEAN, TXNS + "If set to true, then the card will be tokenised"),
      optional("is_emi", Checks.BOOLEAN,
          TXNS + "Default is false. Set it to true if the user wishes to perform an EMI transaction"),
      optional("should_create_mandate", Checks.BOOLEAN, TXNS + "Set to \"`true`\" to create mandate during transaction"),
      optional("sdk_params", Checks.BOOLEAN, TXNS + "This is default parameter required"),
      optional("card_token", Checks.maxLength(512), TXNS + "A valid card token obtained using /card/list API"),
      optional("card_number", Checks.CARD_NUMBER, TXNS + "A valid credit/debit card number"),
      optional("card_exp_month", Checks.EXPIRY_MONTH, TXNS + "Represent the expiry month of the card as MM (two digits only)"),
      optional("card_exp_year", Checks.EXPIRY_YEAR, TXNS + "Represent the expiry year of the card as YY (two digits only)"),
      optional("card_security_code", Checks.CVV, TXNS + "CVV of the card. Usually three digits"),
      optional("name_on_card", Checks.NAME_ON_CARD, TXNS + "Should contain alphabetical characters only"),
      optional("txn_type", Checks.oneOf("UPI_COLLECT", "UPI_PAY"), TXNS + "Type of UPI transaction (e.g., UPI_COLLECT, UPI_PAY)"),
      optional("upi_vpa", Checks.UPI_VPA,
          TXNS + "Virtual Payment Address of the customer. Required for UPI Collect and TPV Collect"),
      optional("mandate_type", Checks.exactly("EMANDATE"), TXNS + "Type of mandate (e.g.,`EMANDATE`)"),
      optional("emi_tenure", Checks.INTEGER, TXNS + "The tenure of the EMI in number of months"),
      optional("emi_type", Checks.oneOf("STANDARD_EMI", "LOW_COST_EMI", "NO_COST_EMI"),
          TXNS + "The type of EMI ie STANDARD_EMI"));

  static final List<CrossRule> PAYMENT_CROSS = List.of(
      CrossRule.of(TXNS + "A valid card token obtained using /card/list API", TxnsRules::cardNeedsNumberOrToken),
      CrossRule.of(TXNS + "Virtual Payment Address of the customer. Required for UPI Collect and TPV Collect",
          TxnsRules::collectNeedsVpa));

  static final RuleSet ORDER_AND_PAYMENT = new RuleSet.Builder()
      .fields(OrderRules.fields("order.")).fields(PAYMENT)
      .cross(OrderRules.cross("order.")).cross(PAYMENT_CROSS).build();

  static final RuleSet PAYMENT_ON_ORDER = new RuleSet.Builder()
      .field(required("order_id", Checks.idChars(20, "letters, digits, '-' and '_'"),
          OrderRules.ORDER + "Should be Alphanumeric with character length less than 21"))
      .fields(PAYMENT).cross(PAYMENT_CROSS).build();

  static final RuleSet VERIFY_VPA = new RuleSet.Builder()
      .field(required("vpa", Checks.UPI_VPA, TXNS + "Verify VPA Code Snippet"))
      .field(required("merchant_id", Checks.maxLength(64), TXNS + "ID of the merchant_account that you hold with us"))
      .build();

  private TxnsRules() {
  }

  /** Which of the three calls this /txns body is. */
  static RuleSet forBody(FormBody form) {
    boolean newOrder = false;
    for (int i = 0; i < form.size() && !newOrder; i++) {
      newOrder = form.name(i).startsWith("order.");
    }
    if (newOrder) {
      return ORDER_AND_PAYMENT;
    }
    boolean verification = form.has("vpa") && !form.has("payment_method_type") && !form.has("order_id");
    return verification ? VERIFY_VPA : PAYMENT_ON_ORDER;
  }

  private static void cardNeedsNumberOrToken(FormBody form, Violations out) {
    if (!"CARD".equals(form.get("payment_method_type")) || present(form, "card_token")) {
      return;
    }
    if (!present(form, "card_number")) {
      out.missing("card_number", "is required for a CARD payment without card_token");
      return;
    }
    for (String field : new String[] {"card_exp_month", "card_exp_year"}) {
      if (!present(form, field)) {
        out.missing(field, "is required with card_number");
      }
    }
  }

  private static void collectNeedsVpa(FormBody form, Violations out) {
    String method = form.get("payment_method");
    boolean collect = "UPI_COLLECT".equals(form.get("txn_type")) || "UPI_COLLECT".equals(method) || "COLLECT".equals(method);
    if (collect && "UPI".equals(form.get("payment_method_type")) && !present(form, "upi_vpa")) {
      out.missing("upi_vpa", "is required for a UPI collect payment");
    }
  }

  private static boolean present(FormBody form, String name) {
    String v = form.get(name);
    return v != null && !v.isEmpty();
  }
}
