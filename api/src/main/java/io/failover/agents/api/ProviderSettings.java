package io.failover.agents.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * The fields that describe one provider: shared by a providerChain entry and by the legacy
 * single-provider form at spec level.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class ProviderSettings {
  static final String NEEDS_CREDENTIALS =
      "!has(self.provider) || !(self.provider in ['anthropic', 'deepseek', 'openrouter', 'openai'])"
          + " || has(self.credentialsSecretRef)";
  static final String NEEDS_CREDENTIALS_MESSAGE =
      "credentialsSecretRef: required for providers anthropic, deepseek, openrouter and openai";
  static final String NEEDS_BASE_URL =
      "!has(self.provider) || !(self.provider in ['ollama', 'custom']) || has(self.baseUrl)";
  static final String NEEDS_BASE_URL_MESSAGE = "baseUrl: required for providers ollama and custom";

  @SchemaFrom(type = Provider.class)
  @Size(max = 16)
  @JsonPropertyDescription("Provider preset: anthropic, deepseek, openrouter, ollama, openai or custom.")
  private String provider;

  @Size(min = 1, max = 256)
  @JsonPropertyDescription("Model name passed to the agent, e.g. claude-sonnet-4-5.")
  private String model;

  @JsonPropertyDescription("Secret key holding the API key; required except for ollama and custom.")
  private SecretKeyRef credentialsSecretRef;

  @Size(max = 2048)
  @ValidationRule(
      value = "isURL(self) && (self.startsWith('http://') || self.startsWith('https://'))",
      message = "baseUrl: must be an http(s) URL")
  @JsonPropertyDescription("Overrides the preset's base URL; required for ollama and custom.")
  private String baseUrl;

  @JsonPropertyDescription("Extra non-secret environment variables for this tier only.")
  private Map<String, String> env;

  public String getProvider() { return provider; }
  public void setProvider(String provider) { this.provider = provider; }
  public String getModel() { return model; }
  public void setModel(String model) { this.model = model; }
  public SecretKeyRef getCredentialsSecretRef() { return credentialsSecretRef; }
  public void setCredentialsSecretRef(SecretKeyRef credentialsSecretRef) { this.credentialsSecretRef = credentialsSecretRef; }
  public String getBaseUrl() { return baseUrl; }
  public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
  public Map<String, String> getEnv() { return env; }
  public void setEnv(Map<String, String> env) { this.env = env; }
}
