package com.edgepay.gateway.form;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.FieldError;
import com.edgepay.gateway.api.GatewayError;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A flat JSON object, as Juspay also accepts, read into a {@link FormBody}. Numbers keep the text
 * the client wrote ("1.00" stays "1.00"); nested objects and arrays are refused, since Juspay
 * expects nested data as JSON text inside a string.
 */
public final class JsonForm {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(64 * 1024).build())
      .build();

  private JsonForm() {
  }

  /** @throws GatewayError INVALID_PARAMETER listing every field that is not a flat value */
  public static FormBody parse(Buffer body) {
    FormBody.Builder form = FormBody.builder();
    List<FieldError> errors = new ArrayList<>();
    try (JsonParser p = FACTORY.createParser(body.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw FormCodec.invalid("body", "must be a JSON object");
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        ControlCharacters.refuse("body", name);
        readValue(p, p.nextToken(), name, form, errors);
      }
      if (p.nextToken() != null) {
        throw FormCodec.invalid("body", "has content after the JSON object");
      }
    } catch (IOException e) {
      throw FormCodec.invalid("body", "is not valid JSON");
    }
    if (!errors.isEmpty()) {
      throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "JSON bodies must be flat objects", errors);
    }
    return form.build();
  }

  private static void readValue(JsonParser p, JsonToken t, String name, FormBody.Builder form,
      List<FieldError> errors) throws IOException {
    switch (t) {
      case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        ControlCharacters.refuse(name, p.getText());
        form.add(name, p.getText());
      }
      case VALUE_TRUE -> form.add(name, "true");
      case VALUE_FALSE -> form.add(name, "false");
      case START_OBJECT, START_ARRAY -> {
        p.skipChildren();
        errors.add(new FieldError(name, "must be a string, number or boolean; send nested data as JSON text"));
      }
      default -> errors.add(new FieldError(name, "must be a string, number or boolean"));
    }
  }
}
