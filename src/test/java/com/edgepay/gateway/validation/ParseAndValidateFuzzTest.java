package com.edgepay.gateway.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.ErrorBody;
import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.form.JsonForm;
import com.edgepay.gateway.form.Repeats;
import com.edgepay.gateway.logging.LogMask;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The form parser and the validator, fuzzed. The seeds under ParseAndValidateFuzzTestInputs run in
 * every build (regression mode); {@code JAZZER_FUZZ=1 mvn test -Dtest=ParseAndValidateFuzzTest}
 * fuzzes for real. Input: one byte picks the route and the body type, the rest is the body.
 *
 * <p>Oracle: nothing but a validation result ever comes out, and no error can carry a card
 * number, a CVV or a VPA: reasons and messages hold only template text.
 */
class ParseAndValidateFuzzTest {
  private static final Validator VALIDATOR = new Validator();
  private static final ApiRoute[] ROUTES = ApiRoute.values();
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d{3,}");
  /** The only numbers of three or more digits that reason templates contain. */
  private static final Set<String> TEMPLATE_NUMBERS = Set.of("100", "128", "255", "256", "512", "4217");

  @FuzzTest(maxDuration = "30s")
  void parseAndValidate(byte[] input) {
    if (input.length == 0) {
      return;
    }
    ApiRoute route = ROUTES[(input[0] & 0x7f) % ROUTES.length];
    boolean json = (input[0] & 0x80) != 0;
    Buffer body = Buffer.buffer(Arrays.copyOfRange(input, 1, input.length));
    FormBody form;
    try {
      form = Repeats.collapse(json ? JsonForm.parse(body) : FormCodec.parse(body));
    } catch (GatewayError refused) {
      assertSafe(refused, null);
      return;
    }
    Violations violations = VALIDATOR.check(route, form);
    if (violations.any()) {
      assertSafe(violations.toError(), form);
    }
  }

  private static void assertSafe(GatewayError error, FormBody form) {
    assertFalse(error.fields().isEmpty(), "an error must name its fields");
    JsonObject rendered = new JsonObject(ErrorBody.render(error, "req").toString());
    assertEquals(error.code().name(), rendered.getString("error_code"));
    assertTemplateOnly(rendered.getString("error_message"));
    JsonArray fields = rendered.getJsonObject("error_info").getJsonArray("fields");
    for (int i = 0; i < fields.size(); i++) {
      JsonObject f = fields.getJsonObject(i);
      String name = f.getString("field_name");
      assertEquals(LogMask.mask(name), name, "a card number in a field name must be masked");
      assertTemplateOnly(f.getString("reason"));
    }
    if (form != null) {
      for (FieldError e : error.fields()) {
        for (String secret : new String[] {"card_number", "card_security_code", "upi_vpa", "vpa"}) {
          String value = form.get(secret);
          if (value != null && value.length() >= 5) {
            assertFalse(e.reason().contains(value), secret + " leaked into a reason");
          }
        }
      }
    }
  }

  private static void assertTemplateOnly(String text) {
    Matcher m = DIGIT_RUN.matcher(text);
    while (m.find()) {
      assertTrue(TEMPLATE_NUMBERS.contains(m.group()), "unexpected number in error text: " + text);
    }
  }
}
