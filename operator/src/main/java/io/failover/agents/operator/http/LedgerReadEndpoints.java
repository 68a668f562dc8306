package io.failover.agents.operator.http;

import io.failover.agents.api.AgentType;
import io.failover.agents.operator.failover.FailoverPolicy;
import io.failover.agents.operator.failover.TokenBudget;
import io.failover.agents.operator.intake.OutcomeIntake;
import io.failover.agents.operator.ledger.EventPage;
import io.failover.agents.operator.ledger.Ledger;
import io.failover.agents.operator.ledger.ProviderEventRecord;
import io.failover.agents.operator.reconcile.ClusterView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The ledger's read API: an agent's provider events, newest first, and an AgentType's token usage. */
public final class LedgerReadEndpoints {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final Duration UNBUDGETED_USAGE_WINDOW = Duration.ofHours(24);

  private final Ledger ledger;
  private final OutcomeIntake intake;
  private final ClusterView view;
  private final Set<String> namespaces;
  private final Clock clock;

  public LedgerReadEndpoints(Ledger ledger, OutcomeIntake intake, ClusterView view, Set<String> namespaces, Clock clock) {
    this.ledger = ledger;
    this.intake = intake;
    this.view = view;
    this.namespaces = namespaces;
    this.clock = clock;
  }

  public ApiResponse providerEvents(String namespace, String name, Optional<String> limitText, Optional<String> beforeText) {
    if (intake.agent(namespace, name).isEmpty()) {
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

  private static Map<String, Object> item(ProviderEventRecord event) {
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

  public ApiResponse usage(String namespace, String name) {
    Optional<AgentType> type = namespaces.isEmpty() || namespaces.contains(namespace)
        ? view.agentType(namespace, name) : Optional.empty();
    if (type.isEmpty()) {
      return ApiResponse.error(404, "agenttype " + namespace + "/" + name + " not found");
    }
    Optional<FailoverPolicy> policy = view.policies().read(type.get().getMetadata().getUid(),
        type.get().getMetadata().getResourceVersion(), type.get().getSpec()).policy();
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

  private static Optional<Long> positive(Optional<String> text) {
    try {
      return text.map(Long::parseLong).filter(value -> value > 0);
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

}
