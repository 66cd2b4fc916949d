package com.edgepay.loadtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a simulation's own Markdown section to {@code -Dloadtest.extraReport}, for ../scenario's summary. */
final class ExtraReport {

  private ExtraReport() {
  }

  static void write(String markdown) {
    String target = LoadConfig.str("loadtest.extraReport", null);
    if (target == null) {
      System.out.println(markdown);
      return;
    }
    try {
      Files.writeString(Path.of(target), markdown, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
