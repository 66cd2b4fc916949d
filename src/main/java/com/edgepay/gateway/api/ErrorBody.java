package com.edgepay.gateway.api;

import com.edgepay.gateway.logging.LogMask;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Renders a {@link GatewayError} in the shape Juspay itself uses for errors. */
public final class ErrorBody {
  private ErrorBody() {
  }

  public static Buffer render(GatewayError error, String requestId) {
    ErrorCode code = error.code();
    JsonArray fields = new JsonArray();
    for (FieldError f : error.fields()) {
      // A field's name is the client's own text (a parameter it sent); it could be a card number.
      fields.add(new JsonObject().put("field_name", LogMask.mask(f.fieldName())).put("reason", f.reason()));
    }
    JsonObject info = new JsonObject()
        .put("code", code.wireName())
        .put("category", code.category())
        .put("fields", fields)
        .put("request_id", requestId)
        .put("developer_message", error.getMessage())
        .put("user_message", code.userMessage());
    if (error.juspayReport() != null && !error.juspayReport().isEmpty()) {
      info.put("juspay", new JsonObject(error.juspayReport()));
    }
    return new JsonObject()
        .put("status", "error")
        .put("error_code", code.wireName())
        .put("error_message", error.getMessage())
        .put("error_info", info)
        .toBuffer();
  }
}
