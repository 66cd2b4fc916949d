package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.form.FormBody;
import com.edgepay.gateway.form.FormCodec;
import com.edgepay.gateway.form.JsonForm;
import com.edgepay.gateway.form.Repeats;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;

/** The two body types Juspay accepts, and nothing else. */
enum BodyType {
  FORM, JSON;

  private static final GatewayError UNSUPPORTED = GatewayError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      "Only application/x-www-form-urlencoded and application/json (UTF-8) are accepted");

  /** @throws GatewayError UNSUPPORTED_MEDIA_TYPE for any other type or charset */
  static BodyType of(String contentType) {
    if (contentType == null) {
      throw UNSUPPORTED;
    }
    String[] parts = contentType.split(";");
    String media = parts[0].trim().toLowerCase(Locale.ROOT);
    for (int i = 1; i < parts.length; i++) {
      String param = parts[i].trim().toLowerCase(Locale.ROOT);
      if (param.startsWith("charset=") && !param.equals("charset=utf-8") && !param.equals("charset=\"utf-8\"")) {
        throw UNSUPPORTED;
      }
    }
    return switch (media) {
      case "application/x-www-form-urlencoded" -> FORM;
      case "application/json" -> JSON;
      default -> throw UNSUPPORTED;
    };
  }

  FormBody parse(Buffer body) {
    return Repeats.collapse(this == FORM ? FormCodec.parse(body) : JsonForm.parse(body));
  }
}
