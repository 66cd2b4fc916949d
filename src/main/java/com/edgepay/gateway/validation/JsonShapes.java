package com.edgepay.gateway.validation;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON-valued parameters of Create Order, checked against their documented shapes. The docs
 * show member names capitalised ("Invoice_number"); Juspay's samples send them as written in
 * snake or camel case, so members are matched ignoring case. Problems name paths, never values.
 */
final class JsonShapes {
  private static final Set<String> MF_PARTNERS = Set.of("NSE", "BSE", "KFIN", "CAMS");
  // The doc's enum reads "LUMPSU/ SIP", its own sample sends "LUMPSUM": accept the sample's spelling.
  private static final Set<String> INVESTMENT_TYPES = Set.of("LUMPSUM", "SIP");
  private static final Set<String> ACCOUNT_TYPES = Set.of("CURRENT", "SAVINGS");
  private static final Set<String> PENNY_DROP = Set.of("DISABLED", "REQUIRED", "OPTIONAL");

  private JsonShapes() {
  }

  /** Each account needs bank_account_number or bank_account_id; the type is CURRENT or SAVINGS. */
  static final Check BANK_ACCOUNTS = v -> each(v, (account, at, problems) -> {
    if (blank(account, "bank_account_number") && blank(account, "bank_account_id")) {
      problems.add(at + " needs bank_account_number or bank_account_id");
    }
    oneOf(account, "bank_account_type", ACCOUNT_TYPES, at, problems);
  });

  static final Check MUTUAL_FUNDS = v -> each(v, (fund, at, problems) -> {
    for (String member : List.of("memberId", "userId", "mfPartner", "orderNumber", "amount", "investmentType")) {
      if (blank(fund, member)) {
        problems.add(at + "." + member + " is required");
      }
    }
    oneOf(fund, "mfPartner", MF_PARTNERS, at, problems);
    oneOf(fund, "investmentType", INVESTMENT_TYPES, at, problems);
    String amount = text(fund, "amount");
    if (amount != null && Checks.AMOUNT.problem(amount) != null) {
      problems.add(at + ".amount " + Checks.AMOUNT.problem(amount));
    }
  });

  static final Check CROSS_BORDER = v -> object(v, (details, problems) -> {
    required(details, "invoice_number", "", problems);
    JsonObject shipping = member(details, "shipping_address");
    if (shipping != null) {
      for (String m : List.of("line1", "line2", "city", "country", "state_name", "zipcode")) {
        required(shipping, m, "shipping_address.", problems);
      }
    }
    JsonObject customer = member(details, "customer_info");
    if (customer != null) {
      required(customer, "customer_name", "customer_info.", problems);
    }
  });

  static final Check PAYMENT_RULES = v -> object(v, (rules, problems) -> {
    JsonObject flows = member(rules, "payment_flows");
    if (flows == null) {
      problems.add("payment_flows is required");
      return;
    }
    JsonObject pennyDrop = member(flows, "reverse_penny_drop");
    if (pennyDrop != null) {
      oneOf(pennyDrop, "status", PENNY_DROP, "payment_flows.reverse_penny_drop", problems);
    }
  });

  private interface ElementCheck {
    void check(JsonObject element, String at, List<String> problems);
  }

  private interface ObjectCheck {
    void check(JsonObject object, List<String> problems);
  }

  private static String each(String value, ElementCheck check) {
    Object parsed = parse(value);
    if (!(parsed instanceof JsonArray array) || array.isEmpty()) {
      return "must be a non-empty JSON array of objects";
    }
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject element)) {
        problems.add("[" + i + "] must be an object");
      } else {
        check.check(element, "[" + i + "]", problems);
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static String object(String value, ObjectCheck check) {
    if (!(parse(value) instanceof JsonObject object)) {
      return "must be a JSON object";
    }
    List<String> problems = new ArrayList<>();
    check.check(object, problems);
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static Object parse(String value) {
    try {
      return Json.decodeValue(value);
    } catch (DecodeException e) {
      return null;
    }
  }

  private static Object find(JsonObject object, String name) {
    for (String key : object.fieldNames()) {
      if (key.equalsIgnoreCase(name)) {
        return object.getValue(key);
      }
    }
    return null;
  }

  private static JsonObject member(JsonObject object, String name) {
    return find(object, name) instanceof JsonObject o ? o : null;
  }

  private static String text(JsonObject object, String name) {
    Object v = find(object, name);
    return v == null ? null : String.valueOf(v);
  }

  private static boolean blank(JsonObject object, String name) {
    String v = text(object, name);
    return v == null || v.isBlank();
  }

  private static void required(JsonObject object, String name, String at, List<String> problems) {
    if (blank(object, name)) {
      problems.add(at + name + " is required");
    }
  }

  private static void oneOf(JsonObject object, String name, Set<String> allowed, String at, List<String> problems) {
    String v = text(object, name);
    if (v != null && !allowed.contains(v.toUpperCase(Locale.ROOT))) {
      problems.add(at + "." + name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }
}
