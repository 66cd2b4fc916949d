package com.edgepay.gateway.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script from the classpath, with the SHA-1 that EVALSHA names it by. */
record LuaScript(String name, String source, String sha1) {
  static final LuaScript CLAIM = load("claim", "lib.lua", "claim.lua");
  static final LuaScript SETTLE = load("settle", "lib.lua", "settle.lua");
  static final LuaScript CHECK_ROUTING = load("route_check", "lib.lua", "check_routing.lua");
  static final LuaScript UNKNOWNS = load("unknowns", "lib.lua", "unknowns.lua");
  static final LuaScript RESOLVE = load("resolve", "lib.lua", "resolve.lua");
  static final java.util.List<LuaScript> ALL = java.util.List.of(CLAIM, SETTLE, CHECK_ROUTING, UNKNOWNS, RESOLVE);

  private static LuaScript load(String name, String... files) {
    StringBuilder source = new StringBuilder();
    for (String file : files) {
      try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + file)) {
        if (in == null) {
          throw new IllegalStateException("missing script /lua/" + file);
        }
        source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String text = source.toString();
    try {
      byte[] sha = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return new LuaScript(name, text, HexFormat.of().formatHex(sha));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every JRE", e);
    }
  }
}
