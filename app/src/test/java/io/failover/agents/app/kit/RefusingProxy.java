package io.failover.agents.app.kit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The HTTP(S) proxy a test gives the CLI: it keeps the first line of every request that reaches it
 * (such as {@code CONNECT api.anthropic.com:443 HTTP/1.1}) and refuses it with a 403, so a test can
 * fail when the CLI talks to anything but the stub, and nothing leaves the machine.
 */
final class RefusingProxy implements AutoCloseable {
  final List<String> attempts = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;
  private final Thread acceptor;

  RefusingProxy() {
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::accept, "refusing-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        client.setSoTimeout(2_000);
        String first = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
        attempts.add(first == null ? "(nothing)" : first);
        OutputStream out = client.getOutputStream();
        out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException closedOrBroken) {
        // the next accept tells whether the socket is closed
      }
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a listening socket has nothing to report
    }
  }
}
