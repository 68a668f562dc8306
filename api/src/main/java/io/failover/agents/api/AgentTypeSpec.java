package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * An AgentType: the ordered provider chain, the failover policy and the pod template. The fields
 * inherited from {@link ProviderSettings} are the legacy single-provider form.
 */
@JsonPropertyOrder({"providerChain", "provider", "model", "credentialsSecretRef", "baseUrl", "env", "failover", "switchMode", "template"})
@ValidationRule(value = "has(self.provider) || has(self.providerChain)",
    message = "providerChain: required (or the legacy provider and model)", fieldPath = ".providerChain")
@ValidationRule(value = "!(has(self.provider) && has(self.providerChain))",
    message = "provider: the legacy form and providerChain are mutually exclusive", fieldPath = ".provider")
@ValidationRule(
    value = "has(self.provider) || !(has(self.model) || has(self.credentialsSecretRef) || has(self.baseUrl) || has(self.env))",
    message = "provider: model, credentialsSecretRef, baseUrl and env at spec level belong to the legacy form and need provider",
    fieldPath = ".provider")
@ValidationRule(value = "!has(self.provider) || has(self.model)",
    message = "model: required with the legacy provider", fieldPath = ".model")
@ValidationRule(value = ProviderSettings.NEEDS_CREDENTIALS, message = ProviderSettings.NEEDS_CREDENTIALS_MESSAGE,
    fieldPath = ".credentialsSecretRef")
@ValidationRule(value = ProviderSettings.NEEDS_BASE_URL, message = ProviderSettings.NEEDS_BASE_URL_MESSAGE,
    fieldPath = ".baseUrl")
@JsonClassDescription("The pod template, the provider chain and the failover policy of a kind of agent.")
public class AgentTypeSpec extends ProviderSettings {
  @Size(min = 1, max = 3)
  @JsonPropertyDescription("Providers in failover order, tier 1 first (1 to 3 entries, providers unique).")
  private List<ProviderTierSpec> providerChain;

  @JsonPropertyDescription("When and how agents of this type fail over.")
  private FailoverSpec failover;

  @SchemaFrom(type = SwitchMode.class)
  @Default("Restart")
  @JsonPropertyDescription("How a tier change reaches the agent: Restart rolls its pod with the new env; PerTask keeps the pod and the agent kit loads the tier before each task.")
  private String switchMode;

  @Required
  @PreserveUnknownFields
  @JsonPropertyDescription("PodTemplateSpec for the agent's pods, kept as given.")
  private JsonNode template;

  public List<ProviderTierSpec> getProviderChain() { return providerChain; }
  public void setProviderChain(List<ProviderTierSpec> providerChain) { this.providerChain = providerChain; }
  public FailoverSpec getFailover() { return failover; }
  public void setFailover(FailoverSpec failover) { this.failover = failover; }
  public String getSwitchMode() { return switchMode; }
  public void setSwitchMode(String switchMode) { this.switchMode = switchMode; }
  public JsonNode getTemplate() { return template; }
  public void setTemplate(JsonNode template) { this.template = template; }
}
