package com.edgepay.gateway.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.api.GatewayError;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFormTest {
  @Test
  void flatObjectKeepsOrderAndNumberText() {
    FormBody form = JsonForm.parse(Buffer.buffer(
        "{\"order.amount\": 1.00, \"n\": 10, \"big\": 12345678901234567890, \"ok\": true, \"no\": false, "
            + "\"order.metadata.bank_account_details\": \"[{\\\"bank_account_number\\\":\\\"1\\\"}]\"}"));
    assertEquals(List.of("order.amount", "n", "big", "ok", "no", "order.metadata.bank_account_details"), form.names());
    assertEquals("1.00", form.get("order.amount"));
    assertEquals("12345678901234567890", form.get("big"));
    assertEquals("true", form.get("ok"));
    assertEquals("[{\"bank_account_number\":\"1\"}]", form.get("order.metadata.bank_account_details"));
  }

  @Test
  void everyNonFlatFieldIsListed() {
    GatewayError e = assertThrows(GatewayError.class,
        () -> JsonForm.parse(Buffer.buffer("{\"a\":{\"x\":1},\"b\":[1],\"c\":null,\"d\":\"ok\"}")));
    assertEquals(List.of("a", "b", "c"), e.fields().stream().map(FieldError::fieldName).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"text\"", "{\"a\":1} trailing", "{\"a\":", "", "{'a':1}"})
  void refusesWhatIsNotOneJsonObject(String body) {
    GatewayError e = assertThrows(GatewayError.class, () -> JsonForm.parse(Buffer.buffer(body)));
    assertEquals("body", e.fields().get(0).fieldName());
  }
}
