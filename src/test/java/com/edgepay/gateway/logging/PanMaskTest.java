package com.edgepay.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PanMaskTest {
  @Test
  void masksLuhnValidCardNumbersToFirstSixLastFour() {
    assertEquals("card 424242******4242 declined", PanMask.mask("card 4242424242424242 declined"));
    assertEquals("x=378282*****0005", PanMask.mask("x=378282246310005"));
  }

  @Test
  void leavesOrderIdsAndTimestampsThatAreNotCardsAlone() {
    assertEquals("order 14183944763", PanMask.mask("order 14183944763"));
    assertEquals("ts 1752580106124", PanMask.mask("ts 1752580106124"));
    assertFalse(com.edgepay.gateway.card.Luhn.valid("1752580106124"));
    assertTrue(com.edgepay.gateway.card.Luhn.valid("4242424242424242"));
  }
}
