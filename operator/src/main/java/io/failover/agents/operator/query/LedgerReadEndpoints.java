package io.failover.agents.operator.query;

import io.failover.agents.api.AgentType;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.operator.cluster.ClusterReads;
import io.failover.agents.operator.http.ApiResponse;
import io.failover.agents.operator.http.KubernetesCallers;
import io.failover.agents.operator.ledger.EventPage;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.ProviderEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's read API: an agent's provider events, newest first, and an AgentType's token usage,
 * now and per hour. Each answers a caller the cluster allows to {@code get} that object (SPEC
 * section 11), checked before whether the object exists.
 */
public final class LedgerReadEndpoints {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final Duration UNBUDGETED_USAGE_WINDOW = Duration.ofHours(24);

  private final Ledger ledger;
  private final ClusterReads view;
  private final Clock clock;
  private final KubernetesCallers callers;

  public LedgerReadEndpoints(Ledger ledger, ClusterReads view, Clock clock, KubernetesCallers callers) {
    this.callers = callers;
    this.ledger = ledger;
    this.view = view;
    this.clock = clock;
  }

  public ApiResponse providerEvents(String namespace, String name, Optional<String> authorization,
      Optional<String> limitText, Optional<String> beforeText) {
    Optional<ApiResponse> refused = callers.require(authorization, "get", "agents", namespace, name).refusal();
    if (refused.isPresent()) {
      return refused.get();
    }
    if (view.agent(namespace, name).isEmpty()) {
      return ApiResponse.error(404, "agent " + namespace + "/" + name + " not found");
    }
    Optional<Long> limit = positive(limitText);
    if (limitText.isPresent() && limit.isEmpty()) {
      return ApiResponse.fieldError(400, "limit", "must be a positive integer");
    }
    Optional<Long> before = positive(beforeText);
    if (beforeText.isPresent() && before.isEmpty()) {
      return ApiResponse.fieldError(400, "before", "must be a positive integer");
    }
    EventPage page = ledger.events(namespace, name, before,
        (int) Math.min(limit.orElse((long) DEFAULT_LIMIT), MAX_LIMIT));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items().stream().map(LedgerReadEndpoints::item).toList());
    body.put("nextBefore", page.nextBefore().orElse(null));
    return ApiResponse.ok(body);
  }

  private static Map<String, Object> item(ProviderEvent event) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("seq", event.seq());
    item.put("time", event.time().toString());
    item.put("event", event.event());
    item.put("fromTier", event.fromTier());
    item.put("toTier", event.toTier());
    item.put("kind", event.kind().orElse(null));
    item.put("actor", event.actor());
    item.put("message", event.message());
    return item;
  }

  public ApiResponse usage(String namespace, String name, Optional<String> authorization) {
    Optional<ApiResponse> refused = callers.require(authorization, "get", "agenttypes", namespace, name).refusal();
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<AgentType> type = agentType(namespace, name);
    if (type.isEmpty()) {
      return agentTypeNotFound(namespace, name);
    }
    Optional<FailoverPolicy> policy = policy(type.get());
    Optional<TokenBudget> budget = policy.flatMap(FailoverPolicy::tokenBudget);
    Instant now = clock.instant();
    Instant since = budget.map(b -> b.window().map(now::minus).orElse(Instant.EPOCH))
        .orElse(now.minus(UNBUDGETED_USAGE_WINDOW));
    long used = policy.map(p -> ledger.tokensUsed(namespace, name, p.tier(1).provider().wireName(), since)).orElse(0L);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("window", budget.map(TokenBudget::windowText).orElse(null));
    body.put("usedTokens", used);
    body.put("limitTokens", budget.map(TokenBudget::limitTokens).orElse(null));
    return ApiResponse.ok(body);
  }

  /** {@code usage-history}: tokens per hour and provider, and when the budget's window lets the oldest go. */
  public ApiResponse usageHistory(String namespace, String name, Optional<String> authorization,
      Optional<String> hoursText) {
    Optional<ApiResponse> refused = callers.require(authorization, "get", "agenttypes", namespace, name).refusal();
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Long> hours = positive(hoursText).filter(h -> h <= UsageHistory.MAX_HOURS);
    if (hoursText.isPresent() && hours.isEmpty()) {
      return ApiResponse.fieldError(400, "hours", "must be an integer from 1 to " + UsageHistory.MAX_HOURS);
    }
    Optional<AgentType> type = agentType(namespace, name);
    if (type.isEmpty()) {
      return agentTypeNotFound(namespace, name);
    }
    return ApiResponse.ok(new UsageHistory(ledger, clock).of(namespace, name, policy(type.get()),
        hours.orElse((long) UsageHistory.DEFAULT_HOURS).intValue()));
  }

  private Optional<AgentType> agentType(String namespace, String name) {
    return view.agentType(namespace, name);
  }

  private Optional<FailoverPolicy> policy(AgentType type) {
    return view.policy(type);
  }

  private static ApiResponse agentTypeNotFound(String namespace, String name) {
    return ApiResponse.error(404, "agenttype " + namespace + "/" + name + " not found");
  }

  private static Optional<Long> positive(Optional<String> text) {
    try {
      return text.map(Long::parseLong).filter(value -> value > 0);
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

}
