package io.failover.agents.core.spec;

import io.failover.agents.core.policy.FailoverPolicy;
import java.util.List;
import java.util.Optional;

/** The outcome of reading an AgentType: the effective policy, or the problems that prevent one. */
public record PolicyReading(Optional<FailoverPolicy> policy, List<SpecProblem> problems, List<String> warnings) {

  public PolicyReading {
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }

  static PolicyReading invalid(List<SpecProblem> problems) {
    return new PolicyReading(Optional.empty(), problems, List.of());
  }

  public boolean valid() {
    return problems.isEmpty();
  }
}
