package com.edgepay.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogMaskTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "card 4242424242424242 declined|card 424242******4242 declined",
      "x=378282246310005|x=378282*****0005",
      "card 4111 1111 1111 1111 declined|card 4111 11** **** 1111 declined",
      "card 4111-1111-1111-1111|card 4111-11**-****-1111",
      "amex 3782 822463 10005.|amex 3782 82**** *0005.",
      "spaced 4111  1111 - 1111\t1111 end|spaced 4111  11** - ****\t1111 end",
      "rupay 6521 5100 0000 0005 ok|rupay 6521 51** **** 0005 ok",
      "19 digits 6011000990139424116 here|19 digits 601100*********4116 here",
      "after other numbers: 12 4111 1111 1111 1111|after other numbers: 12 4111 11** **** 1111",
      // Both "4111 1111 1111 1111" and "34 4111 1111 1111 11" pass: the union is hidden.
      "after other numbers: 12 34 4111 1111 1111 1111|after other numbers: 12 34 4111 **** **** 1111",
      "glued pan4242424242424242x|glued pan424242******4242x",
      "in a path /v2/cards/4242424242424242/delete|in a path /v2/cards/424242******4242/delete",
  })
  void cardNumbersInAnySpacingShowFirstSixAndLastFour(String line, String masked) {
    assertEquals(masked, LogMask.mask(line));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "card_security_code=737&amount=10|card_security_code=***&amount=10",
      "{\"cvv\":\"737\",\"card_exp_month\":\"12\",\"card_exp_year\" : \"2029\"}|{\"cvv\":\"***\",\"card_exp_month\":\"***\",\"card_exp_year\" : \"***\"}",
      "{CVV=737, expiry=12/29, name_on_card=Ada Lovelace}|{CVV=***, expiry=***, name_on_card=***}",
      "payment.card.cvc: 123 then|payment.card.cvc: *** then",
      "Authorization: Basic Z2tfYWNtZV9wcmltYXJ5XzAwMDE6|Authorization: ***",
      "proxy-authorization: Bearer abc.def.ghi, next|proxy-authorization: ***, next",
      "sent header Bearer gk_acme_primary_0001 to|sent header Bearer *** to",
      "upi_vpa=ada@okaxis&x=1|upi_vpa=***&x=1",
      "X-Api-Key: JP_ACME_SECRET_1|X-Api-Key: ***",
      "client_auth_token=tkn_8f7e6d&other|client_auth_token=***&other",
      "card_number=4111 1111 1111 1112&amount=1|card_number=***&amount=1",
      "paid by ada.lovelace@okhdfcbank today|paid by ***@okhdfcbank today",
      "collect from 9876543210@ybl.|collect from ***@ybl.",
  })
  void secretFieldsVpasAndCredentialsAreHidden(String line, String masked) {
    assertEquals(masked, LogMask.mask(line));
  }

  /** Nothing here is card data: each line comes back as the same instance. */
  @ParameterizedTest
  @ValueSource(strings = {
      "order 14183944763",
      "ts 1752580106124",
      "epoch ms 1764456575123 us 1764456575123456 ns 1764456575123456789",
      "GET /orders/ord_1590759422/refunds 200 12 ms",
      "request 550e8400-e29b-41d4-a716-446655440000 done",
      "request 12345678-1234-1234-1234-123456789012 done",
      "trace 4bf92f3577b34da6a3ce929d0e0e4736",
      "2026-11-29T22:49:35.123Z claim taken",
      "2026-11-29 22:49:35,123 INFO redis 127.0.0.1:43737 up",
      "redis 10.0.0.1:43737 2026-11-29T22:49:35Z and 43737 2026-11-29 22:49",
      "amount 1234567.89 INR",
      "mail ada@example.com or redis://gw@redis-0:6379",
      "Object@6d06d69c",
      "zero padded 0000004242424242",
      "Basic auth refused",
      "Basic authentication failed; Bearer tokens expired",
      "cvv is required",
      "twelve 424242424242",
      "twenty 42424242424242424242",
      "tmp /tmp/junit1752580106124/secrets",
  })
  void linesWithoutCardDataAreUnchanged(String line) {
    assertSame(line, LogMask.mask(line));
  }
}
