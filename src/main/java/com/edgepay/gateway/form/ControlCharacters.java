package com.edgepay.gateway.form;

import com.edgepay.gateway.api.ErrorCode;
import com.edgepay.gateway.api.GatewayError;

/**
 * Control characters (U+0000 to U+001F except tab, CR and LF, and U+007F) have no business in a
 * Juspay parameter, and each is a way to make one request look like another to some parser along
 * the way. They are refused where a body is parsed.
 */
final class ControlCharacters {
  private ControlCharacters() {
  }

  static boolean isControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f;
  }

  /** @throws GatewayError INVALID_PARAMETER naming the field (never echoing its value) */
  static void refuse(String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        throw GatewayError.of(ErrorCode.INVALID_PARAMETER, "The request body holds a control character")
            .withField(field, "must not hold control characters");
      }
    }
  }
}
