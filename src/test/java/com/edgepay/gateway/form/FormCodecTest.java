package com.edgepay.gateway.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.edgepay.gateway.api.GatewayError;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormCodecTest {
  @Test
  void decodesPlusPercentAndUtf8InOrder() {
    FormBody form = FormCodec.parse(Buffer.buffer("a=1&b=two+words&c=%E2%82%B9100&empty=&flag&&a=2"));
    assertEquals(List.of("a", "b", "c", "empty", "flag", "a"), form.names());
    assertEquals("two words", form.get("b"));
    assertEquals("\u20b9100", form.get("c"));
    assertEquals("", form.get("flag"));
    assertEquals(List.of("1", "2"), form.all("a"));
  }

  @Test
  void metadataKeysWithColonsSurviveARoundTrip() {
    String wire = "order.metadata.PAYTM%3APROMO_CAMP_ID=xyz&mutual_fund_details=%5B%7B%22a%22%3A1%7D%5D";
    FormBody form = FormCodec.parse(Buffer.buffer(wire));
    assertEquals("xyz", form.get("order.metadata.PAYTM:PROMO_CAMP_ID"));
    assertEquals("[{\"a\":1}]", form.get("mutual_fund_details"));
    assertEquals(wire, FormCodec.encode(form).toString());
  }

  @Test
  void encodesEverythingOutsideTheUnreservedSet() {
    FormBody form = FormBody.builder().add("k", "a b&c=d/é*~").build();
    assertEquals("k=a+b%26c%3Dd%2F%C3%A9*%7E", FormCodec.encode(form).toString());
    assertEquals("a b&c=d/é*~", FormCodec.parse(FormCodec.encode(form)).get("k"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=%", "a=%4", "a=%zz", "a=100%", "%=1", "=value"})
  void refusesMalformedEncoding(String body) {
    GatewayError e = assertThrows(GatewayError.class, () -> FormCodec.parse(Buffer.buffer(body)));
    assertEquals("INVALID_PARAMETER", e.code().name());
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] latin1 = "name=Jos\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    GatewayError raw = assertThrows(GatewayError.class, () -> FormCodec.parse(Buffer.buffer(latin1)));
    assertEquals("name", raw.fields().get(0).fieldName());
    GatewayError escaped = assertThrows(GatewayError.class, () -> FormCodec.parse(Buffer.buffer("name=Jos%E9")));
    assertEquals("is not valid UTF-8", escaped.fields().get(0).reason());
  }

  @Test
  void withReplacesEveryOccurrenceByOne() {
    FormBody form = FormCodec.parse(Buffer.buffer("merchant_id=m&x=1&merchant_id=m"));
    assertEquals("merchant_id=ours&x=1", FormCodec.encode(form.with("merchant_id", "ours")).toString());
    assertEquals("x=1&merchant_id=ours", FormCodec.encode(FormCodec.parse(Buffer.buffer("x=1"))
        .with("merchant_id", "ours")).toString());
  }
}
