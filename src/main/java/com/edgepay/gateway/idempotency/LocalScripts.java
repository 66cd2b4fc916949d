package com.edgepay.gateway.idempotency;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * The store's scripts run in this JVM (the demo without Redis only: replicas would not share it and
 * a restart forgets it). The same Lua text as in Redis runs on a Lua interpreter (LuaJ) over
 * {@link LocalKeyspace}, behind a {@code redis.call} that speaks the commands the scripts use with
 * Redis's own conversions (nil is false, integers are numbers, a status reply is {@code {ok=...}}).
 * One store is shared by every event loop, so each run holds the lock: runs are atomic, as in Redis.
 */
final class LocalScripts implements ScriptRunner {
  private final LocalKeyspace keys = new LocalKeyspace();
  private final Globals lua = new Globals();
  private final Map<String, LuaValue> compiled = new HashMap<>();

  LocalScripts() {
    lua.load(new JseBaseLib());
    lua.load(new PackageLib());
    lua.load(new StringLib());
    lua.load(new TableLib());
    lua.load(new JseMathLib());
    LoadState.install(lua);
    LuaC.install(lua);
    LuaTable redis = new LuaTable();
    redis.set("call", new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        return redisCall(args);
      }
    });
    lua.set("redis", redis);
    // Redis runs Lua 5.1, where unpack is global; LuaJ follows 5.2, where it lives in table.
    lua.set("unpack", lua.get("table").get("unpack"));
    for (LuaScript script : LuaScript.ALL) {
      compiled.put(script.name(), lua.load(script.source(), script.name()));
    }
  }

  @Override
  public synchronized Future<ScriptReply> run(LuaScript script, long timeoutMs, List<String> keyNames,
      List<Object> args, boolean replicated) {
    LuaTable keyTable = new LuaTable();
    for (int i = 0; i < keyNames.size(); i++) {
      keyTable.set(i + 1, LuaValue.valueOf(keyNames.get(i)));
    }
    LuaTable argTable = new LuaTable();
    for (int i = 0; i < args.size(); i++) {
      Object a = args.get(i);
      argTable.set(i + 1, a instanceof Buffer b ? LuaString.valueOf(b.getBytes()) : LuaValue.valueOf((String) a));
    }
    lua.set("KEYS", keyTable);
    lua.set("ARGV", argTable);
    try {
      return Future.succeededFuture(new Reply(compiled.get(script.name()).call()));
    } catch (LuaError | IllegalStateException e) {
      return Future.failedFuture(new IllegalStateException("script " + script.name() + " failed: " + e.getMessage()));
    }
  }

  @Override
  public Future<Void> warmUp() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  /** {@code redis.call}: the commands the scripts use, with Redis's reply conversions. */
  private Varargs redisCall(Varargs args) {
    String command = args.checkjstring(1).toUpperCase(Locale.ROOT);
    String key = args.narg() >= 2 ? args.checkjstring(2) : null;
    switch (command) {
      case "GET" -> {
        return bulk(keys.string(key));
      }
      case "SET" -> {
        return set(key, bytes(args.arg(3)), args);
      }
      case "DEL" -> {
        int n = 0;
        for (int i = 2; i <= args.narg(); i++) {
          n += keys.delete(args.checkjstring(i)) ? 1 : 0;
        }
        return LuaValue.valueOf(n);
      }
      case "EXISTS" -> {
        return LuaValue.valueOf(keys.get(key) == null ? 0 : 1);
      }
      case "PEXPIRE" -> {
        return LuaValue.valueOf(keys.expire(key, args.checklong(3)) ? 1 : 0);
      }
      case "PTTL" -> {
        return LuaValue.valueOf((double) keys.ttl(key));
      }
      case "TIME" -> {
        long micros = System.currentTimeMillis() * 1000;
        return LuaValue.listOf(new LuaValue[] {LuaValue.valueOf(Long.toString(micros / 1_000_000)),
            LuaValue.valueOf(Long.toString(micros % 1_000_000))});
      }
      case "HMGET" -> {
        Map<String, byte[]> hash = keys.hash(key, false);
        LuaValue[] out = new LuaValue[args.narg() - 2];
        for (int i = 3; i <= args.narg(); i++) {
          out[i - 3] = bulk(hash == null ? null : hash.get(args.checkjstring(i)));
        }
        return LuaValue.listOf(out);
      }
      case "HGET" -> {
        Map<String, byte[]> hash = keys.hash(key, false);
        return bulk(hash == null ? null : hash.get(args.checkjstring(3)));
      }
      case "HSET" -> {
        Map<String, byte[]> hash = keys.hash(key, true);
        int added = 0;
        for (int i = 3; i < args.narg(); i += 2) {
          added += hash.put(args.checkjstring(i), bytes(args.arg(i + 1))) == null ? 1 : 0;
        }
        return LuaValue.valueOf(added);
      }
      case "HSETNX" -> {
        Map<String, byte[]> hash = keys.hash(key, true);
        return LuaValue.valueOf(hash.putIfAbsent(args.checkjstring(3), bytes(args.arg(4))) == null ? 1 : 0);
      }
      case "HINCRBY" -> {
        Map<String, byte[]> hash = keys.hash(key, true);
        byte[] old = hash.get(args.checkjstring(3));
        long next = (old == null ? 0 : Long.parseLong(new String(old, StandardCharsets.US_ASCII))) + args.checklong(4);
        hash.put(args.checkjstring(3), Long.toString(next).getBytes(StandardCharsets.US_ASCII));
        return LuaValue.valueOf((double) next);
      }
      case "ZADD" -> {
        Map<String, Double> zset = keys.zset(key, true);
        int added = 0;
        for (int i = 3; i < args.narg(); i += 2) {
          added += zset.put(args.checkjstring(i + 1), score(args.arg(i))) == null ? 1 : 0;
        }
        return LuaValue.valueOf(added);
      }
      case "ZREM" -> {
        Map<String, Double> zset = keys.zset(key, false);
        int removed = 0;
        for (int i = 3; zset != null && i <= args.narg(); i++) {
          removed += zset.remove(args.checkjstring(i)) != null ? 1 : 0;
        }
        if (zset != null) {
          keys.removeIfEmpty(key, zset);
        }
        return LuaValue.valueOf(removed);
      }
      case "ZCARD" -> {
        Map<String, Double> zset = keys.zset(key, false);
        return LuaValue.valueOf(zset == null ? 0 : zset.size());
      }
      case "ZCOUNT" -> {
        double min = score(args.arg(3));
        double max = score(args.arg(4));
        return LuaValue.valueOf(sorted(key).stream().filter(e -> e.getValue() >= min && e.getValue() <= max).count());
      }
      case "ZRANGEBYSCORE" -> {
        return zrangeByScore(key, args);
      }
      case "ZRANGE" -> {
        return zrange(key, args);
      }
      case "HDEL" -> {
        Map<String, byte[]> hash = keys.hash(key, false);
        int removed = 0;
        for (int i = 3; hash != null && i <= args.narg(); i++) {
          removed += hash.remove(args.checkjstring(i)) != null ? 1 : 0;
        }
        if (hash != null) {
          keys.removeIfEmpty(key, hash);
        }
        return LuaValue.valueOf(removed);
      }
      default -> throw new LuaError("ERR unknown command '" + command + "' for the local store");
    }
  }

  private java.util.List<Map.Entry<String, Double>> sorted(String key) {
    Map<String, Double> zset = keys.zset(key, false);
    if (zset == null) {
      return java.util.List.of();
    }
    java.util.List<Map.Entry<String, Double>> entries = new java.util.ArrayList<>(zset.entrySet());
    entries.sort(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    return entries;
  }

  /** ZRANGEBYSCORE key min max [LIMIT offset count] */
  private Varargs zrangeByScore(String key, Varargs args) {
    double min = score(args.arg(3));
    double max = score(args.arg(4));
    long offset = 0;
    long count = Long.MAX_VALUE;
    if (args.narg() >= 7 && args.checkjstring(5).equalsIgnoreCase("LIMIT")) {
      offset = args.checklong(6);
      count = args.checklong(7) < 0 ? Long.MAX_VALUE : args.checklong(7);
    }
    java.util.List<LuaValue> out = new java.util.ArrayList<>();
    for (Map.Entry<String, Double> e : sorted(key)) {
      if (e.getValue() >= min && e.getValue() <= max) {
        if (offset > 0) {
          offset--;
        } else if (out.size() < count) {
          out.add(LuaValue.valueOf(e.getKey()));
        }
      }
    }
    return LuaValue.listOf(out.toArray(new LuaValue[0]));
  }

  /** ZRANGE key start stop [WITHSCORES], by rank. */
  private Varargs zrange(String key, Varargs args) {
    java.util.List<Map.Entry<String, Double>> entries = sorted(key);
    int n = entries.size();
    int start = (int) args.checklong(3);
    int stop = (int) args.checklong(4);
    start = start < 0 ? Math.max(0, n + start) : start;
    stop = stop < 0 ? n + stop : Math.min(stop, n - 1);
    boolean withScores = args.narg() >= 5 && args.checkjstring(5).equalsIgnoreCase("WITHSCORES");
    java.util.List<LuaValue> out = new java.util.ArrayList<>();
    for (int i = start; i <= stop; i++) {
      out.add(LuaValue.valueOf(entries.get(i).getKey()));
      if (withScores) {
        out.add(LuaValue.valueOf(numberText(LuaValue.valueOf(entries.get(i).getValue()))));
      }
    }
    return LuaValue.listOf(out.toArray(new LuaValue[0]));
  }

  /** A score argument: a number, or "-inf"/"+inf" as Redis takes them. */
  private static double score(LuaValue v) {
    String text = v.type() == LuaValue.TNUMBER ? null : v.checkjstring();
    if ("-inf".equals(text)) {
      return Double.NEGATIVE_INFINITY;
    }
    if ("+inf".equals(text) || "inf".equals(text)) {
      return Double.POSITIVE_INFINITY;
    }
    return text == null ? v.todouble() : Double.parseDouble(text);
  }

  /** SET key value [PX ms] [NX]: {ok='OK'}, or false when NX found the key. */
  private Varargs set(String key, byte[] value, Varargs args) {
    long ttl = 0;
    boolean nx = false;
    for (int i = 4; i <= args.narg(); i++) {
      String option = args.checkjstring(i).toUpperCase(Locale.ROOT);
      if (option.equals("PX")) {
        ttl = args.checklong(++i);
        if (ttl <= 0) {
          throw new LuaError("ERR invalid expire time in 'set' command");
        }
      } else if (option.equals("NX")) {
        nx = true;
      } else {
        throw new LuaError("ERR syntax error");
      }
    }
    if (nx && keys.get(key) != null) {
      return LuaValue.FALSE;
    }
    keys.setString(key, value, ttl);
    LuaTable ok = new LuaTable();
    ok.set("ok", "OK");
    return ok;
  }

  private static LuaValue bulk(byte[] value) {
    return value == null ? LuaValue.FALSE : LuaString.valueOf(value);
  }

  /** Redis turns a number argument into its text; strings stay the bytes they are. */
  private static byte[] bytes(LuaValue v) {
    if (v.type() == LuaValue.TNUMBER) {
      return numberText(v).getBytes(StandardCharsets.US_ASCII);
    }
    LuaString s = v.checkstring();
    byte[] out = new byte[s.m_length];
    s.copyInto(0, out, 0, s.m_length);
    return out;
  }

  /** Integral numbers without a fraction, as Redis's Lua 5.1 prints them (%.17g for the rest). */
  private static String numberText(LuaValue v) {
    double d = v.todouble();
    return d == Math.rint(d) && Math.abs(d) < 1e17 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.17g", d);
  }

  /** A script's return value as Redis would send it: a table is an array up to its first nil. */
  private record Reply(LuaValue value) implements ScriptReply {
    @Override
    public int size() {
      return value.istable() ? value.length() : 1;
    }

    private LuaValue at(int i) {
      return value.istable() ? value.get(i + 1) : value;
    }

    @Override
    public String text(int i) {
      LuaValue v = at(i);
      if (v.isnil() || v == LuaValue.FALSE) {
        return "";
      }
      return v.type() == LuaValue.TNUMBER ? Long.toString((long) v.todouble()) : v.tojstring();
    }

    @Override
    public Buffer bytes(int i) {
      LuaValue v = at(i);
      return v.isnil() || v == LuaValue.FALSE ? Buffer.buffer() : Buffer.buffer(LocalScripts.bytes(v));
    }

    @Override
    public long number() {
      return (long) value.todouble();
    }
  }
}
