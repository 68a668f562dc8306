package io.failover.agents.operator.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** The one (thread-safe) Kubernetes-aware JSON mapper the operator's classes share. */
public final class KubernetesJson {
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private KubernetesJson() {}
}
