package io.failover.agents.operator.inputs;

import static io.failover.agents.operator.kubernetes.KubernetesJson.SERIALIZATION;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.failover.agents.core.spec.SpecProblem;
import java.util.List;

/** Reads an AgentType's {@code spec.template}, kept as given, into a PodTemplateSpec. */
public final class PodTemplateReader {
  private PodTemplateReader() {}

  /** The template, or the problem that makes it unreadable. */
  public static Result read(JsonNode template) {
    try {
      return new Result(SERIALIZATION.convertValue(template, PodTemplateSpec.class), List.of());
    } catch (IllegalArgumentException unreadable) {
      String reason = unreadable.getMessage() == null ? "unreadable" : unreadable.getMessage().lines().findFirst().orElse("");
      return new Result(null, List.of(new SpecProblem("spec.template", "not a valid PodTemplateSpec: " + reason)));
    }
  }

  public record Result(PodTemplateSpec template, List<SpecProblem> problems) {}
}
