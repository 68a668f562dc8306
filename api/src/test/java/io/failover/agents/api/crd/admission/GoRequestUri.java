package io.failover.agents.api.crd.admission;

/**
 * Kubernetes' CEL {@code isURL(string)} is Go's {@code url.ParseRequestURI(s) == nil}: this follows
 * that parser closely enough for admission tests (scheme, opaque and rootless forms, authority with
 * userinfo, host characters and port, percent escapes). It is not java.net.URI, which refuses
 * {@code http://} where Go accepts it: admission must be modelled as it is, not as it should be.
 */
final class GoRequestUri {
  private GoRequestUri() {}

  static boolean parses(String raw) {
    if (raw.isEmpty() || raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return false;
    }
    int colon = schemeEnd(raw);
    if (colon == 0) {
      return false;
    }
    String scheme = colon > 0 ? raw.substring(0, colon) : "";
    String rest = colon > 0 ? raw.substring(colon + 1) : raw;
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (!rest.startsWith("/")) {
      return !scheme.isEmpty();
    }
    if (!scheme.isEmpty() && rest.startsWith("//")) {
      String authority = rest.substring(2);
      int slash = authority.indexOf('/');
      String path = slash >= 0 ? authority.substring(slash) : "";
      authority = slash >= 0 ? authority.substring(0, slash) : authority;
      return validAuthority(authority) && validEscapes(path);
    }
    return validEscapes(rest);
  }

  /** Index of the scheme's colon, -1 when there is no scheme, 0 for a leading colon (an error in Go). */
  private static int schemeEnd(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (isLetter(c)) {
        continue;
      }
      if (isDigit(c) || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          return -1;
        }
        continue;
      }
      return c == ':' ? i : -1;
    }
    return -1;
  }

  private static boolean validAuthority(String authority) {
    int at = authority.lastIndexOf('@');
    if (at >= 0 && !authority.substring(0, at).chars().allMatch(GoRequestUri::userinfoChar)) {
      return false;
    }
    String host = authority.substring(at + 1);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close >= 0 && validPort(host.substring(close + 1)) && validEscapes(host.substring(0, close + 1));
    }
    int colon = host.lastIndexOf(':');
    if (colon >= 0 && !validPort(host.substring(colon))) {
      return false;
    }
    String name = colon >= 0 ? host.substring(0, colon) : host;
    return name.chars().allMatch(c -> c >= 0x80 || c == '%' || hostChar(c)) && validEscapes(name);
  }

  private static boolean validPort(String port) {
    return port.isEmpty() || (port.charAt(0) == ':' && port.substring(1).chars().allMatch(c -> isDigit((char) c)));
  }

  private static boolean validEscapes(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '%') {
        if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean hostChar(int c) {
    return isLetter((char) c) || isDigit((char) c) || "-._~!$&'()*+,;=:[]<>\"".indexOf(c) >= 0;
  }

  private static boolean userinfoChar(int c) {
    return isLetter((char) c) || isDigit((char) c) || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
