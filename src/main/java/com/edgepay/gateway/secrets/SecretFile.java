package com.edgepay.gateway.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one secret file safely. The path is resolved once (following the kubelet's {@code ..data}
 * links into a timestamped directory whose files never change), the result must be a regular file
 * (a FIFO or a device in its place would hang or flood the reader), it is opened once without
 * following any further link, and at most {@code cap + 1} bytes are read. Blocking: worker threads
 * only. Problems never quote the file's content.
 */
final class SecretFile {
  /** What a read found: exactly one of bytes and problem. */
  record Read(byte[] bytes, String problem) {
    boolean ok() {
      return bytes != null;
    }

    @Override
    public String toString() {
      return ok() ? "Read[****]" : "Read[" + problem + "]";
    }
  }

  private SecretFile() {
  }

  static Read read(Path file, int cap) {
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      return new Read(null, "is missing");
    } catch (IOException e) {
      return new Read(null, "cannot be resolved (" + e.getClass().getSimpleName() + ")");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      return new Read(null, "is not a regular file");
    }
    try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        InputStream in = Channels.newInputStream(channel)) {
      byte[] bytes = in.readNBytes(cap + 1);
      return bytes.length > cap ? new Read(null, "is larger than " + cap + " bytes") : new Read(bytes, null);
    } catch (NoSuchFileException e) {
      return new Read(null, "is missing");
    } catch (IOException e) {
      return new Read(null, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }
}
