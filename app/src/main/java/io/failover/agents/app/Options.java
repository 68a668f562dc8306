package io.failover.agents.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Checks shared by the roles' options; each failure names its option. */
final class Options {
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,8})([smhd])");

  private Options() {}

  static int port(CommandLine commandLine, String option, int port, boolean anyFreeAllowed) {
    if (port < (anyFreeAllowed ? 0 : 1) || port > 65_535) {
      throw invalid(commandLine, option, port + " is not a port (1-65535)");
    }
    return port;
  }

  static String httpUrl(CommandLine commandLine, String option, String url) {
    try {
      URI uri = new URI(url);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw invalid(commandLine, option, "'" + url + "' is not an http(s) URL");
      }
      return url.replaceAll("/+$", "");
    } catch (URISyntaxException notAUri) {
      throw invalid(commandLine, option, "'" + url + "' is not an http(s) URL");
    }
  }

  static Set<String> namespaces(CommandLine commandLine, String option, String list) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (String name : Arrays.stream(list.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
      if (!NAMESPACE.matcher(name).matches()) {
        throw invalid(commandLine, option, "'" + name + "' is not a namespace name");
      }
      namespaces.add(name);
    }
    return namespaces;
  }

  static int positive(CommandLine commandLine, String option, int value) {
    if (value < 1) {
      throw invalid(commandLine, option, value + " is not a positive number");
    }
    return value;
  }

  /** A Kubernetes object name (RFC 1123 subdomain, at most 253 characters). */
  static String dnsName(CommandLine commandLine, String option, String name) {
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw invalid(commandLine, option, "'" + name + "' is not a Kubernetes object name (lower-case letters, digits, '-' and '.')");
    }
    return name;
  }

  static Duration duration(CommandLine commandLine, String option, String text) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw invalid(commandLine, option, "'" + text + "' is not a duration such as 12h or 30d");
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  static CommandLine.ParameterException invalid(CommandLine commandLine, String option, String why) {
    return new CommandLine.ParameterException(commandLine, "Invalid value for option '" + option + "': " + why);
  }
}
