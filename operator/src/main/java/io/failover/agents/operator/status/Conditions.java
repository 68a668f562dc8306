package io.failover.agents.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Sets conditions the Kubernetes way: one per type, status True/False/Unknown with a CamelCase
 * reason, and lastTransitionTime kept unless the status really changed, at the second precision
 * Kubernetes writes it with (metav1.Time).
 */
public final class Conditions {
  public static final String TRUE = "True";
  public static final String FALSE = "False";

  private Conditions() {}

  public static List<Condition> set(List<Condition> current, String type, String status, String reason, String message,
      Long generation, Instant now) {
    List<Condition> result = new ArrayList<>();
    Condition previous = null;
    for (Condition condition : current == null ? List.<Condition>of() : current) {
      if (type.equals(condition.getType())) {
        previous = condition;
      } else {
        result.add(condition);
      }
    }
    String transition = previous != null && Objects.equals(previous.getStatus(), status)
        ? previous.getLastTransitionTime()
        : now.truncatedTo(ChronoUnit.SECONDS).toString();
    result.add(new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(transition)
        .build());
    result.sort(Comparator.comparing(Condition::getType));
    return result;
  }
}
