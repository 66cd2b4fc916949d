package com.edgepay.gateway.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Error answers in Juspay's shape: status, error_code, error_message and an error_info block. */
final class JuspayErrors {

  static final String USER_ERROR = "USER_ERROR";

  private JuspayErrors() {
  }

  /** 400 listing every mandatory field that was absent or blank. */
  static Reply missing(List<String> fields, String requestId) {
    JsonArray listed = new JsonArray();
    fields.forEach(f -> listed.add(field(f, "Field required but not passed.")));
    return new Reply(400, body("MISSING_MANDATORY_PARAMETER", "Mandatory fields are missing",
        "MISSING_MANDATORY_PARAMETER", USER_ERROR, listed, requestId,
        "Failed while parsing your request.", "Bad request."));
  }

  static Reply invalid(String fieldName, String message, String requestId) {
    JsonArray fields = fieldName == null ? new JsonArray() : new JsonArray().add(field(fieldName, message));
    return new Reply(400, body("invalid_request", message, "INVALID_INPUT", USER_ERROR, fields,
        requestId, message, "Invalid request params. Please verify your input."));
  }

  static Reply unparseable(String requestId) {
    return invalid(null, "Failed while parsing your request.", requestId);
  }

  static Reply unauthorized(String requestId) {
    JsonArray fields = new JsonArray()
        .add(field("Authorization", "Basic auth with the API key and x-merchantid are required."));
    return new Reply(401, body("access_denied", "Unauthorized access.", "UNAUTHORIZED", USER_ERROR,
        fields, requestId, "API key or merchant id missing or invalid.", "Authentication failed."));
  }

  static Reply notFound(String what, String id, String requestId) {
    String message = what + " not found: " + id;
    return new Reply(404, body("not_found", message, "NOT_FOUND", USER_ERROR, new JsonArray(),
        requestId, message, message));
  }

  /** Juspay's answer to a reused refund unique_request_id. */
  static Reply duplicateCall(String requestId) {
    JsonArray fields = new JsonArray().add(field("unique_request_id", "Already used for a refund."));
    return new Reply(400, body("duplicate.call", "Duplicate refund request.", "DUPLICATE_CALL",
        USER_ERROR, fields, requestId, "A refund with this unique_request_id exists.",
        "Duplicate refund request."));
  }

  /** The body of an injected status fault. */
  static Reply simulated(int status, String requestId) {
    String category = status >= 500 ? "SERVER_ERROR" : USER_ERROR;
    String message = "Simulated fault with HTTP status " + status;
    return new Reply(status, body("simulated_fault", message, "SIMULATED_FAULT", category,
        new JsonArray(), requestId, message, "Something went wrong. Please try again."));
  }

  private static JsonObject field(String name, String reason) {
    return new JsonObject().put("field_name", name).put("reason", reason);
  }

  private static JsonObject body(String errorCode, String errorMessage, String infoCode, String category,
      JsonArray fields, String requestId, String developerMessage, String userMessage) {
    JsonObject info = new JsonObject()
        .put("code", infoCode)
        .put("category", category)
        .put("fields", fields)
        .put("request_id", requestId)
        .put("href", "NA")
        .put("developer_message", developerMessage)
        .put("user_message", userMessage);
    return new JsonObject()
        .put("status", "error")
        .put("error_code", errorCode)
        .put("error_message", errorMessage)
        .put("error_info", info);
  }
}
