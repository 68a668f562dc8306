package io.failover.agents.dashboard.http;

import io.failover.agents.dashboard.auth.Caller;
import io.failover.agents.dashboard.auth.Gate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** Which namespaces' objects a caller may list: all when allowed cluster-wide, else namespace by namespace. */
final class Visibility {
  private Visibility() {}

  static Predicate<String> namespaces(Gate gate, Caller caller, String resource) {
    if (gate.allowed(caller, "list", resource, null, null)) {
      return namespace -> true;
    }
    Map<String, Boolean> decided = new ConcurrentHashMap<>();
    return namespace -> decided.computeIfAbsent(namespace, ns -> gate.allowed(caller, "list", resource, ns, null));
  }
}
