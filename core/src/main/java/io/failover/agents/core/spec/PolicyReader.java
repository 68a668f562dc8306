package io.failover.agents.core.spec;

import io.failover.agents.api.AgentTypeSpec;
import io.failover.agents.api.FailoverSpec;
import io.failover.agents.api.ProviderSettings;
import io.failover.agents.api.TokenBudgetSpec;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.BudgetWindow;
import io.failover.agents.core.policy.ExhaustionPolicy;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.Scope;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.core.provider.ProviderPreset;
import io.failover.agents.core.provider.ProviderTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an AgentType spec into its effective failover policy: defaults, the legacy single provider
 * as a chain of one, and the tokenBudget trigger dropped on a chain of one (the budget is kept, so
 * adding a tier later re-activates it).
 */
public final class PolicyReader {
  static final String CHAIN_OF_ONE_WARNING =
      "spec.failover.triggers: tokenBudget has no effect on a chain of one; the budget is kept";

  private PolicyReader() {}

  public static PolicyReading read(AgentTypeSpec spec) {
    List<SpecProblem> problems = AgentTypeValidator.validate(spec);
    if (!problems.isEmpty()) {
      return PolicyReading.invalid(problems);
    }
    List<ProviderTier> chain = spec.getProvider() != null
        ? List.of(tier(spec))
        : spec.getProviderChain().stream().map(PolicyReader::tier).toList();
    FailoverSpec failover = spec.getFailover() == null ? new FailoverSpec() : spec.getFailover();
    Optional<TokenBudget> budget = Optional.ofNullable(failover.getTokenBudget()).map(PolicyReader::budget);
    Set<OutcomeKind> triggers = triggers(failover.getTriggers());
    List<String> warnings = new ArrayList<>();
    if (chain.size() == 1 && triggers.remove(OutcomeKind.TOKEN_BUDGET)
        && (failover.getTriggers() != null || budget.isPresent())) {
      warnings.add(CHAIN_OF_ONE_WARNING);
    }
    FailoverPolicy policy = new FailoverPolicy(
        chain,
        Optional.ofNullable(failover.getCooldownSeconds())
            .map(seconds -> Duration.ofSeconds(seconds.longValue()))
            .orElse(FailoverPolicy.DEFAULT_COOLDOWN),
        "Wrap".equals(failover.getOnExhausted()) ? ExhaustionPolicy.WRAP : ExhaustionPolicy.PAUSE,
        triggers,
        Optional.ofNullable(failover.getServerErrorThreshold())
            .map(Number::intValue)
            .orElse(FailoverPolicy.DEFAULT_SERVER_ERROR_THRESHOLD),
        budget,
        "Type".equals(failover.getScope()) ? Scope.TYPE : Scope.AGENT,
        Optional.ofNullable(failover.getMaxCooldownSeconds())
            .map(seconds -> Duration.ofSeconds(seconds.longValue()))
            .orElse(FailoverPolicy.DEFAULT_MAX_COOLDOWN));
    return new PolicyReading(Optional.of(policy), List.of(), warnings);
  }

  private static ProviderTier tier(ProviderSettings settings) {
    ProviderPreset preset = ProviderPreset.fromWireName(settings.getProvider()).orElseThrow();
    String baseUrl = Optional.ofNullable(settings.getBaseUrl()).or(preset::defaultBaseUrl).orElseThrow();
    Optional<ProviderTier.CredentialsRef> credentials = Optional.ofNullable(settings.getCredentialsSecretRef())
        .map(ref -> new ProviderTier.CredentialsRef(ref.getName(), ref.getKey()));
    return new ProviderTier(preset, settings.getModel(), withoutTrailingSlash(baseUrl), credentials,
        settings.getEnv() == null ? Map.of() : settings.getEnv());
  }

  private static String withoutTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  private static Set<OutcomeKind> triggers(List<String> names) {
    if (names == null) {
      return EnumSet.copyOf(FailoverPolicy.ALL_TRIGGERS);
    }
    Set<OutcomeKind> triggers = EnumSet.noneOf(OutcomeKind.class);
    names.forEach(name -> triggers.add(OutcomeKind.fromWireName(name).orElseThrow()));
    return triggers;
  }

  private static TokenBudget budget(TokenBudgetSpec spec) {
    return new TokenBudget(spec.getLimitTokens().longValue(), BudgetWindow.duration(spec.getWindow()), spec.getWindow());
  }
}
