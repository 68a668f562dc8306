package io.failover.agents.demo.kubectl;

import java.util.Optional;

/**
 * A REST path taken apart: {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]} or the same
 * under {@code /apis/GROUP/VERSION}. {@code /api/v1/namespaces/NAME} is the Namespace itself.
 */
public record ResourcePath(String group, String version, Optional<String> namespace, String plural, Optional<String> name,
    Optional<String> subresource) {

  public static Optional<ResourcePath> parse(String path) {
    String[] parts = path.replaceAll("^/+|/+$", "").split("/");
    int at;
    String group;
    String version;
    if (parts.length >= 3 && parts[0].equals("api")) {
      group = "";
      version = parts[1];
      at = 2;
    } else if (parts.length >= 4 && parts[0].equals("apis")) {
      group = parts[1];
      version = parts[2];
      at = 3;
    } else {
      return Optional.empty();
    }
    Optional<String> namespace = Optional.empty();
    if (parts.length - at >= 3 && parts[at].equals("namespaces")) {
      namespace = Optional.of(parts[at + 1]);
      at += 2;
    }
    int left = parts.length - at;
    if (left < 1 || left > 3) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(group, version, namespace, parts[at],
        left >= 2 ? Optional.of(parts[at + 1]) : Optional.empty(),
        left == 3 ? Optional.of(parts[at + 2]) : Optional.empty()));
  }

  String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
