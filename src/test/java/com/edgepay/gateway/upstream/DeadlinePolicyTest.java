package com.edgepay.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.edgepay.gateway.api.ApiRoute;
import com.edgepay.gateway.api.GatewayError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlinePolicyTest {
  private final DeadlinePolicy policy = new DeadlinePolicy(Map.of(ApiRoute.SESSION, 1200L));

  @Test
  void juspaysRecommendedTimeoutsAreTheDefaults() {
    assertEquals(2000, policy.deadlineMs(ApiRoute.CREATE_ORDER, Map.of(), null));
    assertEquals(1000, policy.deadlineMs(ApiRoute.TXNS, Map.of(), null));
    assertEquals(1500, policy.deadlineMs(ApiRoute.ORDER_STATUS, Map.of(), null));
    assertEquals(2000, policy.deadlineMs(ApiRoute.REFUND, Map.of(), null));
    assertEquals(2000, policy.deadlineMs(ApiRoute.CAPTURE, Map.of(), null));
  }

  @Test
  void configThenTenantThenAShorterClientAsk() {
    assertEquals(1200, policy.deadlineMs(ApiRoute.SESSION, Map.of(), null));
    assertEquals(700, policy.deadlineMs(ApiRoute.SESSION, Map.of(ApiRoute.SESSION, 700L), null));
    assertEquals(300, policy.deadlineMs(ApiRoute.TXNS, Map.of(), "300"));
    assertEquals(1000, policy.deadlineMs(ApiRoute.TXNS, Map.of(), "999999"));
  }

  @Test
  void aClientAskMustBeAPositiveInteger() {
    for (String bad : new String[] {"0", "-5", "1.5", "soon", ""}) {
      GatewayError e = assertThrows(GatewayError.class, () -> policy.deadlineMs(ApiRoute.TXNS, Map.of(), bad));
      assertEquals(DeadlinePolicy.CLIENT_HEADER, e.fields().get(0).fieldName());
    }
  }
}
