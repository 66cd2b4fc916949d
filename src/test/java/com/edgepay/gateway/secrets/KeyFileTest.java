package com.edgepay.gateway.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What may stand at {@code <dir>/<tenant>/juspay_api_key}: a regular file of at most 4 KB, directly
 * or through links (a Kubernetes Secret volume is links into {@code ..data}). Anything else is a
 * bad file, reported without its content, and never blocks the reader: a FIFO would hang a plain
 * open until someone writes to it.
 */
class KeyFileTest {
  private static final Duration NEVER_BLOCKS = Duration.ofSeconds(5);

  @TempDir
  Path dir;
  Path tenant;
  Path key;

  @BeforeEach
  void tenantDirectory() throws IOException {
    tenant = Files.createDirectories(dir.resolve("acme"));
    key = tenant.resolve(KeyFile.FILE_NAME);
  }

  @Test
  void aRegularFileIsReadWithoutItsTrailingNewline() throws IOException {
    Files.writeString(key, "JP_KEY_1\n");
    assertEquals("JP_KEY_1", read().key());
  }

  @Test
  void aFifoInPlaceOfTheKeyIsRefusedWithoutBlocking() throws Exception {
    mkfifo(key);
    KeyFile.Read read = assertTimeoutPreemptively(NEVER_BLOCKS, this::read, "reading a FIFO must not block");
    assertEquals("is not a regular file", read.problem());
    // Through a link, as a Secret volume would present it, too.
    Files.delete(key);
    mkfifo(tenant.resolve("..fifo"));
    Files.createSymbolicLink(key, Path.of("..fifo"));
    assertEquals("is not a regular file", assertTimeoutPreemptively(NEVER_BLOCKS, this::read).problem());
  }

  @Test
  void aFileOverTheCapIsRefusedAndTheCapItselfIsFine() throws IOException {
    Files.writeString(key, "k".repeat(KeyFile.MAX_BYTES + 1));
    assertEquals("is larger than 4096 bytes", read().problem());
    assertNull(read().key());
    Files.writeString(key, "k".repeat(KeyFile.MAX_BYTES));
    assertEquals(KeyFile.MAX_BYTES, read().key().length());
  }

  @Test
  void aDirectoryInPlaceOfTheKeyIsRefused() throws IOException {
    Files.createDirectories(key);
    assertEquals("is not a regular file", read().problem());
  }

  @Test
  void aSymlinkToARegularFileIsFollowed() throws IOException {
    // The kubelet's layout: juspay_api_key -> ..data/juspay_api_key, ..data -> ..<timestamp>.
    Path version = Files.createDirectories(tenant.resolve("..2026_11_22_10_00_00.1"));
    Files.writeString(version.resolve(KeyFile.FILE_NAME), "JP_FROM_SECRET");
    Files.createSymbolicLink(tenant.resolve("..data"), version.getFileName());
    Files.createSymbolicLink(key, Path.of("..data", KeyFile.FILE_NAME));
    assertEquals("JP_FROM_SECRET", read().key());
  }

  @Test
  void aLinkToADirectoryOrNowhereIsNotAKey() throws IOException {
    Files.createSymbolicLink(key, Files.createDirectories(dir.resolve("elsewhere")));
    assertEquals("is not a regular file", read().problem());
    Files.delete(key);
    Files.createSymbolicLink(key, dir.resolve("gone"));
    assertEquals("is missing (no Juspay key file for tenant 'acme')", read().problem());
  }

  @Test
  void missingEmptyOrUnprintableKeysAreProblemsThatNeverQuoteTheContent() throws IOException {
    assertEquals("is missing (no Juspay key file for tenant 'acme')", read().problem());
    Files.writeString(key, "\n");
    assertEquals("is empty", read().problem());
    Files.writeString(key, "JP SECRET");
    KeyFile.Read read = read();
    assertEquals("holds a character that is not printable ASCII", read.problem());
    assertEquals("Read[holds a character that is not printable ASCII]", read.toString());
    Files.writeString(key, "JP_SECRET");
    assertEquals("Read[****]", read().toString());
  }

  @Test
  void theRevokedMarkerIsSeenByExistenceOnly() throws Exception {
    assertEquals(KeyFile.Marker.ABSENT, KeyFile.revocation(dir, "acme"));
    Path marker = tenant.resolve(KeyFile.REVOKED_MARKER);
    Files.writeString(marker, "");
    assertEquals(KeyFile.Marker.PRESENT, KeyFile.revocation(dir, "acme"));
    Files.delete(marker);
    mkfifo(marker);
    assertEquals(KeyFile.Marker.PRESENT, assertTimeoutPreemptively(NEVER_BLOCKS,
        () -> KeyFile.revocation(dir, "acme")), "a FIFO marker is there, and checking it does not block");
    Files.delete(marker);
    // A Secret volume: the marker is a link into ..data; when its key leaves the Secret the kubelet
    // swaps ..data first, and the link dangles until it is removed: no longer revoked.
    Path version = Files.createDirectories(tenant.resolve("..v1"));
    Files.writeString(version.resolve(KeyFile.REVOKED_MARKER), "");
    Files.createSymbolicLink(tenant.resolve("..data"), version.getFileName());
    Files.createSymbolicLink(marker, Path.of("..data", KeyFile.REVOKED_MARKER));
    assertEquals(KeyFile.Marker.PRESENT, KeyFile.revocation(dir, "acme"));
    Files.delete(version.resolve(KeyFile.REVOKED_MARKER));
    assertEquals(KeyFile.Marker.ABSENT, KeyFile.revocation(dir, "acme"));
  }

  private KeyFile.Read read() {
    return KeyFile.read(dir, "acme");
  }

  static void mkfifo(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertEquals(0, p.waitFor(), "mkfifo " + path);
  }
}
