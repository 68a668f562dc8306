package io.failover.agents.operator.inputs;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.core.spec.PolicyReader;
import io.failover.agents.core.spec.PolicyReading;
import io.failover.agents.core.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An AgentType as the operator judges it: the failover rules (pure, in the core module) and then,
 * when those hold, whether its pod template reads as a PodTemplateSpec, which needs Kubernetes
 * types and so is checked here. The AgentType's status and an Agent's readiness both ask this one
 * place. (The dashboard's editor, which may use only the pure rules, sends the template back as it
 * was stored.)
 */
public record AgentTypeCheck(PolicyReading reading, Optional<PodTemplateSpec> template, List<SpecProblem> problems) {

  public static AgentTypeCheck of(AgentTypeSpec spec) {
    return of(PolicyReader.read(spec), spec);
  }

  /** With a reading already made (the operator caches them per AgentType version). */
  public static AgentTypeCheck of(PolicyReading reading, AgentTypeSpec spec) {
    if (!reading.valid()) {
      return new AgentTypeCheck(reading, Optional.empty(), reading.problems());
    }
    PodTemplateReader.Result template = PodTemplateReader.read(spec.getTemplate());
    List<SpecProblem> problems = new ArrayList<>(reading.problems());
    problems.addAll(template.problems());
    return new AgentTypeCheck(reading, Optional.ofNullable(template.template()), List.copyOf(problems));
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
