package io.failover.agents.access;

import java.util.Locale;

/**
 * Whether an HTTP Host header names this machine. With {@code --auth none} nobody is asked who they
 * are, so only this machine may ask; binding to loopback alone is not enough, since a page on
 * another origin whose name resolves to 127.0.0.1 (DNS rebinding) reaches a loopback server with
 * the victim's browser and its own Host.
 */
public final class LoopbackHosts {
  private LoopbackHosts() {}

  /** localhost (and *.localhost), 127.0.0.0/8 and [::1], with or without a port. */
  public static boolean isLoopback(String hostHeader) {
    String host = hostHeader.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 && host.substring(1, end).equals("::1") && validPort(host.substring(end + 1));
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      if (!validPort(host.substring(colon))) {
        return false;
      }
      host = host.substring(0, colon);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.equals("localhost") || host.endsWith(".localhost") || isLoopbackIpv4(host);
  }

  private static boolean validPort(String rest) {
    return rest.isEmpty() || rest.matches(":[0-9]{1,5}");
  }

  private static boolean isLoopbackIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }
}
