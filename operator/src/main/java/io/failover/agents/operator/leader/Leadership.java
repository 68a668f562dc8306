package io.failover.agents.operator.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holding the Lease while reconciling (SPEC section 11). JOSDK's own reaction to a lost Lease is a
 * System.exit inside the leader-election callback, which deadlocks when the Lease is given up
 * inside the JVM's shutdown hook; here the exit is never taken on the shutdown path, a Lease lost
 * otherwise ends the process from a thread of its own (so reconciling stops at once and Kubernetes
 * restarts the pod into the election), and {@link #release} hands the Lease on at shutdown.
 */
public final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

  private final String leaseName;
  private final String leaseNamespace;
  private final String identity;
  private final Runnable onLost;
  private volatile boolean leading;
  private volatile boolean stopping;

  /**
   * @param onLost what to do when the Lease is lost while running (production: exit the process)
   */
  public Leadership(String leaseName, String leaseNamespace, String identity, Runnable onLost) {
    this.leaseName = leaseName;
    this.leaseNamespace = leaseNamespace;
    this.identity = identity;
    this.onLost = onLost;
  }

  /** Ends the process with status 1 from a new thread: never from a shutdown hook, where it would hang. */
  public static Runnable exitProcess() {
    return () -> {
      Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
      exit.start();
    };
  }

  public LeaderElectionConfiguration configuration() {
    return new LeaderElectionConfiguration(leaseName, leaseNamespace,
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        identity,
        new LeaderCallbacks(this::started, this::stopped, leader -> LOG.info("the Lease {} is held by {}", leaseName, leader)),
        false);
  }

  /** This replica holds the Lease and reconciles. */
  public boolean leading() {
    return leading;
  }

  public String leaseName() {
    return leaseName;
  }

  private void started() {
    LOG.info("acquired the Lease {}/{} as {}", leaseNamespace, leaseName, identity);
    leading = true;
  }

  private void stopped() {
    leading = false;
    if (stopping) {
      return;
    }
    LOG.error("lost the Lease {}/{}; stopping so that only the new leader reconciles", leaseNamespace, leaseName);
    onLost.run();
  }

  /** From now on giving up the Lease is part of stopping, not a loss. */
  public void stopping() {
    stopping = true;
  }

  /**
   * Hands the Lease on at shutdown, as client-go's ReleaseOnCancel does: when this replica still
   * holds it, its holder is cleared and its duration set to one second, so another replica takes
   * over at once instead of waiting for it to expire. Uses the same verbs as renewing (get, patch).
   */
  public void release(KubernetesClient client) {
    stopping = true;
    try {
      LeaseLock lock = new LeaseLock(leaseNamespace, leaseName, identity);
      LeaderElectionRecord current = lock.get(client);
      if (current == null || !identity.equals(current.getHolderIdentity())) {
        return;
      }
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      lock.update(client, new LeaderElectionRecord("", Duration.ofSeconds(1), now, now, current.getLeaderTransitions()));
      LOG.info("released the Lease {}/{}", leaseNamespace, leaseName);
    } catch (KubernetesClientException failed) {
      LOG.warn("could not release the Lease {}/{}: {}; it expires on its own", leaseNamespace, leaseName,
          failed.getMessage());
    }
  }
}
