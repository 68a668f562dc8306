package io.failover.agents.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.failover.agents.api.OnExhausted;
import io.failover.agents.api.Provider;
import io.failover.agents.api.SwitchMode;
import io.failover.agents.api.Trigger;
import io.failover.agents.core.outcome.OutcomeKind;
import io.failover.agents.core.policy.ExhaustionPolicy;
import io.failover.agents.core.provider.ProviderPreset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The api's schema enums and the domain's enums name the same things: a provider, trigger or
 * exhaustion policy added to one and not the other fails here, not in a user's cluster.
 */
class EnumPairsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String wire(Enum<?> value) {
    return JSON.valueToTree(value).asText();
  }

  @Test
  void everyProviderOfTheSchemaIsAPresetAndBack() {
    assertThat(Arrays.stream(Provider.values()).map(EnumPairsTest::wire))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ProviderPreset.values()).map(ProviderPreset::wireName).toList());
  }

  @Test
  void everyTriggerOfTheSchemaIsAKindThatCanTriggerAndBack() {
    assertThat(Arrays.stream(Trigger.values()).map(EnumPairsTest::wire)).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(OutcomeKind.values()).filter(OutcomeKind::canTrigger).map(OutcomeKind::wireName).toList());
  }

  @Test
  void everyExhaustionPolicyOfTheSchemaIsOneOfTheDomainAndBack() {
    assertThat(Arrays.stream(OnExhausted.values()).map(Enum::name))
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(ExhaustionPolicy.values()).map(Enum::name).toList());
  }

  @Test
  void everySwitchModeOfTheSchemaIsOneOfTheDomainAndBack() {
    assertThat(Arrays.stream(SwitchMode.values()).map(EnumPairsTest::wire)).containsExactlyInAnyOrderElementsOf(
        Arrays.stream(io.failover.agents.core.policy.SwitchMode.values())
            .map(io.failover.agents.core.policy.SwitchMode::wireName).toList());
  }
}
