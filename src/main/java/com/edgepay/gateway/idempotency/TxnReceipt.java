package com.edgepay.gateway.idempotency;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** Reads the txn_uuid out of a successful /txns answer, so capture and void can be checked later. */
public final class TxnReceipt {
  private static final JsonFactory JSON = new JsonFactory();

  private TxnReceipt() {
  }

  /** @return the top-level txn_uuid, or null when the body has none or is not JSON */
  public static String txnUuid(Buffer body) {
    try (JsonParser p = JSON.createParser(body.getBytes())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if ("txn_uuid".equals(name) && value == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
    } catch (IOException notJson) {
      return null;
    }
    return null;
  }
}
