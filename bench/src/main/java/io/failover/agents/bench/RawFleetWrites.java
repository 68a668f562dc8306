package io.failover.agents.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentSpec;
import io.failover.agents.api.AgentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor under a fleet failover: the same API writes a failover of each agent needs (its status,
 * its env Secret, its Deployment's env-hash), made by a plain client, one agent's writes in a row,
 * with as many agents in parallel as the operator reconciles at once. Against objects in a namespace
 * the operator does not watch.
 */
final class RawFleetWrites {
  private RawFleetWrites() {}

  static Duration measure(KubernetesClient client, String namespace, int agents, int parallelism) throws Exception {
    List<Written> objects = new ArrayList<>();
    for (int i = 1; i <= agents; i++) {
      objects.add(create(client, namespace, "raw-" + i));
    }
    ExecutorService writers = Executors.newFixedThreadPool(parallelism);
    try {
      long start = System.nanoTime();
      List<Future<?>> failovers = new ArrayList<>();
      for (Written object : objects) {
        failovers.add(writers.submit(() -> {
          failOver(client, object);
          return null;
        }));
      }
      for (Future<?> failover : failovers) {
        failover.get();
      }
      return Duration.ofNanos(System.nanoTime() - start);
    } finally {
      writers.shutdownNow();
    }
  }

  private record Written(Agent agent, Secret secret, Deployment deployment) {}

  private static Written create(KubernetesClient client, String namespace, String name) {
    Agent agent = new Agent();
    agent.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    AgentSpec spec = new AgentSpec();
    spec.setType("raw");
    agent.setSpec(spec);
    agent = client.resource(agent).create();
    AgentStatus status = new AgentStatus();
    status.setTier(1);
    agent.setStatus(status);
    agent = client.resource(agent).updateStatus();
    Secret secret = client.resource(new SecretBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name + "-provider-env").withNamespace(namespace).build())
        .withData(Map.of("AGENT_TIER", "MQ==")).build()).create();
    Deployment deployment = client.resource(new DeploymentBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build())
        .withNewSpec().withNewSelector().addToMatchLabels("agent", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("agent", name).addToAnnotations("env-hash", "1").endMetadata()
        .withNewSpec().addNewContainer().withName("agent").withImage("example.com/agent:1").endContainer().endSpec()
        .endTemplate().endSpec().build()).create();
    return new Written(agent, secret, deployment);
  }

  private static void failOver(KubernetesClient client, Written object) {
    object.agent().getStatus().setTier(2);
    client.resource(object.agent()).updateStatus();
    object.secret().setData(Map.of("AGENT_TIER", "Mg=="));
    client.resource(object.secret()).update();
    object.deployment().getSpec().getTemplate().getMetadata().getAnnotations().put("env-hash", "2");
    client.resource(object.deployment()).update();
  }
}
