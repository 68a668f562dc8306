package io.failover.agents.operator.kubernetes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an API server refuses because their namespace is being deleted. Retrying them is futile
 * (the namespace and every Agent in it are going away) and was a storm: thousands of refused
 * creations and stack traces while a namespace of a thousand Agents terminated. They are dropped,
 * and said once per namespace.
 */
public final class TerminatingNamespaces {
  private static final Logger LOG = LoggerFactory.getLogger(TerminatingNamespaces.class);
  private static final int MAX_REMEMBERED = 10_000;

  private final Cache<String, Boolean> said = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();

  /** A 403 whose cause is NamespaceTerminating, as the API server answers a create in such a namespace. */
  public static boolean refusedForTermination(KubernetesClientException failure) {
    if (failure.getCode() != 403) {
      return false;
    }
    Status status = failure.getStatus();
    boolean byCause = status != null && status.getDetails() != null && status.getDetails().getCauses() != null
        && status.getDetails().getCauses().stream().map(StatusCause::getReason).anyMatch("NamespaceTerminating"::equals);
    String message = failure.getMessage();
    return byCause || message != null && message.contains("because it is being terminated");
  }

  /** Notes a refused write; logs it the first time for this namespace only. */
  public void dropped(String namespace, String what) {
    if (said.asMap().putIfAbsent(namespace, Boolean.TRUE) == null) {
      LOG.info("namespace {} is being deleted: not writing {} or anything else there (said once)", namespace, what);
    }
  }
}
