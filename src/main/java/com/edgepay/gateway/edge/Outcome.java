package com.edgepay.gateway.edge;

import com.edgepay.gateway.api.GatewayError;
import com.edgepay.gateway.idempotency.StoredReply;
import com.edgepay.gateway.upstream.UpstreamReply;

/**
 * How a request ends: exactly one of these is answered. It travels back through every filter's
 * outbound half as a value, so no filter needs to know which step produced it.
 */
sealed interface Outcome {
  /** The HTTP status the client will see. */
  int status();

  /** Juspay answered: its status, body and content type are relayed. */
  record Relay(UpstreamReply reply) implements Outcome {
    @Override
    public int status() {
      return reply.status();
    }
  }

  /** An identical call completed earlier: its recorded answer is given again; nothing is sent. */
  record Replay(StoredReply reply) implements Outcome {
    @Override
    public int status() {
      return reply.status();
    }
  }

  /**
   * The gateway answers with its own error.
   *
   * @param sent whether any byte of the request may have reached Juspay (the outcome is then unknown)
   */
  record Refusal(GatewayError error, boolean sent) implements Outcome {
    static Refusal unsent(GatewayError error) {
      return new Refusal(error, false);
    }

    @Override
    public int status() {
      return error.code().status();
    }
  }
}
