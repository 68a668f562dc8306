package io.failover.agents.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every invalid AgentType of SPEC section 2, with the field path the operator reports. */
class AgentTypeValidatorTest {

  static Stream<Arguments> invalidSpecs() {
    return Stream.of(
        arguments("empty chain", "providerChain: []\n",
            List.of("spec.providerChain: must have 1 to 3 entries, has 0")),
        arguments("four tiers", Specs.THREE_TIERS + """
            - provider: openai
              model: gpt-5
              credentialsSecretRef: {name: openai-key, key: api-key}
            """, List.of("spec.providerChain: must have 1 to 3 entries, has 4")),
        arguments("duplicate provider", """
            providerChain:
            - {provider: anthropic, model: a, credentialsSecretRef: {name: k, key: api-key}}
            - {provider: anthropic, model: b, credentialsSecretRef: {name: k, key: api-key}}
            """, List.of("spec.providerChain[1].provider: Duplicate value: \"anthropic\" (also spec.providerChain[0]);"
                + " providers must be unique within the chain")),
        arguments("empty model", """
            providerChain:
            - {provider: anthropic, model: claude, credentialsSecretRef: {name: k, key: api-key}}
            - {provider: deepseek, model: "", credentialsSecretRef: {name: k, key: api-key}}
            """, List.of("spec.providerChain[1].model: must not be empty")),
        arguments("blank model", """
            providerChain:
            - {provider: ollama, model: "   ", baseUrl: "http://ollama:11434"}
            """, List.of("spec.providerChain[0].model: must not be empty")),
        arguments("missing model", """
            providerChain:
            - {provider: ollama, baseUrl: "http://ollama:11434"}
            """, List.of("spec.providerChain[0].model: must not be empty")),
        arguments("missing provider", """
            providerChain:
            - {model: m, baseUrl: "http://ollama:11434"}
            """, List.of("spec.providerChain[0].provider: required")),
        arguments("unknown provider", """
            providerChain:
            - {provider: gemini, model: m}
            """, List.of("spec.providerChain[0].provider: unsupported value \"gemini\": must be one of"
                + " anthropic, deepseek, openrouter, ollama, openai, custom")),
        arguments("baseUrl not http", """
            providerChain:
            - {provider: custom, model: m, baseUrl: "ftp://files.example.com"}
            """, List.of("spec.providerChain[0].baseUrl: must be an http(s) URL, got \"ftp://files.example.com\"")),
        arguments("baseUrl not a URL", """
            providerChain:
            - {provider: ollama, model: m, baseUrl: "ollama:11434 please"}
            """, List.of("spec.providerChain[0].baseUrl: must be an http(s) URL, got \"ollama:11434 please\"")),
        arguments("baseUrl without host", """
            providerChain:
            - {provider: ollama, model: m, baseUrl: "http://"}
            """, List.of("spec.providerChain[0].baseUrl: must be an http(s) URL, got \"http://\"")),
        arguments("anthropic without credentials", """
            providerChain:
            - {provider: anthropic, model: m}
            """, List.of("spec.providerChain[0].credentialsSecretRef: required for provider anthropic")),
        arguments("deepseek without credentials", """
            providerChain:
            - {provider: ollama, model: m, baseUrl: "http://ollama:11434"}
            - {provider: deepseek, model: m}
            """, List.of("spec.providerChain[1].credentialsSecretRef: required for provider deepseek")),
        arguments("openrouter without credentials", "providerChain:\n- {provider: openrouter, model: m}\n",
            List.of("spec.providerChain[0].credentialsSecretRef: required for provider openrouter")),
        arguments("openai without credentials", "providerChain:\n- {provider: openai, model: m}\n",
            List.of("spec.providerChain[0].credentialsSecretRef: required for provider openai")),
        arguments("credentials with empty name and key", """
            providerChain:
            - {provider: openai, model: m, credentialsSecretRef: {name: "", key: ""}}
            """, List.of("spec.providerChain[0].credentialsSecretRef.name: must not be empty",
                "spec.providerChain[0].credentialsSecretRef.key: must not be empty")),
        arguments("ollama without baseUrl", "providerChain:\n- {provider: ollama, model: m}\n",
            List.of("spec.providerChain[0].baseUrl: required for provider ollama")),
        arguments("custom without baseUrl", "providerChain:\n- {provider: custom, model: m}\n",
            List.of("spec.providerChain[0].baseUrl: required for provider custom")),
        arguments("env overriding an operator key", """
            providerChain:
            - {provider: deepseek, model: m, credentialsSecretRef: {name: k, key: api-key}, env: {ANTHROPIC_MODEL: x}}
            """, List.of("spec.providerChain[0].env.ANTHROPIC_MODEL: set by the operator; it cannot be overridden")),
        arguments("env with an invalid name", """
            providerChain:
            - {provider: custom, model: m, baseUrl: "https://llm.example.com", env: {"1-BAD": x}}
            """, List.of("spec.providerChain[0].env.1-BAD: not a valid environment variable name")),
        arguments("negative cooldown", Specs.THREE_TIERS + "failover: {cooldownSeconds: -1}\n",
            List.of("spec.failover.cooldownSeconds: must be an integer >= 0")),
        arguments("fractional cooldown", Specs.THREE_TIERS + "failover: {cooldownSeconds: 1.5}\n",
            List.of("spec.failover.cooldownSeconds: must be an integer >= 0")),
        arguments("unknown scope", Specs.THREE_TIERS + "failover: {scope: Fleet}\n",
            List.of("spec.failover.scope: unsupported value \"Fleet\": must be Agent or Type")),
        arguments("negative maxCooldownSeconds", Specs.THREE_TIERS + "failover: {maxCooldownSeconds: -1}\n",
            List.of("spec.failover.maxCooldownSeconds: must be an integer >= 0")),
        arguments("fractional maxCooldownSeconds", Specs.THREE_TIERS + "failover: {maxCooldownSeconds: 2.5}\n",
            List.of("spec.failover.maxCooldownSeconds: must be an integer >= 0")),
        arguments("maxCooldownSeconds below cooldownSeconds", Specs.THREE_TIERS
            + "failover: {cooldownSeconds: 600, maxCooldownSeconds: 300}\n",
            List.of("spec.failover.maxCooldownSeconds: must be at least cooldownSeconds (600), got 300")),
        arguments("maxCooldownSeconds below the default cooldown", Specs.THREE_TIERS + "failover: {maxCooldownSeconds: 60}\n",
            List.of("spec.failover.maxCooldownSeconds: must be at least cooldownSeconds (900), got 60")),
        arguments("threshold zero", Specs.THREE_TIERS + "failover: {serverErrorThreshold: 0}\n",
            List.of("spec.failover.serverErrorThreshold: must be an integer from 1 to 100")),
        arguments("threshold over 100", Specs.THREE_TIERS + "failover: {serverErrorThreshold: 101}\n",
            List.of("spec.failover.serverErrorThreshold: must be an integer from 1 to 100")),
        arguments("unknown onExhausted", Specs.THREE_TIERS + "failover: {onExhausted: Stop}\n",
            List.of("spec.failover.onExhausted: unsupported value \"Stop\": must be Pause or Wrap")),
        arguments("unknown switchMode", Specs.THREE_TIERS + "switchMode: Rolling\n",
            List.of("spec.switchMode: unsupported value \"Rolling\": must be Restart or PerTask")),
        arguments("unknown trigger", Specs.THREE_TIERS + "failover: {triggers: [auth, timeout]}\n",
            List.of("spec.failover.triggers[1]: unsupported value \"timeout\": must be one of"
                + " auth, quota, rateLimit, serverError, tokenBudget")),
        arguments("duplicate trigger", Specs.THREE_TIERS + "failover: {triggers: [auth, auth]}\n",
            List.of("spec.failover.triggers[1]: duplicate value \"auth\"")),
        arguments("negative limitTokens", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: -5, window: 5h}}\n",
            List.of("spec.failover.tokenBudget.limitTokens: must be a positive integer, got -5")),
        arguments("zero limitTokens", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 0, window: 5h}}\n",
            List.of("spec.failover.tokenBudget.limitTokens: must be a positive integer, got 0")),
        arguments("fractional limitTokens", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 1.5, window: 5h}}\n",
            List.of("spec.failover.tokenBudget.limitTokens: must be a positive integer, got 1.5")),
        arguments("missing limitTokens", Specs.THREE_TIERS + "failover: {tokenBudget: {window: 5h}}\n",
            List.of("spec.failover.tokenBudget.limitTokens: required")),
        arguments("window with an unknown unit", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 10, window: 5w}}\n",
            List.of("spec.failover.tokenBudget.window: must be a duration such as 30m, 5h or 7d (units s, m, h, d),"
                + " or \"all\"; got \"5w\"")),
        arguments("zero window", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 10, window: 0h}}\n",
            List.of("spec.failover.tokenBudget.window: must be a duration such as 30m, 5h or 7d (units s, m, h, d),"
                + " or \"all\"; got \"0h\"")),
        arguments("missing window", Specs.THREE_TIERS + "failover: {tokenBudget: {limitTokens: 10}}\n",
            List.of("spec.failover.tokenBudget.window: required")),
        arguments("legacy form and chain", Specs.THREE_TIERS + "provider: anthropic\nmodel: m\n",
            List.of("spec.provider: the legacy form and spec.providerChain are mutually exclusive")),
        arguments("legacy fields beside a chain", Specs.THREE_TIERS + "model: m\n",
            List.of("spec.model: belongs to the legacy single-provider form, which needs spec.provider;"
                + " use spec.providerChain entries")),
        arguments("neither form", "failover: {cooldownSeconds: 60}\n",
            List.of("spec.providerChain: required (or the legacy spec.provider and spec.model)")),
        arguments("legacy anthropic without credentials", "provider: anthropic\nmodel: m\n",
            List.of("spec.credentialsSecretRef: required for provider anthropic")),
        arguments("legacy ollama without baseUrl", "provider: ollama\nmodel: m\n",
            List.of("spec.baseUrl: required for provider ollama")),
        arguments("legacy without model", "provider: ollama\nbaseUrl: http://ollama:11434\n",
            List.of("spec.model: must not be empty")),
        arguments("legacy with a bad baseUrl", "provider: custom\nmodel: m\nbaseUrl: mailto:me@example.com\n",
            List.of("spec.baseUrl: must be an http(s) URL, got \"mailto:me@example.com\"")),
        arguments("missing template", Specs.THREE_TIERS.replace("providerChain", "template: null\nproviderChain"),
            List.of("spec.template: required: a pod template with at least one container")),
        arguments("template without containers", Specs.THREE_TIERS + "template: {spec: {containers: []}}\n",
            List.of("spec.template.spec.containers: at least one container is required")),
        arguments("container without a name", Specs.THREE_TIERS + "template: {spec: {containers: [{image: x}]}}\n",
            List.of("spec.template.spec.containers[0].name: required")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSpecs")
  void reportsEveryProblemWithItsFieldPath(String description, String yaml, List<String> expected) {
    List<SpecProblem> problems = AgentTypeValidator.validate(Specs.spec(yaml));

    assertThat(problems).extracting(SpecProblem::toString).containsExactlyElementsOf(expected);
    assertThat(PolicyReader.read(Specs.spec(yaml)).policy()).isEmpty();
  }

  @Test
  void reportsAllProblemsAtOnce() {
    List<SpecProblem> problems = AgentTypeValidator.validate(Specs.spec("""
        providerChain:
        - {provider: anthropic, model: ""}
        - {provider: ollama, model: m}
        failover: {cooldownSeconds: -3, tokenBudget: {limitTokens: 0, window: soon}}
        """));

    assertThat(problems).extracting(SpecProblem::path).containsExactly(
        "spec.providerChain[0].model",
        "spec.providerChain[0].credentialsSecretRef",
        "spec.providerChain[1].baseUrl",
        "spec.failover.cooldownSeconds",
        "spec.failover.tokenBudget.limitTokens",
        "spec.failover.tokenBudget.window");
  }

  @Test
  void acceptsTheSpecExample() {
    assertThat(AgentTypeValidator.validate(Specs.spec(Specs.THREE_TIERS + """
        failover:
          cooldownSeconds: 900
          onExhausted: Pause
          triggers: [auth, quota, rateLimit, serverError, tokenBudget]
          serverErrorThreshold: 3
          tokenBudget: {limitTokens: 5000000, window: 5h}
        """))).isEmpty();
  }

  @Test
  void acceptsAMissingSpecAsAProblemRatherThanAnException() {
    assertThat(AgentTypeValidator.validate(null)).extracting(SpecProblem::toString).containsExactly("spec: required");
  }
}
