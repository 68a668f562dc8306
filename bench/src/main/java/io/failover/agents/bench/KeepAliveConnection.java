package io.failover.agents.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that posts JSON and reads the status: a load generator that
 * costs next to nothing per request, so that on a small machine the figures are the server's and not
 * the client library's.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;

  KeepAliveConnection(URI server) throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(server.getHost(), server.getPort()), 5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 8192);
    host = server.getHost() + ":" + server.getPort();
  }

  /** Posts the body and returns the response status, having read the whole response. */
  int post(String path, String token, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    int length = line();
    int status = lineLength > 12 ? (buffer[9] - '0') * 100 + (buffer[10] - '0') * 10 + (buffer[11] - '0') : 0;
    length = 0;
    while (line() > 0) {
      if (lineLength > 15 && new String(buffer, 0, 15, StandardCharsets.US_ASCII).equalsIgnoreCase("content-length:")) {
        length = Integer.parseInt(new String(buffer, 15, lineLength - 15, StandardCharsets.US_ASCII).trim());
      }
    }
    in.skipNBytes(length);
    return status;
  }

  private final byte[] buffer = new byte[8192];
  private int lineLength;

  /** Reads one header line into the buffer (without CR LF); returns its length. */
  private int line() throws IOException {
    lineLength = 0;
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r' && lineLength < buffer.length) {
        buffer[lineLength++] = (byte) c;
      }
    }
    if (c == -1) {
      throw new IOException("connection closed");
    }
    return lineLength;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
