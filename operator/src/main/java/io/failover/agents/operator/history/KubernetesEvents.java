package io.failover.agents.operator.history;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.failover.agents.operator.kubernetes.TerminatingNamespaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors state changes as core/v1 Events on the Agent. An Event identical to one recorded in the
 * last ten minutes (same object, type, reason and message) is counted on the existing Event rather
 * than created again, as kubectl's own recorder does, so a flapping agent cannot flood a namespace.
 * Failing to record an Event never fails a reconcile.
 */
public final class KubernetesEvents {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEvents.class);
  static final String COMPONENT = "agent-failover-operator";
  private static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
  private static final int MAX_REMEMBERED = 4096;
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  private final TerminatingNamespaces terminating;
  private final Cache<String, Recorded> recent = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).build();

  private record Recorded(String name, int count, Instant last) {}

  public KubernetesEvents(KubernetesClient client, Clock clock, String instance, TerminatingNamespaces terminating) {
    this.terminating = terminating;
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public void record(HasMetadata object, boolean warning, String reason, String message) {
    String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    String type = warning ? "Warning" : "Normal";
    String key = object.getMetadata().getUid() + "|" + type + "|" + reason + "|" + text;
    Instant now = clock.instant();
    try {
      synchronized (recent) {
        Recorded previous = recent.getIfPresent(key);
        if (previous != null && previous.last().plus(AGGREGATION_WINDOW).isAfter(now) && bump(object, previous, now)) {
          recent.put(key, new Recorded(previous.name(), previous.count() + 1, now));
          return;
        }
      }
      Event created = client.v1().events().inNamespace(object.getMetadata().getNamespace())
          .resource(newEvent(object, type, reason, text, now)).create();
      synchronized (recent) {
        recent.put(key, new Recorded(created.getMetadata().getName(), 1, now));
      }
    } catch (KubernetesClientException failed) {
      if (TerminatingNamespaces.refusedForTermination(failed)) {
        terminating.dropped(object.getMetadata().getNamespace(), "Events");
        return;
      }
      LOG.warn("could not record Event {} on {}/{}: {}", reason, object.getMetadata().getNamespace(),
          object.getMetadata().getName(), failed.getMessage());
    }
  }

  private boolean bump(HasMetadata object, Recorded previous, Instant now) {
    try {
      // a merge patch of just these fields; patching by name with a string would read the Event first
      Event counted = new EventBuilder()
          .withNewMetadata().withName(previous.name()).withNamespace(object.getMetadata().getNamespace()).endMetadata()
          .withCount(previous.count() + 1)
          .withLastTimestamp(now.toString())
          .build();
      client.v1().events().inNamespace(object.getMetadata().getNamespace()).resource(counted)
          .patch(PatchContext.of(PatchType.JSON_MERGE));
      return true;
    } catch (KubernetesClientException gone) {
      return false;
    }
  }

  private Event newEvent(HasMetadata object, String type, String reason, String message, Instant now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(object.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1_000_000 + System.nanoTime() % 1_000_000))
        .withNamespace(object.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(new ObjectReferenceBuilder()
            .withApiVersion(object.getApiVersion())
            .withKind(object.getKind())
            .withName(object.getMetadata().getName())
            .withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid())
            .withResourceVersion(object.getMetadata().getResourceVersion())
            .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now.toString())
        .withLastTimestamp(now.toString())
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(instance)
        .build();
  }
}
