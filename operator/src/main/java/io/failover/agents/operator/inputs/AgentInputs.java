package io.failover.agents.operator.inputs;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.SwitchMode;
import io.failover.agents.core.spec.PolicyReading;
import io.failover.agents.core.spec.SpecProblem;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an Agent's reconcile needs from its AgentType: the effective policy, the pod template and the switch mode. */
public record AgentInputs(Agent agent, String typeName, FailoverPolicy policy, PodTemplateSpec template,
    SwitchMode switchMode) {

  /** Why an Agent cannot be rendered, as its Ready condition says. */
  public record NotReady(String reason, String message) {}

  public static Result read(Agent agent, Optional<AgentType> type, PolicyCache policies) {
    String typeName = agent.getSpec() == null ? null : agent.getSpec().getType();
    String namespace = agent.getMetadata().getNamespace();
    if (typeName == null || typeName.isBlank()) {
      return Result.notReady(new NotReady("InvalidSpec", "spec.type: must not be empty"));
    }
    if (type.isEmpty()) {
      return Result.notReady(new NotReady("AgentTypeNotFound",
          "AgentType " + namespace + "/" + typeName + " not found (spec.type)"));
    }
    PolicyReading reading = policies.read(type.get());
    AgentTypeCheck check = AgentTypeCheck.of(reading, type.get().getSpec());
    if (!check.valid()) {
      return Result.notReady(new NotReady("InvalidSpec", "AgentType " + namespace + "/" + typeName + " is invalid: "
          + check.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("; "))));
    }
    return new Result(Optional.of(new AgentInputs(agent, typeName, reading.policy().orElseThrow(),
        check.template().orElseThrow(), SwitchMode.of(type.get().getSpec().getSwitchMode()))), Optional.empty());
  }

  public record Result(Optional<AgentInputs> inputs, Optional<NotReady> notReady) {
    static Result notReady(NotReady why) {
      return new Result(Optional.empty(), Optional.of(why));
    }
  }
}
