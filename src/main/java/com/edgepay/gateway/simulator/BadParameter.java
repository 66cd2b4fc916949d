package com.edgepay.gateway.simulator;

/** A parameter was present but unusable; the gate answers 400 INVALID_INPUT naming the field. */
final class BadParameter extends RuntimeException {

  private final String field;

  BadParameter(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  String field() {
    return field;
  }
}
