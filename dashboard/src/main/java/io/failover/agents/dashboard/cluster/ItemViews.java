package io.failover.agents.dashboard.cluster;

import io.fabric8.kubernetes.api.model.Condition;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentStatus;
import io.failover.agents.api.AgentType;
import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.api.ProviderTierSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON items of the dashboard API (docs/dashboard-api.md), built from the cluster's objects. */
final class ItemViews {
  private ItemViews() {}

  static Map<String, Object> agent(Agent agent, Optional<AgentType> type) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("namespace", agent.getMetadata().getNamespace());
    item.put("name", agent.getMetadata().getName());
    item.put("type", agent.getSpec() == null ? null : agent.getSpec().getType());
    item.put("chain", type.map(t -> chain(t.getSpec())).orElse(List.of()));
    AgentStatus status = agent.getStatus();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("tier", status == null ? null : status.getTier());
    state.put("provider", status == null ? null : status.getProvider());
    state.put("model", status == null ? null : status.getModel());
    state.put("paused", status == null ? null : status.getPaused());
    state.put("pausedReason", status == null ? null : status.getPausedReason());
    state.put("cooldownUntil", status == null ? null : status.getCooldownUntil());
    state.put("lastFailureKind", status == null ? null : status.getLastFailureKind());
    state.put("lastFailureAt", status == null ? null : status.getLastFailureAt());
    item.put("providerState", state);
    Optional<Condition> ready = condition(status == null ? null : status.getConditions(), "Ready");
    Map<String, Object> readiness = new LinkedHashMap<>();
    readiness.put("ready", ready.map(Condition::getStatus).orElse("Unknown"));
    readiness.put("reason", ready.map(Condition::getReason).orElse(null));
    readiness.put("message", ready.map(Condition::getMessage).orElse("not reconciled yet"));
    item.put("status", readiness);
    return item;
  }

  /** What the per-agent view adds to the item: every condition, the counters and the replicas asked for. */
  static Map<String, Object> agentDetail(Agent agent) {
    AgentStatus status = agent.getStatus();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("replicas", agent.getSpec() == null ? null : agent.getSpec().getReplicas());
    detail.put("createdAt", agent.getMetadata().getCreationTimestamp());
    detail.put("lastOutcomeSeq", status == null ? null : status.getLastOutcomeSeq());
    detail.put("consecutiveServerErrors", status == null ? null : status.getConsecutiveServerErrors());
    List<Map<String, Object>> conditions = new ArrayList<>();
    if (status != null && status.getConditions() != null) {
      for (Condition condition : status.getConditions()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", condition.getType());
        c.put("status", condition.getStatus());
        c.put("reason", condition.getReason());
        c.put("message", condition.getMessage());
        c.put("lastTransitionTime", condition.getLastTransitionTime());
        conditions.add(c);
      }
    }
    detail.put("conditions", conditions);
    return detail;
  }

  static Map<String, Object> agentType(AgentType type, String switchMode) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("namespace", type.getMetadata().getNamespace());
    item.put("name", type.getMetadata().getName());
    item.put("chain", chain(type.getSpec()));
    item.put("switchMode", switchMode);
    Optional<Condition> valid = condition(type.getStatus() == null ? null : type.getStatus().getConditions(), "Valid");
    item.put("valid", valid.map(c -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("status", c.getStatus());
      v.put("reason", c.getReason());
      v.put("message", c.getMessage());
      return (Object) v;
    }).orElse(null));
    var budget = type.getSpec() == null || type.getSpec().getFailover() == null ? null
        : type.getSpec().getFailover().getTokenBudget();
    if (budget == null) {
      item.put("tokenBudget", null);
    } else {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("limitTokens", budget.getLimitTokens());
      b.put("window", budget.getWindow());
      item.put("tokenBudget", b);
    }
    item.put("warnings", type.getStatus() == null ? List.of() : type.getStatus().getWarnings());
    item.put("circuits", circuits(type));
    return item;
  }

  /** The circuits of a Type-scoped type (SPEC section 10) as its status holds them; empty in Agent scope. */
  private static List<Map<String, Object>> circuits(AgentType type) {
    List<Map<String, Object>> circuits = new ArrayList<>();
    if (type.getStatus() == null || type.getStatus().getCircuits() == null) {
      return circuits;
    }
    for (var circuit : type.getStatus().getCircuits()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("tier", circuit.getTier());
      c.put("provider", circuit.getProvider());
      c.put("state", circuit.getState());
      c.put("openUntil", circuit.getOpenUntil());
      c.put("trips", circuit.getTrips());
      c.put("canary", circuit.getCanary());
      c.put("lastTripKind", circuit.getLastTripKind());
      circuits.add(c);
    }
    return circuits;
  }

  /** The chain as written: the providerChain entries, or the legacy form as a chain of one. */
  private static List<Map<String, Object>> chain(AgentTypeSpec spec) {
    List<Map<String, Object>> chain = new ArrayList<>();
    if (spec == null) {
      return chain;
    }
    if (spec.getProviderChain() != null) {
      for (ProviderTierSpec tier : spec.getProviderChain()) {
        if (tier != null) {
          chain.add(entry(tier.getProvider(), tier.getModel()));
        }
      }
    } else if (spec.getProvider() != null) {
      chain.add(entry(spec.getProvider(), spec.getModel()));
    }
    return chain;
  }

  private static Map<String, Object> entry(String provider, String model) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("provider", provider);
    entry.put("model", model);
    return entry;
  }

  private static Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
