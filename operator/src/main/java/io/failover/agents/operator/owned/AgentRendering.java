package io.failover.agents.operator.owned;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.failover.agents.api.Agent;
import io.failover.agents.api.AgentType;
import io.failover.agents.core.AgentRef;
import io.failover.agents.core.failover.FailoverState;
import io.failover.agents.core.provider.AgentEnv;
import io.failover.agents.core.provider.ProviderTier;
import io.failover.agents.operator.inputs.AgentInputs;
import io.failover.agents.operator.intake.ReportTokens;
import io.failover.agents.operator.kubernetes.SecretValues;
import java.util.Map;
import java.util.Optional;

/**
 * The desired env Secret and Deployment for an agent's current state, or why they cannot be
 * rendered: nothing is half-rendered when a credentials Secret or key is missing.
 */
public final class AgentRendering {
  private final String reportUrlBase;

  /** @param reportUrlBase the base URL agents use to reach the intake API */
  public AgentRendering(String reportUrlBase) {
    this.reportUrlBase = reportUrlBase.replaceAll("/+$", "");
  }

  public record Rendered(Secret secret, Deployment deployment) {}

  public record Result(Optional<Rendered> rendered, Optional<AgentInputs.NotReady> notReady) {}

  /**
   * @param credentials provider credentials Secrets (opt-in by label)
   * @param owned the operator's own Secrets (the env Secret keeps the report token)
   */
  public Result render(AgentInputs inputs, FailoverState state, CredentialSecrets credentials, SecretLookup owned) {
    Agent agent = inputs.agent();
    String namespace = agent.getMetadata().getNamespace();
    ProviderTier tier = inputs.policy().tier(state.tier());
    Optional<String> apiKey = Optional.empty();
    if (tier.credentials().isPresent()) {
      ProviderTier.CredentialsRef ref = tier.credentials().get();
      CredentialSecrets.Lookup lookup = credentials.find(namespace, ref.secretName());
      Optional<Secret> secret = lookup.secret();
      if (lookup.existsWithoutLabel()) {
        return new Result(Optional.empty(), Optional.of(new AgentInputs.NotReady("CredentialsNotAllowed",
            "Secret " + namespace + "/" + ref.secretName() + " (credentials of tier " + state.tier() + ", "
                + tier.provider().wireName() + ") does not carry the label " + AgentType.CREDENTIALS_LABEL
                + "=true that allows the operator to use it as provider credentials")));
      }
      if (secret.isEmpty()) {
        return notReady("Secret " + namespace + "/" + ref.secretName() + " not found (credentials of tier "
            + state.tier() + ", " + tier.provider().wireName() + ")");
      }
      apiKey = SecretValues.of(secret.get(), ref.key());
      if (apiKey.isEmpty()) {
        return notReady("Secret " + namespace + "/" + ref.secretName() + " has no key \"" + ref.key()
            + "\" (credentials of tier " + state.tier() + ", " + tier.provider().wireName() + ")");
      }
    }
    AgentRef ref = new AgentRef(namespace, agent.getMetadata().getName());
    String token = ReportTokens.keptOrMinted(owned.get(namespace, OwnedLabels.envSecretName(ref.name())));
    Map<String, String> env = AgentEnv.forTier(ref, state.tier(), tier, apiKey, reportUrl(ref), token);
    Secret secret = EnvSecretRenderer.desired(agent, env);
    Deployment deployment = DeploymentRenderer.desired(agent, inputs.template(),
        EnvSecretRenderer.dataHash(secret.getData()), state.paused() ? 0 : replicas(agent));
    return new Result(Optional.of(new Rendered(secret, deployment)), Optional.empty());
  }

  String reportUrl(AgentRef agent) {
    return reportUrlBase + "/api/v1/namespaces/" + agent.namespace() + "/agents/" + agent.name() + "/outcomes";
  }

  private static int replicas(Agent agent) {
    Integer replicas = agent.getSpec().getReplicas();
    return replicas == null ? 1 : Math.max(0, replicas);
  }

  private static Result notReady(String message) {
    return new Result(Optional.empty(), Optional.of(new AgentInputs.NotReady("CredentialsNotFound", message)));
  }
}
