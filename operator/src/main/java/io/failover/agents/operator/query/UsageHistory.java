package io.failover.agents.operator.query;

import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.operator.ledger.HourlyUsage;
import io.failover.agents.operator.ledger.Ledger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An AgentType's token usage over time (docs/dashboard-api.md, "Needs from the operator"): one
 * bucket per hour, oldest first, each with the tokens of every agent of the type by the provider a
 * report counts for, and, for a budget with a rolling window, when the oldest tokens counted leave
 * the window and the sum drops.
 */
public final class UsageHistory {
  static final int DEFAULT_HOURS = 24;
  static final int MAX_HOURS = 168;
  private static final Duration BUCKET = Duration.ofHours(1);

  private final Ledger ledger;
  private final Clock clock;

  UsageHistory(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  Map<String, Object> of(String namespace, String agentType, Optional<FailoverPolicy> policy, int hours) {
    Instant now = clock.instant();
    Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(BUCKET.multipliedBy(hours - 1L));
    Map<Instant, Map<String, Long>> byHour = new TreeMap<>();
    for (int i = 0; i < hours; i++) {
      byHour.put(first.plus(BUCKET.multipliedBy(i)), new TreeMap<>());
    }
    for (HourlyUsage usage : ledger.tokensPerHour(namespace, agentType, first)) {
      byHour.computeIfPresent(usage.hour(), (hour, tokens) -> {
        tokens.merge(usage.provider(), usage.tokens(), UsageHistory::saturatingAdd);
        return tokens;
      });
    }
    List<Map<String, Object>> buckets = new ArrayList<>();
    byHour.forEach((start, tokens) -> {
      Map<String, Object> bucket = new LinkedHashMap<>();
      bucket.put("start", start.toString());
      bucket.put("tokens", tokens);
      buckets.add(bucket);
    });
    Optional<TokenBudget> budget = policy.flatMap(FailoverPolicy::tokenBudget);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("bucketSeconds", BUCKET.toSeconds());
    body.put("buckets", buckets);
    body.put("window", budget.map(TokenBudget::windowText).orElse(null));
    body.put("limitTokens", budget.map(TokenBudget::limitTokens).orElse(null));
    body.put("windowResetsAt", budget.flatMap(TokenBudget::window).flatMap(window -> policy
            .flatMap(p -> ledger.oldestUsage(namespace, agentType, p.tier(1).provider().wireName(), now.minus(window)))
            .map(oldest -> oldest.plus(window).toString()))
        .orElse(null));
    return body;
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
