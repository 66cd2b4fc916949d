package com.edgepay.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real redis-server child process on a free loopback port, owned by one test: it can be paused
 * (SIGSTOP), resumed, killed and restarted empty on the same port.
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private final String adminPassword;
  private Process process;

  private RedisServer(int port, Path dir, List<String> extraArgs, String adminPassword) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
    this.adminPassword = adminPassword;
  }

  public static RedisServer start() {
    return start(List.of());
  }

  public static RedisServer start(List<String> extraArgs) {
    return start(extraArgs, null);
  }

  /** @param adminPassword the default user's password (the test's own commands AUTH with it), or null */
  public static RedisServer start(List<String> extraArgs, String adminPassword) {
    try {
      RedisServer server = new RedisServer(Ports.free(), Files.createTempDirectory("redis-test"), extraArgs,
          adminPassword);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void launch() {
    List<String> cmd = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--loglevel", "warning"));
    cmd.addAll(extraArgs);
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server must be on PATH (.ci/run installs it)", e);
    }
    awaitPong();
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  public void pause() {
    signal("STOP");
  }

  public void resume() {
    signal("CONT");
  }

  /** SIGKILL: no shutdown, no persistence; the data is gone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts a fresh, empty server on the same port. */
  public void restart() {
    launch();
  }

  /** Sends one command over a raw socket and returns the first reply line. */
  public String command(String... args) {
    return RespProbe.command(port, adminPassword, args);
  }

  public long pid() {
    return process.pid();
  }

  /** A counter from INFO stats; each look is itself one more connection and one more read. */
  public long stat(String name) {
    for (String line : command("INFO", "stats").split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    throw new IllegalStateException("no " + name + " in INFO stats");
  }

  private void signal(String name) {
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitPong() {
    for (int i = 0; i < 200; i++) {
      try {
        if ("+PONG".equals(RespProbe.command(port, adminPassword, "PING"))) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // starting
      }
      sleep(25);
    }
    throw new IllegalStateException("redis-server did not start on port " + port);
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      resume();
      process.destroyForcibly();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    in.read();
    return line.toString();
  }

  /** Minimal RESP over a socket, for test set-up only. */
  static final class RespProbe {
    private RespProbe() {
    }

    static byte[] encode(String... args) {
      StringBuilder out = new StringBuilder("*" + args.length + "\r\n");
      for (String a : args) {
        out.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first reply line; for a bulk string, its content instead. */
    static String command(int port, String password, String... args) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(3000);
        OutputStream os = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        if (password != null) {
          os.write(encode("AUTH", password));
          os.flush();
          readLine(in);
        }
        os.write(encode(args));
        os.flush();
        String line = readLine(in);
        if (line.startsWith("$") && !line.equals("$-1")) {
          byte[] bulk = in.readNBytes(Integer.parseInt(line.substring(1)));
          return new String(bulk, StandardCharsets.UTF_8);
        }
        if (line.startsWith("*") && !line.equals("*-1")) {
          // An array of bulk strings, joined by newlines (enough for SENTINEL and CLUSTER replies).
          StringBuilder all = new StringBuilder();
          for (int n = Integer.parseInt(line.substring(1)); n > 0; n--) {
            String item = readLine(in);
            if (item.startsWith("$") && !item.equals("$-1")) {
              all.append(new String(in.readNBytes(Integer.parseInt(item.substring(1))), StandardCharsets.UTF_8));
              readLine(in);
            } else {
              all.append(item);
            }
            all.append(n > 1 ? "\n" : "");
          }
          return all.toString();
        }
        return line;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
