package com.edgepay.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches a Redis with MONITOR and keeps the commands clients sent. Commands run inside a Lua
 * script are tagged "lua" by Redis and left out: what remains is the round trips.
 */
public final class RedisMonitor implements AutoCloseable {
  private final Socket socket;
  private final List<String> commands = new CopyOnWriteArrayList<>();

  public RedisMonitor(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      if (!"+OK".equals(in.readLine())) {
        throw new IllegalStateException("MONITOR refused");
      }
      Thread reader = new Thread(() -> read(in), "redis-monitor");
      reader.setDaemon(true);
      reader.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void read(BufferedReader in) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        int bracket = line.indexOf(']');
        if (line.contains(" lua]") || bracket < 0) {
          continue;
        }
        String rest = line.substring(bracket + 2);
        int end = rest.indexOf('"', 1);
        commands.add(rest.substring(1, end).toLowerCase());
      }
    } catch (IOException closed) {
      // the test is done
    }
  }

  /** Client commands seen so far, without health pings. */
  public List<String> commands() {
    return commands.stream().filter(c -> !c.equals("ping")).toList();
  }

  public void clear() {
    commands.clear();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
