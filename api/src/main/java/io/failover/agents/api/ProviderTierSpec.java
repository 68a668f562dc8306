package io.failover.agents.api;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One entry of {@code spec.providerChain}: tier 1 is the first entry. */
@ValidationRule(value = ProviderSettings.NEEDS_CREDENTIALS, message = ProviderSettings.NEEDS_CREDENTIALS_MESSAGE,
    fieldPath = ".credentialsSecretRef")
@ValidationRule(value = ProviderSettings.NEEDS_BASE_URL, message = ProviderSettings.NEEDS_BASE_URL_MESSAGE,
    fieldPath = ".baseUrl")
public class ProviderTierSpec extends ProviderSettings {
  @Required
  @Override
  public String getProvider() { return super.getProvider(); }

  @Required
  @Override
  public String getModel() { return super.getModel(); }
}
