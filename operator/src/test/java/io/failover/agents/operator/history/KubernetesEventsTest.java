package io.failover.agents.operator.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.failover.agents.operator.kubernetes.TerminatingNamespaces;
import io.failover.agents.operator.testing.MockCluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesEventsTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  static class MovableClock extends Clock {
    Instant now = NOW;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void repeatedIdenticalEventsAreCountedOnOneEventAndNewOnesAfterTheWindowStartAgain() {
    try (MockCluster cluster = MockCluster.start()) {
      ConfigMap object = cluster.client.configMaps().inNamespace("agents")
          .resource(new ConfigMapBuilder().withNewMetadata().withName("thing").withNamespace("agents").endMetadata().build())
          .create();
      MovableClock clock = new MovableClock();
      KubernetesEvents recorder = new KubernetesEvents(cluster.client, clock, "test", new TerminatingNamespaces());

      recorder.record(object, true, "TierChanged", "tier 1 (anthropic) -> tier 2 (deepseek): rateLimit");
      clock.now = NOW.plusSeconds(30);
      recorder.record(object, true, "TierChanged", "tier 1 (anthropic) -> tier 2 (deepseek): rateLimit");
      recorder.record(object, false, "Recovered", "tier 2 (deepseek) -> tier 1 (anthropic): cooldown over and a task succeeded");

      List<Event> events = cluster.client.v1().events().inNamespace("agents").list().getItems();
      assertThat(events).hasSize(2);
      Event tierChanged = events.stream().filter(e -> e.getReason().equals("TierChanged")).findFirst().orElseThrow();
      assertThat(tierChanged.getCount()).isEqualTo(2);
      assertThat(tierChanged.getType()).isEqualTo("Warning");
      assertThat(tierChanged.getLastTimestamp()).isEqualTo(NOW.plusSeconds(30).toString());
      assertThat(tierChanged.getInvolvedObject().getUid()).isEqualTo(object.getMetadata().getUid());

      clock.now = NOW.plus(Duration.ofMinutes(20));
      recorder.record(object, true, "TierChanged", "tier 1 (anthropic) -> tier 2 (deepseek): rateLimit");

      assertThat(cluster.client.v1().events().inNamespace("agents").list().getItems()).hasSize(3);
    }
  }
}
