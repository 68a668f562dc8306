package io.failover.agents.operator.owned;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.failover.agents.api.Agent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Deployment {@code <agent>}: the AgentType's pod template with the env Secret loaded into
 * every container, the env hash as a pod-template annotation (rewriting the Secret rolls the pod),
 * strategy Recreate so two tiers never run at once, and no replicas while paused.
 */
public final class DeploymentRenderer {
  private DeploymentRenderer() {}

  static final String TIERS_VOLUME = "agent-failover-tiers";

  /** @param tiersMounted switch mode PerTask: every container sees the tiers Secret under {@link TiersSecretRenderer#MOUNT_PATH} */
  public static Deployment desired(Agent agent, PodTemplateSpec template, String envHash, int replicas,
      boolean tiersMounted) {
    PodTemplateSpec pod = SERIALIZATION.clone(template);
    Map<String, String> podLabels = new HashMap<>(pod.getMetadata() == null || pod.getMetadata().getLabels() == null
        ? Map.of() : pod.getMetadata().getLabels());
    podLabels.putAll(OwnedLabels.podSelector(agent));
    Map<String, String> podAnnotations = new HashMap<>(pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null
        ? Map.of() : pod.getMetadata().getAnnotations());
    podAnnotations.put(OwnedLabels.ENV_HASH_ANNOTATION, envHash);
    pod.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
        .withLabels(podLabels).withAnnotations(podAnnotations).build());
    String secretName = OwnedLabels.envSecretName(agent.getMetadata().getName());
    pod.getSpec().getContainers().forEach(container -> loadEnvSecret(container, secretName));
    if (tiersMounted) {
      mountTiers(pod, OwnedLabels.tiersSecretName(agent.getMetadata().getName()));
    }
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(agent.getMetadata().getName())
        .withNamespace(agent.getMetadata().getNamespace())
        .withLabels(OwnedLabels.of(agent))
        .withOwnerReferences(OwnedLabels.ownerReference(agent))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector().withMatchLabels(OwnedLabels.podSelector(agent)).endSelector()
        .withNewStrategy().withType("Recreate").endStrategy()
        .withTemplate(pod)
        .endSpec()
        .build();
  }

  private static void loadEnvSecret(Container container, String secretName) {
    EnvFromSource fromSecret = new EnvFromSourceBuilder().withNewSecretRef().withName(secretName).endSecretRef().build();
    List<EnvFromSource> envFrom = new ArrayList<>();
    envFrom.add(fromSecret);
    if (container.getEnvFrom() != null) {
      container.getEnvFrom().stream().filter(source -> !source.equals(fromSecret)).forEach(envFrom::add);
    }
    container.setEnvFrom(envFrom);
  }

  /** Read-only and without subPath, so that the kubelet refreshes a rotated key in the running pod. */
  private static void mountTiers(PodTemplateSpec pod, String secretName) {
    List<Volume> volumes = new ArrayList<>(pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes());
    volumes.removeIf(volume -> TIERS_VOLUME.equals(volume.getName()));
    volumes.add(new VolumeBuilder().withName(TIERS_VOLUME)
        .withNewSecret().withSecretName(secretName).withDefaultMode(0440).endSecret().build());
    pod.getSpec().setVolumes(volumes);
    for (Container container : pod.getSpec().getContainers()) {
      List<VolumeMount> mounts = new ArrayList<>(container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts());
      mounts.removeIf(mount -> TIERS_VOLUME.equals(mount.getName()));
      mounts.add(new VolumeMountBuilder().withName(TIERS_VOLUME).withMountPath(TiersSecretRenderer.MOUNT_PATH)
          .withReadOnly(true).build());
      container.setVolumeMounts(mounts);
    }
  }
}
