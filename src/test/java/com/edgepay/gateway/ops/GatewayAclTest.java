package com.edgepay.gateway.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.edgepay.gateway.support.GatewayAcl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Redis checks the commands a Lua script calls against the user running it: a command added to a
 * script but not to production's ACL rule fails every money call in production only.
 */
class GatewayAclTest {
  private static final Pattern CALL = Pattern.compile("redis\\.call\\('([A-Za-z]+)'");

  @Test
  void everyCommandTheScriptsCallIsInTheDataNodeRule() throws IOException {
    Set<String> called = new TreeSet<>();
    try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/lua"))) {
      for (Path script : scripts.filter(p -> p.toString().endsWith(".lua")).toList()) {
        Matcher m = CALL.matcher(Files.readString(script));
        while (m.find()) {
          called.add(m.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    assertTrue(called.size() > 10, "the scripts were read: " + called);
    Set<String> allowed = new TreeSet<>(GatewayAcl.production().dataNode());
    for (String command : called) {
      assertTrue(allowed.contains("+" + command), "the scripts call " + command + ", the ACL rule does not allow it");
    }
    assertTrue(allowed.contains("-@all"), "least privilege: everything else is denied");
  }
}
