package io.failover.agents.core.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.failover.agents.core.policy.BudgetWindow;
import io.failover.agents.core.policy.ExhaustionPolicy;
import io.failover.agents.core.policy.FailoverPolicy;
import io.failover.agents.core.policy.Scope;
import io.failover.agents.core.policy.TokenBudget;
import io.failover.agents.core.provider.ProviderPreset;
import io.failover.agents.core.provider.ProviderTier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PolicyReaderTest {
  static final String LEGACY = "provider: anthropic\nmodel: claude-sonnet-4-5\ncredentialsSecretRef: {name: k, key: api-key}\n";

  @Test
  void absentPolicyFieldsTakeTheDefaults() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS);

    assertThat(policy.cooldown()).isEqualTo(Duration.ofSeconds(900));
    assertThat(policy.onExhausted()).isEqualTo(ExhaustionPolicy.PAUSE);
    assertThat(policy.serverErrorThreshold()).isEqualTo(3);
    assertThat(policy.triggerNames()).containsExactly("auth", "quota", "rateLimit", "serverError", "tokenBudget");
    assertThat(policy.tokenBudget()).isEmpty();
    assertThat(policy.scope()).isEqualTo(Scope.AGENT);
    assertThat(policy.maxCooldown()).isEqualTo(Duration.ofSeconds(21_600));
  }

  @Test
  void typeScopeAndTheDampingCapAreRead() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {scope: Type, cooldownSeconds: 60, maxCooldownSeconds: 600}\n");

    assertThat(policy.scope()).isEqualTo(Scope.TYPE);
    assertThat(policy.maxCooldown()).isEqualTo(Duration.ofSeconds(600));
    assertThat(policy.cooldownCap()).isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void aCooldownLongerThanTheDefaultCapIsNeverShortenedByIt() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {cooldownSeconds: 86400}\n");

    assertThat(policy.cooldownCap()).isEqualTo(Duration.ofSeconds(86_400));
  }

  @Test
  void givenPolicyFieldsAreKept() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + """
        failover:
          cooldownSeconds: 0
          onExhausted: Wrap
          triggers: [serverError, auth]
          serverErrorThreshold: 5
          tokenBudget: {limitTokens: 5000000, window: 5h}
        """);

    assertThat(policy.cooldown()).isZero();
    assertThat(policy.onExhausted()).isEqualTo(ExhaustionPolicy.WRAP);
    assertThat(policy.triggerNames()).containsExactly("auth", "serverError");
    assertThat(policy.serverErrorThreshold()).isEqualTo(5);
    assertThat(policy.tokenBudget()).contains(new TokenBudget(5_000_000, Optional.of(Duration.ofHours(5)), "5h"));
  }

  @Test
  void theChainKeepsItsOrderWithPresetBaseUrlsAndCredentials() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS);

    assertThat(policy.chain()).extracting(tier -> tier.provider().wireName(), ProviderTier::model, ProviderTier::baseUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("anthropic", "claude-sonnet-4-5", "https://api.anthropic.com"),
            org.assertj.core.groups.Tuple.tuple("deepseek", "deepseek-chat", "https://api.deepseek.com/anthropic"),
            org.assertj.core.groups.Tuple.tuple("ollama", "qwen3-coder", "http://ollama.ollama:11434"));
    assertThat(policy.tier(1).credentials()).contains(new ProviderTier.CredentialsRef("anthropic-key", "api-key"));
    assertThat(policy.tier(3).credentials()).isEmpty();
  }

  @Test
  void aBaseUrlOverrideLosesItsTrailingSlash() {
    FailoverPolicy policy = Specs.policy("""
        providerChain:
        - {provider: openai, model: gpt-5, credentialsSecretRef: {name: k, key: api-key}, baseUrl: "https://gateway.example.com/v1/"}
        """);

    assertThat(policy.tier(1).baseUrl()).isEqualTo("https://gateway.example.com/v1");
  }

  @Test
  void theLegacyFormIsReadAsAChainOfOne() {
    FailoverPolicy policy = Specs.policy(LEGACY + "env: {DEBUG: \"1\"}\n");

    assertThat(policy.chainLength()).isEqualTo(1);
    assertThat(policy.tier(1).provider()).isEqualTo(ProviderPreset.ANTHROPIC);
    assertThat(policy.tier(1).model()).isEqualTo("claude-sonnet-4-5");
    assertThat(policy.tier(1).env()).isEqualTo(Map.of("DEBUG", "1"));
  }

  @Test
  void onAChainOfOneTheTokenBudgetTriggerIsDroppedWithAWarningAndTheBudgetKept() {
    PolicyReading reading = PolicyReader.read(Specs.spec(LEGACY + "failover: {tokenBudget: {limitTokens: 100, window: 1h}}\n"));

    FailoverPolicy policy = reading.policy().orElseThrow();
    assertThat(policy.triggerNames()).containsExactly("auth", "quota", "rateLimit", "serverError");
    assertThat(policy.tokenBudget()).isPresent();
    assertThat(policy.enforcedBudget()).isEmpty();
    assertThat(reading.warnings()).containsExactly(
        "spec.failover.triggers: tokenBudget has no effect on a chain of one; the budget is kept");
  }

  @Test
  void anExplicitTokenBudgetTriggerOnAChainOfOneIsWarnedAboutEvenWithoutABudget() {
    PolicyReading reading = PolicyReader.read(Specs.spec(LEGACY + "failover: {triggers: [auth, tokenBudget]}\n"));

    assertThat(reading.policy().orElseThrow().triggerNames()).containsExactly("auth");
    assertThat(reading.warnings()).hasSize(1);
  }

  @Test
  void aChainOfOneWithDefaultTriggersAndNoBudgetHasNothingToWarnAbout() {
    assertThat(PolicyReader.read(Specs.spec(LEGACY)).warnings()).isEmpty();
  }

  @Test
  void addingATierReactivatesTheBudget() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 100, window: 1h}}\n");

    assertThat(policy.enforcedBudget()).isPresent();
  }

  @Test
  void aWindowOfAllIsMonitorOnly() {
    FailoverPolicy policy = Specs.policy(Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 100, window: all}}\n");

    assertThat(policy.tokenBudget().orElseThrow().monitorOnly()).isTrue();
    assertThat(policy.enforcedBudget()).isEmpty();
  }

  @Test
  void windowsReadInEveryUnit() {
    assertThat(BudgetWindow.duration("45s")).contains(Duration.ofSeconds(45));
    assertThat(BudgetWindow.duration("30m")).contains(Duration.ofMinutes(30));
    assertThat(BudgetWindow.duration("5h")).contains(Duration.ofHours(5));
    assertThat(BudgetWindow.duration("7d")).contains(Duration.ofDays(7));
    assertThat(BudgetWindow.duration("all")).isEmpty();
  }
}
