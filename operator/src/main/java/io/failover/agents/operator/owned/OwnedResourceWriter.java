package io.failover.agents.operator.owned;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an Agent's env Secret and Deployment with the fewest writes: create when missing, update
 * (PUT with the read resourceVersion, so a concurrent change answers 409 and the reconcile is
 * retried from fresh state) only the fields the operator owns when they differ, nothing otherwise.
 * Fields other controllers set (annotations, defaults) are kept.
 */
public final class OwnedResourceWriter {
  private OwnedResourceWriter() {}

  /** Why an existing object under an owned name is not the operator's to write, if it is not. */
  public static Optional<String> foreign(Optional<? extends HasMetadata> actual) {
    return actual.filter(current -> !ours(current)).map(current -> current.getKind() + " "
        + current.getMetadata().getNamespace() + "/" + current.getMetadata().getName()
        + " exists and is not managed by the operator");
  }

  public static void applySecret(Secret desired, Optional<Secret> actual, Context<Agent> context,
      InformerEventSource<Secret, Agent> cache) {
    apply(desired, actual, context, cache, OwnedResourceWriter::secretUpToDate, (current, wanted) -> {
      Secret merged = ownedMetadata(current, wanted);
      merged.setType(wanted.getType());
      merged.setData(wanted.getData());
      merged.setStringData(null);
      return merged;
    });
  }

  public static void applyDeployment(Deployment desired, Optional<Deployment> actual, Context<Agent> context,
      InformerEventSource<Deployment, Agent> cache) {
    apply(desired, actual, context, cache,
        (current, wanted) -> metadataUpToDate(current, wanted)
            && JsonSubset.contains(json(current.getSpec()), json(wanted.getSpec())),
        (current, wanted) -> {
          Deployment merged = ownedMetadata(current, wanted);
          merged.setSpec(wanted.getSpec());
          return merged;
        });
  }

  private interface UpToDate<R> {
    boolean test(R actual, R desired);
  }

  private interface Merge<R> {
    R apply(R actual, R desired);
  }

  private static <R extends HasMetadata> void apply(R desired, Optional<R> actual, Context<Agent> context,
      InformerEventSource<R, Agent> cache, UpToDate<R> upToDate, Merge<R> merge) {
    if (actual.isEmpty()) {
      context.resourceOperations().create(desired, cache);
      return;
    }
    R current = actual.get();
    if (!ours(current)) {
      throw new IllegalStateException(foreign(actual).orElseThrow());
    }
    if (!upToDate.test(current, desired)) {
      context.resourceOperations().update(merge.apply(current, desired), cache);
    }
  }

  private static boolean ours(HasMetadata current) {
    Map<String, String> labels = current.getMetadata().getLabels();
    return labels != null && OwnedLabels.MANAGED_BY_VALUE.equals(labels.get(OwnedLabels.MANAGED_BY));
  }

  private static boolean secretUpToDate(Secret actual, Secret desired) {
    return metadataUpToDate(actual, desired)
        && desired.getType().equals(actual.getType())
        && desired.getData().equals(actual.getData() == null ? Map.of() : actual.getData())
        && (actual.getStringData() == null || actual.getStringData().isEmpty());
  }

  private static boolean metadataUpToDate(HasMetadata actual, HasMetadata desired) {
    Map<String, String> labels = actual.getMetadata().getLabels() == null ? Map.of() : actual.getMetadata().getLabels();
    OwnerReference owner = desired.getMetadata().getOwnerReferences().get(0);
    return labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
        && actual.getMetadata().getOwnerReferences() != null
        && actual.getMetadata().getOwnerReferences().stream()
            .anyMatch(ref -> owner.getUid().equals(ref.getUid()) && Boolean.TRUE.equals(ref.getController()));
  }

  /** The actual object with the operator's labels and owner added; other owners and labels stay. */
  private static <R extends HasMetadata> R ownedMetadata(R actual, R desired) {
    R merged = SERIALIZATION.clone(actual);
    Map<String, String> labels = new HashMap<>(merged.getMetadata().getLabels() == null
        ? Map.of() : merged.getMetadata().getLabels());
    labels.putAll(desired.getMetadata().getLabels());
    merged.getMetadata().setLabels(labels);
    OwnerReference owner = desired.getMetadata().getOwnerReferences().get(0);
    List<OwnerReference> owners = new ArrayList<>();
    owners.add(owner);
    if (merged.getMetadata().getOwnerReferences() != null) {
      merged.getMetadata().getOwnerReferences().stream()
          .filter(ref -> !Boolean.TRUE.equals(ref.getController()) && !owner.getUid().equals(ref.getUid()))
          .forEach(owners::add);
    }
    merged.getMetadata().setOwnerReferences(owners);
    return merged;
  }

  private static JsonNode json(Object value) {
    return SERIALIZATION.convertValue(value, JsonNode.class);
  }
}
