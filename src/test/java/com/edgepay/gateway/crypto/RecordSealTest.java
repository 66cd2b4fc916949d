package com.edgepay.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What sealing promises: only the same key, for the same record, opens; rotation keeps old records readable. */
class RecordSealTest {
  private static final byte[] ANSWER = "{\"client_auth_token\":\"tkn_secret\",\"id\":\"ordeh_1\"}".getBytes(StandardCharsets.UTF_8);
  private static final String WHERE = "gw:{acme}:idem:orders:o1";

  @Test
  void aSealedAnswerOpensOnlyWhereItWasSealedAndShowsNothing() {
    RecordSeal seal = new RecordSeal(SealingKeys.parse(SealingKeys.generate("k1")));
    byte[] sealed = seal.seal(ANSWER, WHERE);
    assertArrayEquals(ANSWER, seal.open(sealed, WHERE));
    assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("tkn_secret"));
    assertNotEquals(Arrays.toString(sealed), Arrays.toString(seal.seal(ANSWER, WHERE)), "a fresh nonce every time");
    assertThrows(RecordSeal.Unopenable.class, () -> seal.open(sealed, "gw:{acme}:idem:orders:o2"),
        "moved to another record");
    assertThrows(RecordSeal.Unopenable.class, () -> seal.open(sealed, "gw:{globex}:idem:orders:o1"),
        "moved to another tenant");
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 20] ^= 1;
    assertThrows(RecordSeal.Unopenable.class, () -> seal.open(tampered, WHERE));
    assertThrows(RecordSeal.Unopenable.class, () -> seal.open(ANSWER, WHERE), "a clear value is no sealed value");
    assertThrows(RecordSeal.Unopenable.class, () -> seal.open(Arrays.copyOf(sealed, 10), WHERE));
  }

  @Test
  void aRotationSealsWithTheFirstKeyAndStillOpensWithTheOthers() {
    String oldKey = SealingKeys.generate("old");
    String newKey = SealingKeys.generate("new");
    RecordSeal before = new RecordSeal(SealingKeys.parse(oldKey));
    byte[] sealedBefore = before.seal(ANSWER, WHERE);
    RecordSeal during = new RecordSeal(SealingKeys.parse(newKey + oldKey));
    assertArrayEquals(ANSWER, during.open(sealedBefore, WHERE), "old records still open");
    byte[] sealedDuring = during.seal(ANSWER, WHERE);
    assertEquals('n', (char) sealedDuring[2], "new records are sealed under the first key");
    assertThrows(RecordSeal.Unopenable.class, () -> before.open(sealedDuring, WHERE),
        "a replica still on the old file cannot open them: roll the reading side first");
    RecordSeal after = new RecordSeal(SealingKeys.parse(newKey));
    RecordSeal.Unopenable gone = assertThrows(RecordSeal.Unopenable.class, () -> after.open(sealedBefore, WHERE));
    assertTrue(gone.getMessage().contains("old"), gone.getMessage());
  }

  @Test
  void aKeyFileIsCheckedAndNeverPrinted() {
    String file = SealingKeys.generate("k1");
    assertFalse(SealingKeys.parse(file).toString().contains(file.split(" ")[1].trim()));
    assertThrows(IllegalArgumentException.class, () -> SealingKeys.parse(""));
    assertThrows(IllegalArgumentException.class, () -> SealingKeys.parse("k1 c2hvcnQ="));
    assertThrows(IllegalArgumentException.class, () -> SealingKeys.parse("bad id! " + file.split(" ")[1]));
    assertThrows(IllegalArgumentException.class, () -> SealingKeys.parse(file + file));
    IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
        () -> SealingKeys.parse("k1 ***secret-looking***"));
    assertFalse(notBase64.getMessage().contains("secret-looking"), "a reason never quotes the file");
  }
}
