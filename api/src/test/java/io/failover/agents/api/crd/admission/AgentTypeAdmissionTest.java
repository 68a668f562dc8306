package io.failover.agents.api.crd.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid AgentType of SPEC section 2 against the committed CRD, as an API server admits it:
 * the answer names the field, and valid manifests (the spec's own example, the legacy form) pass.
 * What the schema cannot say (a blank model, {@code http://} without a host) is admitted here and
 * refused by the operator's validation instead, which its own table tests.
 */
class AgentTypeAdmissionTest {
  private static final Admission ADMISSION = Admission.agentTypes();

  static final String THREE_TIERS = """
      providerChain:
      - provider: anthropic
        model: claude-sonnet-4-5
        credentialsSecretRef: {name: anthropic-key, key: api-key}
        env: {EXTRA_FLAG: "1"}
      - provider: deepseek
        model: deepseek-chat
        credentialsSecretRef: {name: deepseek-key, key: api-key}
      - provider: ollama
        model: qwen3-coder
        baseUrl: http://ollama.ollama:11434
      """;

  static String agentType(String spec) {
    return "apiVersion: agents.failover.io/v1alpha1\nkind: AgentType\nmetadata: {name: coder, namespace: agents}\nspec:\n"
        + spec.indent(2) + "  template: {spec: {containers: [{name: agent, image: example/agent:1}]}}\n";
  }

  static Stream<Arguments> admitted() {
    return Stream.of(
        arguments("the spec's example", THREE_TIERS + """
            failover:
              cooldownSeconds: 900
              onExhausted: Pause
              triggers: [auth, quota, rateLimit, serverError, tokenBudget]
              serverErrorThreshold: 3
              tokenBudget: {limitTokens: 5000000, window: 5h}
            """),
        arguments("defaults only", THREE_TIERS),
        arguments("Type scope with a damping cap", THREE_TIERS + "failover: {scope: Type, cooldownSeconds: 60, maxCooldownSeconds: 3600}\n"),
        arguments("a cap equal to the default cooldown", THREE_TIERS + "failover: {scope: Agent, maxCooldownSeconds: 900}\n"),
        arguments("cooldown zero and threshold bounds", THREE_TIERS + "failover: {cooldownSeconds: 0, serverErrorThreshold: 100}\n"),
        arguments("Wrap and a window of all", THREE_TIERS + "failover: {onExhausted: Wrap, tokenBudget: {limitTokens: 1, window: all}}\n"),
        arguments("legacy form", "provider: anthropic\nmodel: claude\ncredentialsSecretRef: {name: k, key: api-key}\n"),
        arguments("legacy ollama", "provider: ollama\nmodel: qwen3-coder\nbaseUrl: http://ollama:11434/v1\n"),
        arguments("custom with an https URL, port and path", "providerChain:\n- {provider: custom, model: m, baseUrl: \"https://llm.internal:8443/api\"}\n"),
        arguments("ollama's baseUrl may carry credentials", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://user:pw@ollama:11434\"}\n"),
        arguments("a blank model is the operator's to refuse", "providerChain:\n- {provider: ollama, model: \"  \", baseUrl: \"http://o:1\"}\n"),
        arguments("http:// parses as a URL, as in Go", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://\"}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admitted")
  void admitted(String name, String spec) {
    assertThat(ADMISSION.validate(Admission.yaml(agentType(spec)))).isEmpty();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments("empty chain", "providerChain: []\n",
            "spec.providerChain: Invalid value: 0: spec.providerChain in body should have at least 1 items"),
        arguments("four tiers", THREE_TIERS + "- {provider: openai, model: gpt-5, credentialsSecretRef: {name: k, key: api-key}}\n",
            "spec.providerChain: Too many: 4: must have at most 3 items"),
        arguments("duplicate provider", """
            providerChain:
            - {provider: anthropic, model: a, credentialsSecretRef: {name: k, key: api-key}}
            - {provider: anthropic, model: b, credentialsSecretRef: {name: k, key: api-key}}
            """, "spec.providerChain[1]: Duplicate value: map[string]interface {}{\"provider\":\"anthropic\"}"),
        arguments("empty model", "providerChain:\n- {provider: ollama, model: \"\", baseUrl: \"http://o:1\"}\n",
            "spec.providerChain[0].model: Invalid value: \"\": spec.providerChain[0].model in body should be at least 1 chars long"),
        arguments("missing model", "providerChain:\n- {provider: ollama, baseUrl: \"http://o:1\"}\n",
            "spec.providerChain[0].model: Required value"),
        arguments("missing provider", "providerChain:\n- {model: m, baseUrl: \"http://o:1\"}\n",
            "spec.providerChain[0].provider: Required value"),
        arguments("unknown provider", "providerChain:\n- {provider: gemini, model: m}\n",
            "spec.providerChain[0].provider: Unsupported value: \"gemini\""),
        arguments("baseUrl not http", "providerChain:\n- {provider: custom, model: m, baseUrl: \"ftp://files.example.com\"}\n",
            "spec.providerChain[0].baseUrl: Invalid value: \"string\": baseUrl: must be an http(s) URL"),
        arguments("baseUrl not a URL", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://ollama host:11434\"}\n",
            "spec.providerChain[0].baseUrl: Invalid value: \"string\": baseUrl: must be an http(s) URL"),
        arguments("baseUrl with a bad port", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://ollama:port\"}\n",
            "spec.providerChain[0].baseUrl: Invalid value: \"string\": baseUrl: must be an http(s) URL"),
        arguments("baseUrl too long", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://o/" + "a".repeat(2048) + "\"}\n",
            "spec.providerChain[0].baseUrl: Too long: may not be more than 2048 bytes"),
        arguments("anthropic without credentials", "providerChain:\n- {provider: anthropic, model: m}\n",
            "spec.providerChain[0].credentialsSecretRef: Invalid value: \"object\": credentialsSecretRef: required for providers"
                + " anthropic, deepseek, openrouter and openai"),
        arguments("openai without credentials, second tier", """
            providerChain:
            - {provider: ollama, model: m, baseUrl: "http://o:1"}
            - {provider: openai, model: m}
            """, "spec.providerChain[1].credentialsSecretRef: Invalid value: \"object\": credentialsSecretRef: required"),
        arguments("ollama without baseUrl", "providerChain:\n- {provider: ollama, model: m}\n",
            "spec.providerChain[0].baseUrl: Invalid value: \"object\": baseUrl: required for providers ollama and custom"),
        arguments("custom without baseUrl", "providerChain:\n- {provider: custom, model: m}\n",
            "spec.providerChain[0].baseUrl: Invalid value: \"object\": baseUrl: required for providers ollama and custom"),
        arguments("credentials without a key", "providerChain:\n- {provider: openai, model: m, credentialsSecretRef: {name: k}}\n",
            "spec.providerChain[0].credentialsSecretRef.key: Required value"),
        arguments("negative cooldown", THREE_TIERS + "failover: {cooldownSeconds: -1}\n",
            "spec.failover.cooldownSeconds: Invalid value: -1: spec.failover.cooldownSeconds in body should be greater than or equal to 0"),
        arguments("cooldown as text", THREE_TIERS + "failover: {cooldownSeconds: 15m}\n",
            "spec.failover.cooldownSeconds: Invalid value: \"string\": spec.failover.cooldownSeconds in body must be of type integer"),
        arguments("threshold zero", THREE_TIERS + "failover: {serverErrorThreshold: 0}\n",
            "spec.failover.serverErrorThreshold: Invalid value: 0: spec.failover.serverErrorThreshold in body should be greater than or equal to 1"),
        arguments("threshold over 100", THREE_TIERS + "failover: {serverErrorThreshold: 101}\n",
            "spec.failover.serverErrorThreshold: Invalid value: 101: spec.failover.serverErrorThreshold in body should be less than or equal to 100"),
        arguments("unknown onExhausted", THREE_TIERS + "failover: {onExhausted: Stop}\n",
            "spec.failover.onExhausted: Unsupported value: \"Stop\": supported values: \"Pause\", \"Wrap\""),
        arguments("unknown scope", THREE_TIERS + "failover: {scope: Fleet}\n",
            "spec.failover.scope: Unsupported value: \"Fleet\": supported values: \"Agent\", \"Type\""),
        arguments("negative maxCooldownSeconds", THREE_TIERS + "failover: {maxCooldownSeconds: -1}\n",
            "spec.failover.maxCooldownSeconds: Invalid value: -1: spec.failover.maxCooldownSeconds in body should be greater than or equal to 0"),
        arguments("fractional maxCooldownSeconds", THREE_TIERS + "failover: {maxCooldownSeconds: 1.5}\n",
            "spec.failover.maxCooldownSeconds: Invalid value: \"number\": spec.failover.maxCooldownSeconds in body must be of type integer"),
        arguments("maxCooldownSeconds below cooldownSeconds", THREE_TIERS + "failover: {cooldownSeconds: 600, maxCooldownSeconds: 300}\n",
            "spec.failover.maxCooldownSeconds: Invalid value: \"object\": maxCooldownSeconds: must be at least cooldownSeconds"),
        arguments("maxCooldownSeconds below the default cooldown", THREE_TIERS + "failover: {maxCooldownSeconds: 899}\n",
            "spec.failover.maxCooldownSeconds: Invalid value: \"object\": maxCooldownSeconds: must be at least cooldownSeconds"),
        arguments("unknown switchMode", THREE_TIERS + "switchMode: Rolling\n",
            "spec.switchMode: Unsupported value: \"Rolling\": supported values: \"PerTask\", \"Restart\""),
        arguments("unknown trigger", THREE_TIERS + "failover: {triggers: [auth, outage]}\n",
            "spec.failover.triggers[1]: Unsupported value: \"outage\""),
        arguments("repeated trigger", THREE_TIERS + "failover: {triggers: [auth, auth]}\n",
            "spec.failover.triggers[1]: Duplicate value: \"auth\""),
        arguments("zero limitTokens", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 0, window: 5h}}\n",
            "spec.failover.tokenBudget.limitTokens: Invalid value: 0: spec.failover.tokenBudget.limitTokens in body should be greater than or equal to 1"),
        arguments("negative limitTokens", THREE_TIERS + "failover: {tokenBudget: {limitTokens: -5, window: 5h}}\n",
            "spec.failover.tokenBudget.limitTokens: Invalid value: -5: spec.failover.tokenBudget.limitTokens in body should be greater than or equal to 1"),
        arguments("fractional limitTokens", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1.5, window: 5h}}\n",
            "spec.failover.tokenBudget.limitTokens: Invalid value: \"number\": spec.failover.tokenBudget.limitTokens in body must be of type integer"),
        arguments("budget without a window", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 5}}\n",
            "spec.failover.tokenBudget.window: Required value"),
        arguments("window not a duration", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 5, window: 5 hours}}\n",
            "spec.failover.tokenBudget.window: Invalid value: \"5 hours\": spec.failover.tokenBudget.window in body should match"),
        arguments("window of zero", THREE_TIERS + "failover: {tokenBudget: {limitTokens: 5, window: 0h}}\n",
            "spec.failover.tokenBudget.window: Invalid value: \"0h\""),
        arguments("both forms", THREE_TIERS + "provider: anthropic\nmodel: m\ncredentialsSecretRef: {name: k, key: api-key}\n",
            "spec.provider: Invalid value: \"object\": provider: the legacy form and providerChain are mutually exclusive"),
        arguments("neither form", "failover: {cooldownSeconds: 60}\n",
            "spec.providerChain: Invalid value: \"object\": providerChain: required (or the legacy provider and model)"),
        arguments("legacy fields without provider", THREE_TIERS + "model: m\n",
            "spec.provider: Invalid value: \"object\": provider: model, credentialsSecretRef, baseUrl and env at spec level"
                + " belong to the legacy form and need provider"),
        arguments("legacy without model", "provider: ollama\nbaseUrl: http://o:1\n",
            "spec.model: Invalid value: \"object\": model: required with the legacy provider"),
        arguments("legacy anthropic without credentials", "provider: anthropic\nmodel: m\n",
            "spec.credentialsSecretRef: Invalid value: \"object\": credentialsSecretRef: required for providers"),
        arguments("legacy ollama without baseUrl", "provider: ollama\nmodel: m\n",
            "spec.baseUrl: Invalid value: \"object\": baseUrl: required for providers ollama and custom"),
        arguments("legacy baseUrl not http", "provider: custom\nmodel: m\nbaseUrl: \"file:///etc/passwd\"\n",
            "spec.baseUrl: Invalid value: \"string\": baseUrl: must be an http(s) URL"),
        arguments("a misspelt field", THREE_TIERS + "failover: {cooldown: 60}\n",
            "spec.failover.cooldown: unknown field \"spec.failover.cooldown\""),
        arguments("env values must be strings", "providerChain:\n- {provider: ollama, model: m, baseUrl: \"http://o:1\", env: {DEBUG: true}}\n",
            "spec.providerChain[0].env.DEBUG: Invalid value: \"boolean\": spec.providerChain[0].env.DEBUG in body must be of type string"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusedNamingTheField(String name, String spec, String error) {
    assertThat(ADMISSION.validate(Admission.yaml(agentType(spec)))).anySatisfy(e -> assertThat(e).startsWith(error));
  }

  @Test
  void missingTemplateIsRefused() {
    String manifest = "apiVersion: agents.failover.io/v1alpha1\nkind: AgentType\nmetadata: {name: t}\nspec:\n" + THREE_TIERS.indent(2);
    assertThat(ADMISSION.validate(Admission.yaml(manifest))).containsExactly("spec.template: Required value");
  }

  @Test
  void defaultsAreAppliedBeforeTheRules() {
    Admission admission = Admission.agentTypes();
    var object = Admission.yaml(agentType(THREE_TIERS + "failover: {}\n"));
    assertThat(admission.defaulted(object).at("/spec/failover/cooldownSeconds").asInt()).isEqualTo(900);
    assertThat(admission.defaulted(object).at("/spec/failover/onExhausted").asText()).isEqualTo("Pause");
    assertThat(admission.defaulted(object).at("/spec/failover/serverErrorThreshold").asInt()).isEqualTo(3);
    assertThat(admission.defaulted(object).at("/spec/failover/scope").asText()).isEqualTo("Agent");
    assertThat(admission.defaulted(object).at("/spec/failover/maxCooldownSeconds").asInt()).isEqualTo(21600);
    assertThat(admission.defaulted(object).at("/spec/switchMode").asText()).isEqualTo("Restart");
  }

  @Test
  void everyCelRuleHasACaseWhereItFails() {
    Admission admission = Admission.agentTypes();
    refused().forEach(c -> admission.validate(Admission.yaml(agentType((String) c.get()[1]))));
    assertThat(admission.rulesNeverFailed()).as("CEL rules no refused case exercises").isEmpty();
  }
}
